"""Admin broadcasts: preview and count, delivery through the outbox, one progress
message kept up to date, the final report, retrying the failed, cancelling."""

from __future__ import annotations

from sqlmodel import select

from storage.models import Announcement, Outbox
from tests.support.helpers import linked
from tests.support.samples import JPEG
from tests.support.scheduling import make_bot


async def announce(admin, text="Mời toàn thể anh chị dự hội nghị phát động.", audience="Mọi người"):
    await admin.send("/thongbao")
    await admin.send(text)
    await admin.press(audience)


async def test_admin_broadcasts_with_progress_report_and_retry(
    demo, chat_for, sessionmaker, clock, files_dir
):
    admin = await linked(chat_for, sessionmaker, clock, "HNI0004")
    thao = await linked(chat_for, sessionmaker, clock, "HNI0008")
    hung = await linked(chat_for, sessionmaker, clock, "HNI0009")
    await announce(admin)
    replies = await admin.press("Bình thường")
    preview = "\n".join(r.text for r in replies)
    assert "📢 Thông báo\nMời toàn thể" in preview
    assert "Số người nhận: 15 người, 3 người nhận được qua bot" in preview
    replies = await admin.press("Gửi thông báo")
    assert "Đã xếp hàng thông báo #1" in replies[0].text
    bot = make_bot(sessionmaker, clock, files_dir)
    bot.channel.failures = {hung.user_id: [OSError("timeout")] * 3}
    await bot.runner.sync(clock())
    await bot.runner.broadcasts.track(clock(), force=True)
    assert bot.channel.to(admin.user_id)[0].text.startswith("📢 Thông báo #1: đã gửi 0/3")
    await bot.sender.drain(clock())
    await bot.runner.broadcasts.track(clock(), force=True)
    chat_id, message_id, edited = bot.channel.edits[-1]
    assert (chat_id, message_id) == (admin.user_id, "1") and "đã gửi 2/3" in edited.text
    assert edited.flat_buttons[0].payload == "/thongbao dung 1"
    for _ in range(2):
        clock.advance(hours=1)
        await bot.deliver()
    await bot.runner.broadcasts.track(clock())
    assert "đã xử lý xong 3/3" in bot.channel.edits[-1][2].text
    report = bot.channel.to(admin.user_id)[-1]
    assert "• Đã gửi: 2" in report.text and "• Không gửi được: 1" in report.text
    assert "Mời toàn thể" in bot.channel.to(thao.user_id)[0].text
    assert report.flat_buttons[0].label == "🔁 Gửi lại 1 tin lỗi"
    replies = await admin.choose(report.flat_buttons[0].payload)  # pressed in the admin's chat
    assert "Đang gửi lại 1 tin lỗi của thông báo #1" in replies[0].text
    await bot.deliver()
    await bot.runner.broadcasts.track(clock())
    assert "Mời toàn thể" in bot.channel.to(hung.user_id)[0].text
    assert "• Đã gửi: 3" in bot.channel.to(admin.user_id)[-1].text


async def test_photo_broadcast_to_a_role_and_cancel(demo, chat_for, sessionmaker, clock, files_dir):
    admin = await linked(chat_for, sessionmaker, clock, "HNI0004")
    manager = await linked(chat_for, sessionmaker, clock, "HNI0005")
    await linked(chat_for, sessionmaker, clock, "HNI0008")
    await admin.send("/thongbao")
    await admin.send_file(JPEG, "poster.jpg", caption="Áp phích phong trào")
    await admin.press("Những người có một vai trò")
    await admin.press("Lãnh đạo đơn vị")
    replies = await admin.press("Khẩn")
    assert replies[1].file is not None and replies[1].file.name == "poster.jpg"
    assert "Số người nhận: 5 người, 1 người nhận được qua bot" in replies[-1].text
    await admin.press("Gửi thông báo")
    bot = make_bot(sessionmaker, clock, files_dir)
    await bot.runner.sync(clock())
    await bot.deliver()
    (got,) = bot.channel.to(manager.user_id)
    assert got.file is not None and got.file.data == JPEG and "Áp phích" in got.text
    await announce(admin, "Thông báo thứ hai")
    await admin.press("Bình thường")
    await admin.press("Gửi thông báo")
    await bot.runner.sync(clock())
    replies = await admin.send("/thongbao dung 2")
    assert "Đã dừng thông báo #2" in replies[0].text
    assert await bot.deliver() == 0
    async with sessionmaker() as session:
        statuses = {
            r.status
            for r in (
                await session.exec(select(Outbox).where(Outbox.source == "broadcast:2"))
            ).all()
        }
        ann = await session.get(Announcement, 2)
    assert statuses == {"cancelled"} and ann.status == "cancelled"


async def test_only_admins_broadcast(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0003")
    replies = await chat.send("/thongbao")
    assert "Chỉ quản trị mới gửi được thông báo." in replies[0].text
