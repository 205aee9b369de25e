"""Admin broadcasts: an announcement to everyone, a unit subtree, a role or a model's
entrants inside the admin's scope; its progress, cancelling it, retrying the failed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, NotFound, PermissionDenied
from storage.models import (
    Announcement,
    AnnouncementStatus,
    OrgUnit,
    Outbox,
    OutboxStatus,
    Person,
    Role,
)
from storage.services import audiences, campaigns, org
from storage.text import clean_text

AUDIENCES = ("all", "unit", "role", "model")
# the roles a broadcast can be addressed to
ROLES = (Role.MANAGER, Role.UNION_COMMITTEE, Role.PARTY_COMMITTEE, Role.REVIEWER, Role.ADMIN)


def source_of(announcement_id: int) -> str:
    return f"broadcast:{announcement_id}"


@dataclass(frozen=True)
class BroadcastCreate:
    text: str
    audience: str
    unit_id: int
    audience_value: str | None = None
    urgent: bool = False
    file_path: str | None = None
    file_name: str | None = None
    file_kind: str | None = None
    file_mime: str | None = None


@dataclass(frozen=True)
class Progress:
    total: int
    pending: int
    sent: int
    blocked: int
    failed: int
    unreachable: int
    cancelled: int

    @property
    def done(self) -> int:
        return self.total - self.pending


async def admin_scopes(session: AsyncSession, person: Person) -> list[OrgUnit]:
    return await org.scope_units(session, person, [Role.ADMIN])


async def _require_admin_over(session: AsyncSession, actor: Person, unit: OrgUnit) -> None:
    if not await org.has_role_over(session, actor, [Role.ADMIN], unit):
        raise PermissionDenied("not_admin")


async def person_ids(session: AsyncSession, ann: Announcement | BroadcastCreate) -> list[int]:
    """The announcement's recipients now (people, before choosing their accounts)."""
    unit = await session.get(
        OrgUnit, ann.unit_id if isinstance(ann, BroadcastCreate) else ann.scope_unit_id
    )
    if unit is None:
        return []
    active = await campaigns.active_campaigns(session)
    kind = "all" if ann.audience == "unit" else ann.audience
    query = audiences.broadcast_query(
        unit, kind, ann.audience_value, active[0].id if active else None
    )
    return list((await session.exec(query)).all()) if query is not None else []


async def create(
    session: AsyncSession, *, actor: Person, account_id: int, data: BroadcastCreate, now: datetime
) -> Announcement:
    """Queue an announcement; the scheduler puts it in the outbox and reports progress."""
    unit = await session.get(OrgUnit, data.unit_id)
    if unit is None:
        raise NotFound("unit")
    await _require_admin_over(session, actor, unit)
    text = clean_text(data.text, multiline=True)
    if data.audience not in AUDIENCES or not text:
        raise InvalidInput("bad_broadcast")
    ann = Announcement(
        created_by_id=actor.id or 0,
        chat_account_id=account_id,
        scope_unit_id=unit.id or 0,
        created_at=now,
        updated_at=now,
        **{k: v for k, v in vars(data).items() if k not in ("unit_id", "text")},
        text=text,
    )
    await audit.log_new(
        session,
        "broadcast.create",
        ann,
        actor,
        details={"unit": unit.code, "audience": data.audience, "value": data.audience_value},
    )
    return ann


async def _own(session: AsyncSession, actor: Person, announcement_id: int) -> Announcement:
    ann = await session.get(Announcement, announcement_id)
    if ann is None:
        raise NotFound("announcement")
    unit = await session.get(OrgUnit, ann.scope_unit_id)
    assert unit is not None
    await _require_admin_over(session, actor, unit)
    return ann


async def cancel(
    session: AsyncSession, *, actor: Person, announcement_id: int, now: datetime
) -> Announcement:
    """Stop a broadcast: what is not yet sent is cancelled."""
    ann = await _own(session, actor, announcement_id)
    await session.exec(
        update(Outbox)
        .where(Outbox.source == source_of(ann.id or 0), Outbox.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.CANCELLED)
        .execution_options(synchronize_session=False)
    )
    ann.status, ann.updated_at = AnnouncementStatus.CANCELLED, now
    await audit.log(session, "broadcast.cancel", ann, actor)
    return ann


async def retry_failed(
    session: AsyncSession, *, actor: Person, announcement_id: int, now: datetime
) -> int:
    """Send the failed messages of a finished broadcast again; returns how many."""
    ann = await _own(session, actor, announcement_id)
    result = await session.exec(
        update(Outbox)
        .where(Outbox.source == source_of(ann.id or 0), Outbox.status == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, attempts=0, not_before=now, last_error=None)
        .execution_options(synchronize_session=False)
    )
    count = max(result.rowcount, 0)
    if count:
        ann.status, ann.updated_at, ann.finished_at = AnnouncementStatus.SENDING, now, None
        ann.progress_shown = None
    await audit.log(session, "broadcast.retry", ann, actor, details={"messages": count})
    return count


async def progress(session: AsyncSession, announcement_id: int) -> Progress:
    rows = await session.exec(
        select(Outbox.status, func.count())
        .where(Outbox.source == source_of(announcement_id))
        .group_by(Outbox.status)
    )
    counts = dict(rows.all())
    return Progress(
        total=sum(counts.values()),
        **{s.value: counts.get(s.value, 0) for s in OutboxStatus},
    )


async def in_progress(session: AsyncSession, *, statuses: tuple[str, ...]) -> list[Announcement]:
    rows = await session.exec(
        select(Announcement).where(Announcement.status.in_(statuses)).order_by(Announcement.id)
    )
    return list(rows.all())
