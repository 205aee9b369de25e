"""Invite sheets: an admin downloads a unit's printable PDF; every person not linked yet is
on it with a QR code of the t.me deep link and the code for Zalo, issued (and audited) by
the invite service, and the code links in one tap. Others, other units: 403."""

from __future__ import annotations

import io
import re
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode.qr import QrCodeWidget
from sqlmodel import select
from starlette.applications import Starlette
from starlette.routing import Mount

from bot.web import pdf
from bot.web.app import console_app
from bot.web.botname import BotName
from bot.web.context import WebConfig
from storage.models import AuditLog, Invite, OrgUnit, Person
from tests.support.helpers import invite_for
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import BASE, BOT_TOKEN, csrf_of, sign_in

LINK = re.compile(r"https://t\.me/dvk_test_bot\?start=([A-Za-z0-9_-]+)")


@pytest.fixture
def web_config(files_dir: Path) -> WebConfig:
    return WebConfig(
        base_url=BASE, bot_token=BOT_TOKEN, files_dir=files_dir, bot_username="@dvk_test_bot"
    )


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


async def unit_id(sessionmaker, code: str) -> int:
    async with sessionmaker() as session:
        unit = (await session.exec(select(OrgUnit).where(OrgUnit.code == code))).one()
        return unit.id


async def admin(client, chat_for, sessionmaker, clock, code: str = "HNI0004") -> str:
    await sign_in(client, chat_for, sessionmaker, clock, code)
    return csrf_of((await client.get("/console/")).text)


async def test_an_admin_downloads_a_sheet_whose_codes_link_in_one_tap(
    demo, chat_for, sessionmaker, clock, client
):
    csrf = await admin(client, chat_for, sessionmaker, clock)
    home = await client.get("/console/")
    assert "Phiếu mời" in home.text and 'href="/console/sheets"' in home.text
    nghia_tan = await unit_id(sessionmaker, "HNI-CGY-NTN")
    listing = await client.get("/console/sheets")
    assert listing.status_code == 200 and "Bưu cục Nghĩa Tân" in listing.text
    assert f'action="/console/sheets/{nghia_tan}.pdf"' in listing.text
    assert "Bưu điện tỉnh Phú Thọ" not in listing.text  # another province's units

    answer = await client.post(f"/console/sheets/{nghia_tan}.pdf", data={"csrf": csrf})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert "attachment" in answer.headers["content-disposition"]
    assert answer.headers["cache-control"] == "no-store"
    text = pdf_text(answer.content)
    assert "Phiếu mời liên kết tài khoản · Bưu cục Nghĩa Tân" in text
    for name in ("Đặng Minh Khoa", "Bùi Thị Thảo"):
        assert name in text
    assert "Đỗ Văn Hưng" not in text  # Dịch Vọng, not this unit
    codes = LINK.findall(text)
    assert len(codes) == 2
    for code in codes:
        assert code in text.replace(f"start={code}", "")  # the Zalo code beside it

    async with sessionmaker() as session:
        me = (await session.exec(select(Person).where(Person.employee_code == "HNI0004"))).one()
        rows = (await session.exec(select(AuditLog))).all()
        invites = (await session.exec(select(Invite))).all()
    assert len(invites) == 2 + 1  # the sheet's two, and the admin's own (used) to sign in
    sheet_rows = [r for r in rows if r.action == "invite.sheet"]
    assert len(sheet_rows) == 1 and sheet_rows[0].actor_id == me.id
    assert sheet_rows[0].object_id == str(nghia_tan) and sheet_rows[0].details == {"people": 2}
    issued = [r for r in rows if r.action == "invite.issue" and r.actor_label == "console"]
    assert len(issued) == 2 and all(r.actor_id == me.id for r in issued)
    assert not any(code in str(r.details) for r in rows for code in codes)

    # the first line's code links Thảo or Khoa in one tap
    chat = chat_for("new-phone")
    await chat.send(f"/start {codes[0]}")
    replies = await chat.press("Tôi đồng ý")
    assert "Đã liên kết" in replies[-1].text and "Bưu cục Nghĩa Tân" in replies[-1].text
    again = await client.get("/console/sheets")
    assert re.search(rf'id="unit-{nghia_tan}">.*?<td[^>]*>1</td>', again.text, re.S)


async def test_a_new_sheet_replaces_the_codes_of_the_older_one(
    demo, chat_for, sessionmaker, clock, client
):
    old = await invite_for(sessionmaker, clock, "HNI0008")
    csrf = await admin(client, chat_for, sessionmaker, clock)
    nghia_tan = await unit_id(sessionmaker, "HNI-CGY-NTN")
    await client.post(f"/console/sheets/{nghia_tan}.pdf", data={"csrf": csrf})
    chat = chat_for("old-code")
    await chat.send(f"/start {old}")
    replies = await chat.press("Tôi đồng ý")
    assert replies[0].text.startswith("Mã mời không đúng")


async def test_others_and_other_units_are_refused(demo, chat_for, sessionmaker, clock, client):
    viet_tri = await unit_id(sessionmaker, "PTO-VTI-VTI")
    csrf = await admin(client, chat_for, sessionmaker, clock)
    crafted = await client.post(f"/console/sheets/{viet_tri}.pdf", data={"csrf": csrf})
    assert crafted.status_code == 403 and "Không có quyền truy cập" in crafted.text
    no_csrf = await client.post(f"/console/sheets/{viet_tri}.pdf", data={})
    assert no_csrf.status_code == 403
    missing = await client.post("/console/sheets/999999.pdf", data={"csrf": csrf})
    assert missing.status_code == 403
    async with sessionmaker() as session:
        assert len((await session.exec(select(Invite))).all()) == 1  # the admin's own
    await client.post("/console/logout", data={"csrf": csrf})
    for code in ("HNI0002", "HNI0005", "HNI0009"):  # committee, manager, staff
        csrf = await admin(client, chat_for, sessionmaker, clock, code)
        assert (await client.get("/console/sheets")).status_code == 403
        nghia_tan = await unit_id(sessionmaker, "HNI-CGY-NTN")
        refused = await client.post(f"/console/sheets/{nghia_tan}.pdf", data={"csrf": csrf})
        assert refused.status_code == 403
        assert "Phiếu mời" not in (await client.get("/console/")).text
        await client.post("/console/logout", data={"csrf": csrf})
    async with sessionmaker() as session:
        actions = (await session.exec(select(AuditLog.action))).all()
    assert "invite.sheet" not in actions


async def test_the_sheet_in_english(demo, chat_for, sessionmaker, clock, client):
    csrf = await admin(client, chat_for, sessionmaker, clock)
    listing = await client.get("/console/sheets?lang=en")
    assert "Invite sheets" in listing.text and "Download the PDF" in listing.text
    dich_vong = await unit_id(sessionmaker, "HNI-CGY-DVG")
    answer = await client.post(f"/console/sheets/{dich_vong}.pdf", data={"csrf": csrf})
    text = pdf_text(answer.content)
    assert "Account linking invites · Bưu cục Dịch Vọng" in text and "Đỗ Văn Hưng" in text
    assert len(LINK.findall(text)) == 1


async def test_without_a_bot_username_nothing_is_issued(
    demo, chat_for, sessionmaker, clock, files_dir
):
    config = WebConfig(base_url=BASE, files_dir=files_dir)  # no username, no token
    app = Starlette(routes=[Mount("/console", console_app(sessionmaker, config, clock))])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
        csrf = await admin(client, chat_for, sessionmaker, clock)
        nghia_tan = await unit_id(sessionmaker, "HNI-CGY-NTN")
        answer = await client.post(f"/console/sheets/{nghia_tan}.pdf", data={"csrf": csrf})
    assert answer.status_code == 503 and "TELEGRAM_BOT_USERNAME" in answer.text
    async with sessionmaker() as session:
        assert len((await session.exec(select(Invite))).all()) == 1  # the admin's own


async def test_the_username_is_asked_from_telegram_once(fake_telegram):
    names = BotName(token=fake_telegram.token, api_base_url=fake_telegram.base_url)
    assert await names.get() == "dvk_test_bot"
    assert await names.get() == "dvk_test_bot"
    assert len(fake_telegram.calls_to("getMe")) == 1
    assert await BotName("@dvk_bot").get() == "dvk_bot"
    assert await BotName(token="1:x", api_base_url="http://127.0.0.1:9/bot").get() is None


def test_the_qr_code_carries_the_deep_link():
    link = "https://t.me/dvk_test_bot?start=K7QM-4XPD"
    code = pdf.qr(link)
    assert code.value == link and code.width == code.height == pytest.approx(pdf.mm * 30)
    # the same modules as reportlab's own QR encoder gives for the link at level M
    widget = QrCodeWidget(link, barLevel="M")
    widget.qr.make()
    assert code.modules == [[bool(dark) for dark in row] for row in widget.qr.modules]
    # the three finder patterns where scanners look for them: top left, top right, bottom left
    size = len(code.modules)
    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        ring = [code.modules[top][left + i] for i in range(7)]
        assert ring == [True] * 7 and code.modules[top + 1][left + 1] is False
