"""Driving the Zalo channels in tests: a person typing into a fake Zalo server and
reading what the bot sent back."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, Protocol

from sqlmodel import select

from bot.channels.webhooks import WebhookServer
from bot.channels.zalo_bot.channel import ZaloBotChannel, ZaloBotConfig
from handlers.io import DeliveryError, OutsideWindow, RecipientBlocked, Reply
from handlers.outbound.payloads import from_payload
from storage.db import SessionMaker
from storage.models import ChatAccount, Outbox, OutboxStatus
from tests.fakes.zalo_bot_server import FakeZaloBotServer

NUMBERED = re.compile(r"^(\d+)\. (.+)$", re.M)

TOKEN = "1459232241454765289:fakeSecretPart"
SECRET = "webhook-secret-1234"
PUBLIC_URL = "https://bot.example.vn/zalo/bot"
USER = "6ede9afa66b88fe6d6a9"
# Both Zalo channels in tests: no pacing, short timeouts, quick retries.
SEND_AT_ONCE: dict[str, Any] = dict(
    per_second=1000,
    per_chat_per_second=1000,
    chat_burst=1000,
    send_timeout=2,
    backoff_first_delay=0.01,
    rate_limit_wait=0.01,
)


def serve_fake() -> Iterator[FakeZaloBotServer]:
    """A started fake Zalo Bot server, stopped afterwards (for fixtures)."""
    server = FakeZaloBotServer(TOKEN).start()
    yield server
    server.stop()


def config_for(fake: FakeZaloBotServer, **options) -> ZaloBotConfig:
    values = dict(
        token=TOKEN,
        api_base_url=fake.url,
        poll_timeout=2,
        **SEND_AT_ONCE,
    )
    return ZaloBotConfig(**(values | options))


class Person:
    """Someone on Zalo typing to the bot."""

    def __init__(self, fake: FakeZaloBotServer, channel: ZaloBotChannel, user_id: str = USER):
        self.fake, self.channel, self.user_id = fake, channel, user_id
        self.seen = ""

    async def _after(self, act) -> str:
        before = len(self.fake.sent_to(self.user_id))
        await asyncio.to_thread(act)
        await self.fake.wait_for(lambda: len(self.fake.sent_to(self.user_id)) > before)
        await self.channel.dispatcher.drain()
        self.seen = "\n".join(self.fake.sent_to(self.user_id)[before:])
        return self.seen

    async def say(self, text: str) -> str:
        return await self._after(lambda: self.fake.user_sends_text(self.user_id, text))

    async def pick(self, label: str) -> str:
        return await self.say(str(number_of(self.seen, label)))

    async def photo(self, data: bytes, caption: str | None = None) -> str:
        return await self._after(lambda: self.fake.user_sends_image(self.user_id, data, caption))

    async def unsupported(self) -> str:
        return await self._after(lambda: self.fake.user_sends_unsupported(self.user_id))


class Running(Protocol):
    async def open(self, server: WebhookServer | None = None) -> None: ...
    async def run(self, stop: asyncio.Event) -> None: ...
    async def close(self) -> None: ...


@asynccontextmanager
async def running(channel: Any, server: WebhookServer | None = None):
    """Open the channel, start the webhook server, run until the block ends."""
    await channel.open(server)
    if server is not None:
        await server.start()
    stop = asyncio.Event()
    task = asyncio.create_task(channel.run(stop))
    try:
        yield channel
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
        if server is not None:
            await server.stop()
        await channel.close()


def number_of(text: str, label: str) -> int:
    """The number of the option whose label starts with (or contains) `label`."""
    options = [(int(n), shown) for n, shown in NUMBERED.findall(text)]
    found = [n for n, shown in options if shown.startswith(label)] or [
        n for n, shown in options if label in shown
    ]
    assert found, f"no option {label!r} in {options}"
    return found[-1]


class RecordingSender:
    """A channel that only records what it was asked to send (the Telegram side)."""

    def __init__(self, name: str = "telegram") -> None:
        from handlers.io import Capabilities

        self.name = name
        self.capabilities = Capabilities(buttons=True)
        self.sent: list[tuple[str, str]] = []

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        self.sent.extend((chat_id, reply.text) for reply in replies)
        return [str(len(self.sent))]

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self.sent.append((chat_id, reply.text))


async def drain_outbox(sessionmaker: SessionMaker, senders: dict[str, Any]) -> dict[int, str]:
    """Deliver every pending outbox row through the channel's sender, the way the outbox
    sender does: sent, unreachable (OutsideWindow), blocked, or left for later."""
    async with sessionmaker() as session:
        rows = (await session.exec(select(Outbox).where(Outbox.status == "pending"))).all()
    outcome: dict[int, str] = {}
    for row in rows:
        async with sessionmaker() as session:
            account = await session.get(ChatAccount, row.chat_account_id)
        assert account is not None
        try:
            await senders[account.channel].send(account.chat_id, [from_payload(row.payload)])
            status = OutboxStatus.SENT
        except OutsideWindow:
            status = OutboxStatus.UNREACHABLE
        except RecipientBlocked:
            status = OutboxStatus.BLOCKED
        except DeliveryError:
            status = OutboxStatus.FAILED
        async with sessionmaker() as session, session.begin():
            stored = await session.get(Outbox, row.id)
            assert stored is not None
            stored.status = status
        outcome[row.id or 0] = status
    return outcome
