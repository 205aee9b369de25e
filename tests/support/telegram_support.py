"""Running the real Telegram adapter against the fake Bot API server, and waiting for
what a person would see in their chat."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.channels.telegram.channel import TelegramChannel, TelegramConfig
from bot.runner import serve_telegram
from handlers.router import Router
from storage.db import SessionMaker
from storage.services import accounts
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.telegram_users import FakeUser


def channel_for(
    tg: FakeTelegram,
    router: Router,
    sessionmaker: SessionMaker,
    marked: asyncio.Queue[str] | None = None,
    **options: object,
) -> TelegramChannel:
    """The adapter pointed at the fake; `marked` receives each chat marked blocked."""

    async def on_blocked(chat_id: str, blocked: bool) -> None:
        async with sessionmaker() as session, session.begin():
            await accounts.set_blocked(
                session, channel="telegram", chat_id=chat_id, blocked=blocked
            )
        if marked is not None:
            marked.put_nowait(chat_id)

    # Journeys run fast (the fake enforces no limits unless a test asks); tests of the
    # limits pass Telegram's real rates.
    settings: dict[str, object] = {"per_second": 1000, "per_chat_per_second": 100, **options}
    config = TelegramConfig(
        token=tg.token,
        api_base_url=tg.base_url,
        file_base_url=tg.file_base_url,
        poll_timeout=1,
        backoff_first_delay=0.01,
        **settings,  # type: ignore[arg-type]
    )
    return TelegramChannel(router, config, on_blocked=on_blocked)


@asynccontextmanager
async def running(channel: TelegramChannel) -> AsyncIterator[TelegramChannel]:
    """The channel long-polling the fake; stopped cleanly at the end."""
    stop = asyncio.Event()
    task = asyncio.create_task(serve_telegram(channel, stop, poll_timeout=1))
    try:
        yield channel
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)


async def sees(tg: FakeTelegram, chat_id: int, fragment: str, timeout: float = 15) -> None:
    """Wait until some message in the chat shows `fragment` (after any edits)."""

    def shown(server: FakeTelegram) -> bool:
        return any(fragment in (m.text or "") for m in server.messages(chat_id))

    await tg.wait_for(shown, timeout=timeout)


async def newest_shows(tg: FakeTelegram, chat_id: int, fragment: str, timeout: float = 15) -> None:
    """Wait until the newest message in the chat shows `fragment`."""

    def shown(server: FakeTelegram) -> bool:
        messages = server.messages(chat_id)
        return bool(messages) and fragment in (messages[-1].text or "")

    await tg.wait_for(shown, timeout=timeout)


async def send_and_see(tg: FakeTelegram, user: FakeUser, text: str, fragment: str) -> None:
    """The user sends `text`; wait until their chat shows `fragment`."""
    user.send_text(text)
    await sees(tg, user.chat_id, fragment)


async def press_and_see(tg: FakeTelegram, user: FakeUser, label: str, fragment: str) -> None:
    """The user presses the button `label`; wait until their chat shows `fragment`."""
    user.press(label)
    await sees(tg, user.chat_id, fragment)


async def onboard_by_code(tg: FakeTelegram, user: FakeUser, code: str) -> None:
    """/start, consent, and linking with an invitation code."""
    await send_and_see(tg, user, "/start", "91/2025/QH15")
    await press_and_see(tg, user, "Tôi đồng ý", "Chia sẻ số điện thoại")
    await send_and_see(tg, user, code, "Đã liên kết tài khoản")
