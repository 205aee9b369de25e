"""Operating the bot: /healthz, /readyz and /metrics over real HTTP on the process's own
server, as a load balancer and Prometheus would ask them."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import select
from telegram.error import TelegramError

from bot import scheduling
from bot.app import App, build_app
from bot.channels.webhooks import WebhookServer
from bot.ops import OpsRoutes
from bot.runner import run_channels
from bot.settings import Settings
from handlers.io import Reply
from handlers.outbound.payloads import to_payload
from handlers.router import Router
from storage import migrate
from storage.db import create_engine, make_sessionmaker
from storage.models import ChatAccount, Outbox
from storage.services import accounts
from storage.types import utcnow
from tests.fakes.telegram_server import FakeTelegram
from tests.support.cli_support import run_bot
from tests.support.helpers import person
from tests.support.telegram_support import channel_for, sees
from tests.support.zalo_helpers import TOKEN, USER
from tests.support.zalo_oa_helpers import APP_SECRET, OA_USER
from tests.test_runner_zalo import both_answer
from tests.test_runner_zalo import settings_for as zalo_settings

CHAT_ID = 987654321  # distinctive: it must never show up in the metrics


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a Prometheus text page, by name and labels."""
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(page: dict, name: str, **labels: str) -> float:
    return page.get((name, frozenset(labels.items())), 0.0)


async def eventually_ready(http: httpx.AsyncClient, timeout: float = 30) -> dict[str, str]:
    """Poll /readyz like a load balancer until it says 200."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        answer = await http.get("/readyz")
        if answer.status_code == 200:
            return answer.json()
        assert asyncio.get_running_loop().time() < deadline, answer.text
        await asyncio.sleep(0.2)


async def scrape_until(http: httpx.AsyncClient, settled, timeout: float = 15) -> str:  # type: ignore[no-untyped-def]
    """Scrape like Prometheus until `settled(page)` (the sender marks a row sent just
    after Telegram has it)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        text = (await http.get("/metrics")).text
        if settled(samples(text)) or asyncio.get_running_loop().time() > deadline:
            return text
        await asyncio.sleep(0.2)


async def alive(http: httpx.AsyncClient, timeout: float = 20) -> str:
    """/healthz, once the server listens."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            return (await http.get("/healthz")).text
        except httpx.ConnectError:
            assert asyncio.get_running_loop().time() < deadline, "nothing listens"
            await asyncio.sleep(0.1)


@asynccontextmanager
async def bot_running(app: App, port: int) -> AsyncIterator[httpx.AsyncClient]:
    stop = asyncio.Event()
    task = asyncio.create_task(run_channels(app, stop))
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            assert await alive(http) == "ok"
            yield http
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 30) == 0


@pytest.fixture
def own_leader_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A leader lock of this test's own, so another process on the machine cannot hold it."""
    original = scheduling.scheduler_config

    def config(settings: Settings):  # type: ignore[no-untyped-def]
        return dataclasses.replace(original(settings), lock_key=7_300_000 + os.getpid())

    monkeypatch.setattr(scheduling, "scheduler_config", config)


def telegram_settings(tg: FakeTelegram, database_url: str, port: int, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,
        database_url=database_url,
        files_dir=tmp_path / "files",
        telegram_bot_token=tg.token,
        telegram_api_base_url=tg.base_url,
        telegram_file_base_url=tg.file_base_url,
        telegram_poll_timeout=1,
        telegram_rate_per_second=1000,
        telegram_rate_per_chat=100,
        webhook_port=port,
        sender_poll_seconds=0.2,
        leader_poll_seconds=1,
    )


async def invite(app: App, code: str) -> str:
    found = await person(app.sessionmaker, code)
    async with app.sessionmaker() as session, session.begin():
        return await accounts.issue_invite(session, found, ttl_days=14, now=utcnow())


async def test_a_running_bot_is_ready_and_counts_what_it_does_without_naming_anyone(
    demo, fake_telegram, database_url, engine, tmp_path, own_leader_lock
) -> None:
    tg = fake_telegram
    port = free_port()
    app = await build_app(telegram_settings(tg, database_url, port, tmp_path), engine=engine)
    staff = await person(app.sessionmaker, "HNI0008")
    code = await invite(app, "HNI0008")
    user = tg.user(CHAT_ID, first_name="Mật Danh")
    async with bot_running(app, port) as http:
        ready = await eventually_ready(http)
        assert ready == {
            "database": "ok",
            "migrations": "ok",
            "telegram": "ok",
            "scheduler": "leader",
        }
        user.send_text("/start")  # command
        await sees(tg, CHAT_ID, "91/2025/QH15")
        user.press("Tôi đồng ý")  # button
        await sees(tg, CHAT_ID, "Chia sẻ số điện thoại")
        user.send_text(code)  # text
        await sees(tg, CHAT_ID, "Đã liên kết tài khoản")
        tg.fail_next("sendMessage", 429, retry_after=1)
        user.send_text("/ngonngu")  # command; the language flow stays open
        await sees(tg, CHAT_ID, "Chọn ngôn ngữ")
        async with app.sessionmaker() as session, session.begin():
            found = select(ChatAccount).where(ChatAccount.chat_id == str(CHAT_ID))
            account = (await session.exec(found)).one()
            for n, status in enumerate(("pending", "failed")):
                session.add(
                    Outbox(
                        source="test",
                        occurrence=str(n),
                        chat_account_id=account.id,
                        person_id=staff.id,
                        payload=to_payload(Reply("Nhắc việc: hạn nộp minh chứng")),
                        status=status,
                        urgent=True,  # not held back by the quiet hours
                    )
                )
        await sees(tg, CHAT_ID, "Nhắc việc: hạn nộp minh chứng")
        page_text = await scrape_until(
            http, lambda page: value(page, "bot_outbox_rows", channel="telegram", status="sent")
        )
        assert (await http.get("/readyz")).status_code == 200
    page = samples(page_text)
    updates = {
        kind: value(page, "bot_updates_total", channel="telegram", kind=kind)
        for kind in ("command", "button", "text")
    }
    assert updates == {"command": 2, "button": 1, "text": 1}
    assert value(page, "bot_update_handling_seconds_count", channel="telegram") == 4
    calls = {"channel": "telegram", "method": "sendMessage"}
    assert value(page, "bot_api_calls_total", **calls, outcome="429") == 1
    assert value(page, "bot_api_calls_total", **calls, outcome="ok") >= 4
    assert (
        value(page, "bot_api_calls_total", channel="telegram", method="getUpdates", outcome="ok")
        >= 1
    )
    assert value(page, "bot_outbox_sent_messages_total", channel="telegram") == 1
    assert value(page, "bot_outbox_rows", channel="telegram", status="sent") == 1
    assert value(page, "bot_outbox_rows", channel="telegram", status="failed") == 1
    assert value(page, "bot_open_conversations") == 1
    assert value(page, "bot_scheduler_leader") == 1
    assert value(page, "bot_metrics_database_up") == 1
    assert not [key for key in page if key[0] == "bot_update_errors_total"]
    label_values = {v for _, labels in page for _, v in labels}
    personal = {
        str(staff.id),
        str(CHAT_ID),
        staff.full_name,
        staff.phone or "",
        tg.token,
        "Mật Danh",
    }
    assert not label_values & personal
    for secret in (str(CHAT_ID), staff.full_name, tg.token, tg.token.split(":")[1], "Mật Danh"):
        assert secret not in page_text
    if staff.phone:
        assert staff.phone not in page_text


async def ops_server(app: App, channels: list[str]) -> tuple[WebhookServer, httpx.AsyncClient]:
    server = WebhookServer("127.0.0.1", 0)
    OpsRoutes(app, channels).install(server)
    await server.start()
    return server, httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}", timeout=10)


async def test_readiness_names_a_channel_silent_for_too_long(engine, database_url) -> None:
    now = [1000.0]
    settings = Settings(_env_file=None, database_url=database_url, ready_channel_seconds=120)
    app = await build_app(settings, engine=engine)
    app.health.clock = lambda: now[0]
    server, http = await ops_server(app, ["telegram", "zalo_bot"])
    try:
        first = await http.get("/readyz")
        assert first.status_code == 503
        assert first.json()["telegram"] == "no successful API call yet"
        app.health.record("telegram")
        app.health.record("zalo_bot")
        assert (await http.get("/readyz")).status_code == 200
        now[0] += 312
        app.health.record("zalo_bot")
        stale = await http.get("/readyz")
    finally:
        await http.aclose()
        await server.stop()
    assert stale.status_code == 503
    assert stale.json() == {
        "database": "ok",
        "migrations": "ok",
        "telegram": "no successful API call in 312 s",
        "zalo_bot": "ok",
    }


async def test_readiness_refuses_a_database_behind_this_code(tmp_path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    await migrate.upgrade(engine, "0004")
    sessionmaker = make_sessionmaker(engine)
    settings = Settings(_env_file=None, database_url=url)
    app = App(settings, engine, sessionmaker, Router(sessionmaker, None))  # type: ignore[arg-type]
    server, http = await ops_server(app, [])
    try:
        answer = await http.get("/readyz")
    finally:
        await http.aclose()
        await server.stop()
        await engine.dispose()
    head = migrate_head()
    assert answer.status_code == 503
    assert answer.json() == {"database": "ok", "migrations": f"behind: 0004 < {head}"}


def migrate_head() -> str:
    from bot.health import migration_head

    return migration_head()


async def test_readiness_says_the_database_is_down_without_its_password(tmp_path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+asyncpg://bot:s3cr3t-pw@127.0.0.1:{port}/bot"
    engine = create_engine(url)
    sessionmaker = make_sessionmaker(engine)
    settings = Settings(_env_file=None, database_url=url, ready_database_timeout=2)
    app = App(settings, engine, sessionmaker, Router(sessionmaker, None))  # type: ignore[arg-type]
    server, http = await ops_server(app, [])
    try:
        ready = await http.get("/readyz")
        metrics = await http.get("/metrics")
        health = await http.get("/healthz")
    finally:
        await http.aclose()
        await server.stop()
        await engine.dispose()
    assert health.status_code == 200
    assert ready.status_code == 503
    body = ready.json()
    assert body["database"].startswith("unreachable (") and body["migrations"] == "unknown"
    assert "s3cr3t" not in ready.text and "s3cr3t" not in metrics.text
    assert metrics.status_code == 200
    assert value(samples(metrics.text), "bot_metrics_database_up") == 0


async def test_zalo_channels_are_ready_once_each_has_talked_to_zalo(
    zalo_bot_fake, zalo_oa_fake, database_url, engine
) -> None:
    """The Zalo bot proves itself by polling; the OA, which only waits for webhooks, by
    the idle probe (getoa). Both channels' calls are counted by method and outcome."""
    port = free_port()
    settings = zalo_settings(zalo_bot_fake, zalo_oa_fake, database_url, port)
    app = await build_app(settings, engine=engine)
    zalo_oa_fake.webhook_url = f"http://127.0.0.1:{port}/zalo/oa"
    async with bot_running(app, port) as http:
        ready = await eventually_ready(http)
        await both_answer(zalo_bot_fake, zalo_oa_fake)
        # The fake has the answer a moment before the channel counts the call it made.
        page_text = await scrape_until(
            http,
            lambda page: (
                value(
                    page,
                    "bot_api_calls_total",
                    channel="zalo_bot",
                    outcome="ok",
                    method="sendMessage",
                )
                >= 1
            ),
        )
    assert ready == {
        "database": "ok",
        "migrations": "ok",
        "zalo_bot": "ok",
        "zalo_oa": "ok",
        "scheduler": ready["scheduler"],
    }
    page = samples(page_text)
    bot_calls = {"channel": "zalo_bot", "outcome": "ok"}
    assert value(page, "bot_api_calls_total", **bot_calls, method="getUpdates") >= 1
    assert value(page, "bot_api_calls_total", **bot_calls, method="sendMessage") == 1
    oa_calls = {"channel": "zalo_oa", "outcome": "ok"}
    assert value(page, "bot_api_calls_total", **oa_calls, method="getoa") >= 1
    assert value(page, "bot_api_calls_total", **oa_calls, method="message/cs") == 1
    assert value(page, "bot_updates_total", channel="zalo_oa", kind="command") == 1
    assert value(page, "bot_updates_total", channel="zalo_bot", kind="command") == 1
    for private in (USER, OA_USER, TOKEN, APP_SECRET):
        assert private not in page_text


def test_the_terminal_chat_opens_no_port(cli_env) -> None:
    """A newcomer's `python -m bot` (no token) chats in the terminal and listens on
    nothing: with WEBHOOK_PORT taken by another program it still runs."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        env = {**cli_env, "WEBHOOK_PORT": str(taken.getsockname()[1]), "LOG_LEVEL": "INFO"}
        result = run_bot(env, stdin="/trogiup\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "listening" not in result.stderr


async def test_every_bot_api_outcome_is_told_apart(fake_telegram, router, sessionmaker) -> None:
    """ok, 429, 403, 5xx and network: what an operator alerts on, seen on each request."""
    tg = fake_telegram
    seen: list[tuple[str, str]] = []
    channel = channel_for(tg, router, sessionmaker)
    channel.on_api_call = lambda method, outcome: seen.append((method, outcome))
    channel.application = channel._build()
    bot = channel.application.bot
    tg.user(CHAT_ID)
    async with channel.application:
        await bot.get_me()
        tg.fail_next("getMe", 500)
        with pytest.raises(TelegramError):
            await bot.get_me()
        tg.block(CHAT_ID)
        with pytest.raises(TelegramError):
            await bot.send_message(CHAT_ID, "xin chào")
    assert seen == [("getMe", "ok"), ("getMe", "ok"), ("getMe", "5xx"), ("sendMessage", "403")]
    seen.clear()
    offline = dataclasses.replace(
        channel.config, api_base_url=f"http://127.0.0.1:{free_port()}/bot"
    )
    down = channel_for(tg, router, sessionmaker)
    down.config = offline
    down.on_api_call = lambda method, outcome: seen.append((method, outcome))
    down.application = down._build()
    with pytest.raises(TelegramError):
        await down.application.initialize()  # its getMe finds nobody listening
    assert seen == [("getMe", "network")]
