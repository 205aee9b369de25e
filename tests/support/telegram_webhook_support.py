"""The Telegram adapter taking updates by webhook, in this process, with the fake Bot API
for its calls; tests post the updates as Telegram would."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.channels.telegram.webhook import SECRET_HEADER, TelegramWebhook
from bot.channels.webhooks import WebhookServer
from bot.runner import ALLOWED_UPDATES, serve_telegram_webhook
from bot.settings import Settings
from handlers.router import Router
from storage.db import SessionMaker
from tests.fakes.telegram_server import FakeTelegram
from tests.support.telegram_support import channel_for

SECRET = "s3cret_Token-for-tests"
URL = "https://bot.example.vn/telegram"


def webhook_for(
    tg: FakeTelegram,
    router: Router,
    sessionmaker: SessionMaker,
    engine: AsyncEngine,
    **options: Any,
) -> TelegramWebhook:
    channel = channel_for(tg, router, sessionmaker)
    return TelegramWebhook(
        channel,
        sessionmaker,
        engine,
        secret=SECRET,
        allowed_updates=ALLOWED_UPDATES,
        sweep_seconds=options.pop("sweep_seconds", 60),
        **options,
    )


@asynccontextmanager
async def serving(hook: TelegramWebhook, tg: FakeTelegram) -> AsyncIterator[WebhookServer]:
    """The hook behind its own webhook server on a free port, registered with the fake."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=tg.token,
        telegram_webhook_url=URL,
        telegram_webhook_secret=SECRET,
        telegram_webhook_max_connections=12,
    )
    server = WebhookServer("127.0.0.1", 0)
    server.add(settings.telegram_webhook_path, hook.endpoint)
    stop = asyncio.Event()
    task = asyncio.create_task(serve_telegram_webhook(hook, server, stop, True, settings))
    try:
        await asyncio.wait_for(hook.ready.wait(), timeout=30)
        yield server
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)


async def post(
    port: int,
    update: Any,
    secret: str | None = SECRET,
    *,
    raw: bytes | None = None,
    path: str = "/telegram",
) -> int:
    """POST an update as Telegram does; the HTTP status the bot answered."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    content = raw if raw is not None else json.dumps(update).encode()
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(
            f"http://127.0.0.1:{port}{path}", content=content, headers=headers
        )
    return response.status_code
