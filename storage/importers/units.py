"""`import-units`: the unit tree from a CSV (unit_code, name, kind, parent_code)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlalchemy import insert, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.importers.common import (
    ImportFailed,
    ImportResult,
    Row,
    RowError,
    audit_import,
    missing_columns,
    read_table,
)
from storage.models import OrgUnit, UnitKind

REQUIRED = ("unit_code", "name", "kind", "parent_code")
ALIASES = {
    "unit_code": ("mã đơn vị",),
    "name": ("tên đơn vị", "tên"),
    "kind": ("loại", "loại đơn vị", "cấp"),
    "parent_code": ("mã đơn vị cha", "mã đơn vị cấp trên", "mã cấp trên"),
    "valid_from": ("hiệu lực từ", "từ ngày"),
    "valid_to": ("hiệu lực đến", "đến ngày"),
}
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
KINDS = {kind.value for kind in UnitKind}


def _parse_date(raw: str) -> date | None:
    return date.fromisoformat(raw) if raw else None


def _check_row(row: Row, seen: dict[str, int], errors: list[RowError]) -> bool:
    code, name, kind = row.get("unit_code"), row.get("name"), row.get("kind")
    ok = True
    for column, value in (("unit_code", code), ("name", name), ("kind", kind)):
        if not value:
            errors.append(RowError(row.line, "missing_value", {"column": column}))
            ok = False
    if code and not CODE_PATTERN.match(code):
        errors.append(RowError(row.line, "bad_code", {"code": code}))
        ok = False
    if kind and kind not in KINDS:
        errors.append(
            RowError(row.line, "unknown_kind", {"kind": kind, "kinds": ", ".join(sorted(KINDS))})
        )
        ok = False
    if code in seen:
        errors.append(RowError(row.line, "duplicate_unit", {"code": code, "first": seen[code]}))
        ok = False
    for column in ("valid_from", "valid_to"):
        try:
            _parse_date(row.get(column))
        except ValueError:
            errors.append(
                RowError(row.line, "bad_date", {"column": column, "value": row.get(column)})
            )
            ok = False
    if code:
        seen.setdefault(code, row.line)
    return ok


def _check_parents(
    rows: list[Row],
    existing: dict[str, int | None],
    id_to_code: dict[int, str],
    errors: list[RowError],
) -> None:
    """Every parent must exist in the file or the database, and the tree may not loop."""
    parents: dict[str, str | None] = {
        code: id_to_code.get(pid) if pid else None for code, pid in existing.items()
    }
    for row in rows:
        parents[row.get("unit_code")] = row.get("parent_code") or None
    for row in rows:
        code, parent = row.get("unit_code"), row.get("parent_code")
        if parent and parent not in parents:
            errors.append(RowError(row.line, "unknown_parent", {"code": code, "parent": parent}))
            continue
        seen, current = {code}, parents.get(code)
        while current is not None:
            if current in seen:
                errors.append(RowError(row.line, "cycle", {"code": code}))
                break
            seen.add(current)
            current = parents.get(current)


async def import_units(
    session: AsyncSession, path: Path, *, actor_label: str = "cli", actor_id: int | None = None
) -> ImportResult:
    """Validate the whole file, then create or update every unit and recompute paths."""
    header, rows = read_table(path, ALIASES)
    if (error := missing_columns(header, REQUIRED)) is not None:
        raise ImportFailed([error])
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    good = [row for row in rows if _check_row(row, seen, errors)]
    units = list((await session.exec(select(OrgUnit))).all())
    by_code = {u.code: u for u in units}
    id_to_code = {u.id: u.code for u in units if u.id is not None}
    _check_parents(good, {u.code: u.parent_id for u in units}, id_to_code, errors)
    if errors:
        raise ImportFailed(errors)
    created = updated = unchanged = 0
    new_rows = [r for r in good if r.get("unit_code") not in by_code]
    if new_rows:
        await session.exec(
            insert(OrgUnit),
            params=[
                {
                    "code": r.get("unit_code"),
                    "name": r.get("name"),
                    "kind": r.get("kind"),
                    "path": "",
                }
                for r in new_rows
            ],
        )
        created = len(new_rows)
    ids = dict((await session.exec(select(OrgUnit.code, OrgUnit.id))).all())
    changes = []
    for row in good:
        unit = by_code.get(row.get("unit_code"))
        values = {
            "name": row.get("name"),
            "kind": row.get("kind"),
            "parent_id": ids.get(row.get("parent_code")) if row.get("parent_code") else None,
            "valid_from": _parse_date(row.get("valid_from")),
            "valid_to": _parse_date(row.get("valid_to")),
        }
        if unit is not None and all(getattr(unit, k) == v for k, v in values.items()):
            unchanged += 1
            continue
        if unit is not None:
            updated += 1
        changes.append({"id": ids[row.get("unit_code")], **values})
    if changes:
        await session.exec(update(OrgUnit), params=changes)
    await recompute_paths(session)
    result = ImportResult(created, updated, unchanged)
    await audit_import(session, "units.import", path, result, actor_id, actor_label)
    return result


async def recompute_paths(session: AsyncSession) -> None:
    """Rewrite every unit's materialised path and depth from the parent links."""
    session.expire_all()
    rows = (await session.exec(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.path))).all()
    parent_of = {uid: pid for uid, pid, _ in rows}
    cache: dict[int, str] = {}

    def path_of(uid: int) -> str:
        if uid not in cache:
            parent = parent_of[uid]
            cache[uid] = (path_of(parent) if parent else "/") + f"{uid}/"
        return cache[uid]

    changes = []
    for uid, _, old in rows:
        new = path_of(uid)
        if new != old:
            changes.append({"id": uid, "path": new, "depth": new.count("/") - 2})
    if changes:
        await session.exec(update(OrgUnit), params=changes)
