"""Managers' digests: `/baocao` now, a chart with Vietnamese labels, Excel when long,
the schedule each manager can change, and the weekly job."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from tests.support.helpers import linked
from tests.support.scheduling import make_bot
from tests.test_reminders import register


async def test_baocao_shows_the_unit_digest_with_chart(demo, chat_for, sessionmaker, clock):
    await register(await linked(chat_for, sessionmaker, clock, "HNI0008"))
    manager = await linked(chat_for, sessionmaker, clock, "HNI0005")
    replies = await manager.send("/baocao")
    text = replies[0].text
    assert text.startswith("📊 Báo cáo phong trào · Bưu điện quận Cầu Giấy")
    assert "• Nhân sự: 5 · đã đăng ký: 1 (20%)" in text
    assert "– M1: 1 (Chờ duyệt 1)" in text
    assert "• Chờ anh/chị xử lý: 1 đăng ký chờ duyệt" in text
    assert "Bùi Thị Thảo" in text and "chưa có minh chứng" in text
    assert len(text) < 2000
    chart = replies[1].file
    assert chart is not None and chart.data.startswith(b"\x89PNG") and chart.mime == "image/png"
    assert "Đổi lịch nhận báo cáo" in replies[-1].flat_buttons[0].label
    assert "hằng tuần vào Thứ Hai lúc 07:30" in replies[-1].text


async def test_long_lists_come_as_an_excel_file(demo, chat_for, sessionmaker, clock):
    director = await linked(chat_for, sessionmaker, clock, "HNI0001")
    replies = await director.send("/baocao")
    assert "Danh sách đầy đủ trong tệp Excel đính kèm." in replies[0].text
    book = load_workbook(io.BytesIO(replies[2].file.data))
    assert book.sheetnames == ["Đơn vị", "Người còn chậm"]
    assert book["Người còn chậm"].max_row == 1 + 15


async def test_staff_get_no_digest(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    assert "Chỉ lãnh đạo đơn vị" in (await chat.send("/baocao"))[0].text


async def test_weekly_digest_on_each_managers_schedule(
    demo, chat_for, sessionmaker, clock, files_dir
):
    director = await linked(chat_for, sessionmaker, clock, "HNI0001")
    manager = await linked(chat_for, sessionmaker, clock, "HNI0005")
    await manager.through_menu("/baocao", "Đổi lịch nhận báo cáo", "Thứ Tư", "Tiếp tục")
    replies = await manager.send("16:00")
    assert "Đã lưu lịch nhận báo cáo: hằng tuần vào Thứ Tư lúc 16:00" in replies[0].text
    bot = make_bot(sessionmaker, clock, files_dir)
    await bot.runner.sync(clock())
    assert bot.runner.scheduler.get_job("digest:2@16:00") is not None
    clock.current = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday 16:00
    assert await bot.runner.digests.fire(clock()) == 1
    assert await bot.runner.digests.fire(clock()) == 0
    await bot.deliver()
    got = bot.channel.to(manager.user_id)
    assert got[0].text.startswith("📊 Báo cáo phong trào · Bưu điện quận Cầu Giấy")
    assert got[1].file is not None and got[1].file.data.startswith(b"\x89PNG")
    clock.current = datetime(2026, 11, 30, 0, 30, tzinfo=UTC)  # Monday 07:30
    assert await bot.runner.digests.fire(clock()) == 1
    await bot.deliver()
    assert [r.file.name for r in bot.channel.to(director.user_id)[1:]] == [
        "tien-do.png",
        "bao-cao.xlsx",
    ]
