"""`/start <invite code>`: what Telegram sends when someone opens t.me/<bot>?start=<code>
from an invite sheet. A valid code links in one tap (after the notice, for a first contact);
a used, unknown, expired or malformed one gets the same answers as the code typed."""

from __future__ import annotations

import pytest
from sqlmodel import select

from handlers.texts import En, Vi
from storage.models import AuditLog, ChatAccount
from storage.services import accounts
from tests.fakes.telegram_server import FakeTelegram
from tests.support.helpers import invite_for, person
from tests.support.telegram_support import channel_for, running, sees


def test_invite_codes_are_deep_link_payloads():
    for _ in range(500):
        code = accounts.new_code()
        assert accounts.DEEP_LINK_PAYLOAD.fullmatch(code), code
    link = accounts.deep_link("@dvk_bot", "K7QM-4XPD")
    assert link == "https://t.me/dvk_bot?start=K7QM-4XPD"
    with pytest.raises(ValueError):
        accounts.deep_link("dvk_bot", "K7QM 4XPD")


async def test_deep_link_after_consent_links_in_one_tap(demo, chat_for, sessionmaker, clock):
    code = await invite_for(sessionmaker, clock, "HNI0008")
    chat = chat_for()
    await chat.send("/start")
    await chat.press("Tôi đồng ý")
    replies = await chat.send(f"/start {code}")
    assert replies[-1].text == Vi.LINKED.format(name="Bùi Thị Thảo", unit="Bưu cục Nghĩa Tân")
    thao = await person(sessionmaker, "HNI0008")
    async with sessionmaker() as session:
        account = (await session.exec(select(ChatAccount))).one()
        actions = (await session.exec(select(AuditLog.action))).all()
    assert account.person_id == thao.id
    assert "account.link" in actions


async def test_first_contact_reads_the_notice_then_the_link_redeems(
    demo, chat_for, sessionmaker, clock
):
    code = await invite_for(sessionmaker, clock, "HNI0008")
    chat = chat_for()
    replies = await chat.send(f"/start {code}")
    assert replies[-1].text == Vi.PRIVACY_NOTICE
    replies = await chat.press("Tôi đồng ý")
    assert "Đã liên kết" in replies[-1].text
    assert Vi.ASK_INVITE_OR_PHONE not in [reply.text for reply in replies]


async def test_declining_the_notice_links_nothing(demo, chat_for, sessionmaker, clock):
    code = await invite_for(sessionmaker, clock, "HNI0008")
    chat = chat_for()
    await chat.send(f"/start {code}")
    replies = await chat.press("Không đồng ý")
    assert replies[-1].text == Vi.CONSENT_DECLINED
    async with sessionmaker() as session:
        assert (await session.exec(select(ChatAccount))).one().person_id is None


async def test_used_code_by_link_is_refused_like_typed(demo, chat_for, sessionmaker, clock):
    code = await invite_for(sessionmaker, clock, "HNI0008")
    first = chat_for("a")
    await first.send(f"/start {code}")
    assert "Đã liên kết" in (await first.press("Tôi đồng ý"))[-1].text
    second = chat_for("b")
    await second.send(f"/start {code}")
    replies = await second.press("Tôi đồng ý")
    assert replies[0].text == Vi.INVITE_WRONG.format(left=4)
    assert replies[-1].text == Vi.ASK_INVITE_OR_PHONE


async def test_unknown_expired_and_malformed_payloads(demo, chat_for, sessionmaker, clock):
    expired = await invite_for(sessionmaker, clock, "HNI0009", ttl_days=1)
    clock.advance(days=2)
    chat = chat_for()
    await chat.send("/start")
    await chat.press("Tôi đồng ý")
    replies = await chat.send("/start AAAA-BBBB")
    assert replies[0].text == Vi.INVITE_WRONG.format(left=4)
    replies = await chat.send(f"/start {expired}")
    assert replies[0].text == Vi.INVITE_EXPIRED.format(left=3)
    replies = await chat.send("/start " + "x" * 65 + "<&>")
    assert replies[0].text == Vi.INVITE_WRONG.format(left=2)
    assert replies[-1].text == Vi.ASK_INVITE_OR_PHONE


async def test_plain_start_and_linked_people_are_unchanged(demo, chat_for, sessionmaker, clock):
    code = await invite_for(sessionmaker, clock, "HNI0008")
    chat = chat_for()
    await chat.send(f"/start {code}")
    await chat.press("Tôi đồng ý")
    other = await invite_for(sessionmaker, clock, "HNI0009")
    replies = await chat.send(f"/start {other}")
    assert replies[-1].text == Vi.GREETING.format(name="Bùi Thị Thảo")
    thao = await person(sessionmaker, "HNI0008")
    async with sessionmaker() as session:
        assert (await session.exec(select(ChatAccount))).one().person_id == thao.id


async def test_english_chat_gets_the_english_answers(demo, chat_for, sessionmaker, clock):
    chat = chat_for()
    await chat.send("/ngonngu en")
    await chat.send("/start")
    await chat.press(En.BTN_AGREE)
    replies = await chat.send("/start AAAA-BBBB")
    assert replies[0].text == En.INVITE_WRONG.format(left=4)
    code = await invite_for(sessionmaker, clock, "HNI0008")
    replies = await chat.send(f"/start {code}")
    assert replies[-1].text == En.LINKED.format(name="Bùi Thị Thảo", unit="Bưu cục Nghĩa Tân")


async def test_deep_link_through_the_telegram_bot_api(
    demo, fake_telegram: FakeTelegram, router, sessionmaker, clock
):
    code = await invite_for(sessionmaker, clock, "HNI0008")
    user = fake_telegram.user(300)
    async with running(channel_for(fake_telegram, router, sessionmaker)):
        user.send_text(f"/start {code}")
        await sees(fake_telegram, user.chat_id, "91/2025/QH15")
        user.press("Tôi đồng ý")
        await sees(fake_telegram, user.chat_id, "Đã liên kết tài khoản")
