"""The console's other areas in a real browser (Debian's Chromium): a committee member
appoints reviewers, runs a council round (members vote in chat, the turnout updates by
itself) and publishes; a manager opens the dashboard; a staff member their own page.
Screenshots go to artifacts/ (not committed)."""

from __future__ import annotations

from sqlmodel import select

from storage.models import CouncilVote, EntryStatus
from storage.services import council, people, showcase
from tests.support import review_setup
from tests.support.browser_support import browser_mark, shoot
from tests.support.helpers import linked
from tests.support.samples import JPEG
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import DESKTOP, PHONE, browser_sign_in, same_session_page

pytestmark = browser_mark


async def test_committee_appoints_runs_a_council_round_and_publishes(
    demo, chat_for, sessionmaker, clock, server, chromium
):
    entry_id = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1")
    await review_setup.approve(sessionmaker, clock, entry_id, "HNI0005")
    await review_setup.evidence_all(sessionmaker, clock, entry_id, "HNI0008", "HNI0003")
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")
    context, page = await browser_sign_in(chromium, server, minh, greeting="Trần Quang Minh")
    await shoot(page, "committee-home-phone")

    # appoint two reviewers from other units
    await page.get_by_role("link", name="👥 Phân công thẩm định").click()
    await page.get_by_text("Đã phân công 0/2").wait_for()
    await shoot(page, "committee-assign-phone")
    for name in ("Lê Thị Hạnh", "Mai Thị Phương"):
        picker = page.locator(f"#entry-{entry_id} select[name=reviewer]")
        label = await picker.locator("option", has_text=name).text_content()
        await picker.select_option(label=label)
        await page.get_by_role("button", name="👥 Phân công").click()
        await page.get_by_text("Đã phân công; thành viên thẩm định đã được báo.").wait_for()
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.UNDER_REVIEW
    await review_setup.score(sessionmaker, clock, entry_id, "HNI0003", 0.95)
    await review_setup.score(sessionmaker, clock, entry_id, "HNI0015", 0.97)

    # open the round; members vote in chat; the turnout follows without a reload
    await page.get_by_role("link", name="Bình xét").click()
    await page.get_by_role("button", name="🗳 Mở phiên bỏ phiếu").click()
    await page.get_by_text("0/4 thành viên đã bỏ phiếu").wait_for()
    async with sessionmaker() as session:
        query = select(CouncilVote.id).where(CouncilVote.registration_id == entry_id)
        vote_id = (await session.exec(query)).one()
    for code in ("HNI0001", "HNI0011", "HNI0014"):
        async with sessionmaker() as session, session.begin():
            member = await people.find_by_code(session, code)
            await council.cast(
                session, actor=member, vote_id=vote_id, choice=council.YES, now=clock()
            )
    await page.get_by_text("3/4 thành viên đã bỏ phiếu").wait_for(timeout=15_000)
    await shoot(page, "committee-council-phone")
    await page.get_by_role("button", name="⏹ Kết thúc và kiểm phiếu").click()
    await page.get_by_text("3/4 bỏ phiếu · đồng ý 3 · không đồng ý 0").wait_for()

    # publish
    await page.get_by_role("link", name="Kết quả").first.click()
    await page.get_by_role("button", name="📢 Công khai các kết quả đã có").click()
    await page.get_by_text("Đã công khai 1 kết quả").wait_for()
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.PUBLISHED
    await shoot(page, "committee-results-phone")

    wide = await same_session_page(chromium, context, server + "/console/committee/results")
    await wide.get_by_text("Kết quả đã công khai").wait_for()
    await shoot(wide, "committee-results-desktop")
    await wide.goto(server + "/console/committee/council")
    await shoot(wide, "committee-council-desktop")


async def test_a_manager_opens_the_dashboard(demo, chat_for, sessionmaker, clock, server, chromium):
    entry_id = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01"])
    await review_setup.approve(sessionmaker, clock, entry_id, "HNI0005")
    await review_setup.entry(sessionmaker, clock, "HNI0009", "M2")
    await review_setup.entry(sessionmaker, clock, "HNI0012", "M3")
    ha = await linked(chat_for, sessionmaker, clock, "HNI0001")
    context, page = await browser_sign_in(chromium, server, ha)
    await page.get_by_role("link", name="📊 Tiến độ đơn vị").click()
    await page.get_by_role("heading", name="Tiến độ · Bưu điện thành phố Hà Nội").wait_for()
    await page.locator("figure.chart svg rect").first.wait_for()
    await shoot(page, "manager-dashboard-phone")
    await page.get_by_role("link", name="Bưu điện quận Cầu Giấy").first.click()
    await page.get_by_role("heading", name="Tiến độ · Bưu điện quận Cầu Giấy").wait_for()
    async with page.expect_download() as download:
        await page.get_by_role("link", name="⬇️ Tải báo cáo (Excel)").click()
    assert (await download.value).suggested_filename.endswith(".xlsx")

    wide = await same_session_page(chromium, context, server + "/console/manager/")
    await wide.locator("figure.chart svg").wait_for()
    await shoot(wide, "manager-dashboard-desktop")


async def test_a_staff_member_sees_their_own_page(
    demo, chat_for, sessionmaker, clock, server, chromium
):
    entry_id = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01", "M1.03"])
    thao = await linked(chat_for, sessionmaker, clock, "HNI0008")
    _, page = await browser_sign_in(chromium, server, thao)
    await page.get_by_role("link", name="🙋 Của tôi").click()
    await page.locator(f"#mine-{entry_id}").wait_for()
    await page.get_by_text("Còn thiếu minh chứng: M1.01, M1.03").wait_for()
    await shoot(page, "mine-phone")


async def test_a_visitor_sees_the_public_exemplars_page(
    demo, chat_for, sessionmaker, clock, deps, server, chromium
):
    from tests.test_web_exemplars import recognized

    await linked(chat_for, sessionmaker, clock, "HNI0008")  # Bùi Thị Thảo consents
    _, photo_id = await recognized(sessionmaker, clock, deps)
    async with sessionmaker() as session, session.begin():
        committee = await people.find_by_code(session, "HNI0002")
        await showcase.set_showcase(session, actor=committee, evidence_id=photo_id, on=True)

    for viewport, name in ((PHONE, "exemplars-phone"), (DESKTOP, "exemplars-desktop")):
        context = await chromium.new_context(viewport=viewport, locale="vi-VN")
        page = await context.new_page()
        await page.goto(server + "/console/exemplars")
        await page.get_by_text("Bùi Thị Thảo").first.wait_for()
        photo = page.locator(f'img[src="/console/exemplars/photo/{photo_id}"]')
        await photo.wait_for()
        served = await page.request.get(server + f"/console/exemplars/photo/{photo_id}")
        assert served.ok and await served.body() == JPEG
        await shoot(page, name)
        await context.close()
