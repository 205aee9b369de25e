"""Appointing reviewers (`/phancong`): the party committee over an entry's unit names
reviewers from other units; the service refuses any conflict of interest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import AlreadyExists, NotFound, PermissionDenied
from storage.models import (
    Campaign,
    EntryResult,
    EntryStatus,
    OrgUnit,
    Person,
    Registration,
    ReviewAssignment,
    Role,
    RoleGrant,
)
from storage.services import scope
from storage.services.campaign_rules import require_window, rules_of
from storage.services.rows import add_unique, count_where

# Entries that may get their first reviewers: approved and not yet under review.
ASSIGNABLE = (EntryStatus.APPROVED, EntryStatus.IMPLEMENTING, EntryStatus.SELF_SCORED)


@dataclass(frozen=True)
class Need:
    """An entry that waits for reviewers: how many it has, how many it needs."""

    entry: Registration
    assigned: int
    needed: int
    extra: bool


async def count_assigned(session: AsyncSession, registration_id: int) -> int:
    return await count_where(
        session, ReviewAssignment, ReviewAssignment.registration_id == registration_id
    )


async def need_of(session: AsyncSession, entry: Registration) -> Need | None:
    """How many reviewers the entry still needs (None when it needs none)."""
    campaign = await session.get(Campaign, entry.campaign_id)
    assert campaign is not None
    minimum = rules_of(campaign).min_reviewers
    assigned = await count_assigned(session, entry.id or 0)
    if entry.status in ASSIGNABLE or (
        entry.status == EntryStatus.UNDER_REVIEW and assigned < minimum
    ):
        return Need(entry, assigned, minimum, False) if assigned < minimum else None
    if entry.status == EntryStatus.UNDER_REVIEW:
        result = await session.get(EntryResult, entry.id)
        if result is not None and result.needs_extra:
            return Need(entry, assigned, assigned + 1, True)
    return None


async def needs_for(session: AsyncSession, actor: Person) -> list[Need]:
    """Entries in the committee member's scope that wait for reviewers."""
    prefixes = await scope.scope_filter(session, actor, [Role.PARTY_COMMITTEE])
    if not prefixes:
        return []
    statuses = [str(s) for s in (*ASSIGNABLE, EntryStatus.UNDER_REVIEW)]
    rows = await session.exec(
        select(Registration, OrgUnit.path)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(Registration.status.in_(statuses))
        .order_by(Registration.id)
    )
    needs = []
    for entry, path in rows.all():
        if scope.within_any(path, prefixes) and (need := await need_of(session, entry)):
            needs.append(need)
    return needs


async def may_review(session: AsyncSession, person: Person, entry: Registration) -> str | None:
    """Why `person` may not review `entry` ("not_reviewer", "admin_excluded",
    "conflict_same_unit", "conflict_own_entry"), or None when they may."""
    if not person.active or not await scope.acts_over(
        session, person, [Role.REVIEWER], entry.unit_id
    ):
        return "not_reviewer"
    if await scope.holds(session, person, Role.ADMIN):
        return "admin_excluded"
    conflict = await scope.conflict_of(session, person, entry)
    return f"conflict_{conflict}" if conflict else None


async def candidates(session: AsyncSession, entry: Registration) -> list[Person]:
    """Reviewers who may score the entry and are not yet appointed to it."""
    taken = set(
        (
            await session.exec(
                select(ReviewAssignment.reviewer_id).where(
                    ReviewAssignment.registration_id == entry.id
                )
            )
        ).all()
    )
    rows = await session.exec(
        select(Person)
        .join(RoleGrant, RoleGrant.person_id == Person.id)
        .where(RoleGrant.role == Role.REVIEWER, Person.active)
        .order_by(Person.full_name, Person.id)
    )
    people = list({p.id: p for p in rows.all() if p.id not in taken}.values())
    return [p for p in people if await may_review(session, p, entry) is None]


async def assign(
    session: AsyncSession,
    *,
    actor: Person,
    registration_id: int,
    reviewer: Person,
    now: datetime,
) -> ReviewAssignment:
    """Appoint a reviewer; the first appointment puts the entry under review."""
    entry = await session.get(Registration, registration_id)
    campaign = await session.get(Campaign, entry.campaign_id) if entry else None
    if entry is None or campaign is None:
        raise NotFound("registration")
    await scope.require_role_over(session, actor, [Role.PARTY_COMMITTEE], entry.unit_id)
    require_window(campaign, now, "scoring")
    need = await need_of(session, entry)
    if need is None:
        raise PermissionDenied("no_reviewer_needed", status=entry.status)
    if (reason := await may_review(session, reviewer, entry)) is not None:
        raise PermissionDenied(reason, name=reviewer.full_name)
    assignment = ReviewAssignment(
        registration_id=entry.id or 0,
        reviewer_id=reviewer.id or 0,
        assigned_by_id=actor.id or 0,
        extra=need.extra,
        assigned_at=now,
    )
    await add_unique(
        session, assignment, AlreadyExists("already_assigned", name=reviewer.full_name)
    )
    if entry.status != EntryStatus.UNDER_REVIEW:
        entry.status, entry.updated_at = EntryStatus.UNDER_REVIEW, now
    if need.extra and (result := await session.get(EntryResult, entry.id)) is not None:
        result.needs_extra = False  # called: the gap no longer asks for anyone else
    await audit.log(
        session,
        "review.assign",
        entry,
        actor,
        details={"reviewer": reviewer.id, "extra": need.extra},
    )
    return assignment


async def assignments_of(
    session: AsyncSession, reviewer: Person
) -> list[tuple[ReviewAssignment, Registration]]:
    """The reviewer's appointments on entries still under review."""
    rows = await session.exec(
        select(ReviewAssignment, Registration)
        .join(Registration, Registration.id == ReviewAssignment.registration_id)
        .where(
            ReviewAssignment.reviewer_id == reviewer.id,
            Registration.status == EntryStatus.UNDER_REVIEW,
        )
        .order_by(ReviewAssignment.assigned_at, ReviewAssignment.id)
    )
    return list(rows.all())


def is_pending(assignment: ReviewAssignment) -> bool:
    """Not yet submitted, or reopened after an upheld objection and not yet confirmed."""
    return assignment.submitted_at is None or assignment.reopened_at is not None
