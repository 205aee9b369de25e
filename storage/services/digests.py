"""Managers' digests: figures for each manager's unit subtree, computed for all managers
at once (one pass over units, people and entries, rolled up the tree), and each
manager's digest schedule."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput
from storage.models import (
    CampaignModel,
    DigestSetting,
    Evidence,
    EvidenceStatus,
    OrgUnit,
    Person,
    Registration,
    Role,
    RoleGrant,
)
from storage.services.audiences import RESPONSIBLE
from storage.services.registrations import INACTIVE_STATUSES, WORKING_STATUSES
from storage.services.schedules import parse_time, parse_weekdays

DEFAULT_WEEKDAYS = "0"
DEFAULT_TIME = "07:30"


@dataclass
class UnitFigures:
    """Figures of one unit's subtree."""

    unit_id: int
    name: str
    staff: int = 0
    registered: int = 0
    entries: Counter[tuple[str, str]] = field(default_factory=Counter)
    evidence_period: int = 0
    working: int = 0
    self_scored: int = 0
    waiting_approval: int = 0
    waiting_evidence: int = 0

    @property
    def share(self) -> float:
        """Share of staff responsible for at least one entry."""
        return self.registered / self.staff if self.staff else 1.0

    def add(self, other: UnitFigures) -> None:
        self.staff += other.staff
        self.registered += other.registered
        self.entries.update(other.entries)
        self.evidence_period += other.evidence_period
        self.working += other.working
        self.self_scored += other.self_scored
        self.waiting_approval += other.waiting_approval
        self.waiting_evidence += other.waiting_evidence


@dataclass(frozen=True)
class PersonBehind:
    name: str
    unit: str
    registered: bool
    evidence: int


@dataclass
class Digest:
    """One manager's digest: totals, sub-units, and who is furthest behind."""

    manager_id: int
    scope: UnitFigures
    children: list[UnitFigures]
    lagging_units: list[UnitFigures]
    people_behind: list[PersonBehind]
    models: list[str]


@dataclass
class OrgSnapshot:
    """Everything the digests need, read once."""

    units: dict[int, OrgUnit]
    children: dict[int | None, list[int]]
    own: dict[int, UnitFigures]
    rolled: dict[int, UnitFigures]
    people: dict[int, list[PersonBehind]]
    models: list[str]


async def managers(session: AsyncSession) -> dict[int, list[int]]:
    """Each manager's person id and the units they manage."""
    rows = await session.exec(
        select(RoleGrant.person_id, RoleGrant.scope_unit_id)
        .join(Person, Person.id == RoleGrant.person_id)
        .where(RoleGrant.role == Role.MANAGER, Person.active)
    )
    result: dict[int, list[int]] = defaultdict(list)
    for person_id, unit_id in rows.all():
        result[person_id].append(unit_id)
    return result


async def _entries(session: AsyncSession, campaign_id: int) -> list[tuple]:
    rows = await session.exec(
        select(
            Registration.id,
            RESPONSIBLE,
            Registration.unit_id,
            CampaignModel.code,
            Registration.status,
            Registration.self_scored_at,
        )
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .where(
            Registration.campaign_id == campaign_id,
            Registration.status.not_in([str(s) for s in INACTIVE_STATUSES]),
        )
    )
    return list(rows.all())


async def _evidence_counts(
    session: AsyncSession, campaign_id: int, since: datetime
) -> tuple[Counter[int], Counter[int], Counter[int]]:
    """Per entry: evidence in the period, evidence in all, evidence waiting for review."""
    rows = await session.exec(
        select(
            Evidence.registration_id,
            func.count(),
            func.sum(case((Evidence.created_at >= since, 1), else_=0)),
            func.sum(case((Evidence.status == EvidenceStatus.PENDING, 1), else_=0)),
        )
        .join(Registration, Registration.id == Evidence.registration_id)
        .where(Registration.campaign_id == campaign_id)
        .group_by(Evidence.registration_id)
    )
    period, total, waiting = Counter(), Counter(), Counter()
    for reg_id, count, recent, pending in rows.all():
        total[reg_id], period[reg_id], waiting[reg_id] = count, recent or 0, pending or 0
    return period, total, waiting


async def snapshot(
    session: AsyncSession, campaign_id: int, since: datetime, root: OrgUnit | None = None
) -> OrgSnapshot:
    """Read units, people, entries and evidence once and roll the figures up the tree."""
    unit_query = select(OrgUnit)
    if root is not None:
        unit_query = unit_query.where(OrgUnit.path.startswith(root.path, autoescape=True))
    units = {u.id or 0: u for u in (await session.exec(unit_query)).all()}
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in units.values():
        children[unit.parent_id].append(unit.id or 0)
    own = {uid: UnitFigures(uid, u.name) for uid, u in units.items()}
    entries = await _entries(session, campaign_id)
    period, total, waiting = await _evidence_counts(session, campaign_id, since)
    evidence_of: Counter[int] = Counter()
    responsible: set[int] = set()
    for reg_id, person_id, unit_id, model, status, scored_at in entries:
        figures = own.get(unit_id)
        if figures is None:
            continue
        figures.entries[(model, status)] += 1
        figures.evidence_period += period[reg_id]
        figures.waiting_evidence += waiting[reg_id]
        figures.waiting_approval += status == "submitted"
        if status in WORKING_STATUSES:
            figures.working += 1
            figures.self_scored += scored_at is not None
        responsible.add(person_id)
        evidence_of[person_id] += total[reg_id]
    people: dict[int, list[PersonBehind]] = defaultdict(list)
    rows = await session.exec(
        select(Person.id, Person.full_name, Person.unit_id).where(Person.active)
    )
    for person_id, name, unit_id in rows.all():
        if unit_id not in own:
            continue
        own[unit_id].staff += 1
        own[unit_id].registered += person_id in responsible
        people[unit_id].append(
            PersonBehind(
                name, units[unit_id].name, person_id in responsible, evidence_of[person_id]
            )
        )
    rolled = _roll_up(units, children, own)
    models = sorted({model for _, _, _, model, _, _ in entries})
    return OrgSnapshot(units, children, own, rolled, people, models)


def _roll_up(
    units: dict[int, OrgUnit], children: dict[int | None, list[int]], own: dict[int, UnitFigures]
) -> dict[int, UnitFigures]:
    """Subtree totals: deepest units first, each added into its parent."""
    rolled = {uid: UnitFigures(uid, f.name) for uid, f in own.items()}
    for uid in sorted(units, key=lambda u: -units[u].depth):
        rolled[uid].add(own[uid])
        parent = units[uid].parent_id
        if parent in rolled:
            rolled[parent].add(rolled[uid])
    return rolled


def _subtree(snap: OrgSnapshot, root: int) -> list[int]:
    stack, found = [root], []
    while stack:
        uid = stack.pop()
        found.append(uid)
        stack.extend(snap.children.get(uid, []))
    return found


def digest_for(snap: OrgSnapshot, manager_id: int, unit_id: int, top: int = 10) -> Digest:
    """The digest of one manager's unit subtree, from the snapshot."""
    units = _subtree(snap, unit_id)
    lagging = sorted(
        (snap.rolled[u] for u in units if u != unit_id and snap.own[u].staff),
        key=lambda f: (f.share, -f.staff),
    )
    behind = sorted(
        (p for u in units for p in snap.people.get(u, []) if not p.registered or not p.evidence),
        key=lambda p: (p.registered, p.evidence, p.unit, p.name),
    )
    children = sorted(
        (snap.rolled[c] for c in snap.children.get(unit_id, [])), key=lambda f: f.name
    )
    return Digest(
        manager_id, snap.rolled[unit_id], children, lagging[: max(top, 50)], behind, snap.models
    )


async def schedule_of(session: AsyncSession, person_id: int) -> DigestSetting:
    """The manager's digest schedule (the default one unless they changed it)."""
    setting = await session.get(DigestSetting, person_id)
    return setting or DigestSetting(
        person_id=person_id, weekdays=DEFAULT_WEEKDAYS, time_of_day=DEFAULT_TIME
    )


async def set_schedule(
    session: AsyncSession,
    *,
    actor: Person,
    weekdays: str,
    time_of_day: str,
    enabled: bool,
    now: datetime,
) -> DigestSetting:
    """Change when the actor's digest comes (or turn it off)."""
    if parse_time(time_of_day) is None or (enabled and not parse_weekdays(weekdays)):
        raise InvalidInput("bad_schedule")
    setting = await session.get(DigestSetting, actor.id)
    if setting is None:
        setting = DigestSetting(person_id=actor.id or 0)
        session.add(setting)
    setting.weekdays, setting.time_of_day, setting.enabled = weekdays, time_of_day, enabled
    setting.updated_at = now
    await audit.log(
        session,
        "digest.schedule",
        actor,
        actor,
        details={"weekdays": weekdays, "time": time_of_day, "enabled": enabled},
    )
    return setting
