"""Review on Telegram: an approver and an evidence reviewer see the entry and the photo
and document themselves, decide with buttons, and the registrant is told through the
outbox sender on her own Telegram chat. The fake checks every request against the spec."""

from __future__ import annotations

from handlers.texts import Vi
from scheduler.config import ChannelRate
from scheduler.sender import OutboxSender
from tests.support.helpers import invite_for
from tests.support.samples import JPEG, PDF
from tests.support.scheduling import config_for
from tests.support.telegram_support import (
    channel_for,
    newest_shows,
    onboard_by_code,
    press_and_see,
    running,
    sees,
    send_and_see,
)
from tests.test_telegram import register_m1


async def test_approval_and_evidence_review_with_files_and_notices(
    demo, fake_telegram, router, sessionmaker, clock, files_dir
):
    tg = fake_telegram
    thao, khoa, hanh = tg.user(700), tg.user(701), tg.user(702)
    channel = channel_for(tg, router, sessionmaker)
    async with running(channel):
        for user, code in ((thao, "HNI0008"), (khoa, "HNI0007"), (hanh, "HNI0003")):
            await onboard_by_code(tg, user, await invite_for(sessionmaker, clock, code))
        await register_m1(tg, thao)
        await send_and_see(tg, thao, "/minhchung", "Chọn tiêu chí")
        await press_and_see(tg, thao, "M1.01", "Gửi minh chứng cho M1.01")
        thao.send_photo(JPEG, caption="Họp giao chỉ tiêu quý 4")
        await sees(tg, thao.chat_id, "Đã lưu ảnh")
        thao.send_document(PDF, "kehoach.pdf", "application/pdf")
        await sees(tg, thao.chat_id, "Đã lưu tệp")

        await send_and_see(tg, khoa, "/duyet", "chờ anh/chị duyệt")
        await press_and_see(tg, khoa, "M1 ·", "Bùi Thị Thảo")
        await press_and_see(tg, khoa, Vi.BTN_APPROVE, "Đã duyệt")

        hanh.send_text("/thamdinh")  # only evidence waits for her: straight to the first
        await tg.wait_for(lambda s: any(m.kind == "photo" for m in s.messages(hanh.chat_id)))
        await newest_shows(tg, hanh.chat_id, Vi.EVIDENCE_DECIDE)
        hanh.press(Vi.BTN_ACCEPT)
        await tg.wait_for(lambda s: any(m.kind == "document" for m in s.messages(hanh.chat_id)))
        await newest_shows(tg, hanh.chat_id, Vi.EVIDENCE_DECIDE)
        await press_and_see(tg, hanh, Vi.BTN_REJECT, Vi.EVIDENCE_REJECT_REASON)
        await send_and_see(tg, hanh, "Kế hoạch chưa có chữ ký của chi bộ", Vi.EVIDENCE_REJECTED)

        config = config_for(files_dir, rates={"telegram": ChannelRate(1000, 1000)})
        await OutboxSender(sessionmaker, {"telegram": channel}, config, clock).drain_all(clock())
        await sees(tg, thao.chat_id, "Kế hoạch chưa có chữ ký của chi bộ")
    photo = next(m for m in tg.messages(hanh.chat_id) if m.kind == "photo")
    assert "Họp giao chỉ tiêu quý 4" in (photo.text or "")
    notice = tg.last_message(thao.chat_id)
    assert notice is not None and notice.labels
