"""The managers' console page, computed in the database: a unit subtree's figures summed
per direct sub-unit with GROUP BY, and one page of "who is behind" in the digest's order.

`digests.snapshot` reads every person and entry of the subtree into Python, which is
right for a digest sent to every manager at once but too slow for one page of the
corporation (40,000 staff: docs/BENCHMARKS.md). The figures here are the digest's, to
the number (tests/test_dashboard.py compares them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import CTE
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
    bucket = _buckets(unit)
    entry = _entries(bucket, campaign_id, since)
    figures = {uid: UnitFigures(uid, name) for uid, name in await _children(session, unit)}
    figures[unit.id or 0] = UnitFigures(unit.id or 0, unit.name)
    await _add_entries(session, entry, figures)
    people = _people(bucket, entry)
    rows = await session.exec(
        select(
            people.c.bucket,
            func.count(),
            func.sum(people.c.registered),
            func.sum(case((people.c.behind, 1), else_=0)),
        ).group_by(people.c.bucket)
    )
    behind_total = 0
    for bucket_id, staff, registered, behind in rows.all():
        figures[bucket_id].staff += staff
        figures[bucket_id].registered += int(registered or 0)
        behind_total += int(behind or 0)
    pages = max(1, -(-behind_total // per_page))
    number = min(max(page, 1), pages)
    scope = UnitFigures(unit.id or 0, unit.name)
    for each in figures.values():
        scope.add(each)
    children = sorted((f for uid, f in figures.items() if uid != unit.id), key=lambda f: f.name)
    behind = await _behind_page(session, people, (number - 1) * per_page, per_page)
    return Dashboard(scope, children, behind, behind_total, number, pages)


def _buckets(root: OrgUnit) -> CTE:
    """Each unit of the subtree with the direct sub-unit it lies under (the root for
    the root itself): the rows the figures are summed by."""
    child = aliased(OrgUnit)
    return (
        select(
            OrgUnit.id.label("unit_id"),
            func.coalesce(child.id, root.id).label("bucket"),
        )
        .outerjoin(child, and_(child.parent_id == root.id, OrgUnit.path.startswith(child.path)))
        .where(OrgUnit.path.startswith(root.path, autoescape=True))
        .cte("bucket")
    )


def _entries(bucket: CTE, campaign_id: int, since: datetime) -> CTE:
    """The campaign's live entries registered in the subtree, with their evidence counts
    (all, in the period, waiting for review) and the person responsible."""
    evidence = (
        select(
            Evidence.registration_id.label("registration_id"),
            func.count().label("total"),
            func.sum(case((Evidence.created_at >= since, 1), else_=0)).label("recent"),
            func.sum(case((Evidence.status == EvidenceStatus.PENDING, 1), else_=0)).label(
                "pending"
            ),
        )
        .join(Registration, Registration.id == Evidence.registration_id)
        .where(Registration.campaign_id == campaign_id)
        .group_by(Evidence.registration_id)
        .subquery()
    )
    return (
        select(
            bucket.c.bucket,
            CampaignModel.code.label("model"),
            Registration.status,
            Registration.self_scored_at,
            RESPONSIBLE.label("person_id"),
            func.coalesce(evidence.c.total, 0).label("total"),
            func.coalesce(evidence.c.recent, 0).label("recent"),
            func.coalesce(evidence.c.pending, 0).label("pending"),
        )
        .join(bucket, bucket.c.unit_id == Registration.unit_id)
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .outerjoin(evidence, evidence.c.registration_id == Registration.id)
        .where(
            Registration.campaign_id == campaign_id,
            Registration.status.not_in([str(s) for s in INACTIVE_STATUSES]),
        )
        .cte("entry")
    )


async def _children(session: AsyncSession, unit: OrgUnit) -> list[tuple[int, str]]:
    rows = await session.exec(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.parent_id == unit.id))
    return [(uid or 0, name) for uid, name in rows.all()]


async def _add_entries(session: AsyncSession, entry: CTE, figures: dict[int, UnitFigures]) -> None:
    """Entries by model and status, evidence and self-scoring, per bucket."""
    rows = await session.exec(
        select(
            entry.c.bucket,
            entry.c.model,
            entry.c.status,
            func.count(),
            func.sum(entry.c.recent),
            func.sum(entry.c.pending),
            func.count(entry.c.self_scored_at),
        ).group_by(entry.c.bucket, entry.c.model, entry.c.status)
    )
    working = {str(s) for s in WORKING_STATUSES}
    for bucket_id, model, status, count, recent, pending, scored in rows.all():
        found = figures[bucket_id]
        found.entries[(model, status)] += count
        found.evidence_period += int(recent or 0)  # PostgreSQL sums are numeric
        found.waiting_evidence += int(pending or 0)
        if status == EntryStatus.SUBMITTED:
            found.waiting_approval += count
        if status in working:
            found.working += count
            found.self_scored += scored


def _people(bucket: CTE, entry: CTE) -> CTE:
    """Active staff of the subtree: whether they are responsible for a live entry there
    and how much evidence those entries have (the digest's "registered", "evidence")."""
    responsible = (
        select(entry.c.person_id, func.sum(entry.c.total).label("evidence"))
        .group_by(entry.c.person_id)
        .subquery()
    )
    registered = case((responsible.c.person_id.is_(None), 0), else_=1)
    evidence = func.coalesce(responsible.c.evidence, 0)
    return (
        select(
            Person.id,
            Person.full_name,
            Person.unit_id,
            bucket.c.bucket,
            registered.label("registered"),
            evidence.label("evidence"),
            or_(responsible.c.person_id.is_(None), evidence == 0).label("behind"),
        )
        .join(bucket, bucket.c.unit_id == Person.unit_id)
        .outerjoin(responsible, responsible.c.person_id == Person.id)
        .where(Person.active)
        .cte("people")
    )


async def _behind_page(
    session: AsyncSession, people: CTE, offset: int, limit: int
) -> list[PersonBehind]:
    """One page of those behind, ordered as `digests.digest_for` sorts them (Python's
    string order, which is the "C" collation's on PostgreSQL and SQLite's own)."""
    dialect = session.get_bind().dialect.name
    rows = await session.exec(
        select(people.c.full_name, OrgUnit.name, people.c.registered, people.c.evidence)
        .join(OrgUnit, OrgUnit.id == people.c.unit_id)
        .where(people.c.behind)
        .order_by(
            people.c.registered,
            people.c.evidence,
            _code_point_order(OrgUnit.name, dialect),
            _code_point_order(people.c.full_name, dialect),
            people.c.id,
        )
        .offset(offset)
        .limit(limit)
    )
    return [
        PersonBehind(name, unit, bool(registered), int(evidence))
        for name, unit, registered, evidence in rows.all()
    ]


def _code_point_order(column: ColumnElement[str], dialect: str) -> ColumnElement[str]:
    return column.collate("C") if dialect == "postgresql" else column
