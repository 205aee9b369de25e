"""Reminder rules set in chat, fired by the scheduler with a hand-moved clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from handlers.texts import Vi
from storage.models import AuditLog, Outbox, ReminderRule
from tests.fakes.memory import MemoryChat
from tests.support.helpers import linked
from tests.support.scheduling import make_bot


@pytest.fixture
async def union(demo, chat_for, sessionmaker, clock) -> MemoryChat:
    """Lê Thị Hạnh, chair of the grassroots union of Hà Nội post (HNI0003)."""
    return await linked(chat_for, sessionmaker, clock, "HNI0003")


async def register(chat: MemoryChat, model: str = "M1") -> None:
    replies = await chat.through_menu(
        "/dangky", f"{model} ·", Vi.BTN_ACK, f"{model}.01", Vi.BTN_NEXT, Vi.BTN_SUBMIT
    )
    assert "Đã gửi đăng ký" in replies[0].text


async def create_weekly(chat: MemoryChat, audience: str = "Người chưa đăng ký mô hình") -> str:
    await chat.through_menu(
        "/nhacviec",
        "Tạo nhắc việc mới",
        "Bưu điện thành phố Hà Nội",
        audience,
        "Mọi mô hình",
        "Hằng tuần",
        "Thứ Hai",
        "Thứ Năm",
        "Tiếp tục",
    )
    await chat.send("7:30")
    replies = await chat.send("Anh/chị nhớ đăng ký mô hình trước hạn nhé.")
    return "\n".join(r.text for r in replies)


async def test_union_member_sets_a_weekly_reminder_with_a_preview(
    union, chat_for, sessionmaker, clock
):
    await linked(chat_for, sessionmaker, clock, "HNI0008")
    preview = await create_weekly(union)
    assert "Ban Chấp hành Công đoàn Bưu điện thành phố Hà Nội nhắc:" in preview
    assert "hằng tuần vào Thứ Hai, Thứ Năm lúc 07:30" in preview
    assert "Lần gửi tới: 07:30 26/11/2026" in preview
    assert "người thuộc đối tượng, 2 người nhận được qua bot" in preview
    assert union.last.flat_buttons[0].label == "✅ Lưu nhắc việc"
    saved = await union.press("Lưu nhắc việc")
    assert "✅ Đã lưu nhắc việc. Lần gửi tới: 07:30 26/11/2026." in saved[0].text
    async with sessionmaker() as session:
        rule = (await session.exec(select(ReminderRule))).one()
    assert (rule.weekdays, rule.time_of_day, rule.button) == ("0,3", "07:30", "/dangky")


async def test_staff_cannot_set_reminders(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    replies = await chat.send("/nhacviec")
    assert "Chỉ Ban Chấp hành Công đoàn, cấp ủy và quản trị" in replies[0].text


async def test_bad_input_gets_a_vietnamese_hint_and_the_buttons_again(union):
    await union.send("/nhacviec")
    await union.press("Tạo nhắc việc mới")
    replies = await union.send("KHONG-CO")
    assert "Không tìm thấy đơn vị này" in replies[0].text and replies[-1].buttons
    await union.send("HNI-CGY")  # a unit code typed is accepted
    await union.press("Mọi người trong đơn vị")
    await union.press("Mọi mô hình")
    await union.press("Hằng tuần")
    await union.press("Tiếp tục")
    assert "Vui lòng chọn ít nhất một ngày." in union.replies[-2].text
    await union.press("Thứ Sáu")
    await union.press("Tiếp tục")
    replies = await union.send("25 giờ")
    assert "Chưa đúng giờ" in replies[0].text


async def test_fires_at_the_minute_to_those_still_behind(
    union, chat_for, sessionmaker, clock, files_dir
):
    thao = await linked(chat_for, sessionmaker, clock, "HNI0008")
    hung = await linked(chat_for, sessionmaker, clock, "HNI0009")
    await create_weekly(union)
    await union.press("Lưu nhắc việc")
    bot = make_bot(sessionmaker, clock, files_dir)
    await bot.runner.sync(clock())
    job = bot.runner.scheduler.get_job("rule:1")
    assert job.trigger.get_next_fire_time(None, clock()) == datetime(
        2026, 11, 26, 0, 30, tzinfo=UTC
    )
    # Thảo registers before Thursday: the audience is computed when the rule fires.
    await register(thao)
    clock.current = datetime(2026, 11, 26, 0, 29, tzinfo=UTC)
    assert await bot.runner.rules.fire(1, clock()) == 0
    clock.current = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)
    assert await bot.runner.rules.fire(1, clock()) >= 1
    assert await bot.runner.rules.fire(1, clock()) == 0  # never twice
    await bot.deliver()
    assert not bot.channel.to(thao.user_id)
    (reminder,) = bot.channel.to(hung.user_id)
    assert reminder.text.startswith("📣 Ban Chấp hành Công đoàn Bưu điện thành phố Hà Nội nhắc:")
    assert reminder.flat_buttons[0].payload == "/dangky"
    replies = await hung.press("Đăng ký mô hình")  # the button works from any later menu
    assert "Chọn mô hình" in replies[-1].text


async def test_quiet_hours_defer_a_reminder_to_the_morning(
    union, chat_for, sessionmaker, clock, files_dir
):
    hung = await linked(chat_for, sessionmaker, clock, "HNI0009")
    await union.through_menu(
        "/nhacviec",
        "Tạo nhắc việc mới",
        "Bưu điện thành phố Hà Nội",
        "Mọi người trong đơn vị",
        "Mọi mô hình",
        "Một lần",
    )
    await union.send("25/11/2026 22:15")
    await union.send("Họp công đoàn sáng mai.")
    await union.press("Tiến độ")
    await union.press("Lưu nhắc việc")
    bot = make_bot(sessionmaker, clock, files_dir)
    clock.current = datetime(2026, 11, 25, 15, 15, tzinfo=UTC)  # 22:15 in Vietnam
    assert await bot.runner.rules.fire(1, clock()) >= 1
    assert await bot.deliver() == 0
    clock.current = datetime(2026, 11, 25, 23, 59, tzinfo=UTC)
    assert await bot.deliver() == 0
    clock.current = datetime(2026, 11, 26, 0, 0, tzinfo=UTC)  # 07:00
    await bot.deliver()
    assert "Họp công đoàn sáng mai." in bot.channel.to(hung.user_id)[0].text


async def test_missed_while_down_is_sent_once_within_grace(
    union, chat_for, sessionmaker, clock, files_dir
):
    hung = await linked(chat_for, sessionmaker, clock, "HNI0009")
    await create_weekly(union, "Mọi người trong đơn vị")
    await union.press("Tiến độ")
    await union.press("Lưu nhắc việc")
    clock.current = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # started 90 min late
    bot = make_bot(sessionmaker, clock, files_dir)
    await bot.runner.sync(clock())
    await bot.runner.sync(clock())
    await bot.deliver()
    assert len(bot.channel.to(hung.user_id)) == 1
    clock.current = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)  # Monday, 3.5 h late
    late = make_bot(sessionmaker, clock, files_dir)
    await late.runner.sync(clock())
    await late.deliver()
    assert not late.channel.sent
    async with sessionmaker() as session:
        rows = (await session.exec(select(Outbox))).all()
    assert {row.occurrence for row in rows} == {"2026-11-26T00:30Z"}  # the late one: none


async def test_editing_and_deleting_change_the_jobs_without_restart(
    union, sessionmaker, clock, files_dir
):
    await create_weekly(union)
    await union.press("Lưu nhắc việc")
    bot = make_bot(sessionmaker, clock, files_dir)
    await bot.runner.sync(clock())
    assert bot.runner.scheduler.get_job("rule:1") is not None
    replies = await union.through_menu("/nhacviec", "Nhắc việc của tôi", "#1", "Tạm dừng")
    assert "Đã tạm dừng nhắc việc #1" in replies[0].text
    assert await bot.runner.sync(clock()) is True
    assert bot.runner.scheduler.get_job("rule:1") is None
    await union.through_menu("/nhacviec", "Nhắc việc của tôi", "#1", "Bật lại")
    await bot.runner.sync(clock())
    assert bot.runner.scheduler.get_job("rule:1") is not None
    replies = await union.through_menu("/nhacviec", "Nhắc việc của tôi", "#1", "Xóa", "Đúng, xóa")
    assert "Đã xóa nhắc việc #1" in replies[0].text
    await bot.runner.sync(clock())
    assert bot.runner.scheduler.get_job("rule:1") is None
    async with sessionmaker() as session:
        actions = (
            await session.exec(
                select(AuditLog.action).where(AuditLog.object_type == "reminder_rule")
            )
        ).all()
    assert actions == ["reminder.create", "reminder.pause", "reminder.resume", "reminder.delete"]
