"""The real Telegram adapter over HTTP against the fake Bot API server: whole journeys for
several people at once, stale buttons, big files, limits, blocked users, server errors.
The fake checks every request against the Bot API spec; any violation fails the test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlmodel import select

from handlers.texts import Vi
from storage.models import ChatAccount, Evidence, Registration
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.telegram_users import FakeUser
from tests.support.helpers import invite_for
from tests.support.samples import JPEG, PDF
from tests.support.telegram_support import (
    channel_for,
    newest_shows,
    onboard_by_code,
    press_and_see,
    running,
    sees,
    send_and_see,
)


@asynccontextmanager
async def thao_linked(
    tg: FakeTelegram, router, sessionmaker, clock, user_id: int
) -> AsyncIterator[FakeUser]:
    """The channel running, and `user_id` linked as HNI0008 with an invitation code."""
    user = tg.user(user_id)
    async with running(channel_for(tg, router, sessionmaker)):
        await onboard_by_code(tg, user, await invite_for(sessionmaker, clock, "HNI0008"))
        yield user


async def registered_then_evidence(tg: FakeTelegram, user: FakeUser) -> None:
    """Register for M1, then open /minhchung at its criteria."""
    await register_m1(tg, user)
    await send_and_see(tg, user, "/minhchung", "Chọn tiêu chí")


async def register_m1(tg: FakeTelegram, user) -> None:
    await press_and_see(tg, user, Vi.BTN_REGISTER, "Chọn mô hình")
    await press_and_see(tg, user, "M1 ·", "Tiêu chí chung")
    await press_and_see(tg, user, Vi.BTN_ACK, "Đã chọn 0 tiêu chí")
    await press_and_see(tg, user, "M1.01", "Đã chọn 1 tiêu chí")
    await press_and_see(tg, user, "M1.03", "Đã chọn 2 tiêu chí · tổng điểm tối đa 30/100.")
    await press_and_see(tg, user, Vi.BTN_NEXT, "Kiểm tra lại đăng ký")
    await press_and_see(tg, user, Vi.BTN_SUBMIT, "Đã gửi đăng ký mô hình M1")


async def send_evidence(tg: FakeTelegram, user) -> None:
    await send_and_see(tg, user, "/minhchung", "Chọn tiêu chí cần gửi minh chứng")
    await press_and_see(tg, user, "M1.01", "Gửi minh chứng cho M1.01")
    user.send_photo(JPEG, caption="Họp giao chỉ tiêu")
    await sees(tg, user.chat_id, "Đã lưu ảnh")
    user.send_album([JPEG + b"1", JPEG + b"2", JPEG + b"3"])
    await sees(tg, user.chat_id, "Đã lưu 3 ảnh trong album cho M1.01")
    user.send_document(PDF, "baocao.pdf", "application/pdf")
    await sees(tg, user.chat_id, "Đã lưu tệp «baocao.pdf»")
    await press_and_see(tg, user, Vi.BTN_DONE, "Đã nhận 5 minh chứng cho M1.01")


async def self_score(tg: FakeTelegram, user) -> None:
    user.send_text("/chamdiem")
    await newest_shows(tg, user.chat_id, "Tự chấm 1/2 · M1.01")
    user.send_text("8")
    await newest_shows(tg, user.chat_id, "Tự chấm 2/2 · M1.03")
    await send_and_see(tg, user, "15,5", "Tổng: 23,5/100 điểm.")
    await press_and_see(tg, user, Vi.BTN_DONE, "Đã lưu điểm tự chấm")
    await send_and_see(tg, user, "/tiendo", "• M1.01 (10 đ): 5 minh chứng · tự chấm 8")


async def test_whole_journey_for_several_people_at_once(
    demo, fake_telegram, router, sessionmaker, clock
):
    tg = fake_telegram
    codes = {
        code: await invite_for(sessionmaker, clock, code)
        for code in ("HNI0008", "HNI0012", "DNG0008")
    }
    people = [tg.user(100 + i) for i in range(len(codes))]
    by_phone = tg.user(200)

    async def journey(user, code: str) -> None:
        await onboard_by_code(tg, user, code)
        await register_m1(tg, user)
        await send_evidence(tg, user)
        await self_score(tg, user)

    async def linked_by_phone() -> None:
        await send_and_see(tg, by_phone, "/start", "91/2025/QH15")
        await press_and_see(tg, by_phone, "Tôi đồng ý", "Chia sẻ số điện thoại")
        by_phone.share_contact("0900000009", own=False)
        await sees(tg, by_phone.chat_id, Vi.PHONE_NOT_OWN)
        by_phone.share_contact("+84900000009")
        await sees(tg, by_phone.chat_id, "Xin chào Đỗ Văn Hưng")

    async with running(channel_for(tg, router, sessionmaker)):
        await asyncio.gather(
            *(journey(u, c) for u, c in zip(people, codes.values(), strict=True)), linked_by_phone()
        )
    async with sessionmaker() as session:
        registrations = (await session.exec(select(Registration))).all()
        photos = (await session.exec(select(Evidence).where(Evidence.kind == "photo"))).all()
    assert len(registrations) == 3
    assert len(photos) == 12 and all(p.channel_file_id for p in photos)
    assert {c["command"] for c in tg.commands[("default", "")]} >= {"dangky", "tiendo"}
    assert {c["command"] for c in tg.commands[("default", "en")]} >= {"register", "evidence"}
    assert all(answer for answer in tg.callback_answers)


async def test_a_press_ends_the_spinner_and_menus_do_not_pile_up(
    demo, fake_telegram, router, sessionmaker, clock
):
    tg = fake_telegram
    async with thao_linked(tg, router, sessionmaker, clock, 300) as user:
        before = len(tg.messages(user.chat_id))
        await register_m1(tg, user)
    pressed = sum(1 for call in tg.calls if call.method.lower() == "answercallbackquery")
    assert pressed >= 8
    assert len(tg.messages(user.chat_id)) == before  # every menu edited in place
    notice = tg.messages(user.chat_id)[0]
    assert notice.text.endswith("✔ Tôi đồng ý") and not notice.buttons


async def test_stale_button_says_the_menu_expired_and_shows_the_step(
    demo, fake_telegram, router, sessionmaker, clock
):
    tg = fake_telegram
    async with thao_linked(tg, router, sessionmaker, clock, 301) as user:
        await send_and_see(tg, user, "/dangky", "Chọn mô hình")
        old = tg.last_message(user.chat_id)
        await send_and_see(tg, user, "/huy", Vi.CANCELLED)
        user.press_on(old.message_id, "M2 ·")
        await tg.wait_for(
            lambda s: any(a.text == Vi.MENU_EXPIRED_SHORT for a in s.callback_answers), timeout=15
        )
        await sees(tg, user.chat_id, Vi.MENU_EXPIRED)


async def test_document_over_20_mb_is_refused_before_any_download(
    demo, fake_telegram, router, sessionmaker, clock
):
    tg = fake_telegram
    async with thao_linked(tg, router, sessionmaker, clock, 302) as user:
        await registered_then_evidence(tg, user)
        await press_and_see(tg, user, "M1.03", "Gửi minh chứng cho M1.03")
        user.send_document(PDF, "hoso.pdf", "application/pdf", file_size=25 * 1024 * 1024)
        await sees(tg, user.chat_id, "Tệp quá lớn (25 MB)")
    assert not [c for c in tg.calls if c.method.lower() == "getfile"]


async def test_burst_of_replies_stays_under_the_limits(
    demo, fake_telegram, router, sessionmaker, clock
):
    tg = fake_telegram
    tg.enforce_limits = True
    users = [tg.user(400 + i) for i in range(45)]
    real = {"per_second": 29, "per_chat_per_second": 0.9}
    async with running(channel_for(tg, router, sessionmaker, **real)):
        for user in users:
            user.send_text("/start")
        await tg.wait_for(lambda s: all(s.messages(u.chat_id) for u in users), timeout=30)
        one = users[0]
        for text in ("/trogiup", "/trogiup", "/trogiup", "/trogiup", "/trogiup"):
            one.send_text(text)
        await tg.wait_for(lambda s: len(s.messages(one.chat_id)) >= 6, timeout=30)
    assert tg.rate_limited == []


async def sends_for_start(tg: FakeTelegram, router, sessionmaker, user_id: int) -> list:
    """A user sends /start and sees the answer; every sendMessage call the bot made."""
    user = tg.user(user_id)
    async with running(channel_for(tg, router, sessionmaker)):
        await send_and_see(tg, user, "/start", "91/2025/QH15")
    return [c for c in tg.calls if c.method.lower() == "sendmessage"]


async def test_429_is_waited_out_and_retried(demo, fake_telegram, router, sessionmaker):
    fake_telegram.fail_next("sendMessage", 429, retry_after=1)
    sends = await sends_for_start(fake_telegram, router, sessionmaker, 500)
    assert sends[0].status == 429 and sends[1].status == 200
    assert (sends[1].at - sends[0].at) >= 0.99


async def test_server_error_then_success(demo, fake_telegram, router, sessionmaker):
    fake_telegram.fail_next("sendMessage", 500, count=2)
    sends = await sends_for_start(fake_telegram, router, sessionmaker, 501)
    assert [c.status for c in sends][:3] == [500, 500, 200]


async def test_blocked_user_is_marked_and_unmarked_when_writing_again(
    demo, fake_telegram, router, sessionmaker
):
    tg = fake_telegram
    user = tg.user(502)
    marked: asyncio.Queue[str] = asyncio.Queue()
    async with running(channel_for(tg, router, sessionmaker, marked)):
        tg.block(user.chat_id)
        user.send_text("/start")
        assert await asyncio.wait_for(marked.get(), timeout=15) == "502"
        assert await _blocked(sessionmaker, "502")
        tg.unblock(user.chat_id)
        await send_and_see(tg, user, "/start", "91/2025/QH15")
        assert not await _blocked(sessionmaker, "502")


async def _blocked(sessionmaker, user_id: str) -> bool:
    async with sessionmaker() as session:
        account = (
            await session.exec(select(ChatAccount).where(ChatAccount.external_user_id == user_id))
        ).one()
    return account.blocked


async def test_a_crash_in_one_update_does_not_stop_the_next(
    demo, fake_telegram, router, sessionmaker, clock
):
    tg = fake_telegram
    async with thao_linked(tg, router, sessionmaker, clock, 503) as user:
        await registered_then_evidence(tg, user)
        async with sessionmaker() as session, session.begin():  # a row that breaks the step
            from storage.models import ConversationState

            state = (await session.exec(select(ConversationState))).first()
            state.data = {**state.data, "registration_id": 999_999}
            session.add(state)
        await press_and_see(tg, user, "M1.01", Vi.UNEXPECTED_ERROR)
        user.send_text("/menu")
        await newest_shows(tg, user.chat_id, Vi.MAIN_MENU)


async def test_one_persons_updates_are_handled_in_order(
    demo, fake_telegram, router, sessionmaker, clock
):
    tg = fake_telegram
    tg.latency = 0.05
    async with thao_linked(tg, router, sessionmaker, clock, 504) as user:
        await registered_then_evidence(tg, user)
        await press_and_see(tg, user, "M1.03", "Gửi minh chứng cho M1.03")
        for n in range(8):
            user.send_text(f"ghi chú {n}")
        await tg.wait_for(
            lambda s: (
                sum("Đã lưu ghi chú" in (m.text or "") for m in s.messages(user.chat_id)) == 8
            ),
            timeout=30,
        )
    async with sessionmaker() as session:
        notes = (await session.exec(select(Evidence.note).order_by(Evidence.id))).all()
    assert notes == [f"ghi chú {n}" for n in range(8)]
