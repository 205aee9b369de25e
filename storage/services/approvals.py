"""Registration approval (`/duyet`): the approvers the campaign names approve an entry
or return it with a reason; a returned entry is corrected and sent again."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, NotFound, PermissionDenied
from storage.models import (
    AuditLog,
    Campaign,
    EntryStatus,
    Evidence,
    EvidencePurpose,
    EvidenceStatus,
    OrgUnit,
    Person,
    Registration,
    RegistrationCriterion,
    Role,
    SubjectType,
)
from storage.services import campaigns, scope
from storage.services.campaign_rules import require_window, rules_of
from storage.services.registrations import may_self_score
from storage.services.rows import count_where
from storage.text import clean_text

MAX_REASON = 1000

# Whether a person may act on an entry: (session, actor, entry) -> yes or no.
Permission = Callable[[AsyncSession, Person, Registration], Awaitable[bool]]


async def _entry(session: AsyncSession, registration_id: int) -> tuple[Registration, Campaign]:
    entry = await session.get(Registration, registration_id)
    campaign = await session.get(Campaign, entry.campaign_id) if entry else None
    if entry is None or campaign is None:
        raise NotFound("registration")
    return entry, campaign


def approver_roles(campaign: Campaign, entry: Registration) -> tuple[Role, ...]:
    return rules_of(campaign).approvers[str(entry.subject_type)]


async def may_approve(session: AsyncSession, actor: Person, entry: Registration) -> bool:
    """An approver role over the entry's unit, and not the registrant or the subject."""
    campaign = await session.get(Campaign, entry.campaign_id)
    own = actor.id in (entry.person_id, entry.registered_by_id)
    if campaign is None or not actor.active or own:
        return False
    return await scope.acts_over(session, actor, approver_roles(campaign, entry), entry.unit_id)


async def minutes_count(session: AsyncSession, registration_id: int) -> int:
    """The collective's minutes on file (documents or photos, not rejected)."""
    return await count_where(
        session,
        Evidence,
        Evidence.registration_id == registration_id,
        Evidence.purpose == EvidencePurpose.MINUTES,
        Evidence.status != EvidenceStatus.REJECTED,
    )


async def pending_for(session: AsyncSession, actor: Person) -> list[Registration]:
    """Entries waiting for this approver, oldest first."""
    # Any granted role narrows the search; `may_approve` applies the campaign's own list.
    prefixes = await scope.scope_filter(session, actor, tuple(Role))
    if not prefixes:
        return []
    rows = await session.exec(
        select(Registration, OrgUnit.path)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(Registration.status == EntryStatus.SUBMITTED)
        .order_by(Registration.submitted_at, Registration.id)
    )
    candidates = [reg for reg, path in rows.all() if scope.within_any(path, prefixes)]
    return [reg for reg in candidates if await may_approve(session, actor, reg)]


async def _require_approver(
    session: AsyncSession, actor: Person, registration_id: int, now: datetime
) -> Registration:
    entry, _ = await _entry_at(
        session, actor, registration_id, (may_approve, "not_approver"), EntryStatus.SUBMITTED, now
    )
    return entry


async def _entry_at(
    session: AsyncSession,
    actor: Person,
    registration_id: int,
    may: tuple[Permission, str],  # the check, and the refusal code when it says no
    status: EntryStatus,
    now: datetime,
) -> tuple[Registration, Campaign]:
    """The entry and its campaign, when `may` lets the actor act on it, it has `status`
    and the approval window is open."""
    entry, campaign = await _entry(session, registration_id)
    check, refusal = may
    if not await check(session, actor, entry):
        raise PermissionDenied(refusal)
    if entry.status != status:
        raise PermissionDenied("entry_locked", status=entry.status)
    require_window(campaign, now, "approval")
    return entry, campaign


async def approve(
    session: AsyncSession, *, actor: Person, registration_id: int, now: datetime
) -> Registration:
    """Approve a submitted entry; a collective one needs its minutes first."""
    entry = await _require_approver(session, actor, registration_id, now)
    if entry.subject_type == SubjectType.COLLECTIVE and not await minutes_count(
        session, registration_id
    ):
        raise InvalidInput("minutes_required")
    entry.status = EntryStatus.APPROVED
    entry.updated_at = now
    await audit.log(session, "registration.approve", entry, actor)
    return entry


def clean_reason(reason: str) -> str:
    text = clean_text(reason)
    if not text:
        raise InvalidInput("reason_required")
    return text[:MAX_REASON]


async def return_entry(
    session: AsyncSession, *, actor: Person, registration_id: int, reason: str, now: datetime
) -> Registration:
    """Send an entry back to its registrant with the reason to fix."""
    text = clean_reason(reason)
    entry = await _require_approver(session, actor, registration_id, now)
    entry.status = EntryStatus.RETURNED
    entry.updated_at = now
    await audit.log(session, "registration.return", entry, actor, details={"reason": text})
    return entry


async def last_return_reason(session: AsyncSession, registration_id: int) -> str:
    """The reason given when the entry was last returned (kept in the audit log)."""
    row = (
        await session.exec(
            select(AuditLog.details)
            .where(
                AuditLog.action == "registration.return",
                AuditLog.object_type == "registration",
                AuditLog.object_id == str(registration_id),
            )
            .order_by(AuditLog.id.desc())
            .limit(1)
        )
    ).first()
    return str((row or {}).get("reason", ""))


async def returned_for(session: AsyncSession, actor: Person) -> list[Registration]:
    """Returned entries this person may correct and send again."""
    rows = await session.exec(
        select(Registration)
        .where(Registration.status == EntryStatus.RETURNED)
        .order_by(Registration.id)
    )
    return [reg for reg in rows.all() if await may_self_score(session, actor, reg)]


async def resubmit(
    session: AsyncSession,
    *,
    actor: Person,
    registration_id: int,
    criterion_codes: list[str],
    now: datetime,
) -> Registration:
    """Send a corrected entry again, with its (possibly changed) criteria."""
    entry, campaign = await _entry_at(
        session,
        actor,
        registration_id,
        (may_self_score, "not_your_entry"),
        EntryStatus.RETURNED,
        now,
    )
    by_code = {c.code: c for c in await campaigns.specific_criteria(session, entry.model_id)}
    codes = [code for code in by_code if code in set(criterion_codes)]
    if not codes or len(codes) != len(set(criterion_codes)):
        raise InvalidInput("no_criteria")
    if campaign.require_all_criteria and len(codes) != len(by_code):
        raise InvalidInput("all_criteria_required")
    await _replace_criteria(session, entry, [by_code[c].id or 0 for c in codes])
    entry.status, entry.submitted_at, entry.updated_at = EntryStatus.SUBMITTED, now, now
    await audit.log(session, "registration.resubmit", entry, actor, details={"criteria": codes})
    return entry


async def _replace_criteria(session: AsyncSession, entry: Registration, wanted: list[int]) -> None:
    """Keep the rows (and self scores) of criteria still chosen; add or drop the rest."""
    current = set(
        (
            await session.exec(
                select(RegistrationCriterion.criterion_id).where(
                    RegistrationCriterion.registration_id == entry.id
                )
            )
        ).all()
    )
    dropped = current - set(wanted)
    if dropped:
        await session.exec(
            delete(RegistrationCriterion).where(
                RegistrationCriterion.registration_id == entry.id,
                RegistrationCriterion.criterion_id.in_(dropped),
            )
        )
    for criterion_id in wanted:
        if criterion_id not in current:
            session.add(
                RegistrationCriterion(registration_id=entry.id or 0, criterion_id=criterion_id)
            )
    await session.flush()


async def approvers_of(session: AsyncSession, entry: Registration) -> list[int]:
    """Who is told that an entry waits for approval."""
    campaign = await session.get(Campaign, entry.campaign_id)
    assert campaign is not None
    people: set[int] = set()
    for role in approver_roles(campaign, entry):
        people.update(await scope.people_over(session, role, entry.unit_id))
    return sorted(people - {entry.person_id, entry.registered_by_id})
