"""The reviewers' evidence table for the console: filtered, paginated, one query per page.

Scope and conflict of interest are the same rules as `evidence_review.may_check`, written
as SQL conditions so a page of a large queue never looks at rows one by one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, false, func, not_, or_
from sqlalchemy.orm import aliased
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import NotFound, PermissionDenied
from storage.models import (
    CampaignModel,
    Criterion,
    Evidence,
    EvidencePurpose,
    EvidenceStatus,
    OrgUnit,
    Person,
    Registration,
    Role,
)
from storage.services import org, scope
from storage.services.evidence_review import CHECKABLE, may_check

Sender = aliased(Person, name="sender")
Subject = aliased(Person, name="subject")


def _rows_query(*extra: Any) -> Any:
    """Evidence with its entry, unit, model, criterion, sender's and subject's names."""
    return (
        select(
            Evidence,
            Registration,
            OrgUnit,
            CampaignModel,
            Criterion,
            Sender.full_name,
            Subject.full_name,
            *extra,
        )
        .join(Registration, Registration.id == Evidence.registration_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .join(Criterion, Criterion.id == Evidence.criterion_id)
        .join(Sender, Sender.id == Evidence.sender_id)
        .outerjoin(Subject, Subject.id == Registration.person_id)
    )


@dataclass(frozen=True)
class Filters:
    """What the reviewer narrowed the table to; None means any. Dates are local days."""

    unit_id: int | None = None
    model_id: int | None = None
    criterion_id: int | None = None
    status: EvidenceStatus | None = EvidenceStatus.PENDING
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class Row:
    evidence: Evidence
    entry: Registration
    unit: OrgUnit
    model: CampaignModel
    criterion: Criterion
    sender_name: str
    subject_name: str

    @property
    def checkable(self) -> bool:
        return self.evidence.status == EvidenceStatus.PENDING and self.entry.status in CHECKABLE


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class Choices:
    """What the filters may offer: the units, models and criteria within reach."""

    units: list[OrgUnit] = field(default_factory=list)
    models: list[CampaignModel] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)


def _ancestors_or_self(path: str) -> list[str]:
    """ "/1/4/9/" -> ["/1/", "/1/4/", "/1/4/9/"]."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


async def _reach(session: AsyncSession, actor: Person) -> ColumnElement[bool] | None:
    """The SQL condition "a reviewer may check evidence of this entry", or None when the
    actor may check nothing (not a reviewer, an admin, or inactive)."""
    if not actor.active or await scope.holds(session, actor, Role.ADMIN):
        return None
    prefixes = await scope.scope_filter(session, actor, [Role.REVIEWER])
    if not prefixes:
        return None
    own = await scope.unit_of(session, actor.unit_id)
    in_scope = or_(*(OrgUnit.path.startswith(p, autoescape=True) for p in prefixes))
    conflict: ColumnElement[bool] = OrgUnit.path.in_(_ancestors_or_self(own.path))
    if own.path.count("/") - 2 >= scope.LOCAL_DEPTH:
        conflict = or_(conflict, OrgUnit.path.startswith(own.path, autoescape=True))
    not_own = and_(
        or_(Registration.person_id.is_(None), Registration.person_id != actor.id),
        Registration.registered_by_id != actor.id,
        Evidence.sender_id != actor.id,
    )
    return and_(in_scope, not_(conflict), not_own)


def _local_start(day: date, tz: str) -> datetime:
    return datetime.combine(day, time(0), ZoneInfo(tz))


def _filtered(query: Any, filters: Filters, unit_path: str | None, tz: str) -> Any:
    query = query.where(Evidence.purpose == EvidencePurpose.CRITERION)
    if unit_path is not None:
        query = query.where(OrgUnit.path.startswith(unit_path, autoescape=True))
    if filters.model_id is not None:
        query = query.where(Registration.model_id == filters.model_id)
    if filters.criterion_id is not None:
        query = query.where(Evidence.criterion_id == filters.criterion_id)
    if filters.status is not None:
        query = query.where(Evidence.status == filters.status)
        if filters.status == EvidenceStatus.PENDING:
            query = query.where(Registration.status.in_([str(s) for s in CHECKABLE]))
    if filters.since is not None:
        query = query.where(Evidence.created_at >= _local_start(filters.since, tz))
    if filters.until is not None:
        query = query.where(Evidence.created_at < _local_start(filters.until, tz) + timedelta(1))
    return query


async def page(
    session: AsyncSession,
    actor: Person,
    filters: Filters,
    *,
    number: int = 1,
    per_page: int = 50,
    tz: str = "Asia/Ho_Chi_Minh",
) -> Page:
    """One page of the evidence this reviewer may see, oldest first: a count and a page,
    two queries whatever the page holds (a window count made SQLite sort every row)."""
    number = max(1, number)
    reach = await _reach(session, actor)
    if reach is None:
        return Page([], 0, number, per_page)
    unit_path = None
    if filters.unit_id is not None:
        unit = await session.get(OrgUnit, filters.unit_id)
        if unit is None:
            return Page([], 0, number, per_page)
        unit_path = unit.path
    rows_query = _filtered(_rows_query().where(reach), filters, unit_path, tz)
    count_query = _filtered(
        select(func.count())
        .select_from(Evidence)
        .join(Registration, Registration.id == Evidence.registration_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(reach),
        filters,
        unit_path,
        tz,
    )
    total = (await session.exec(count_query)).one()
    found = (
        await session.exec(
            rows_query.order_by(Evidence.created_at, Evidence.id)
            .limit(per_page)
            .offset((number - 1) * per_page)
        )
    ).all()
    rows = [
        Row(ev, entry, unit, model, crit, sender or "", subject or unit.name)
        for ev, entry, unit, model, crit, sender, subject in found
    ]
    return Page(rows, total, number, per_page)


async def choices(session: AsyncSession, actor: Person) -> Choices:
    """Units within the reviewer's scope, and the models and criteria of the campaigns."""
    if await _reach(session, actor) is None:
        return Choices()
    roots = await org.scope_units(session, actor, [Role.REVIEWER])
    units = (
        await session.exec(
            select(OrgUnit)
            .where(or_(false(), *(OrgUnit.path.startswith(r.path, autoescape=True) for r in roots)))
            .order_by(OrgUnit.path)
            .limit(500)
        )
    ).all()
    models = (await session.exec(select(CampaignModel).order_by(CampaignModel.position))).all()
    criteria = (
        await session.exec(
            select(Criterion)
            .where(Criterion.model_id.is_not(None))
            .order_by(Criterion.model_id, Criterion.position)
        )
    ).all()
    return Choices(list(units), list(models), list(criteria))


async def viewable(session: AsyncSession, actor: Person, evidence_id: int) -> Evidence:
    """A piece of evidence the reviewer may look at (any status): the same rule as the
    queue. Others' objects are refused exactly like missing ones."""
    evidence = await session.get(Evidence, evidence_id)
    entry = await session.get(Registration, evidence.registration_id) if evidence else None
    if evidence is None or entry is None:
        raise NotFound("evidence")
    if evidence.sender_id == actor.id or not await may_check(session, actor, entry):
        raise PermissionDenied("not_reviewer")
    return evidence


async def row_of(session: AsyncSession, actor: Person, evidence_id: int) -> Row:
    """One piece of evidence with what the table shows about it, if the reviewer may see it."""
    await viewable(session, actor, evidence_id)
    found = (await session.exec(_rows_query().where(Evidence.id == evidence_id))).first()
    if found is None:
        raise NotFound("evidence")
    ev, entry, unit, model, crit, sender, subject = found
    return Row(ev, entry, unit, model, crit, sender or "", subject or unit.name)
