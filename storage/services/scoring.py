"""Blind scoring by appointed reviewers: drafts until submitted, then immutable; a
correction is a new version with its reason. Points need accepted evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, NotFound, PermissionDenied
from storage.models import (
    Campaign,
    Criterion,
    EntryStatus,
    Person,
    Registration,
    ReviewAssignment,
    ReviewScore,
)
from storage.services import campaigns, finals, scope
from storage.services.approvals import clean_reason
from storage.services.assignments import is_pending
from storage.services.campaign_rules import require_window
from storage.services.evidence_review import accepted_counts
from storage.services.selfscore import check_score
from storage.text import clean_text


@dataclass(frozen=True)
class Line:
    """One criterion of a reviewer's sheet, with the score it holds now (or None)."""

    criterion: Criterion
    general: bool
    score: float | None
    version: int
    accepted_evidence: int


@dataclass(frozen=True)
class Job:
    assignment: ReviewAssignment
    entry: Registration
    campaign: Campaign


async def job(
    session: AsyncSession,
    actor: Person,
    assignment_id: int,
    now: datetime | None = None,
    *,
    open_only: bool = True,
) -> Job:
    """The actor's own appointment on an entry under review (and the window, given `now`)."""
    assignment = await session.get(ReviewAssignment, assignment_id)
    if assignment is None:
        raise NotFound("assignment")
    if assignment.reviewer_id != actor.id or not actor.active:
        raise PermissionDenied("not_assigned")
    await scope.require_not_admin(session, actor)
    entry = await session.get(Registration, assignment.registration_id)
    campaign = await session.get(Campaign, entry.campaign_id) if entry else None
    assert entry is not None and campaign is not None
    if open_only and entry.status != EntryStatus.UNDER_REVIEW:
        raise PermissionDenied("entry_locked", status=entry.status)
    if now is not None:
        require_window(campaign, now, "scoring")
    return Job(assignment, entry, campaign)


async def criteria_of(session: AsyncSession, entry: Registration) -> list[tuple[Criterion, bool]]:
    """The entry's chosen specific criteria, then the general criteria that apply to it."""
    chosen = await campaigns.chosen_specific_criteria(session, entry.id or 0)
    general = await campaigns.general_criteria(session, entry.campaign_id, entry.subject_type)
    return [(c, False) for c in chosen] + [(c, True) for c in general if c.mandatory]


async def sheet(session: AsyncSession, work: Job) -> list[Line]:
    """The reviewer's own lines: their newest score (draft or version) per criterion."""
    rows = await session.exec(
        select(ReviewScore.criterion_id, ReviewScore.version, ReviewScore.score).where(
            ReviewScore.assignment_id == work.assignment.id
        )
    )
    newest: dict[int, tuple[int, float]] = {}
    for criterion_id, version, score in rows.all():
        if criterion_id not in newest or version > newest[criterion_id][0]:
            newest[criterion_id] = (version, score)
    counts = await accepted_counts(session, [work.entry.id or 0])
    return [
        Line(
            criterion,
            general,
            newest.get(criterion.id or 0, (0, None))[1],
            newest.get(criterion.id or 0, (0, None))[0],
            counts[(work.entry.id or 0, criterion.id or 0)],
        )
        for criterion, general in await criteria_of(session, work.entry)
    ]


def _check(line: Line, value: float, step: float, reason: str | None) -> None:
    if line.general:
        if value not in (0, 1):
            raise InvalidInput("gate_value")
        if value == 0 and not clean_text(reason):
            raise InvalidInput("reason_required")
        return
    check_score(value, max_points=line.criterion.max_points, step=step)
    if value > 0 and line.accepted_evidence == 0:
        raise InvalidInput("no_accepted_evidence", criterion=line.criterion.code)


async def _line(session: AsyncSession, work: Job, criterion_id: int) -> Line:
    line = next((x for x in await sheet(session, work) if x.criterion.id == criterion_id), None)
    if line is None:
        raise NotFound("criterion_not_chosen")
    return line


async def set_draft(
    session: AsyncSession,
    *,
    actor: Person,
    assignment_id: int,
    criterion_id: int,
    value: float,
    reason: str | None = None,
    now: datetime,
) -> ReviewScore:
    """Write or overwrite a draft score before the sheet is submitted."""
    work = await job(session, actor, assignment_id, now)
    if work.assignment.submitted_at is not None:
        raise PermissionDenied("already_submitted")
    line = await _line(session, work, criterion_id)
    _check(line, value, work.campaign.score_step, reason)
    draft = (
        await session.exec(
            select(ReviewScore).where(
                ReviewScore.assignment_id == assignment_id,
                ReviewScore.criterion_id == criterion_id,
                ReviewScore.version == 0,
            )
        )
    ).first() or ReviewScore(assignment_id=assignment_id, criterion_id=criterion_id, score=value)
    draft.score, draft.created_at = value, now
    draft.reason = clean_reason(reason) if clean_text(reason) else None
    session.add(draft)
    await audit.log(
        session,
        "review.draft",
        work.assignment,
        actor,
        details={"criterion": line.criterion.code, "score": value},
    )
    return draft


async def submit(
    session: AsyncSession, *, actor: Person, assignment_id: int, now: datetime
) -> finals.Outcome:
    """Submit the sheet (every line scored); from now on each score is immutable."""
    work = await job(session, actor, assignment_id, now)
    if not is_pending(work.assignment):
        raise PermissionDenied("already_submitted")
    lines = await sheet(session, work)
    missing = [x.criterion.code for x in lines if x.score is None]
    if missing:
        raise InvalidInput("sheet_incomplete", codes=missing)
    first = work.assignment.submitted_at is None
    if first:
        await session.exec(
            update(ReviewScore)
            .where(ReviewScore.assignment_id == assignment_id, ReviewScore.version == 0)
            .values(version=1)
        )
    work.assignment.submitted_at, work.assignment.reopened_at = now, None
    await audit.log(
        session,
        "review.submit" if first else "review.resubmit",
        work.assignment,
        actor,
        details={"scores": {x.criterion.code: x.score for x in lines}},
    )
    return await finals.compute_entry(session, work.entry, now)


async def correct(
    session: AsyncSession,
    *,
    actor: Person,
    assignment_id: int,
    criterion_id: int,
    value: float,
    reason: str,
    now: datetime,
) -> ReviewScore:
    """Correct a submitted score: a new version with its reason; the old one stays."""
    text = clean_reason(reason)
    work = await job(session, actor, assignment_id, now)
    if work.assignment.submitted_at is None:
        raise PermissionDenied("not_submitted")
    line = await _line(session, work, criterion_id)
    _check(line, value, work.campaign.score_step, text)
    version = (
        await session.exec(
            select(func.max(ReviewScore.version)).where(
                ReviewScore.assignment_id == assignment_id,
                ReviewScore.criterion_id == criterion_id,
            )
        )
    ).one() or 0
    row = ReviewScore(
        assignment_id=assignment_id,
        criterion_id=criterion_id,
        version=version + 1,
        score=value,
        reason=text,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    await audit.log(
        session,
        "review.correct",
        work.assignment,
        actor,
        details={
            "criterion": line.criterion.code,
            "score": value,
            "previous": line.score,
            "version": row.version,
            "reason": text,
        },
    )
    if not is_pending(work.assignment):
        await finals.compute_entry(session, work.entry, now)
    return row


@dataclass(frozen=True)
class PeerView:
    """What a reviewer may see once they have submitted: the self score and the other
    reviewers' totals (anonymous)."""

    self_total: float | None
    others: tuple[float, ...]


async def peer_view(session: AsyncSession, actor: Person, assignment_id: int) -> PeerView:
    """The self score and other totals, only after the actor has submitted."""
    work = await job(session, actor, assignment_id, open_only=False)
    if work.assignment.submitted_at is None:
        raise PermissionDenied("submit_first")
    others = [
        a
        for a in (
            await session.exec(
                select(ReviewAssignment).where(
                    ReviewAssignment.registration_id == work.entry.id,
                    ReviewAssignment.id != assignment_id,
                )
            )
        ).all()
    ]
    sheets = await finals.submitted_sheets(session, others)
    return PeerView(
        await finals.self_total(session, work.entry.id or 0),
        tuple(round(s.total, 2) for s in sheets.values()),
    )
