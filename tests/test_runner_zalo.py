"""`python -m bot` with Zalo credentials: every configured channel in one process, one
webhook server, a channel that cannot start left out without stopping the others."""

from __future__ import annotations

import asyncio
import logging
import socket

import httpx

from bot.app import build_app
from bot.runner import run_channels
from bot.settings import Settings
from handlers.texts import Vi
from tests.support.zalo_helpers import TOKEN, USER
from tests.support.zalo_oa_helpers import APP_ID, APP_SECRET, OA_SECRET, OA_USER


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def settings_for(zalo_bot_fake, zalo_oa_fake, database_url: str, port: int, **extra) -> Settings:
    values = dict(
        database_url=database_url,
        zalo_bot_token=TOKEN,
        zalo_api_base_url=zalo_bot_fake.url,
        zalo_bot_poll_timeout=2,
        zalo_oa_app_id=APP_ID,
        zalo_oa_secret_key=APP_SECRET,
        zalo_oa_webhook_secret_key=OA_SECRET,
        zalo_oa_refresh_token=zalo_oa_fake.issue_refresh_token(),
        zalo_oa_api_base_url=zalo_oa_fake.url,
        zalo_oa_oauth_base_url=zalo_oa_fake.url,
        webhook_port=port,
    )
    return Settings(_env_file=None, **(values | extra))


async def listening(port: int) -> None:
    """Wait for the webhook server (httpx retries refused connections with backoff)."""
    transport = httpx.AsyncHTTPTransport(retries=10)
    async with httpx.AsyncClient(transport=transport) as client:
        answer = await client.get(f"http://127.0.0.1:{port}/healthz")
    assert answer.text == "ok"


async def both_answer(zalo_bot_fake, zalo_oa_fake, *, bot_works: bool = True) -> None:
    oa_event = zalo_oa_fake.event(
        "user_send_text", OA_USER, message={"msg_id": "a1", "text": "/start"}
    )
    assert await asyncio.to_thread(zalo_oa_fake.post_event, oa_event) == 200
    await zalo_oa_fake.wait_for(lambda: len(zalo_oa_fake.sent_to(OA_USER)) == 1)
    assert Vi.PRIVACY_NOTICE in zalo_oa_fake.sent_to(OA_USER)[0]["text"]
    if bot_works:
        zalo_bot_fake.user_sends_text(USER, "/start")
        await zalo_bot_fake.wait_for(lambda: len(zalo_bot_fake.sent_to(USER)) == 1)


async def test_every_configured_channel_runs_in_one_process(
    zalo_bot_fake, zalo_oa_fake, database_url, engine
) -> None:
    port = free_port()
    settings = settings_for(zalo_bot_fake, zalo_oa_fake, database_url, port)
    assert settings.channels_configured and settings.telegram_bot_token is None
    app = await build_app(settings, engine=engine)
    stop = asyncio.Event()
    task = asyncio.create_task(run_channels(app, stop))
    zalo_oa_fake.webhook_url = f"http://127.0.0.1:{port}/zalo/oa"
    await listening(port)
    await both_answer(zalo_bot_fake, zalo_oa_fake)
    stop.set()
    assert await asyncio.wait_for(task, 15) == 0


async def test_a_channel_that_cannot_start_leaves_the_others_running(
    zalo_bot_fake, zalo_oa_fake, database_url, engine, caplog
) -> None:
    port = free_port()
    settings = settings_for(
        zalo_bot_fake, zalo_oa_fake, database_url, port, zalo_bot_token="1:wrong-token"
    )
    app = await build_app(settings, engine=engine)
    stop = asyncio.Event()
    task = asyncio.create_task(run_channels(app, stop))
    zalo_oa_fake.webhook_url = f"http://127.0.0.1:{port}/zalo/oa"
    await listening(port)
    await both_answer(zalo_bot_fake, zalo_oa_fake, bot_works=False)
    stop.set()
    assert await asyncio.wait_for(task, 15) == 0
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("zalo_bot channel could not start: 401" in e for e in errors)
    assert "wrong-token" not in caplog.text
