"""What the scheduler sends through a channel without buttons has its menu numbered in
handlers, in the language of the person it goes to, before the channel sees it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.channels.zalo_bot.channel import ZaloBotChannel, ZaloBotConfig
from bot.wiring import Channels, channel_probes
from handlers.io import Button, Capabilities, Reply, rows
from handlers.outbound.numbered_menu import NumberedMenus, menus_numbered
from handlers.texts import En, Vi
from storage.models import ChatAccount

REMINDER = Reply(
    "Reminder", buttons=rows([Button("Evidence", "/minhchung"), Button("Progress", "/tiendo")])
)


class Recording:
    """A channel that keeps what it is given."""

    name = "zalo_bot"

    def __init__(self, capabilities: Capabilities) -> None:
        self.capabilities = capabilities
        self.sent: list[Reply] = []

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        self.sent.extend(replies)
        return [str(len(self.sent))]

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self.sent.append(reply)


async def test_menus_numbered_in_the_persons_language(sessionmaker) -> None:
    async with sessionmaker() as session, session.begin():
        session.add(
            ChatAccount(channel="zalo_bot", external_user_id="u", chat_id="c", language="en")
        )
    channel = Recording(Capabilities(numbered_menus=True))
    sender = menus_numbered(channel, sessionmaker, "vi")
    await sender.send("c", [REMINDER])
    await sender.edit("someone else", "1", REMINDER)
    english, default = channel.sent
    assert english.buttons == () and default.buttons == ()
    assert english.text.startswith("Reminder\n\n1. Evidence\n2. Progress\n\n")
    assert english.text.endswith(En.ZALO_ANSWER_WITH.format(choices="1 or 2"))
    assert default.text.endswith(Vi.ZALO_ANSWER_WITH.format(choices="1 hoặc 2"))


async def test_a_channel_with_buttons_gets_them(sessionmaker) -> None:
    channel = Recording(Capabilities(buttons=True))
    assert menus_numbered(channel, sessionmaker, "vi") is channel


async def test_the_scheduler_gets_the_zalo_bot_wrapped_and_still_probed(router, sessionmaker):
    channel = ZaloBotChannel(router, ZaloBotConfig(token="t"))
    senders = Channels(zalo=[channel], sessionmaker=sessionmaker).senders
    assert isinstance(senders[channel.name], NumberedMenus)
    assert senders[channel.name].inner is channel
    assert set(channel_probes(senders)) == {channel.name}
    await channel.close()
