"""The managers' console page, computed in the database: a unit subtree's figures summed
per direct sub-unit with GROUP BY, and one page of "who is behind" in the digest's order.

`digests.snapshot` reads every person and entry of the subtree into Python, which is
right for a digest sent to every manager at once but too slow for one page of the
corporation (40,000 staff: docs/BENCHMARKS.md). The figures here are the digest's, to
the number (tests/test_dashboard.py compares them)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy import Integer, case, cast, exists, func
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import PermissionDenied
from storage.models import (
    CampaignModel,
    EntryStatus,
    Evidence,
    EvidenceStatus,
    OrgUnit,
    Person,
    Registration,
    Role,
)
from storage.services import org
from storage.services.audiences import RESPONSIBLE
from storage.services.digests import PersonBehind, UnitFigures
from storage.services.registrations import INACTIVE_STATUSES, WORKING_STATUSES


@dataclass
class Dashboard:
    """A unit's figures, its direct sub-units' (by name) and one page of who is behind.
    `scope` and `children` are what a `Digest` holds under the same names."""

    scope: UnitFigures
    children: list[UnitFigures]
    behind: list[PersonBehind]
    behind_total: int
    page: int
    pages: int


async def managed_unit(
    session: AsyncSession, actor: Person, raw: str | None
) -> tuple[OrgUnit, list[OrgUnit]]:
    """The unit asked for (default: the first one the actor manages) and the actor's
    managed units; a unit outside every managed subtree is refused."""
    scopes = await org.scope_units(session, actor, [Role.MANAGER])
    if not scopes:
        raise PermissionDenied("not_manager")
    if not raw:
        return scopes[0], scopes
    unit = await session.get(OrgUnit, int(raw)) if raw.isdigit() else None
    if unit is None or not any(org.is_within(unit, s) for s in scopes):
        raise PermissionDenied("not_in_scope")
    return unit, scopes


async def summary(
    session: AsyncSession,
    *,
    unit: OrgUnit,
    campaign_id: int,
    since: datetime,
    page: int,
    per_page: int,
) -> Dashboard:
    """The page's figures for `unit` (from `managed_unit`): evidence counts "in the
    period" from `since`; `page` is clamped to the pages there are."""
    subtree = _Subtree(
        unit, campaign_id, await _units(session, unit), session.get_bind().dialect.name
    )
    figures = {uid: UnitFigures(uid, subtree.names[uid]) for uid in set(subtree.bucket.values())}
    await _add_entries(session, subtree, figures)
    await _add_evidence(session, subtree, since, figures)
    staff = await _staff(session, subtree)
    registered = await _staff(session, subtree, subtree.responsible())
    evidenced = await _staff(session, subtree, subtree.responsible(evidenced=True))
    for uid, count in staff.items():
        figures[subtree.bucket[uid]].staff += count
    for uid, count in registered.items():
        figures[subtree.bucket[uid]].registered += count
    behind = Behind(
        {uid: count - registered.get(uid, 0) for uid, count in staff.items()},
        {uid: count - evidenced.get(uid, 0) for uid, count in registered.items()},
    )
    pages = max(1, -(-behind.total // per_page))
    number = min(max(page, 1), pages)
    scope = UnitFigures(unit.id or 0, unit.name)
    for each in figures.values():
        scope.add(each)
    children = sorted((f for uid, f in figures.items() if uid != unit.id), key=lambda f: f.name)
    rows = await _behind_page(session, subtree, behind, (number - 1) * per_page, per_page)
    return Dashboard(scope, children, rows, behind.total, number, pages)


@dataclass(frozen=True)
class _Subtree:
    """A unit's subtree and the campaign: its units' names, and for each unit the
    direct sub-unit it lies under (its "bucket": the root for the root itself)."""

    root: OrgUnit
    campaign_id: int
    units: list[tuple[int, str, str]]  # id, name, path
    dialect: str

    @cached_property
    def names(self) -> dict[int, str]:
        return {uid: name for uid, name, _ in self.units}

    @cached_property
    def bucket(self) -> dict[int, int]:
        """From the materialised path: "/1/4/9/" below root "/1/" lies under 4."""
        start = len(self.root.path)
        return {
            uid: int(path[start:].split("/", 1)[0]) if uid != self.root.id else uid
            for uid, _, path in self.units
        }

    def holds(self, unit_id: Any) -> ColumnElement[bool]:
        return unit_id.in_(org.subtree_units(self.root))

    def live_entries(self) -> list[ColumnElement[bool]]:
        """The campaign's entries registered in the subtree, not withdrawn."""
        return [
            Registration.campaign_id == self.campaign_id,
            Registration.status.not_in([str(s) for s in INACTIVE_STATUSES]),
            self.holds(Registration.unit_id),
        ]

    def responsible(self, evidenced: bool = False) -> ColumnElement[bool]:
        """The `Person` row is responsible for a live entry (the digest's "registered"),
        or for one with evidence (then not behind). SQLite looks the person up in the
        set of them; PostgreSQL plans the same test as EXISTS into a hash (anti-)join,
        where `IN` would rescan the set for every person."""
        where = [*self.live_entries()]
        if evidenced:
            where.append(exists().where(Evidence.registration_id == Registration.id))
        if self.dialect == "postgresql":
            return exists().where(Person.id == RESPONSIBLE, *where)
        return Person.id.in_(select(RESPONSIBLE).where(*where))


@dataclass(frozen=True)
class Behind:
    """Per unit, how many are behind: not registered, and registered without evidence
    (the digest lists the first all before the second)."""

    unregistered: dict[int, int]
    no_evidence: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.unregistered.values()) + sum(self.no_evidence.values())


async def _units(session: AsyncSession, root: OrgUnit) -> list[tuple[int, str, str]]:
    rows = await session.exec(
        select(OrgUnit.id, OrgUnit.name, OrgUnit.path).where(
            OrgUnit.id.in_(org.subtree_units(root))
        )
    )
    return [(uid or 0, name, path) for uid, name, path in rows.all()]


async def _add_entries(
    session: AsyncSession, subtree: _Subtree, figures: dict[int, UnitFigures]
) -> None:
    """Entries by model and status, and the working ones self-scored, per bucket (summed
    by bucket in SQL: per unit there would be nearly a row an entry)."""
    bucket = _bucket_of(subtree.root, session.get_bind().dialect.name)
    rows = await session.exec(
        select(
            bucket,
            CampaignModel.code,
            Registration.status,
            func.count(),
            func.count(Registration.self_scored_at),
        )
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .where(*subtree.live_entries())
        .group_by(bucket, CampaignModel.code, Registration.status)
    )
    working = {str(s) for s in WORKING_STATUSES}
    for bucket_id, model, status, count, scored in rows.all():
        found = figures[bucket_id]
        found.entries[(model, status)] += count
        if status == EntryStatus.SUBMITTED:
            found.waiting_approval += count
        if status in working:
            found.working += count
            found.self_scored += scored


def _bucket_of(root: OrgUnit, dialect: str) -> ColumnElement[int]:
    """`_Subtree.bucket` in SQL, for the `OrgUnit` row of the query."""
    rest = func.substr(OrgUnit.path, len(root.path) + 1)
    if dialect == "postgresql":
        child = func.split_part(rest, "/", 1)
    else:
        child = func.substr(rest, 1, func.instr(rest, "/") - 1)
    return case((OrgUnit.id == root.id, root.id), else_=cast(child, Integer))


async def _add_evidence(
    session: AsyncSession, subtree: _Subtree, since: datetime, figures: dict[int, UnitFigures]
) -> None:
    """Evidence of those entries sent in the period, and waiting for review, per bucket."""
    rows = await session.exec(
        select(
            Registration.unit_id,
            func.sum(case((Evidence.created_at >= since, 1), else_=0)),
            func.sum(case((Evidence.status == EvidenceStatus.PENDING, 1), else_=0)),
        )
        .join(Registration, Registration.id == Evidence.registration_id)
        .where(*subtree.live_entries())
        .group_by(Registration.unit_id)
    )
    bucket = subtree.bucket
    for unit_id, recent, pending in rows.all():
        figures[bucket[unit_id]].evidence_period += int(recent)  # numeric on PostgreSQL
        figures[bucket[unit_id]].waiting_evidence += int(pending)


async def _staff(
    session: AsyncSession, subtree: _Subtree, *condition: ColumnElement[bool]
) -> dict[int, int]:
    """Active staff of the subtree per unit (those meeting `condition`)."""
    rows = await session.exec(
        select(Person.unit_id, func.count())
        .where(Person.active, subtree.holds(Person.unit_id), *condition)
        .group_by(Person.unit_id)
    )
    return dict(rows.all())


async def _behind_page(
    session: AsyncSession, subtree: _Subtree, behind: Behind, offset: int, limit: int
) -> list[PersonBehind]:
    """One page of those behind in the digest's order (not registered first, then by
    unit name and name, in Python's string order). The per-unit counts tell which
    units' people fill the page, so only those are read and sorted here."""
    names = subtree.names
    found: list[PersonBehind] = []
    start = 0  # position of the first person read in the whole list
    position = 0
    for registered, counts in ((False, behind.unregistered), (True, behind.no_evidence)):
        by_name: dict[str, list[int]] = defaultdict(list)
        for uid, count in counts.items():
            if count:
                by_name[names[uid]].append(uid)
        wanted: list[int] = []
        for name in sorted(by_name):
            size = sum(counts[uid] for uid in by_name[name])
            if position + size > offset and position < offset + limit:
                if not wanted and not found:
                    start = position
                wanted += by_name[name]
            position += size
        if wanted:
            found += await _people_behind(session, subtree, wanted, registered)
    return found[offset - start : offset - start + limit]


async def _people_behind(
    session: AsyncSession, subtree: _Subtree, unit_ids: list[int], registered: bool
) -> list[PersonBehind]:
    """Those behind in these units: not registered, or registered without evidence."""
    responsible = subtree.responsible()
    rows = await session.exec(
        select(Person.id, Person.full_name, Person.unit_id).where(
            Person.active,
            Person.unit_id.in_(unit_ids),
            ~subtree.responsible(evidenced=True),
            responsible if registered else ~responsible,
        )
    )
    names = subtree.names
    ordered = sorted(rows.all(), key=lambda row: (names[row[2]], row[1], row[0]))
    return [PersonBehind(name, names[unit_id], registered, 0) for _, name, unit_id in ordered]
