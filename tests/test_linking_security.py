"""Linking accounts safely: one code links one account even when two type it at once,
a phone number a follower could have typed is not proof, invites hashed under a server
key, the other linked accounts told, and no secret in a log line or a settings error."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import stat
from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, text
from sqlmodel import select

from bot import logs
from bot.settings import Settings, describe_errors
from handlers.texts import Vi
from storage.db import create_engine
from storage.errors import DomainError
from storage.models import ChannelSecret, ChatAccount, Invite, InviteFailure, Outbox
from storage.services import accounts, people
from tests.conftest import POSTGRES_URL
from tests.support.cli_support import run_bot
from tests.support.helpers import invite_for, linked, person

PG_ONLY = pytest.mark.skipif(
    not POSTGRES_URL, reason="needs PostgreSQL: two sessions really racing for one row"
)


async def _agreed(chat):
    await chat.send("/start")
    await chat.press("Tôi đồng ý")
    return chat


# -- item 2: one single-use code, two accounts at the same instant ---------------------


@PG_ONLY
async def test_two_accounts_typing_one_code_at_once_link_exactly_one(
    demo, chat_for, sessionmaker, clock
):
    for round_ in range(10):
        code = await invite_for(sessionmaker, clock, "HNI0009")
        first = await _agreed(chat_for(f"a{round_}"))
        second = await _agreed(chat_for(f"b{round_}"))
        replies = await asyncio.gather(first.send(code), second.send(code))
        texts = [r[0].text for r in replies]
        assert sum("Đã liên kết" in r[-1].text for r in replies) == 1, texts
        assert Vi.INVITE_WRONG.format(left=4) in texts
    async with sessionmaker() as session:
        hung = await people.find_by_code(session, "HNI0009")
        linked_accounts = (
            await session.exec(select(ChatAccount).where(ChatAccount.person_id == hung.id))
        ).all()
        failures = (await session.exec(select(func.count()).select_from(InviteFailure))).one()
        used = (await session.exec(select(Invite).where(Invite.used_at.is_not(None)))).all()
    assert len(linked_accounts) == 10 and failures == 10 and len(used) == 10
    assert {i.used_by_account_id for i in used} == {a.id for a in linked_accounts}


@PG_ONLY
async def test_redeem_in_two_sessions_after_a_barrier_takes_the_invite_once(
    demo, sessionmaker, clock
):
    """The service itself, two sessions released together: one link, one counted failure."""
    code = await invite_for(sessionmaker, clock, "HNI0008")
    ids = []
    async with sessionmaker() as session, session.begin():
        for user in ("x", "y"):
            account = await accounts.get_or_create_account(
                session, channel="memory", external_user_id=user, chat_id=user
            )
            ids.append(account.id)
    barrier = asyncio.Barrier(2)

    async def redeem(account_id: int) -> str:
        async with sessionmaker() as session, session.begin():
            account = await session.get(ChatAccount, account_id)
            await barrier.wait()
            try:
                await accounts.redeem_invite(
                    session, account, code, now=clock(), policy=accounts.LockoutPolicy()
                )
            except DomainError as exc:
                return exc.code
            return "linked"

    outcomes = await asyncio.gather(*(redeem(i) for i in ids))
    assert sorted(outcomes) == ["invite_wrong", "linked"]
    async with sessionmaker() as session:
        linked_ = (
            await session.exec(select(ChatAccount).where(ChatAccount.person_id.is_not(None)))
        ).all()
        failures = (await session.exec(select(InviteFailure))).all()
    assert len(linked_) == 1
    assert [f.chat_account_id for f in failures] == [i for i in ids if i != linked_[0].id]


# -- item 7: a typed phone number (the Zalo OA card) is a claim, not proof --------------


async def test_unverified_phone_asks_for_a_code_and_does_not_link(
    demo, chat_for, sessionmaker, clock
):
    code = await invite_for(sessionmaker, clock, "HNI0009")
    chat = await _agreed(chat_for("oa-1", channel="zalo_oa"))
    replies = await chat.share_contact("0900000009", verified=False)
    assert replies[-1].text == Vi.PHONE_CONFIRM
    async with sessionmaker() as session:
        account = (await session.exec(select(ChatAccount))).one()
    assert account.person_id is None
    assert (await chat.send("SAI-MA00"))[0].text == Vi.INVITE_WRONG.format(left=3)
    replies = await chat.send(code)
    assert "Đã liên kết tài khoản. Xin chào Đỗ Văn Hưng" in replies[-1].text


async def test_a_number_on_the_roster_and_one_not_get_the_same_answer(demo, chat_for):
    on_roster = await _agreed(chat_for("oa-2", channel="zalo_oa"))
    stranger = await _agreed(chat_for("oa-3", channel="zalo_oa"))
    a = await on_roster.share_contact("0900000009", verified=False)
    b = await stranger.share_contact("0911111111", verified=False)
    assert [r.text for r in a] == [r.text for r in b] == [Vi.PHONE_CONFIRM]


async def test_phone_tries_and_wrong_codes_share_one_lockout(demo, chat_for, sessionmaker, clock):
    code = await invite_for(sessionmaker, clock, "HNI0009")
    chat = await _agreed(chat_for("oa-4", channel="zalo_oa"))
    for phone in ("0911111111", "0911111112", "0911111113"):
        await chat.share_contact(phone, verified=False)
    assert (await chat.send("SAI-MA00"))[0].text == Vi.INVITE_WRONG.format(left=1)
    replies = await chat.share_contact("0900000009", verified=False)
    assert replies[-1].text.startswith("Anh/chị đã nhập sai mã quá nhiều lần")
    assert "thử lại sau 10:15" in replies[-1].text
    replies = await chat.send(code)  # even the right code waits for the lockout to end
    assert "Đã liên kết" not in replies[-1].text


async def test_one_time_code_goes_to_the_other_account_and_links(
    demo, chat_for, sessionmaker, clock
):
    telegram = await linked(chat_for, sessionmaker, clock, "HNI0009")
    clock.advance(minutes=1)
    oa = await _agreed(chat_for("oa-5", channel="zalo_oa"))
    assert (await oa.share_contact("0900000009", verified=False))[-1].text == Vi.PHONE_CONFIRM
    async with sessionmaker() as session:
        tg_account = (
            await session.exec(
                select(ChatAccount).where(ChatAccount.external_user_id == telegram.user_id)
            )
        ).one()
        rows = (await session.exec(select(Outbox).where(Outbox.source == "link.otp"))).all()
    assert [r.chat_account_id for r in rows] == [tg_account.id]
    message = rows[0].payload["text"]
    assert message.startswith("🔐 Có người đang liên kết một tài khoản Zalo OA")
    otp = re.search(r"mã xác nhận (\d{6})", message).group(1)
    wrong = f"{(int(otp) + 1) % 10**6:06d}"
    assert (await oa.send(wrong))[0].text == Vi.INVITE_WRONG.format(left=3)
    replies = await oa.send(otp)
    assert "Đã liên kết tài khoản. Xin chào Đỗ Văn Hưng" in replies[-1].text
    async with sessionmaker() as session:
        notices = (await session.exec(select(Outbox).where(Outbox.source == "link.notice"))).all()
    assert [n.chat_account_id for n in notices] == [tg_account.id]
    assert notices[0].payload["text"].startswith("🔔 Một tài khoản Zalo OA vừa được liên kết")


async def test_one_time_code_expires_after_ten_minutes(demo, chat_for, sessionmaker, clock):
    await linked(chat_for, sessionmaker, clock, "HNI0009")
    oa = await _agreed(chat_for("oa-6", channel="zalo_oa"))
    await oa.share_contact("0900000009", verified=False)
    async with sessionmaker() as session:
        row = (await session.exec(select(Outbox).where(Outbox.source == "link.otp"))).one()
    otp = re.search(r"(\d{6})", row.payload["text"]).group(1)
    clock.advance(minutes=11)
    assert (await oa.send(otp))[0].text == Vi.INVITE_WRONG.format(left=3)


async def test_the_oa_share_card_is_converted_as_unverified():
    from bot.channels.zalo_oa.convert import to_inbound

    event = {
        "event_name": "user_submit_info",
        "sender": {"id": "f1"},
        "recipient": {"id": "oa"},
        "timestamp": "1",
        "info": {"name": "X", "phone": "84900000009"},
    }

    async def no_fetch(url: str) -> bytes:
        raise AssertionError

    inbound = await to_inbound(event, no_fetch, 1000)
    assert inbound is not None and inbound.contact is not None
    assert inbound.contact.is_own and not inbound.contact.verified


async def test_telegram_own_contact_still_links_in_one_tap_and_revokes_the_invite(
    demo, chat_for, sessionmaker, clock
):
    old_code = await invite_for(sessionmaker, clock, "HNI0009")
    chat = await _agreed(chat_for("tg-1"))
    replies = await chat.share_contact("+84 900 000 009")
    assert "Đã liên kết tài khoản. Xin chào Đỗ Văn Hưng" in replies[-1].text
    async with sessionmaker() as session:
        invite = (await session.exec(select(Invite))).one()
    assert invite.revoked_at == clock() and invite.used_at is None
    later = await _agreed(chat_for("tg-2"))
    assert (await later.send(old_code))[0].text == Vi.INVITE_WRONG.format(left=4)


async def test_other_linked_accounts_are_told_of_a_new_link(demo, chat_for, sessionmaker, clock):
    first = await linked(chat_for, sessionmaker, clock, "HNI0009")
    async with sessionmaker() as session:
        assert (await session.exec(select(Outbox))).all() == []  # the first link: nobody else
    second = await _agreed(chat_for("tg-3"))
    await second.share_contact("0900000009")
    async with sessionmaker() as session:
        rows = (await session.exec(select(Outbox))).all()
        first_account = (
            await session.exec(
                select(ChatAccount).where(ChatAccount.external_user_id == first.user_id)
            )
        ).one()
    assert [(r.source, r.chat_account_id) for r in rows] == [("link.notice", first_account.id)]
    assert rows[0].payload["text"] == Vi.LINK_NOTICE.format(channel="thử nghiệm", time="10:00")


# -- item 15: invite codes hashed under a server key ------------------------------------


async def test_invite_secret_setting_is_the_hmac_key(demo, sessionmaker, clock):
    async with sessionmaker() as session, session.begin():
        hung = await people.find_by_code(session, "HNI0009")
        code = await accounts.issue_invite(session, hung, ttl_days=1, now=clock(), secret="k" * 32)
    async with sessionmaker() as session:
        invite = (await session.exec(select(Invite))).one()
        assert await session.get(ChannelSecret, accounts.INVITE_KEY_NAME) is None
    assert invite.code_hash == accounts.hash_code(code, b"k" * 32)
    async with sessionmaker() as session, session.begin():
        account = await accounts.get_or_create_account(
            session, channel="memory", external_user_id="z", chat_id="z"
        )
        with pytest.raises(DomainError):  # the generated key is another key: not found
            await accounts.redeem_invite(
                session, account, code, now=clock(), policy=accounts.LockoutPolicy()
            )
        found = await accounts.redeem_invite(
            session, account, code, now=clock(), policy=accounts.LockoutPolicy(), secret="k" * 32
        )
    assert found.employee_code == "HNI0009"


async def test_a_code_stored_as_plain_sha256_before_still_works_until_it_expires(
    demo, chat_for, sessionmaker, clock
):
    hung = await person(sessionmaker, "HNI0009")
    async with sessionmaker() as session, session.begin():
        session.add(
            Invite(
                code_hash=hashlib.sha256(b"ABCD2345").hexdigest(),
                person_id=hung.id,
                created_at=clock(),
                expires_at=clock() + timedelta(days=3),
            )
        )
    chat = await _agreed(chat_for())
    assert "Đã liên kết" in (await chat.send("abcd-2345"))[-1].text


async def test_invite_all_writes_a_private_file_and_keeps_old_codes_if_it_cannot(cli_env, tmp_path):
    assert run_bot(cli_env, "demo").returncode == 0
    old = run_bot(cli_env, "invite", "HNI0009").stdout.split(": ", 1)[1].split()[0]
    blocked = tmp_path / "taken"
    blocked.mkdir()  # a folder where the file should go: the rename fails
    result = run_bot(cli_env, "invite", "--all", "--out", str(blocked))
    assert result.returncode == 1
    assert "Chưa tạo mã mới nào; các mã mời cũ vẫn dùng được" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.glob(".taken.*")) == []  # no temporary file left behind
    out = tmp_path / "invites.csv"
    result = run_bot(cli_env, "invite", "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    new = next(r for r in rows if r.startswith("HNI0009,")).split(",")[4]
    chat = run_bot(cli_env, "chat", "--chat-id", "7", stdin=f"1\n{old}\n{new}\n")
    assert "Mã mời không đúng" in chat.stdout and "Xin chào Đỗ Văn Hưng" in chat.stdout


async def test_invite_all_old_codes_work_when_the_file_fails(cli_env, tmp_path):
    assert run_bot(cli_env, "demo").returncode == 0
    old = run_bot(cli_env, "invite", "HNI0009").stdout.split(": ", 1)[1].split()[0]
    blocked = tmp_path / "taken"
    blocked.mkdir()
    assert run_bot(cli_env, "invite", "--all", "--out", str(blocked)).returncode == 1
    chat = run_bot(cli_env, "chat", "--chat-id", "8", stdin=f"1\n{old}\n")
    assert "Xin chào Đỗ Văn Hưng" in chat.stdout


# -- item 15: logs and settings errors -----------------------------------------------------

TOKEN = "123456789:AAF-secret-token-value-abcdefghijklmnopq"


def test_a_token_inside_a_traceback_is_redacted(capsys):
    logs.setup("INFO", secrets=["oa-secret-value-42"])
    logger = logging.getLogger("test.redaction")
    try:
        raise RuntimeError(
            f"GET https://api.telegram.org/bot{TOKEN}/getUpdates failed; "
            "refresh_token=abc123xyz&secret_key=oa-secret-value-42"
        )
    except RuntimeError:
        logger.exception("poll failed for %s", f"https://api.telegram.org/bot{TOKEN}/x")
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError" in err
    for secret in ("AAF-secret-token", "123456789:", "abc123xyz", "oa-secret-value-42"):
        assert secret not in err, err
    assert "/bot<token>/getUpdates" in err
    logging.getLogger().handlers[:] = []


async def test_sql_errors_do_not_carry_their_parameters(database_url, postgres_schema):
    engine = create_engine(database_url, schema=postgres_schema)
    try:
        async with engine.connect() as connection:
            with pytest.raises(Exception) as caught:
                await connection.execute(
                    text("INSERT INTO person (id, full_name) VALUES (:id, :name)"),
                    {"id": "x", "name": "Nguyễn Bí Mật"},
                )
    finally:
        await engine.dispose()
    assert "Nguyễn Bí Mật" not in str(caught.value)
    assert "hidden due to hide_parameters" in str(caught.value)


def test_a_bad_setting_is_named_without_its_value(monkeypatch, cli_env):
    monkeypatch.setenv("ZALO_BOT_WEBHOOK_SECRET", "tiny7ab")
    monkeypatch.setenv("WEBHOOK_PORT", "s3cr3t-port-value")
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)
    described = describe_errors(caught.value)
    assert "ZALO_BOT_WEBHOOK_SECRET" in described and "WEBHOOK_PORT" in described
    assert "tiny7ab" not in described and "s3cr3t-port-value" not in described
    env = {**cli_env, "ZALO_BOT_WEBHOOK_SECRET": "tiny7ab"}
    result = run_bot(env, "demo")
    assert result.returncode == 2 and "ZALO_BOT_WEBHOOK_SECRET" in result.stderr
    assert "tiny7ab" not in result.stderr
