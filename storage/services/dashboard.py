"""The managers' console page, computed in the database: a unit subtree's figures summed
per direct sub-unit with GROUP BY, and one page of "who is behind" in the digest's order.

`digests.snapshot` reads every person and entry of the subtree into Python, which is
right for a digest sent to every manager at once but too slow for one page of the
corporation (40,000 staff: docs/BENCHMARKS.md). The figures here are the digest's, to
the number (tests/test_dashboard.py compares them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, case, cast, exists, func
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Subquery
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
    figures = {uid: UnitFigures(uid, name) for uid, name in await _children(session, unit)}
    figures[unit.id or 0] = UnitFigures(unit.id or 0, unit.name)
    await _add_entries(session, subtree, figures)
    await _add_evidence(session, subtree, since, figures)
    people = _people(subtree)
    rows = await session.exec(
        select(
            people.c.bucket,
            func.count(),
            func.sum(people.c.registered),
            func.sum(people.c.behind),
        ).group_by(people.c.bucket)
    )
    behind_total = 0
    for bucket, staff, registered, behind in rows.all():
        figures[bucket].staff += staff
        figures[bucket].registered += int(registered)  # PostgreSQL sums are numeric
        behind_total += int(behind)
    pages = max(1, -(-behind_total // per_page))
    number = min(max(page, 1), pages)
    scope = UnitFigures(unit.id or 0, unit.name)
    for each in figures.values():
        scope.add(each)
    children = sorted((f for uid, f in figures.items() if uid != unit.id), key=lambda f: f.name)
    behind = await _behind_page(session, subtree, people, (number - 1) * per_page, per_page)
    return Dashboard(scope, children, behind, behind_total, number, pages)


@dataclass(frozen=True)
class _Subtree:
    """A unit's subtree and the campaign in SQL: which units, people and entries it
    holds, and for each unit the direct sub-unit it lies under (its "bucket": the root
    for the root itself), read off the materialised path ("/1/4/9/" below "/1/": 4)."""

    root: OrgUnit
    campaign_id: int
    dialect: str

    def holds(self, unit_id: Any) -> ColumnElement[bool]:
        return unit_id.in_(org.subtree_units(self.root))

    def bucket(self) -> ColumnElement[int]:
        """The bucket of the `OrgUnit` row in the query."""
        rest = func.substr(OrgUnit.path, len(self.root.path) + 1)
        if self.dialect == "postgresql":
            child = func.split_part(rest, "/", 1)
        else:
            child = func.substr(rest, 1, func.instr(rest, "/") - 1)
        return case((OrgUnit.id == self.root.id, self.root.id), else_=cast(child, Integer))

    def live_entries(self) -> list[ColumnElement[bool]]:
        """The campaign's entries registered in the subtree, not withdrawn."""
        return [
            Registration.campaign_id == self.campaign_id,
            Registration.status.not_in([str(s) for s in INACTIVE_STATUSES]),
            self.holds(Registration.unit_id),
        ]

    def text_order(self, column: ColumnElement[str]) -> ColumnElement[str]:
        """Python's string order (code points): the "C" collation on PostgreSQL, and
        SQLite's own."""
        return column.collate("C") if self.dialect == "postgresql" else column


async def _children(session: AsyncSession, unit: OrgUnit) -> list[tuple[int, str]]:
    rows = await session.exec(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.parent_id == unit.id))
    return [(uid or 0, name) for uid, name in rows.all()]


async def _add_entries(
    session: AsyncSession, subtree: _Subtree, figures: dict[int, UnitFigures]
) -> None:
    """Entries by model and status, and the working ones self-scored, per bucket."""
    bucket = subtree.bucket()
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


async def _add_evidence(
    session: AsyncSession, subtree: _Subtree, since: datetime, figures: dict[int, UnitFigures]
) -> None:
    """Evidence of those entries sent in the period, and waiting for review, per bucket."""
    bucket = subtree.bucket()
    rows = await session.exec(
        select(
            bucket,
            func.sum(case((Evidence.created_at >= since, 1), else_=0)),
            func.sum(case((Evidence.status == EvidenceStatus.PENDING, 1), else_=0)),
        )
        .join(Registration, Registration.id == Evidence.registration_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(*subtree.live_entries())
        .group_by(bucket)
    )
    for bucket_id, recent, pending in rows.all():
        figures[bucket_id].evidence_period += int(recent)
        figures[bucket_id].waiting_evidence += int(pending)


def _people(subtree: _Subtree) -> Subquery:
    """Active staff of the subtree with their bucket, whether they are responsible for
    a live entry there ("registered") and whether they are behind: not responsible for
    any such entry with evidence (so those behind have no evidence, as in the digest)."""
    responsible = select(RESPONSIBLE).where(*subtree.live_entries())
    evidenced = responsible.where(exists().where(Evidence.registration_id == Registration.id))
    return (
        select(
            Person.id,
            Person.full_name,
            OrgUnit.name.label("unit"),
            subtree.bucket().label("bucket"),
            case((Person.id.in_(responsible), 1), else_=0).label("registered"),
            case((Person.id.in_(evidenced), 0), else_=1).label("behind"),
        )
        .join(OrgUnit, OrgUnit.id == Person.unit_id)
        .where(Person.active, subtree.holds(Person.unit_id))
        .subquery("people")
    )


async def _behind_page(
    session: AsyncSession, subtree: _Subtree, people: Subquery, offset: int, limit: int
) -> list[PersonBehind]:
    """One page of those behind, in the order `digests.digest_for` sorts them
    (registered, evidence — always 0 here —, unit name, name)."""
    rows = await session.exec(
        select(people.c.full_name, people.c.unit, people.c.registered)
        .where(people.c.behind == 1)
        .order_by(
            people.c.registered,
            subtree.text_order(people.c.unit),
            subtree.text_order(people.c.full_name),
            people.c.id,
        )
        .offset(offset)
        .limit(limit)
    )
    return [PersonBehind(name, unit, bool(registered), 0) for name, unit, registered in rows.all()]
