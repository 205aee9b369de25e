"""The console in a real browser (Debian's Chromium driven by Playwright) against the real
server on 127.0.0.1: a reviewer rejects and accepts evidence and scores an entry; a
forged Mini App sign-in is refused. Screenshots go to artifacts/ (not committed)."""

from __future__ import annotations

import io
from urllib.parse import quote

from storage.models import Evidence, EvidenceStatus
from tests.support import review_setup
from tests.support.browser_support import browser_mark, shoot
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import (
    PHONE,
    browser_sign_in,
    evidenced_entry,
    init_data,
    same_session_page,
)

pytestmark = browser_mark


def photo_bytes() -> bytes:
    """A real JPEG, so the gallery shows a picture."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (230, 240, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 300, 600, 440), fill=(250, 200, 60))
    draw.ellipse((220, 60, 420, 260), fill=(200, 40, 40))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


async def test_reviewer_rejects_accepts_and_scores_in_the_browser(
    demo, chat_for, sessionmaker, clock, deps, server, chromium
):
    from tests.support.helpers import linked

    entry_id, ids = await evidenced_entry(sessionmaker, clock, deps, photo=photo_bytes())
    hanh = await linked(chat_for, sessionmaker, clock, "HNI0003")
    context, page = await browser_sign_in(chromium, server, hanh, greeting="Lê Thị Hạnh")
    await page.get_by_role("link", name="🔎 Kiểm tra minh chứng").click()
    await page.get_by_text("4 minh chứng · trang 1/1").wait_for()
    await shoot(page, "reviewer-queue-phone")

    # reject the PDF with a reason: the row is swapped in place (HTMX)
    pdf_row = page.locator(f"#ev-{ids['pdf']}")
    await pdf_row.locator("summary", has_text="Từ chối").click()
    await pdf_row.locator("textarea[name=reason]").fill("Biên bản thiếu chữ ký")
    await pdf_row.get_by_role("button", name="❌ Từ chối").click()
    await page.locator(f"#ev-{ids['pdf']}", has_text="Bị từ chối").wait_for()
    # accept the photo after looking at it in the lightbox
    photo_row = page.locator(f"#ev-{ids['photo']}")
    await photo_row.locator("a.thumb").click()
    await page.locator(f"#photo-{ids['photo']} img").wait_for(state="visible")
    await page.locator(f"#photo-{ids['photo']} .lightbox-close").click()
    await photo_row.get_by_role("button", name="✅ Chấp nhận").click()
    await page.locator(f"#ev-{ids['photo']}", has_text="Đã chấp nhận").wait_for()
    # bulk accept the other two
    await page.reload()
    await page.locator(f"input[name=ids][value='{ids['docx']}']").check()
    await page.locator(f"input[name=ids][value='{ids['note']}']").check()
    await page.get_by_role("button", name="Chấp nhận các minh chứng đã chọn").click()
    await page.get_by_text("Đã chấp nhận 2 minh chứng.").wait_for()
    async with sessionmaker() as session:
        statuses = {k: (await session.get(Evidence, v)).status for k, v in ids.items()}
    assert statuses == {
        "photo": EvidenceStatus.ACCEPTED,
        "pdf": EvidenceStatus.REJECTED,
        "docx": EvidenceStatus.ACCEPTED,
        "note": EvidenceStatus.ACCEPTED,
    }

    # appointed, she scores the entry criterion by criterion and submits
    await review_setup.assign(sessionmaker, clock, entry_id, "HNI0002", "HNI0003", "HNI0015")
    await page.goto(server + "/console/review/scoring")
    await page.locator("a.tile").first.click()
    await page.get_by_text("Chấm độc lập").wait_for()
    await shoot(page, "reviewer-sheet-phone")
    forms = page.locator("form.score-form")
    for index in range(await forms.count()):
        form = page.locator("form.score-form").nth(index)
        if await form.locator("input[type=radio]").count():
            await form.locator("input[value='1']").check()
        else:
            await form.locator("input[name=score]").fill("5")
        await form.get_by_role("button", name="💾 Lưu nháp").click()
        await page.get_by_text("Đã lưu điểm nháp.").wait_for()
    await page.get_by_role("button", name="📨 Nộp phiếu chấm").click()
    await page.get_by_text("Đã nộp phiếu chấm.").wait_for()
    await page.get_by_text("Sau khi nộp: điểm tự chấm").wait_for()

    # the same queue on a desktop screen
    wide = await same_session_page(chromium, context, server + "/console/review/?status=all")
    await wide.get_by_text("4 minh chứng").wait_for()
    await shoot(wide, "reviewer-queue-desktop")
    await shoot(page, "reviewer-sheet-submitted-phone")


async def test_forged_mini_app_sign_in_is_refused_and_a_real_one_works(
    demo, chat_for, sessionmaker, clock, server, chromium
):
    from tests.test_web_auth import telegram_linked

    await telegram_linked(chat_for, sessionmaker, clock, "HNI0003", 555001)
    now = int(clock().timestamp())
    context = await chromium.new_context(viewport=PHONE)
    page = await context.new_page()
    forged = init_data(555001, token="1:someone-elses-bot", auth_date=now)
    await page.goto(f"{server}/console/#tgWebAppData={quote(forged)}&tgWebAppVersion=8.0")
    await page.get_by_text("dữ liệu đăng nhập không hợp lệ").wait_for()
    assert await context.cookies() == []
    await shoot(page, "mini-app-forged-phone")
    await page.goto(server + "/console/review/")
    assert page.url.endswith("/console/")  # still not signed in

    real = init_data(555001, auth_date=now)
    theme = quote('{"bg_color":"#1e2b37","text_color":"#ffffff","button_color":"#3a8ee6"}')
    await page.goto(
        f"{server}/console/?lang=vi#tgWebAppData={quote(real)}&tgWebAppThemeParams={theme}"
    )
    await page.get_by_role("heading", name="Xin chào, Lê Thị Hạnh").wait_for()
    await shoot(page, "mini-app-home-phone")
