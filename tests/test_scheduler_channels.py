"""`python -m bot scheduler` alone, as a process, sends on every channel whose credentials
are set: a broadcast reaches people on Telegram, the Zalo bot and the Zalo OA once each,
and the admin's report arrives on Telegram."""

from __future__ import annotations

import asyncio
import signal
import sys
from datetime import UTC, datetime

from sqlmodel import select

from bot.demo import load_demo
from storage import migrate
from storage.db import create_engine, make_sessionmaker
from storage.models import OrgUnit
from storage.services import accounts, broadcasts, people
from tests.support.cli_support import ROOT
from tests.support.zalo_helpers import TOKEN, USER
from tests.support.zalo_oa_helpers import APP_ID, APP_SECRET, OA_SECRET, OA_USER
from tests.test_scheduler_processes import scheduler_env

TEXT = "Họp toàn thể lúc 14 giờ"
ADMIN_CHAT, STAFF_CHAT = 900, 901


async def _link(session, code: str, channel: str, chat_id: str, now: datetime) -> None:
    person = await people.find_by_code(session, code)
    account = await accounts.get_or_create_account(
        session, channel=channel, external_user_id=chat_id, chat_id=chat_id
    )
    await accounts.link(session, account, person, now=now, how="test")
    await accounts.record_consent(session, account, now)
    account.last_seen_at = now


async def _seed(url: str) -> None:
    """The admin on Telegram; three people of Hà Nội, each on another channel; a broadcast
    to Hà Nội queued."""
    engine = create_engine(url)
    await migrate.upgrade(engine)
    now = datetime.now(UTC)
    async with make_sessionmaker(engine)() as session, session.begin():
        await load_demo(session, now.date())
        await _link(session, "TCT0001", "telegram", str(ADMIN_CHAT), now)
        await _link(session, "HNI0014", "telegram", str(STAFF_CHAT), now)
        await _link(session, "HNI0015", "zalo_bot", USER, now)
        await _link(session, "HNI0004", "zalo_oa", OA_USER, now)
        admin = await people.find_by_code(session, "TCT0001")
        account = await accounts.find_account(session, "telegram", str(ADMIN_CHAT))
        centre = (await session.exec(select(OrgUnit).where(OrgUnit.code == "HNI"))).one()
        request = broadcasts.BroadcastCreate(text=TEXT, audience="unit", unit_id=centre.id)
        await broadcasts.create(session, actor=admin, account_id=account.id, data=request, now=now)
    await engine.dispose()


async def test_the_scheduler_alone_sends_on_every_configured_channel(
    fake_telegram, zalo_bot_fake, zalo_oa_fake, cli_env
):
    tg = fake_telegram
    staff, admin = tg.user(STAFF_CHAT), tg.user(ADMIN_CHAT)
    zalo_bot_fake.user_sends_text(USER, "xin chào")  # people who wrote to the bot and the OA
    zalo_oa_fake.idle(OA_USER, 0)
    env = {
        **scheduler_env(cli_env),
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.base_url,
        "TELEGRAM_FILE_BASE_URL": tg.file_base_url,
        "ZALO_BOT_TOKEN": TOKEN,
        "ZALO_API_BASE_URL": zalo_bot_fake.url,
        "ZALO_OA_APP_ID": APP_ID,
        "ZALO_OA_SECRET_KEY": APP_SECRET,
        "ZALO_OA_WEBHOOK_SECRET_KEY": OA_SECRET,
        "ZALO_OA_REFRESH_TOKEN": zalo_oa_fake.issue_refresh_token(),
        "ZALO_OA_API_BASE_URL": zalo_oa_fake.url,
        "ZALO_OA_OAUTH_BASE_URL": zalo_oa_fake.url,
    }
    await _seed(env["DATABASE_URL"])
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "scheduler", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await tg.wait_for(
            lambda s: any("Báo cáo thông báo #1:" in m.text for m in admin.messages),
            timeout=60,
        )
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    finally:
        if process.returncode is None:
            process.kill()
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert [m.text for m in staff.messages if TEXT in m.text] == [f"📢 Thông báo\n{TEXT}"]
    assert [m for m in zalo_bot_fake.sent_to(USER) if TEXT in m] == [f"📢 Thông báo\n{TEXT}"]
    assert [m["text"] for m in zalo_oa_fake.sent_to(OA_USER) if TEXT in m.get("text", "")] == [
        f"📢 Thông báo\n{TEXT}"
    ]
    assert zalo_bot_fake.calls("getUpdates") == [] and zalo_bot_fake.calls("setWebhook") == []
    assert tg.calls_to("getUpdates") == []  # the bot process takes the updates, not this one
