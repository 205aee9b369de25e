"""Evidence review (`/thamdinh`): reviewers from other units accept or reject each piece
of evidence; only accepted evidence earns points."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import NotFound, PermissionDenied
from storage.models import (
    Campaign,
    EntryStatus,
    Evidence,
    EvidencePurpose,
    EvidenceStatus,
    OrgUnit,
    Person,
    Registration,
    Role,
)
from storage.services import scope
from storage.services.approvals import clean_reason
from storage.services.campaign_rules import require_window
from storage.services.evidence import evidence_counts
from storage.services.registrations import WORKING_STATUSES

# Evidence can be checked while it may still arrive and while the entry is being scored.
CHECKABLE = (*WORKING_STATUSES, EntryStatus.UNDER_REVIEW)


@dataclass(frozen=True)
class Checked:
    evidence: Evidence
    entry: Registration


async def may_check(session: AsyncSession, actor: Person, entry: Registration) -> bool:
    """A reviewer over the entry's unit, with no conflict of interest, and not an admin."""
    if not actor.active or not await scope.acts_over(
        session, actor, [Role.REVIEWER], entry.unit_id
    ):
        return False
    if await scope.holds(session, actor, Role.ADMIN):
        return False
    return await scope.conflict_of(session, actor, entry) is None


async def queue_for(session: AsyncSession, actor: Person, *, limit: int = 200) -> list[Evidence]:
    """Pending criterion evidence this reviewer may check, oldest first."""
    prefixes = await scope.scope_filter(session, actor, [Role.REVIEWER])
    if not prefixes or await scope.holds(session, actor, Role.ADMIN):
        return []
    rows = await session.exec(
        select(Evidence, Registration, OrgUnit.path)
        .join(Registration, Registration.id == Evidence.registration_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(
            Evidence.status == EvidenceStatus.PENDING,
            Evidence.purpose == EvidencePurpose.CRITERION,
            Evidence.sender_id != actor.id,
            Registration.status.in_([str(s) for s in CHECKABLE]),
        )
        .order_by(Evidence.created_at, Evidence.id)
    )
    found: list[Evidence] = []
    for evidence, entry, path in rows.all():
        if (
            scope.within_any(path, prefixes)
            and await scope.conflict_of(session, actor, entry) is None
        ):
            found.append(evidence)
            if len(found) >= limit:
                break
    return found


async def _checkable(
    session: AsyncSession, actor: Person, evidence_id: int, now: datetime
) -> Checked:
    evidence = await session.get(Evidence, evidence_id)
    entry = await session.get(Registration, evidence.registration_id) if evidence else None
    if evidence is None or entry is None:
        raise NotFound("evidence")
    if not await may_check(session, actor, entry) or evidence.sender_id == actor.id:
        raise PermissionDenied("not_reviewer")
    if evidence.status != EvidenceStatus.PENDING:
        raise PermissionDenied("evidence_already_checked", status=evidence.status)
    if entry.status not in CHECKABLE:
        raise PermissionDenied("entry_locked", status=entry.status)
    campaign = await session.get(Campaign, entry.campaign_id)
    assert campaign is not None
    require_window(campaign, now, "evidence_review")
    return Checked(evidence, entry)


async def accept(
    session: AsyncSession, *, actor: Person, evidence_id: int, now: datetime
) -> Checked:
    """Accept a piece of evidence: its criterion may now earn points."""
    checked = await _checkable(session, actor, evidence_id, now)
    _decide(checked.evidence, actor, EvidenceStatus.ACCEPTED, None, now)
    await audit.log(session, "evidence.accept", checked.evidence, actor)
    return checked


async def reject(
    session: AsyncSession, *, actor: Person, evidence_id: int, reason: str, now: datetime
) -> Checked:
    """Reject a piece of evidence with the reason the sender will read."""
    text = clean_reason(reason)
    checked = await _checkable(session, actor, evidence_id, now)
    _decide(checked.evidence, actor, EvidenceStatus.REJECTED, text, now)
    await audit.log(
        session,
        "evidence.reject",
        checked.evidence,
        actor,
        details={"reason": text},
    )
    return checked


def _decide(
    evidence: Evidence, actor: Person, status: EvidenceStatus, reason: str | None, now: datetime
) -> None:
    evidence.status = status
    evidence.reviewer_id = actor.id
    evidence.reason = reason
    evidence.reviewed_at = now


async def accepted_counts(
    session: AsyncSession, registration_ids: Iterable[int]
) -> Counter[tuple[int, int]]:
    """Accepted evidence per (entry, criterion): a criterion without any scores 0."""
    accepted = Evidence.status == EvidenceStatus.ACCEPTED
    rows = await evidence_counts(session, registration_ids, accepted)
    return Counter({(reg, crit or 0): n for reg, crit, n in rows})


async def evidence_of(
    session: AsyncSession,
    registration_id: int,
    *,
    criterion_id: int | None = None,
    status: EvidenceStatus | None = None,
    purpose: EvidencePurpose = EvidencePurpose.CRITERION,
) -> list[Evidence]:
    """An entry's evidence, optionally of one criterion and one status, oldest first."""
    query = select(Evidence).where(
        Evidence.registration_id == registration_id, Evidence.purpose == purpose
    )
    if criterion_id is not None:
        query = query.where(Evidence.criterion_id == criterion_id)
    if status is not None:
        query = query.where(Evidence.status == status)
    return list((await session.exec(query.order_by(Evidence.created_at, Evidence.id))).all())
