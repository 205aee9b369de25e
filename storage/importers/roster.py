"""`import-roster`: people and their roles from a CSV or XLSX roster."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, tuple_, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.importers.common import (
    ImportFailed,
    ImportResult,
    Row,
    RowError,
    audit_import,
    missing_columns,
    parse_bool,
    read_table,
)
from storage.models import OrgUnit, Person, Role, RoleGrant
from storage.services.accounts import normalise_phone

REQUIRED = ("employee_code", "full_name", "unit_code", "role")
ALIASES = {
    "employee_code": ("mã nhân viên", "mã nv", "mã số nhân viên", "mã cán bộ"),
    "full_name": ("họ và tên", "họ tên", "tên nhân viên"),
    "unit_code": ("mã đơn vị",),
    "unit_name": ("tên đơn vị",),
    "parent_unit_code": ("mã đơn vị cha", "mã đơn vị cấp trên"),
    "role": ("vai trò",),
    "position": ("chức vụ", "chức danh"),
    "phone": ("số điện thoại", "điện thoại", "sđt", "số đt"),
    "is_party_member": ("đảng viên",),
    "is_union_member": (
        "đoàn viên",
        "công đoàn viên",
        "đoàn viên/công đoàn viên",
        "đoàn viên công đoàn",
    ),
}
MOBILE = re.compile(r"^0[35789]\d{8}$")  # Vietnamese mobile numbers since the 2018 renumbering
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
ROLES = {role.value for role in Role}
ROLE_SEPARATORS = re.compile(r"[;,|]")
SOURCE = "roster"


@dataclass(frozen=True)
class PersonRow:
    line: int
    employee_code: str
    full_name: str
    unit_id: int
    position: str
    phone: str | None
    is_union_member: bool
    roles: frozenset[str]

    def values(self) -> dict[str, object]:
        return {
            "employee_code": self.employee_code,
            "full_name": self.full_name,
            "unit_id": self.unit_id,
            "position": self.position,
            "phone": self.phone,
            "is_union_member": self.is_union_member,
            "active": True,
        }


def _parse_row(
    row: Row, units: dict[str, int], seen: dict[str, int], errors: list[RowError]
) -> PersonRow | None:
    before = len(errors)
    code, name, unit_code = row.get("employee_code"), row.get("full_name"), row.get("unit_code")
    for column, value in (("employee_code", code), ("full_name", name), ("unit_code", unit_code)):
        if not value:
            errors.append(RowError(row.line, "missing_value", {"column": column}))
    if code and not CODE_PATTERN.match(code):
        errors.append(RowError(row.line, "bad_code", {"code": code}))
    if code and code in seen:
        errors.append(RowError(row.line, "duplicate_person", {"code": code, "first": seen[code]}))
    elif code:
        seen[code] = row.line
    if unit_code and unit_code not in units:
        errors.append(RowError(row.line, "unknown_unit", {"code": unit_code}))
    roles = {r.strip().lower() for r in ROLE_SEPARATORS.split(row.get("role")) if r.strip()}
    if unknown := sorted(roles - ROLES):
        errors.append(
            RowError(
                row.line,
                "unknown_role",
                {"role": ", ".join(unknown), "roles": ", ".join(sorted(ROLES))},
            )
        )
    phone = None
    if raw_phone := row.get("phone"):
        phone = normalise_phone(raw_phone)
        if phone is None or not MOBILE.match(phone):
            errors.append(RowError(row.line, "bad_phone", {"phone": raw_phone}))
    flags = {}
    # An is_party_member column in HR's file is accepted and ignored: not stored.
    for column in ("is_union_member",):
        flags[column] = parse_bool(row.get(column))
        if flags[column] is None:
            errors.append(
                RowError(row.line, "bad_bool", {"column": column, "value": row.get(column)})
            )
    if len(errors) > before:
        return None
    return PersonRow(
        row.line,
        code,
        name,
        units[unit_code],
        row.get("position"),
        phone,
        bool(flags["is_union_member"]),
        frozenset(roles - {Role.STAFF.value}),
    )


async def import_roster(
    session: AsyncSession,
    path: Path,
    *,
    actor_label: str = "cli",
    actor_id: int | None = None,
    scopes: list[str] | None = None,
) -> ImportResult:
    """Validate every row, then create or update people and sync their roster roles.

    `scopes` (unit paths) limits the file to people in those subtrees, now and after it:
    a row outside them is a bad row like any other (an admin of one province)."""
    header, rows = read_table(path, ALIASES)
    if (error := missing_columns(header, REQUIRED)) is not None:
        raise ImportFailed([error])
    unit_rows = (await session.exec(select(OrgUnit.code, OrgUnit.id, OrgUnit.path))).all()
    units = {code: uid for code, uid, _ in unit_rows}
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    people = [p for row in rows if (p := _parse_row(row, units, seen, errors)) is not None]
    if scopes is not None:
        await _check_scopes(session, people, unit_rows, scopes, errors)
    if errors:
        raise ImportFailed(errors)
    result = await _write_people(session, people)
    await _sync_roles(session, people)
    await audit_import(session, "roster.import", path, result, actor_id, actor_label)
    return result


async def _check_scopes(
    session: AsyncSession,
    people: list[PersonRow],
    unit_rows: Sequence[tuple[str, int, str]],
    scopes: list[str],
    errors: list[RowError],
) -> None:
    paths = {uid: path for _, uid, path in unit_rows}
    codes = {uid: code for code, uid, _ in unit_rows}

    def inside(unit_id: int | None) -> bool:
        return unit_id is not None and paths.get(unit_id, "").startswith(tuple(scopes))

    current = dict((await session.exec(select(Person.employee_code, Person.unit_id))).all())
    for person in people:
        if not inside(person.unit_id):
            errors.append(
                RowError(person.line, "unit_out_of_scope", {"code": codes[person.unit_id]})
            )
        elif person.employee_code in current and not inside(current[person.employee_code]):
            errors.append(
                RowError(person.line, "person_out_of_scope", {"code": person.employee_code})
            )


async def _write_people(session: AsyncSession, people: list[PersonRow]) -> ImportResult:
    columns = (
        Person.id,
        Person.employee_code,
        Person.full_name,
        Person.unit_id,
        Person.position,
        Person.phone,
        Person.is_union_member,
        Person.active,
    )
    existing = {row[1]: row for row in (await session.exec(select(*columns))).all()}
    inserts, updates, unchanged = [], [], 0
    for person in people:
        values = person.values()
        current = existing.get(person.employee_code)
        if current is None:
            inserts.append(values)
        elif tuple(current[1:]) != tuple(values.values()):
            updates.append({"id": current[0], **values})
        else:
            unchanged += 1
    if inserts:
        await session.exec(insert(Person), params=inserts)
    if updates:
        await session.exec(update(Person), params=updates)
    return ImportResult(len(inserts), len(updates), unchanged)


async def _sync_roles(session: AsyncSession, people: list[PersonRow]) -> None:
    """Make the roster-sourced grants of these people exactly what the file says."""
    ids = dict((await session.exec(select(Person.employee_code, Person.id))).all())
    wanted = {(ids[p.employee_code], role, p.unit_id) for p in people for role in p.roles}
    touched = {ids[p.employee_code] for p in people}
    current = {
        (pid, role, uid)
        for pid, role, uid in (
            await session.exec(
                select(RoleGrant.person_id, RoleGrant.role, RoleGrant.scope_unit_id).where(
                    RoleGrant.source == SOURCE
                )
            )
        ).all()
        if pid in touched
    }
    stale = sorted(current - wanted)
    for start in range(0, len(stale), 500):
        await session.exec(
            delete(RoleGrant).where(
                RoleGrant.source == SOURCE,
                tuple_(RoleGrant.person_id, RoleGrant.role, RoleGrant.scope_unit_id).in_(
                    stale[start : start + 500]
                ),
            )
        )
    others = set(
        (
            await session.exec(select(RoleGrant.person_id, RoleGrant.role, RoleGrant.scope_unit_id))
        ).all()
    )
    missing = wanted - current - others
    if missing:
        await session.exec(
            insert(RoleGrant),
            params=[
                {"person_id": pid, "role": role, "scope_unit_id": uid, "source": SOURCE}
                for pid, role, uid in sorted(missing)
            ],
        )
