"""The managers' console page, computed in the database: a unit subtree's figures summed
per direct sub-unit with GROUP BY, and one page of "who is behind" in the digest's order.

`digests.snapshot` reads every person and entry of the subtree into Python, which is
right for a digest sent to every manager at once but too slow for one page of the
corporation (40,000 staff: docs/BENCHMARKS.md). The figures here are the digest's, to
the number (tests/test_dashboard.py compares them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Integer,
    Row,
    Subquery,
    case,
    cast,
    exists,
    func,
    literal,
    text,
    union_all,
)
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
    subtree = _Subtree(unit, campaign_id, session.get_bind().dialect.name)
    if subtree.dialect == "postgresql":
        # A prepared statement run a sixth time may get a generic plan, made without the
        # values: 8 times slower for a page of people behind, 2 for the per-unit counts.
        await (await session.connection()).execute(
            text("SET LOCAL plan_cache_mode = force_custom_plan")
        )
    figures = await _buckets(session, subtree)
    await _add_entries(session, subtree, figures)
    await _add_evidence(session, subtree, since, figures)
    behind = await _add_people(session, subtree, figures)
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
    """A unit's subtree and the campaign. Figures are summed per "bucket": the direct
    sub-unit a unit lies under (the root for the root itself)."""

    root: OrgUnit
    campaign_id: int
    dialect: str

    def holds(self, unit_id: Any) -> ColumnElement[bool]:
        return unit_id.in_(org.subtree_units(self.root))

    def live_entries(self) -> list[ColumnElement[bool]]:
        """The campaign's entries registered in the subtree, not withdrawn."""
        return [
            Registration.campaign_id == self.campaign_id,
            Registration.status.not_in([str(s) for s in INACTIVE_STATUSES]),
            self.holds(Registration.unit_id),
        ]

    def bucket(self) -> ColumnElement[int]:
        """The bucket of the `OrgUnit` row of the query, from its materialised path:
        "/1/4/9/" below root "/1/" lies under 4."""
        rest = func.substr(OrgUnit.path, len(self.root.path) + 1)
        if self.dialect == "postgresql":
            child = func.split_part(rest, "/", 1)
        else:
            child = func.substr(rest, 1, func.instr(rest, "/") - 1)
        return case((OrgUnit.id == self.root.id, self.root.id), else_=cast(child, Integer))

    def responsible(self, *people: ColumnElement[bool]) -> Subquery:
        """Each person responsible for a live entry (the digest's "registered"), once,
        with 1 in `evidenced` when one of those entries has evidence (then not behind);
        `people` narrows the persons looked at."""
        has_evidence = exists().where(Evidence.registration_id == Registration.id)
        query = select(
            RESPONSIBLE.label("person_id"),
            func.max(case((has_evidence, 1), else_=0)).label("evidenced"),
        ).where(*self.live_entries())
        if people:
            query = query.where(RESPONSIBLE.in_(select(Person.id).where(*people)))
        return query.group_by(RESPONSIBLE).subquery("responsible")


@dataclass(frozen=True)
class Behind:
    """Per unit (id → name and count), how many are behind: not registered, and
    registered without evidence (the digest lists the first all before the second)."""

    names: dict[int, str]
    unregistered: dict[int, int]
    no_evidence: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.unregistered.values()) + sum(self.no_evidence.values())


async def _rows(session: AsyncSession, query: Any) -> Sequence[Row[Any]]:
    """Plain rows of a query of columns, read without the ORM's row loading (the
    page reads a row per unit: thousands for the corporation)."""
    return (await (await session.connection()).execute(query)).all()


async def _buckets(session: AsyncSession, subtree: _Subtree) -> dict[int, UnitFigures]:
    """Empty figures for the root and each of its direct sub-units."""
    root = subtree.root
    rows = await _rows(
        session,
        select(OrgUnit.id, OrgUnit.name).where(
            (OrgUnit.parent_id == root.id) | (OrgUnit.id == root.id)
        ),
    )
    return {uid: UnitFigures(uid, name) for uid, name in rows}


async def _add_entries(
    session: AsyncSession, subtree: _Subtree, figures: dict[int, UnitFigures]
) -> None:
    """Entries by model and status, and the working ones self-scored, per bucket."""
    bucket = subtree.bucket()
    rows = await _rows(
        session,
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
        .group_by(bucket, CampaignModel.code, Registration.status),
    )
    working = {str(s) for s in WORKING_STATUSES}
    for bucket_id, model, status, count, scored in rows:
        found = figures[bucket_id]
        found.entries[(model, status)] += count
        if status == EntryStatus.SUBMITTED:
            found.waiting_approval += count
        if status in working:
            found.working += count
            found.self_scored += scored


async def _add_evidence(
    session: AsyncSession, subtree: _Subtree, since: datetime, figures: dict[int, UnitFigures]
) -> None:
    """Evidence of those entries sent in the period, and waiting for review, per bucket."""
    bucket = subtree.bucket()
    rows = await _rows(
        session,
        select(
            bucket,
            func.sum(case((Evidence.created_at >= since, 1), else_=0)),
            func.sum(case((Evidence.status == EvidenceStatus.PENDING, 1), else_=0)),
        )
        .join(Registration, Registration.id == Evidence.registration_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(*subtree.live_entries())
        .group_by(bucket),
    )
    for bucket_id, recent, pending in rows:
        figures[bucket_id].evidence_period += int(recent)  # numeric on PostgreSQL
        figures[bucket_id].waiting_evidence += int(pending)


async def _add_people(
    session: AsyncSession, subtree: _Subtree, figures: dict[int, UnitFigures]
) -> Behind:
    """Active staff and those responsible for an entry, per bucket; and per unit, how
    many are behind."""
    here = (Person.active, subtree.holds(Person.unit_id))
    responsible = subtree.responsible()
    # Each person counted once as staff, and once more if responsible: a join from the
    # (fewer) responsible to their person row, where a LEFT JOIN from every person to
    # them would be a nested scan on SQLite.
    counted = union_all(
        select(
            Person.unit_id.label("unit_id"),
            literal(1).label("staff"),
            literal(0).label("registered"),
            literal(0).label("evidenced"),
        ).where(*here),
        select(Person.unit_id, literal(0), literal(1), responsible.c.evidenced)
        .join(responsible, responsible.c.person_id == Person.id)
        .where(*here),
    ).subquery("counted")
    per_unit = (
        select(
            counted.c.unit_id,
            func.sum(counted.c.staff).label("staff"),
            func.sum(counted.c.registered).label("registered"),
            func.sum(counted.c.evidenced).label("evidenced"),
        )
        .group_by(counted.c.unit_id)
        .subquery("per_unit")
    )
    rows = await _rows(
        session,
        select(
            per_unit.c.unit_id,
            OrgUnit.name,
            subtree.bucket(),
            per_unit.c.staff,
            per_unit.c.registered,
            per_unit.c.evidenced,
        ).join(OrgUnit, OrgUnit.id == per_unit.c.unit_id),
    )
    behind = Behind({}, {}, {})
    for unit_id, name, bucket_id, staff, registered, evidenced in rows:
        staff, registered, evidenced = int(staff), int(registered), int(evidenced)
        figures[bucket_id].staff += staff
        figures[bucket_id].registered += registered
        behind.names[unit_id] = name
        behind.unregistered[unit_id] = staff - registered
        behind.no_evidence[unit_id] = registered - evidenced
    return behind


async def _behind_page(
    session: AsyncSession, subtree: _Subtree, behind: Behind, offset: int, limit: int
) -> list[PersonBehind]:
    """One page of those behind in the digest's order (not registered first, then by
    unit name and name, in Python's string order). The per-unit counts tell which
    units' people fill the page, so only those are read and sorted here."""
    found: list[PersonBehind] = []
    start = 0  # position of the first person read in the whole list
    position = 0
    for registered, counts in ((False, behind.unregistered), (True, behind.no_evidence)):
        by_name: dict[str, list[int]] = defaultdict(list)
        for uid, count in counts.items():
            if count:
                by_name[behind.names[uid]].append(uid)
        wanted: list[int] = []
        for name in sorted(by_name):
            size = sum(counts[uid] for uid in by_name[name])
            if position + size > offset and position < offset + limit:
                if not wanted and not found:
                    start = position
                wanted += by_name[name]
            position += size
        if wanted:
            found += await _people_behind(session, subtree, behind, wanted, registered)
    return found[offset - start : offset - start + limit]


async def _people_behind(
    session: AsyncSession,
    subtree: _Subtree,
    behind: Behind,
    unit_ids: list[int],
    registered: bool,
) -> list[PersonBehind]:
    """Those behind in these units: not registered, or registered without evidence.
    The people and what they are responsible for are read apart and matched here: a
    join of the two is a nested scan on SQLite, quadratic in the units' staff."""
    here = (Person.active, Person.unit_id.in_(unit_ids))
    people = await _rows(session, select(Person.id, Person.full_name, Person.unit_id).where(*here))
    responsible = subtree.responsible(*here)
    evidenced = dict(
        (row[0], row[1])
        for row in await _rows(session, select(responsible.c.person_id, responsible.c.evidenced))
    )
    rows = [
        row for row in people if (row[0] in evidenced) == registered and not evidenced.get(row[0])
    ]
    names = behind.names
    ordered = sorted(rows, key=lambda row: (names[row[2]], row[1], row[0]))
    return [PersonBehind(name, names[unit_id], registered, 0) for _, name, unit_id in ordered]
