"""Consent, linking by invite code or own phone, lockout, personal data."""

from __future__ import annotations

import hashlib
import hmac

from sqlmodel import select

from handlers.io import Capabilities
from handlers.texts import Vi
from storage.models import AuditLog, ChannelSecret, ChatAccount, Consent, Invite
from storage.services import accounts
from tests.support.helpers import invite_for, linked


async def test_notice_comes_first_and_consent_is_recorded(demo, chat_for, sessionmaker, clock):
    chat = chat_for()
    replies = await chat.send("/start")
    assert replies[-1].text == Vi.PRIVACY_NOTICE
    assert "91/2025/QH15" in replies[-1].text
    await chat.press("Tôi đồng ý")
    assert chat.last.text == Vi.ASK_INVITE_OR_PHONE
    async with sessionmaker() as session:
        account = (await session.exec(select(ChatAccount))).one()
        consent = (await session.exec(select(Consent))).one()
    assert account.consent_at == clock()
    assert consent.chat_account_id == account.id and consent.withdrawn_at is None


async def test_declining_stores_no_consent_and_start_asks_again(demo, chat_for, sessionmaker):
    chat = chat_for()
    await chat.send("/start")
    replies = await chat.press("Không đồng ý")
    assert replies[-1].text == Vi.CONSENT_DECLINED
    replies = await chat.send("xin chào")
    assert replies[-1].text == Vi.PRIVACY_NOTICE
    async with sessionmaker() as session:
        assert (await session.exec(select(Consent))).all() == []


async def test_anything_but_a_choice_repeats_the_notice(demo, chat_for):
    chat = chat_for()
    await chat.send("/start")
    replies = await chat.send("đồng ý chứ")
    assert replies[0].text == Vi.CONSENT_NEEDED
    assert replies[-1].text == Vi.PRIVACY_NOTICE
    assert [b.label for b in replies[-1].flat_buttons] == ["Tôi đồng ý", "Không đồng ý"]


async def test_right_invite_links_and_greets_by_name_with_menu(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    assert chat.last.text == "✅ Đã liên kết tài khoản. Xin chào Bùi Thị Thảo (Bưu cục Nghĩa Tân)!"
    labels = [b.label for b in chat.last.flat_buttons]
    assert Vi.BTN_REGISTER in labels and Vi.BTN_PROGRESS in labels


async def test_invite_code_is_stored_hashed_and_single_use(demo, chat_for, sessionmaker, clock):
    code = await invite_for(sessionmaker, clock, "HNI0008")
    plain = code.replace("-", "")
    async with sessionmaker() as session:
        invite = (await session.exec(select(Invite))).one()
        audit_rows = (await session.exec(select(AuditLog))).all()
        key = await session.get(ChannelSecret, accounts.INVITE_KEY_NAME)
    # HMAC-SHA256 under the server's key (generated on first use), not a plain SHA-256
    # anyone with the table could test all 31^8 codes against.
    assert key is not None and len(key.value) == 64
    expected = hmac.new(key.value.encode(), plain.encode(), hashlib.sha256).hexdigest()
    assert invite.code_hash == expected
    assert invite.code_hash != hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in str([(r.details, r.object_id) for r in audit_rows])
    first = chat_for("a")
    await first.send("/start")
    await first.press("Tôi đồng ý")
    assert "Đã liên kết" in (await first.send(code.lower()))[-1].text
    second = chat_for("b")
    await second.send("/start")
    await second.press("Tôi đồng ý")
    replies = await second.send(code)
    assert replies[0].text == Vi.INVITE_WRONG.format(left=4)


async def test_wrong_code_says_so_and_five_wrong_lock_for_fifteen_minutes(
    demo, chat_for, sessionmaker, clock
):
    code = await invite_for(sessionmaker, clock, "HNI0009")
    chat = chat_for()
    await chat.send("/start")
    await chat.press("Tôi đồng ý")
    for left in (4, 3, 2, 1):
        replies = await chat.send("AAAA-BBBB")
        assert replies[0].text == Vi.INVITE_WRONG.format(left=left)
    replies = await chat.send("AAAA-BBBB")
    assert "nhập sai mã quá nhiều lần" in replies[-1].text
    assert "10:15" in replies[-1].text  # 03:00 UTC is 10:00 in Vietnam
    clock.advance(minutes=14)
    replies = await chat.send(code)
    assert "nhập sai mã quá nhiều lần" in replies[-1].text
    clock.advance(minutes=1, seconds=1)
    replies = await chat.send(code)
    assert "Đã liên kết" in replies[-1].text


async def test_expired_invite_is_refused(demo, chat_for, sessionmaker, clock):
    code = await invite_for(sessionmaker, clock, "HNI0009", ttl_days=1)
    clock.advance(days=2)
    chat = chat_for()
    await chat.send("/start")
    await chat.press("Tôi đồng ý")
    replies = await chat.send(code)
    assert replies[0].text == Vi.INVITE_EXPIRED.format(left=4)


async def test_a_newer_invite_replaces_the_older(demo, chat_for, sessionmaker, clock):
    old = await invite_for(sessionmaker, clock, "HNI0009")
    new = await invite_for(sessionmaker, clock, "HNI0009")
    chat = chat_for()
    await chat.send("/start")
    await chat.press("Tôi đồng ý")
    assert (await chat.send(old))[0].text == Vi.INVITE_WRONG.format(left=4)
    assert "Đã liên kết" in (await chat.send(new))[-1].text


async def test_own_phone_links_someone_elses_is_refused(demo, chat_for):
    chat = chat_for()
    await chat.send("/start")
    replies = await chat.press("Tôi đồng ý")
    assert replies[-1].ask_contact
    replies = await chat.share_contact("0900000009", own=False)
    assert replies[0].text == Vi.PHONE_NOT_OWN
    replies = await chat.share_contact("0911111111")
    assert replies[0].text == Vi.PHONE_NO_MATCH
    replies = await chat.share_contact("+84 900 000 009")
    assert "Đỗ Văn Hưng" in replies[-1].text


async def test_channel_without_contact_sharing_asks_only_for_code(demo, chat_for):
    chat = chat_for(caps=Capabilities(buttons=True))
    await chat.send("/start")
    replies = await chat.press("Tôi đồng ý")
    assert replies[-1].text == Vi.ASK_INVITE and not replies[-1].ask_contact


async def test_commands_before_linking_lead_back_to_onboarding(demo, chat_for):
    chat = chat_for()
    replies = await chat.send("/dangky")
    assert replies[-1].text == Vi.PRIVACY_NOTICE
    await chat.press("Tôi đồng ý")
    replies = await chat.send("/tiendo")
    assert replies[-1].text == Vi.ASK_INVITE_OR_PHONE


async def test_mydata_shows_what_is_held_but_never_party_membership(
    demo, chat_for, sessionmaker, clock
):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0007")  # a party member
    replies = await chat.send("/dulieu")
    text = replies[-1].text
    assert "HNI0007" in text and "Đặng Minh Khoa" in text and "Bưu cục Nghĩa Tân" in text
    assert "0900000007" in text and "Lãnh đạo đơn vị" in text
    assert "đảng viên" not in text.lower().replace("thông tin đảng viên", "")


async def test_withdrawing_consent_unlinks_the_account(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dulieu")
    await chat.press(Vi.BTN_WITHDRAW)
    replies = await chat.press(Vi.BTN_CONFIRM_WITHDRAW)
    assert replies[-1].text == Vi.WITHDRAWN
    async with sessionmaker() as session:
        account = (await session.exec(select(ChatAccount))).one()
        consent = (await session.exec(select(Consent))).one()
    assert account.person_id is None and account.consent_at is None
    assert consent.withdrawn_at is not None
    replies = await chat.send("/tiendo")
    assert replies[-1].text == Vi.PRIVACY_NOTICE
