"""The admins' pages in a real browser (Debian's Chromium): a roster with two bad rows is
previewed (both shown with their line and reason, nothing written), fixed and applied; a
broadcast is composed, its audience previewed, sent, and its progress follows by itself.
Screenshots go to artifacts/ (not committed)."""

from __future__ import annotations

from sqlmodel import select

from storage.models import Person
from tests.support.browser_support import browser_mark, shoot
from tests.support.helpers import linked
from tests.support.scheduling import make_bot
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import PHONE, browser_sign_in, same_session_page

# the browser and the server fixtures of the reviewers' browser test
from tests.test_web_admin import GOOD_ROWS, XLSX, workbook

pytestmark = browser_mark

TWO_BAD_ROWS = [
    ["HNI0101", "Trần Thị Sai", "HNI-XYZ", "staff", "Bưu tá", ""],
    ["HNI0102", "Lê Văn Lỗi", "HNI-CGY", "giamdoc", "Bưu tá", ""],
]


async def people_named(sessionmaker, code: str) -> list[str]:
    async with sessionmaker() as session:
        query = select(Person.full_name).where(Person.employee_code == code)
        return list((await session.exec(query)).all())


async def signed_in_admin(chat_for, sessionmaker, clock, server, chromium, viewport=PHONE):
    anh = await linked(chat_for, sessionmaker, clock, "HNI0004")
    context, page = await browser_sign_in(
        chromium, server, anh, viewport=viewport, greeting="Phạm Đức Anh"
    )
    await page.get_by_role("link", name="🛠 Quản trị").click()
    await page.get_by_role("heading", name="Quản trị").wait_for()
    return context, page


async def test_an_admin_sees_two_bad_rows_then_applies_the_fixed_roster(
    demo, chat_for, sessionmaker, clock, server, chromium
):
    context, page = await signed_in_admin(chat_for, sessionmaker, clock, server, chromium)
    await shoot(page, "admin-home-phone")
    roster = page.locator("#upload-roster")
    await roster.locator("input[type=file]").set_input_files(
        {"name": "nhan-su.xlsx", "mimeType": XLSX, "buffer": workbook(GOOD_ROWS + TWO_BAD_ROWS)}
    )
    await roster.get_by_role("button", name="Xem trước").click()
    await page.get_by_text("2 dòng lỗi. Chưa ghi gì.").wait_for()
    rows = page.locator("#bad-rows tbody tr")
    assert await rows.count() == 2
    first, second = await rows.nth(0).inner_text(), await rows.nth(1).inner_text()
    assert "4" in first and "không có đơn vị «HNI-XYZ»" in first
    assert "5" in second and "vai trò «giamdoc» không hợp lệ" in second
    await shoot(page, "admin-preview-bad-rows-phone")
    assert await people_named(sessionmaker, "HNI0100") == []

    # fixed: the two bad rows dropped, uploaded again, previewed, applied
    await page.get_by_role("link", name="Tải tệp khác").click()
    roster = page.locator("#upload-roster")
    await roster.locator("input[type=file]").set_input_files(
        {"name": "nhan-su.xlsx", "mimeType": XLSX, "buffer": workbook(GOOD_ROWS)}
    )
    await roster.get_by_role("button", name="Xem trước").click()
    await page.get_by_text("Nếu áp dụng: 1 mới, 1 thay đổi, 0 giữ nguyên.").wait_for()
    assert await people_named(sessionmaker, "HNI0100") == []
    await page.get_by_role("button", name="✅ Áp dụng").click()
    await page.get_by_text("Đã nhập «nhan-su.xlsx»: 1 mới, 1 thay đổi, 0 giữ nguyên.").wait_for()
    assert await people_named(sessionmaker, "HNI0100") == ["Nguyễn Văn Mới"]

    wide = await same_session_page(chromium, context, server + "/console/admin/")
    await wide.locator("#upload-roster").wait_for()
    await shoot(wide, "admin-home-desktop")
    await wide.goto(server + "/console/admin/?lang=en")
    await wide.get_by_role("heading", name="Administration").wait_for()
    await wide.get_by_text("Load data from a file").first.wait_for()
    await shoot(wide, "admin-home-desktop-en")


async def test_an_admin_broadcasts_and_watches_the_progress(
    demo,
    chat_for,
    sessionmaker,
    clock,
    files_dir,
    server,
    chromium,
):
    await linked(chat_for, sessionmaker, clock, "HNI0008")
    await linked(chat_for, sessionmaker, clock, "HNI0009")
    _, page = await signed_in_admin(chat_for, sessionmaker, clock, server, chromium)
    await page.get_by_role("link", name="Gửi thông báo").first.click()
    await page.locator("textarea[name=text]").fill("Mời dự hội nghị phát động phong trào.")
    await page.get_by_role("button", name="Xem trước người nhận").click()
    await page.get_by_text("Người nhận: 15 người").wait_for()
    await page.get_by_text(
        "Không gửi được (chưa liên kết bot, đã chặn bot hoặc quá hạn Zalo): 12"
    ).wait_for()
    await shoot(page, "admin-broadcast-preview-phone")
    await page.get_by_role("button", name="📢 Gửi thông báo").click()
    await page.get_by_text("Đang chờ gửi").wait_for()
    bot = make_bot(sessionmaker, clock, files_dir)
    await bot.runner.sync(clock())
    await bot.sender.drain(clock())
    await bot.runner.broadcasts.track(clock(), force=True)
    # no reload: the page polls the outbox
    await page.get_by_text("Đã xử lý 3/3").wait_for(timeout=15_000)
    await page.get_by_text("Đã gửi xong").wait_for()
    await shoot(page, "admin-broadcast-progress-phone")
