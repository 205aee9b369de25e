"""The managers' page computes its figures in SQL (`services.dashboard`): on the demo data
with entries and evidence in many states, every unit's figures, sub-units and every page
of "who is behind" equal what the digest (`snapshot` + `digest_for`) computes, and a
manager is held to their subtree."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import insert, text, update
from sqlmodel import select

from bot.web.routes import manager
from handlers.outreach.unit_report import PERIOD
from storage.errors import PermissionDenied
from storage.models import (
    Campaign,
    CampaignModel,
    Evidence,
    OrgUnit,
    Person,
    Registration,
    Role,
    RoleGrant,
)
from storage.services import dashboard, digests, org, people
from tests.support import review_setup
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import sign_in

# Managers at each level: the corporation (granted below), provinces, districts, offices.
MANAGERS = ["TCT0003", "HNI0001", "PTO0001", "HNI0005", "HNI0007", "PTO0007"]
# Names whose order differs between code points and a language's collation (case,
# letters with diacritics after "Z"), beside the demo's own.
EXTRA_STAFF = [("an Nhiên", "HNI-CGY"), ("Ánh Dương", "HNI-CGY"), ("Zoe Trần", "HNI-CGY")]

# Entries written straight in: (person, model, status, options of `_entry`).
WRITTEN = [
    (
        "PTO0008",
        "M1",
        "implementing",
        {
            "collective_unit": "PTO-VTI-VTI",
            "scored": True,
            "evidence": (("pending", 1), ("accepted", 2), ("pending", 12)),
        },
    ),
    ("PTO0009", "M1", "withdrawn", {"evidence": (("pending", 1),)}),
    (
        "DNG0008",
        "M3",
        "self_scored",
        {"scored": True, "evidence": (("accepted", 3), ("rejected", 1))},
    ),
    ("DNG0009", "M2", "returned", {"evidence": (("rejected", 2),)}),
    ("CTO0008", "M2", "under_review", {"scored": True, "evidence": (("pending", 0),)}),
    ("HNI0012", "M3", "draft", {}),
    ("HNI0015", "M1", "approved", {"evidence": (("pending", 2),)}),
    ("HNI0013", "M2", "submitted", {"scored": True}),
    ("HNI0007", "M2", "approved", {}),  # behind, beside HNI0008 who has sent evidence
]


async def _entry(
    session,
    campaign: Campaign,
    code: str,
    model: str,
    status: str,
    now: datetime,
    *,
    collective_unit: str | None = None,
    scored: bool = False,
    evidence: tuple[tuple[str, int], ...] = (),
) -> None:
    """An entry written straight into the tables, with evidence (status, age in days)."""
    person = await people.find_by_code(session, code)
    found = (
        await session.exec(
            select(CampaignModel).where(
                CampaignModel.campaign_id == campaign.id, CampaignModel.code == model
            )
        )
    ).one()
    unit = await org.get_unit_by_code(session, collective_unit) if collective_unit else None
    reg = Registration(
        campaign_id=campaign.id,
        model_id=found.id,
        subject_type="collective" if unit else "individual",
        subject_key=f"u:{unit.id}" if unit else f"p:{person.id}",
        person_id=None if unit else person.id,
        unit_id=unit.id if unit else person.unit_id,
        registered_by_id=person.id,
        status=status,
        self_scored_at=now if scored else None,
        created_at=now,
    )
    session.add(reg)
    await session.flush()
    for state, age in evidence:
        session.add(
            Evidence(
                registration_id=reg.id,
                sender_id=person.id,
                kind="note",
                note="Số liệu",
                status=state,
                created_at=now - timedelta(days=age),
            )
        )


async def _language_order(session) -> None:
    """On PostgreSQL, names sort by a language's rules (ignoring case, "Á" beside "A")
    unless a query asks for code points as the digest's Python sort does."""
    if session.bind.dialect.name != "postgresql":
        return
    icu = await session.exec(text("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'"))
    if icu.first() is None:
        return
    for table, column in (("person", "full_name"), ("org_unit", "name")):
        await session.exec(
            text(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar(255) COLLATE "und-x-icu"')
        )


@pytest.fixture
async def busy(demo, sessionmaker, clock) -> None:
    """The demo with entries in many states: through the services (registered,
    approved, notes sent) and written straight in (the other states)."""
    async with sessionmaker() as session, session.begin():
        await _language_order(session)
    first = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01", "M1.03"])
    await review_setup.approve(sessionmaker, clock, first, "HNI0005")
    await review_setup.notes(sessionmaker, clock, first, "HNI0008")  # out of the period below
    await review_setup.entry(sessionmaker, clock, "HNI0009", "M2")  # submitted, no evidence
    clock.advance(days=9)
    now = clock()
    async with sessionmaker() as session, session.begin():
        campaign = (await session.exec(select(Campaign))).one()
        units = dict((await session.exec(select(OrgUnit.code, OrgUnit.id))).all())
        await session.exec(
            insert(Person).values(
                [
                    {"employee_code": f"X{i}", "full_name": name, "unit_id": units[unit]}
                    for i, (name, unit) in enumerate(EXTRA_STAFF)
                ]
            )
        )
        for code, model, status, options in WRITTEN:
            await _entry(session, campaign, code, model, status, now, **options)
        await session.exec(  # inactive: not staff, but the entry still counts
            update(Person).where(Person.employee_code == "HNI0015").values(active=False)
        )
        tct = await people.find_by_code(session, "TCT0003")
        session.add(
            RoleGrant(
                person_id=tct.id, role=Role.MANAGER, scope_unit_id=units["VNPOST"], source="test"
            )
        )


async def _pair(session, unit: OrgUnit, now: datetime, page: int, per_page: int):
    campaign = (await session.exec(select(Campaign))).one()
    since = now - PERIOD
    board = await dashboard.summary(
        session, unit=unit, campaign_id=campaign.id, since=since, page=page, per_page=per_page
    )
    snap = await digests.snapshot(session, campaign.id, since, root=unit)
    return board, digests.digest_for(snap, 0, unit.id)


async def test_every_unit_equals_the_digest_page_by_page(busy, sessionmaker, clock):
    async with sessionmaker() as session:
        units = (await session.exec(select(OrgUnit).order_by(OrgUnit.path))).all()
        for unit in units:
            board, digest = await _pair(session, unit, clock(), 1, 3)
            assert board.scope == digest.scope, unit.code
            assert board.children == digest.children, unit.code
            behind = digest.people_behind
            assert board.behind_total == len(behind), unit.code
            assert board.pages == max(1, -(-len(behind) // 3))
            for number in range(1, board.pages + 1):
                board, _ = await _pair(session, unit, clock(), number, 3)
                assert board.page == number
                assert board.behind == behind[(number - 1) * 3 : number * 3], (unit.code, number)
            beyond, _ = await _pair(session, unit, clock(), board.pages + 5, 3)
            assert (beyond.page, beyond.behind) == (board.pages, board.behind)
        root, digest = await _pair(session, units[0], clock(), 1, 50)
    # the data reaches every figure, so a wrong filter shows
    scope = root.scope
    assert scope.evidence_period and scope.waiting_evidence and scope.waiting_approval
    assert 0 < scope.self_scored < scope.working and 0 < scope.registered < scope.staff
    assert len(scope.entries) >= 5 and ("M1", "withdrawn") not in scope.entries
    registered = [p for p in digest.people_behind if p.registered]
    assert registered and registered[0].evidence == 0
    assert len(root.behind) == 50 and root.behind == digest.people_behind[:50]
    assert {name for name, _ in EXTRA_STAFF} <= {p.name for p in digest.people_behind}


async def test_a_manager_is_held_to_the_subtree(busy, sessionmaker):
    async with sessionmaker() as session:
        units = (await session.exec(select(OrgUnit))).all()
        for code in MANAGERS:
            actor = await people.find_by_code(session, code)
            own, scopes = await dashboard.managed_unit(session, actor, None)
            assert [s.id for s in scopes] == [own.id]
            for unit in units:
                if org.is_within(unit, own):
                    found, _ = await dashboard.managed_unit(session, actor, str(unit.id))
                    assert found.id == unit.id
                else:
                    with pytest.raises(PermissionDenied):
                        await dashboard.managed_unit(session, actor, str(unit.id))
            for crafted in ("999999", "-1", "1 OR 1=1", "abc"):
                with pytest.raises(PermissionDenied):
                    await dashboard.managed_unit(session, actor, crafted)
        staff = await people.find_by_code(session, "HNI0008")
        with pytest.raises(PermissionDenied):
            await dashboard.managed_unit(session, staff, None)


ROW = re.compile(r'<tr><td data-label="Họ và tên">([^<]*)</td><td data-label="Đơn vị">([^<]*)</td>')


@pytest.mark.parametrize("code", ["TCT0003", "HNI0005"])
async def test_the_page_lists_who_is_behind_as_the_digest(
    busy, chat_for, sessionmaker, clock, client, monkeypatch, code
):
    monkeypatch.setattr(manager, "PER_PAGE", 3)
    await sign_in(client, chat_for, sessionmaker, clock, code)
    async with sessionmaker() as session:
        actor = await people.find_by_code(session, code)
        unit, _ = await dashboard.managed_unit(session, actor, None)
        _, digest = await _pair(session, unit, clock(), 1, 3)
    expected = [(p.name, p.unit) for p in digest.people_behind]
    listed: list[tuple[str, str]] = []
    pages = -(-len(expected) // 3)
    for number in range(1, pages + 1):
        page = await client.get(f"/console/manager/?page={number}")
        assert page.status_code == 200 and f"Trang {number}/{pages}" in page.text, number
        assert f"Người còn chậm ({len(expected)})" in page.text
        listed += ROW.findall(page.text)
        for child in digest.children:
            assert f"{child.registered}/{child.staff} (" in page.text
    assert listed == expected
