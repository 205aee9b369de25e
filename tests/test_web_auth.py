"""Signing in to the console: the Mini App's initData, one-time links from `/web`,
sessions (cookie flags, idle and absolute expiry, sign-out), CSRF, and people who stop
being allowed in (withdrawn consent, deactivated) losing their session at once."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.web import initdata
from storage.models import AuditLog, Evidence, EvidenceStatus, Person
from tests.support.helpers import invite_for
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import (
    BOT_TOKEN,
    csrf_of,
    evidenced_entry,
    init_data,
    link_from_chat,
    sign_in,
)

NOW = time.time


# -- initData, on its own ---------------------------------------------------------------


def test_init_data_signed_by_telegram_is_accepted(clock):
    raw = init_data(4242, auth_date=int(clock().timestamp()))
    user = initdata.validate(raw, BOT_TOKEN, now=clock(), max_age=timedelta(days=1))
    assert user.id == 4242 and user.language_code == "vi"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda raw: raw.replace("4242", "4243"),  # another user, same hash
        lambda raw: re.sub(r"hash=[0-9a-f]+", "hash=" + "0" * 64, raw),
        lambda raw: re.sub(r"&hash=[0-9a-f]+", "", raw),
        lambda raw: raw + "&auth_date=1",  # a repeated field
        lambda raw: "not a query string at all",
    ],
)
def test_forged_init_data_is_refused(clock, tamper):
    raw = init_data(4242, auth_date=int(clock().timestamp()))
    with pytest.raises(initdata.InitDataError):
        initdata.validate(tamper(raw), BOT_TOKEN, now=clock(), max_age=timedelta(days=1))


def test_init_data_signed_with_another_bot_token_is_refused(clock):
    raw = init_data(4242, token="999:another-bot", auth_date=int(clock().timestamp()))
    with pytest.raises(initdata.InitDataError):
        initdata.validate(raw, BOT_TOKEN, now=clock(), max_age=timedelta(days=1))


def test_stale_or_future_init_data_is_refused(clock):
    now = int(clock().timestamp())
    day = timedelta(days=1)
    old = init_data(4242, auth_date=now - 86400 - 1)
    with pytest.raises(initdata.InitDataError, match="stale"):
        initdata.validate(old, BOT_TOKEN, now=clock(), max_age=day)
    ahead = init_data(4242, auth_date=now + 3600)
    with pytest.raises(initdata.InitDataError, match="stale"):
        initdata.validate(ahead, BOT_TOKEN, now=clock(), max_age=day)
    assert initdata.validate(
        init_data(4242, auth_date=now - 86400 + 5), BOT_TOKEN, now=clock(), max_age=day
    )


# -- the Mini App sign-in ---------------------------------------------------------------


async def telegram_linked(chat_for, sessionmaker, clock, code: str, user_id: int):
    """A Telegram chat (numeric user id, as Telegram has) linked to `code`."""
    chat = chat_for(str(user_id), channel="telegram")
    await chat.send("/start")
    await chat.press("Tôi đồng ý")
    replies = await chat.send(await invite_for(sessionmaker, clock, code))
    assert "Đã liên kết" in replies[-1].text
    return chat


async def test_mini_app_signs_in_a_linked_telegram_user(
    demo, chat_for, sessionmaker, clock, client
):
    await telegram_linked(chat_for, sessionmaker, clock, "HNI0003", 555001)
    raw = init_data(555001, auth_date=int(clock().timestamp()))
    answer = await client.post("/console/auth/telegram", data={"init_data": raw})
    assert answer.status_code == 200 and answer.json() == {"ok": True, "next": "/console/"}
    cookie = answer.headers["set-cookie"]
    for flag in ("HttpOnly", "Secure", "SameSite=lax", "Path=/console"):
        assert flag.lower() in cookie.lower(), cookie
    home = await client.get("/console/")
    assert "Xin chào, Lê Thị Hạnh" in home.text and "Kiểm tra minh chứng" in home.text


@pytest.mark.parametrize("case", ["forged", "stale", "unknown"])
async def test_mini_app_refuses_forged_stale_and_unknown(
    demo, chat_for, sessionmaker, clock, client, case
):
    await telegram_linked(chat_for, sessionmaker, clock, "HNI0003", 555001)
    now = int(clock().timestamp())
    raw = {
        "forged": init_data(555001, token="1:not-our-bot", auth_date=now),
        "stale": init_data(555001, auth_date=now - 2 * 86400),
        "unknown": init_data(999999, auth_date=now),
    }[case]
    answer = await client.post("/console/auth/telegram", data={"init_data": raw})
    assert answer.status_code == 403 and answer.json()["ok"] is False
    assert "set-cookie" not in answer.headers
    expected = "chưa liên kết" if case == "unknown" else "không hợp lệ"
    assert expected in answer.json()["message"]
    assert (await client.get("/console/review/")).status_code == 303


async def test_mini_app_refuses_withdrawn_consent(demo, chat_for, sessionmaker, clock, client):
    chat = await telegram_linked(chat_for, sessionmaker, clock, "HNI0003", 555001)
    await chat.send("/dulieu")
    await chat.press("Rút lại đồng ý")
    await chat.press("Đúng, rút lại đồng ý")
    raw = init_data(555001, auth_date=int(clock().timestamp()))
    answer = await client.post("/console/auth/telegram", data={"init_data": raw})
    assert answer.status_code == 403 and "chưa liên kết" in answer.json()["message"]


# -- one-time links from /web -----------------------------------------------------------


async def test_link_works_once_and_a_preview_does_not_spend_it(
    demo, chat_for, sessionmaker, clock, client_for
):
    from tests.support.helpers import linked

    chat = await linked(chat_for, sessionmaker, clock, "HNI0003")
    path = await link_from_chat(chat)
    async with client_for() as preview, client_for() as phone, client_for() as thief:
        assert (await preview.get(path)).status_code == 200  # a link preview: GET only
        first = await phone.post(path)
        assert first.status_code == 303
        assert "Lê Thị Hạnh" in (await phone.get("/console/")).text
        again = await thief.post(path)
        assert again.status_code == 403 and "đã được dùng hoặc đã hết hạn" in again.text
        assert (await thief.get("/console/review/")).status_code == 303


async def test_link_expires_after_ten_minutes(demo, chat_for, sessionmaker, clock, client):
    from tests.support.helpers import linked

    chat = await linked(chat_for, sessionmaker, clock, "HNI0003")
    path = await link_from_chat(chat)
    clock.advance(minutes=10, seconds=1)
    answer = await client.post(path)
    assert answer.status_code == 403 and "hết hạn" in answer.text


async def test_made_up_link_is_refused(demo, client):
    answer = await client.post("/console/login/" + "A" * 43)
    assert answer.status_code == 403


async def test_web_without_a_console_says_so(demo, chat_for, sessionmaker, clock, router):
    from handlers.core import Deps
    from handlers.router import Router
    from tests.conftest import ALLOWED
    from tests.fakes.memory import MemoryChat
    from tests.support.helpers import linked

    plain = Router(
        sessionmaker,
        Deps.for_dir(router.deps.files.root, max_bytes=1 << 20, allowed=ALLOWED),
        clock=clock,
    )
    chat = await linked(
        lambda uid, **o: MemoryChat(plain, uid, **o), sessionmaker, clock, "HNI0003"
    )
    replies = await chat.send("/console")
    assert "chưa được bật" in replies[-1].text


# -- sessions ---------------------------------------------------------------------------


async def test_idle_session_expires_and_a_used_one_lives_on(
    demo, chat_for, sessionmaker, clock, client
):
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    for _ in range(3):  # used every 50 minutes: still alive after 2.5 hours
        clock.advance(minutes=50)
        assert (await client.get("/console/review/")).status_code == 200
    clock.advance(minutes=60, seconds=1)
    answer = await client.get("/console/review/")
    assert answer.status_code == 303 and answer.headers["location"].startswith(
        "/console/?expired=1"
    )
    assert "hết hạn" in (await client.get(answer.headers["location"])).text


async def test_session_has_an_absolute_limit(demo, chat_for, sessionmaker, clock, client):
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    for _ in range(12 * 2):
        clock.advance(minutes=30)
        status = (await client.get("/console/")).status_code
    assert status == 200
    clock.advance(minutes=1)
    assert (await client.get("/console/review/")).status_code == 303


async def test_sign_out_ends_the_session(demo, chat_for, sessionmaker, clock, client):
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    cookie = client.cookies.get("dvk_console")
    page = await client.get("/console/")
    refused = await client.post("/console/logout")
    assert refused.status_code == 403  # no CSRF token
    answer = await client.post("/console/logout", data={"csrf": csrf_of(page.text)})
    assert answer.status_code == 303
    client.cookies.set("dvk_console", cookie or "", domain="console.example.vn", path="/console")
    assert (await client.get("/console/review/")).status_code == 303  # the old cookie is dead


async def test_withdrawn_consent_ends_the_session_at_the_next_request(
    demo, chat_for, sessionmaker, clock, client
):
    chat = await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    assert (await client.get("/console/review/")).status_code == 200
    await chat.send("/dulieu")
    await chat.press("Rút lại đồng ý")
    await chat.press("Đúng, rút lại đồng ý")
    assert (await client.get("/console/review/")).status_code == 303


async def test_deactivated_person_loses_the_session(demo, chat_for, sessionmaker, clock, client):
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    async with sessionmaker() as session, session.begin():
        person = (await session.exec(select(Person).where(Person.employee_code == "HNI0003"))).one()
        person.active = False
    assert (await client.get("/console/review/")).status_code == 303
    assert (await client.get("/console/")).status_code == 200  # the sign-in page


async def test_sign_in_and_out_are_audited(demo, chat_for, sessionmaker, clock, client):
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    async with sessionmaker() as session:
        actions = (await session.exec(select(AuditLog.action))).all()
    assert "web.link_issue" in actions and "web.sign_in" in actions


# -- CSRF -------------------------------------------------------------------------------


async def test_post_without_or_with_a_wrong_csrf_token_is_refused(
    demo, chat_for, sessionmaker, clock, client, deps
):
    _, ids = await evidenced_entry(sessionmaker, clock, deps)
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    url = f"/console/review/evidence/{ids['note']}/accept"
    bare = await client.post(url)
    assert bare.status_code == 403 and "mã bảo vệ" in bare.text
    wrong = await client.post(url, data={"csrf": "x" * 43})
    assert wrong.status_code == 403
    header = await client.post(url, headers={"X-CSRF-Token": "nope"})
    assert header.status_code == 403
    async with sessionmaker() as session:
        assert (await session.get(Evidence, ids["note"])).status == EvidenceStatus.PENDING
    page = await client.get(f"/console/review/evidence/{ids['note']}")
    good = await client.post(url, headers={"X-CSRF-Token": csrf_of(page.text)})
    assert good.status_code == 303
    async with sessionmaker() as session:
        assert (await session.get(Evidence, ids["note"])).status == EvidenceStatus.ACCEPTED


async def test_the_csrf_token_of_another_session_does_not_work(
    demo, chat_for, sessionmaker, clock, client_for, deps
):
    _, ids = await evidenced_entry(sessionmaker, clock, deps)
    async with client_for() as hanh, client_for() as tam:
        await sign_in(hanh, chat_for, sessionmaker, clock, "HNI0003")
        await sign_in(tam, chat_for, sessionmaker, clock, "HNI0010")
        other = csrf_of((await tam.get("/console/")).text)
        answer = await hanh.post(
            f"/console/review/evidence/{ids['note']}/accept", data={"csrf": other}
        )
        assert answer.status_code == 403
