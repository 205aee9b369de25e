"""Importers: every bad row reported by line, nothing written when a file is bad, and
importing the same file twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select

from bot.demo import CAMPAIGN, ROSTER, UNITS
from storage.importers.campaign import load_campaign
from storage.importers.common import ImportFailed
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.models import Campaign, Criterion, OrgUnit, Person, RoleGrant
from storage.services import org


async def count(sessionmaker, table) -> int:
    async with sessionmaker() as session:
        return (await session.exec(select(func.count()).select_from(table))).one()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def refused(sessionmaker, importer, path: Path) -> list[tuple[int, str]]:
    with pytest.raises(ImportFailed) as failed:
        async with sessionmaker() as session, session.begin():
            await importer(session, path)
    return [(e.line, e.code) for e in failed.value.errors]


async def test_units_build_a_tree_with_subtree_queries(sessionmaker):
    async with sessionmaker() as session, session.begin():
        result = await import_units(session, UNITS)
    assert (result.created, result.updated) == (30, 0)
    async with sessionmaker() as session:
        cgy = await org.get_unit_by_code(session, "HNI-CGY")
        codes = (
            await session.exec(select(OrgUnit.code).where(OrgUnit.id.in_(org.subtree_units(cgy))))
        ).all()
    assert sorted(codes) == ["HNI-CGY", "HNI-CGY-DVG", "HNI-CGY-NTN"]
    assert cgy.depth == 2


async def test_importing_the_same_units_twice_changes_nothing(sessionmaker):
    for expected in ((30, 0, 0), (0, 0, 30)):
        async with sessionmaker() as session, session.begin():
            result = await import_units(session, UNITS)
        assert (result.created, result.updated, result.unchanged) == expected


async def test_units_bad_rows_are_all_reported_and_nothing_written(sessionmaker, tmp_path):
    path = write(
        tmp_path,
        "u.csv",
        (
            "unit_code,name,kind,parent_code\n"
            "ROOT,Tổng công ty,corporation,\n"
            "A,Đơn vị A,province_post,NOWHERE\n"
            "B,,province_post,ROOT\n"
            "C,Đơn vị C,castle,ROOT\n"
            "ROOT,Trùng,corporation,\n"
            "X,Vòng X,center,Y\n"
            "Y,Vòng Y,center,X\n"
        ),
    )
    errors = await refused(sessionmaker, import_units, path)
    assert (3, "unknown_parent") in errors
    assert (4, "missing_value") in errors
    assert (5, "unknown_kind") in errors
    assert (6, "duplicate_unit") in errors
    assert (7, "cycle") in errors and (8, "cycle") in errors
    assert await count(sessionmaker, OrgUnit) == 0


async def test_units_missing_columns(sessionmaker, tmp_path):
    path = write(tmp_path, "u.csv", "code,name\nA,B\n")
    assert await refused(sessionmaker, import_units, path) == [(1, "missing_columns")]


async def test_roster_imports_people_and_roles(sessionmaker):
    async with sessionmaker() as session, session.begin():
        await import_units(session, UNITS)
        result = await import_roster(session, ROSTER)
    assert result.created == 63
    async with sessionmaker() as session:
        manager = (
            await session.exec(select(Person).where(Person.employee_code == "HNI0005"))
        ).one()
        roles = await org.roles_of(session, manager)
    assert {"manager", "staff"} == {str(r) for r in roles}
    assert manager.phone == "0900000005"
    assert not hasattr(manager, "is_party_member")  # in the file, never stored


async def test_roster_reimport_is_idempotent_and_follows_role_changes(sessionmaker, tmp_path):
    async with sessionmaker() as session, session.begin():
        await import_units(session, UNITS)
        await import_roster(session, ROSTER)
    async with sessionmaker() as session, session.begin():
        again = await import_roster(session, ROSTER)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 63)
    grants = await count(sessionmaker, RoleGrant)
    changed = ROSTER.read_text(encoding="utf-8").replace(
        "HNI0008,Bùi Thị Thảo,HNI-CGY-NTN,Bưu cục Nghĩa Tân,HNI-CGY,staff",
        "HNI0008,Bùi Thị Thảo,HNI-CGY-NTN,Bưu cục Nghĩa Tân,HNI-CGY,union_committee;reviewer",
    )
    async with sessionmaker() as session, session.begin():
        result = await import_roster(session, write(tmp_path, "r.csv", changed))
    assert (result.updated, result.unchanged) == (0, 63)
    assert await count(sessionmaker, RoleGrant) == grants + 2


async def test_roster_bad_rows_are_reported_and_nothing_written(sessionmaker, tmp_path):
    async with sessionmaker() as session, session.begin():
        await import_units(session, UNITS)
    path = write(
        tmp_path,
        "r.csv",
        (
            "employee_code,full_name,unit_code,role,phone,is_party_member,is_union_member\n"
            "E1,Nguyễn Văn A,HNI,staff,0900000101,false,true\n"
            "E1,Nguyễn Văn B,HNI,staff,0900000102,false,true\n"
            "E3,Nguyễn Văn C,NOWHERE,staff,,false,true\n"
            "E4,Nguyễn Văn D,HNI,king,,false,true\n"
            "E5,Nguyễn Văn E,HNI,staff,12345,false,true\n"
            "E6,,HNI,staff,,maybe,maybe\n"
        ),
    )
    errors = await refused(sessionmaker, import_roster, path)
    assert errors == [
        (3, "duplicate_person"),
        (4, "unknown_unit"),
        (5, "unknown_role"),
        (6, "bad_phone"),
        (7, "missing_value"),
        (7, "bad_bool"),
    ]
    assert await count(sessionmaker, Person) == 0


async def test_roster_missing_columns(sessionmaker, tmp_path):
    path = write(tmp_path, "r.csv", "employee_code,full_name\nE1,A\n")
    assert await refused(sessionmaker, import_roster, path) == [(1, "missing_columns")]


async def test_roster_from_excel(sessionmaker, tmp_path):
    async with sessionmaker() as session, session.begin():
        await import_units(session, UNITS)
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "employee_code",
            "full_name",
            "unit_code",
            "role",
            "phone",
            "is_party_member",
            "is_union_member",
        ]
    )
    sheet.append(["X001", "Lê Văn Excel", "DNG", "manager", 900000201, False, True])
    sheet.append(["X002", "Trần Thị Excel", "DNG-HCU", "staff", "0900000202", None, "có"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    async with sessionmaker() as session, session.begin():
        result = await import_roster(session, path)
    assert result.created == 2
    async with sessionmaker() as session:
        first = (await session.exec(select(Person).where(Person.employee_code == "X001"))).one()
    assert first.phone == "0900000201"


async def test_campaign_loads_models_and_criteria(sessionmaker):
    async with sessionmaker() as session, session.begin():
        await load_campaign(session, CAMPAIGN)
    async with sessionmaker() as session:
        campaign = (await session.exec(select(Campaign))).one()
        criteria = (await session.exec(select(Criterion))).all()
    assert campaign.code == "DVK-2024" and str(campaign.registration_closes) == "2024-04-30"
    assert len([c for c in criteria if c.kind == "general"]) == 6
    assert len(criteria) == 6 + 9 + 8 + 8 + 8
    async with sessionmaker() as session, session.begin():
        again = await load_campaign(session, CAMPAIGN)
    assert (again.created, again.updated) == (0, 1)
    assert await count(sessionmaker, Criterion) == len(criteria)


def broken_campaign(tmp_path: Path, old: str, new: str) -> Path:
    text = CAMPAIGN.read_text(encoding="utf-8")
    assert old in text
    return write(tmp_path, "c.yaml", text.replace(old, new, 1))


async def test_campaign_points_not_summing_to_100_is_refused(sessionmaker, tmp_path):
    path = broken_campaign(tmp_path, "max_points: 20\n", "max_points: 25\n")
    errors = await refused(sessionmaker, load_campaign, path)
    assert [code for _, code in errors] == ["points_sum"]
    assert await count(sessionmaker, Campaign) == 0


async def test_campaign_duplicate_criterion_code_is_refused(sessionmaker, tmp_path):
    path = broken_campaign(tmp_path, "- code: M1.02", "- code: M1.01")
    errors = await refused(sessionmaker, load_campaign, path)
    line = CAMPAIGN.read_text(encoding="utf-8").splitlines().index("      - code: M1.02") + 1
    assert (line, "duplicate_code") in errors


async def test_campaign_dates_out_of_order_are_refused(sessionmaker, tmp_path):
    path = broken_campaign(tmp_path, "closes: 2024-04-30", "closes: 2024-03-30")
    errors = await refused(sessionmaker, load_campaign, path)
    assert "dates_order" in [code for _, code in errors]


async def test_campaign_band_gap_and_bad_yaml(sessionmaker, tmp_path):
    path = broken_campaign(tmp_path, "min: 80\n", "min: 85\n")
    assert "bands_gap" in [c for _, c in await refused(sessionmaker, load_campaign, path)]
    bad = write(tmp_path, "bad.yaml", "campaign: [unclosed\n")
    assert [c for _, c in await refused(sessionmaker, load_campaign, bad)] == ["bad_yaml"]
