"""The managers' page: their unit subtree at a glance (never another unit's), the digest's
workbook, who is behind page by page, and a reminder through the reminder rules (only
for those the rules let set one, as `/nhacviec`)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.web.routes import manager
from storage.models import AuditLog, OrgUnit, Person, ReminderRule, Role, RoleGrant
from storage.services import org
from tests.support import review_setup
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import csrf_of, sign_in


async def unit_ids(sessionmaker) -> dict[str, int]:
    async with sessionmaker() as session:
        return dict((await session.exec(select(OrgUnit.code, OrgUnit.id))).all())


async def signed(client, chat_for, sessionmaker, clock, code: str) -> str:
    await sign_in(client, chat_for, sessionmaker, clock, code)
    return csrf_of((await client.get("/console/")).text)


async def rules(sessionmaker) -> list[ReminderRule]:
    async with sessionmaker() as session:
        return list((await session.exec(select(ReminderRule))).all())


async def test_a_manager_sees_the_subtree_at_a_glance(demo, chat_for, sessionmaker, clock, client):
    entry_id = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01"])
    await review_setup.approve(sessionmaker, clock, entry_id, "HNI0005")
    await review_setup.entry(sessionmaker, clock, "HNI0009", "M2")
    units = await unit_ids(sessionmaker)
    await signed(client, chat_for, sessionmaker, clock, "HNI0005")
    home = await client.get("/console/")
    assert 'href="/console/manager/"' in home.text and "Tiến độ đơn vị" in home.text
    page = await client.get("/console/manager/")
    assert page.status_code == 200
    assert "Tiến độ · Bưu điện quận Cầu Giấy" in page.text
    assert 'id="model-M1"' in page.text and 'id="model-M2"' in page.text
    assert f'id="unit-{units["HNI-CGY-NTN"]}"' in page.text
    assert f'id="unit-{units["HNI-CGY-DVG"]}"' in page.text
    assert "<svg" in page.text and "Bưu cục Nghĩa Tân" in page.text
    assert "Sóc Sơn" not in page.text and "Lý Hoàng Nam" not in page.text
    # HNI0006 (Cầu Giấy) has no entry: behind; HNI0008 has one but no evidence yet
    assert "Vũ Thị Ngọc Lan" in page.text and "chưa đăng ký" in page.text
    assert "Bùi Thị Thảo" in page.text and "chưa có minh chứng" in page.text
    assert "Lời nhắc do Công đoàn hoặc Đảng ủy đặt" in page.text  # a manager only
    assert 'action="/console/manager/remind"' not in page.text
    english = await client.get("/console/manager/?lang=en")
    assert "Progress · Bưu điện quận Cầu Giấy" in english.text and "People behind" in english.text
    await client.get("/console/?lang=vi")
    # a sub-unit of the subtree, and back up
    sub = await client.get(f"/console/manager/?unit={units['HNI-CGY-NTN']}")
    assert sub.status_code == 200 and "Tiến độ · Bưu cục Nghĩa Tân" in sub.text
    assert "Vũ Thị Ngọc Lan" not in sub.text
    assert f'href="?unit={units["HNI-CGY"]}"' in sub.text
    book = await client.get(f"/console/manager/digest.xlsx?unit={units['HNI-CGY']}")
    assert book.status_code == 200 and "attachment" in book.headers["content-disposition"]
    sheets = load_workbook(io.BytesIO(book.content))
    names = [row[0] for ws in sheets.worksheets for row in ws.iter_rows(values_only=True)]
    assert "Vũ Thị Ngọc Lan" in names and "Lý Hoàng Nam" not in names


@pytest.mark.parametrize("code", ["HNI0008", "HNI0004", "HNI0002"])
async def test_no_manager_no_page(demo, chat_for, sessionmaker, clock, client, code):
    await signed(client, chat_for, sessionmaker, clock, code)
    assert (await client.get("/console/manager/")).status_code == 403
    assert (await client.get("/console/manager/digest.xlsx")).status_code == 403


async def test_other_units_are_refused(demo, chat_for, sessionmaker, clock, client):
    units = await unit_ids(sessionmaker)
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0005")
    for code in ("HNI-SSN", "HNI", "HNI-SSN-SSN"):  # a sibling, the parent, a cousin
        page = await client.get(f"/console/manager/?unit={units[code]}")
        assert page.status_code == 403 and "Không có quyền truy cập" in page.text
        book = await client.get(f"/console/manager/digest.xlsx?unit={units[code]}")
        assert book.status_code == 403
        remind = await client.post(
            "/console/manager/remind",
            data={"csrf": csrf, "unit": str(units[code]), "audience": "unregistered"},
        )
        assert remind.status_code == 403
    assert (await client.get("/console/manager/?unit=999999")).status_code == 403
    assert await rules(sessionmaker) == []


async def test_a_manager_who_sets_reminders_reminds_those_behind(
    demo, chat_for, sessionmaker, clock, client
):
    units = await unit_ids(sessionmaker)
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0005")
    refused = await client.post(
        "/console/manager/remind",
        data={"csrf": csrf, "unit": str(units["HNI-CGY"]), "audience": "unregistered"},
    )
    assert refused.status_code == 403 and await rules(sessionmaker) == []
    async with sessionmaker() as session, session.begin():  # also the union's head there
        tung = (await session.exec(select(Person).where(Person.employee_code == "HNI0005"))).one()
        session.add(
            RoleGrant(
                person_id=tung.id,
                role=Role.UNION_COMMITTEE,
                scope_unit_id=units["HNI-CGY"],
                source="test",
            )
        )
    page = await client.get("/console/manager/")
    assert "Nhắc người chưa đăng ký" in page.text and "Nhắc người chưa gửi minh chứng" in page.text
    done = await client.post(
        "/console/manager/remind",
        data={"csrf": csrf, "unit": str(units["HNI-CGY"]), "audience": "unregistered"},
    )
    assert done.status_code == 303
    made = await rules(sessionmaker)
    assert len(made) == 1
    rule = made[0]
    assert (rule.audience, rule.schedule) == ("unregistered", "once")
    assert rule.unit_id == units["HNI-CGY"]
    assert rule.issuer_role == Role.UNION_COMMITTEE and rule.button == "/dangky"
    assert rule.once_at is not None and rule.campaign_id is not None
    after = await client.get(done.headers["location"])
    assert "Đã đặt lời nhắc cho người chưa đăng ký" in after.text
    async with sessionmaker() as session:
        actions = (await session.exec(select(AuditLog.action))).all()
    assert "reminder.create" in actions
    bad = await client.post(
        "/console/manager/remind",
        data={"csrf": csrf, "unit": str(units["HNI-CGY"]), "audience": "everyone"},
    )
    assert bad.status_code == 400 and len(await rules(sessionmaker)) == 1


async def test_people_behind_are_paginated(
    demo, chat_for, sessionmaker, clock, client, monkeypatch
):
    monkeypatch.setattr(manager, "PER_PAGE", 3)
    await signed(client, chat_for, sessionmaker, clock, "HNI0001")
    first = await client.get("/console/manager/")
    assert "Người còn chậm (15)" in first.text and "Trang 1/5" in first.text
    async with sessionmaker() as session:
        hn = await org.get_unit_by_code(session, "HNI")
    last = await client.get(f"/console/manager/?unit={hn.id}&page=5")
    assert "Trang 5/5" in last.text and "Sau ›" not in last.text and "‹ Trước" in last.text
    rows = [line for line in last.text.splitlines() if 'data-label="Họ và tên"' in line]
    assert len(rows) == 3
