"""Comments and objections in the window (`/gopy`); every one gets a recorded answer,
and an upheld objection sends the entry back to review."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, NotFound, PermissionDenied
from storage.models import (
    Campaign,
    CommentKind,
    EntryComment,
    EntryResult,
    EntryStatus,
    OrgUnit,
    Person,
    Registration,
    ReviewAssignment,
    Role,
)
from storage.services import scope
from storage.services.approvals import clean_reason
from storage.services.clock import local_date
from storage.text import clean_text

MAX_COMMENT = 2000
OPEN_STATUSES = (EntryStatus.PUBLISHED, EntryStatus.DISQUALIFIED)


async def commentable_for(
    session: AsyncSession, person: Person, now: datetime
) -> list[Registration]:
    """Published entries whose window is open and whose publication reached the person."""
    own = await scope.unit_of(session, person.unit_id)
    rows = await session.exec(
        select(Registration, EntryResult, OrgUnit.path, Campaign.timezone)
        .join(EntryResult, EntryResult.registration_id == Registration.id)
        .join(OrgUnit, OrgUnit.id == EntryResult.scope_unit_id)
        .join(Campaign, Campaign.id == Registration.campaign_id)
        .where(
            Registration.status.in_([str(s) for s in OPEN_STATUSES]),
            EntryResult.published_at.is_not(None),
            EntryResult.finalized_at.is_(None),
        )
        .order_by(Registration.id)
    )
    return [
        entry
        for entry, result, path, timezone in rows.all()
        if own.path.startswith(path)
        and result.comment_closes is not None
        and local_date(now, timezone) <= result.comment_closes
    ]


async def add_comment(
    session: AsyncSession,
    *,
    actor: Person,
    registration_id: int,
    kind: CommentKind,
    text: str,
    now: datetime,
) -> EntryComment:
    """Record a comment or an objection on a published result during its window."""
    body = clean_text(text)[:MAX_COMMENT]
    if not body:
        raise InvalidInput("empty_comment")
    if not actor.active or registration_id not in {
        e.id for e in await commentable_for(session, actor, now)
    }:
        raise PermissionDenied("comment_closed")
    comment = EntryComment(
        registration_id=registration_id,
        author_id=actor.id or 0,
        kind=CommentKind(kind),
        text=body,
        created_at=now,
    )
    await audit.log_new(
        session,
        "comment.add",
        comment,
        actor,
        details={"registration": registration_id, "kind": comment.kind},
    )
    return comment


async def unanswered_for(
    session: AsyncSession, actor: Person
) -> list[tuple[EntryComment, Registration]]:
    """Comments waiting for this committee member's answer, oldest first."""
    prefixes = await scope.scope_filter(session, actor, [Role.PARTY_COMMITTEE])
    if not prefixes:
        return []
    rows = await session.exec(
        select(EntryComment, Registration, OrgUnit.path)
        .join(Registration, Registration.id == EntryComment.registration_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(EntryComment.answered_at.is_(None))
        .order_by(EntryComment.created_at, EntryComment.id)
    )
    return [(c, e) for c, e, path in rows.all() if scope.within_any(path, prefixes)]


async def answer(
    session: AsyncSession,
    *,
    actor: Person,
    comment_id: int,
    text: str,
    upheld: bool | None,
    now: datetime,
) -> EntryComment:
    """Record the committee's answer; an objection is upheld or not, and an upheld one
    reopens the entry's review."""
    body = clean_reason(text)
    comment = await session.get(EntryComment, comment_id)
    entry = await session.get(Registration, comment.registration_id) if comment else None
    if comment is None or entry is None:
        raise NotFound("comment")
    await scope.require_role_over(session, actor, [Role.PARTY_COMMITTEE], entry.unit_id)
    if comment.answered_at is not None:
        raise PermissionDenied("already_answered")
    if comment.kind == CommentKind.OBJECTION and upheld is None:
        raise InvalidInput("upheld_required")
    if comment.kind == CommentKind.OBJECTION and upheld:
        _require_reopenable(entry)  # before anything is written
    comment.answer, comment.answered_by_id, comment.answered_at = body, actor.id, now
    comment.upheld = upheld if comment.kind == CommentKind.OBJECTION else None
    await audit.log(session, "comment.answer", comment, actor, details={"upheld": comment.upheld})
    if comment.upheld:
        await reopen(session, actor=actor, entry=entry, now=now)
    return comment


async def reopen(
    session: AsyncSession, *, actor: Person, entry: Registration, now: datetime
) -> None:
    """Send a published entry back to review: its result is withdrawn until reviewers
    confirm or correct their scores, and it is then decided and published again."""
    _require_reopenable(entry)
    result = await session.get(EntryResult, entry.id)
    assert result is not None
    result.published_at = result.comment_closes = result.council_result = None
    entry.status, entry.updated_at = EntryStatus.UNDER_REVIEW, now
    for assignment in (
        await session.exec(
            select(ReviewAssignment).where(ReviewAssignment.registration_id == entry.id)
        )
    ).all():
        assignment.reopened_at = now
    await audit.log(session, "review.reopen", entry, actor)


async def reviewers_of(session: AsyncSession, registration_id: int) -> list[int]:
    rows = await session.exec(
        select(ReviewAssignment.reviewer_id).where(
            ReviewAssignment.registration_id == registration_id
        )
    )
    return sorted(set(rows.all()))


async def comments_on(session: AsyncSession, registration_id: int) -> list[EntryComment]:
    rows = await session.exec(
        select(EntryComment)
        .where(EntryComment.registration_id == registration_id)
        .order_by(EntryComment.id)
    )
    return list(rows.all())


def _require_reopenable(entry: Registration) -> None:
    if entry.status not in OPEN_STATUSES:
        raise PermissionDenied("entry_locked", status=entry.status)
