"""Publication (`/ketqua`): results go public with a comment window in working days; after
it, the final decision (number, date) or "not recognised"; fraud proven later revokes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, NotFound, PermissionDenied
from storage.models import (
    Campaign,
    CouncilResult,
    EntryComment,
    EntryResult,
    EntryStatus,
    OrgUnit,
    Person,
    Registration,
    Role,
)
from storage.services import finals, org, scope
from storage.services.approvals import clean_reason
from storage.services.campaign_rules import require_window, rules_of
from storage.services.clock import local_date
from storage.services.rows import count_where
from storage.services.workdays import last_working_day
from storage.text import clean_text

# Entries whose result can be made public once decided.
PUBLISHABLE = (EntryStatus.REVIEWED, EntryStatus.IN_COUNCIL, EntryStatus.DISQUALIFIED)


async def latest_campaign(session: AsyncSession) -> Campaign | None:
    """The newest campaign that has started (the one committees act on)."""
    rows = await session.exec(
        select(Campaign)
        .where(Campaign.status != "draft")
        .order_by(Campaign.year.desc(), Campaign.id.desc())
    )
    return rows.first()


async def _committee_units(session: AsyncSession, actor: Person) -> list[OrgUnit]:
    units = await org.scope_units(session, actor, [Role.PARTY_COMMITTEE])
    if not units or not actor.active:
        raise PermissionDenied("not_committee")
    return units


async def _scoped(
    session: AsyncSession, units: list[OrgUnit], campaign: Campaign, statuses: tuple[str, ...]
) -> list[tuple[Registration, EntryResult, str]]:
    rows = await session.exec(
        select(Registration, EntryResult, OrgUnit.path)
        .join(EntryResult, EntryResult.registration_id == Registration.id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(Registration.campaign_id == campaign.id, Registration.status.in_(statuses))
        .order_by(Registration.id)
    )
    prefixes = [u.path for u in units]
    return [(e, r, p) for e, r, p in rows.all() if scope.within_any(p, prefixes)]


@dataclass(frozen=True)
class Published:
    entries: list[Registration]
    waiting: int
    closes: date | None
    scope_unit_ids: list[int]


async def publish(
    session: AsyncSession, *, actor: Person, campaign: Campaign, now: datetime
) -> Published:
    """Make every decided result in the committee's scope public, opening its window."""
    units = await _committee_units(session, actor)
    require_window(campaign, now, "publication")
    await finals.compute_all(session, campaign, now)
    rules = rules_of(campaign)
    closes = last_working_day(local_date(now, campaign.timezone), rules.window_days, rules.holidays)
    published, waiting, used = [], 0, set()
    for entry, result, path in await _scoped(session, units, campaign, PUBLISHABLE):
        if result.published_at is not None:
            continue
        band = rules.band(result.band)
        undecided = entry.status == EntryStatus.IN_COUNCIL or (band and band.to_council)
        if entry.status != EntryStatus.DISQUALIFIED and undecided and not result.council_result:
            waiting += 1
            continue
        unit = next(u for u in units if path.startswith(u.path))
        result.published_at, result.published_by_id = now, actor.id
        result.scope_unit_id, result.comment_closes = unit.id, closes
        used.add(unit.id or 0)
        if entry.status != EntryStatus.DISQUALIFIED:
            entry.status, entry.updated_at = EntryStatus.PUBLISHED, now
        published.append(entry)
    if published:
        await audit.log(
            session,
            "results.publish",
            campaign,
            actor,
            details={"entries": [e.id for e in published], "comment_closes": closes.isoformat()},
        )
    return Published(published, waiting, closes if published else None, sorted(used))


async def audience(session: AsyncSession, unit_ids: list[int]) -> list[int]:
    """Everyone active in the given subtrees: who receives a publication."""
    people: set[int] = set()
    for unit_id in unit_ids:
        unit = await scope.unit_of(session, unit_id)
        rows = await session.exec(
            select(Person.id).where(Person.active, Person.unit_id.in_(org.subtree_units(unit)))
        )
        people.update(rows.all())
    return sorted(people)


async def _unanswered(session: AsyncSession, ids: list[int]) -> int:
    if not ids:
        return 0
    return await count_where(
        session,
        EntryComment,
        EntryComment.registration_id.in_(ids),
        EntryComment.answered_at.is_(None),
    )


async def finalize(
    session: AsyncSession,
    *,
    actor: Person,
    campaign: Campaign,
    number: str,
    decision_date: date,
    now: datetime,
) -> list[Registration]:
    """After the window: recognised (council passed) or not recognised, with the decision."""
    units = await _committee_units(session, actor)
    require_window(campaign, now, "publication")
    number = clean_text(number)[:64]
    if not number:
        raise InvalidInput("decision_number_required")
    rows = [
        (e, r)
        for e, r, _ in await _scoped(
            session, units, campaign, (EntryStatus.PUBLISHED, EntryStatus.DISQUALIFIED)
        )
        if r.published_at is not None and r.finalized_at is None
    ]
    if not rows:
        raise NotFound("nothing_to_finalize")
    today = local_date(now, campaign.timezone)
    last = max(r.comment_closes or today for _, r in rows)
    if last >= today:
        raise PermissionDenied("comment_window_open", closes=last)
    if count := await _unanswered(session, [e.id or 0 for e, _ in rows]):
        raise PermissionDenied("comments_unanswered", count=count)
    issuer = units[0].name
    for entry, result in rows:
        result.decision_number, result.decision_date = number, decision_date
        result.decision_issuer, result.finalized_at = issuer, now
        if entry.status == EntryStatus.PUBLISHED:
            passed = result.council_result == CouncilResult.PASSED
            entry.status = EntryStatus.RECOGNIZED if passed else EntryStatus.NOT_RECOGNIZED
            entry.updated_at = now
    await audit.log(
        session,
        "results.finalize",
        campaign,
        actor,
        details={"number": number, "date": decision_date.isoformat(), "entries": len(rows)},
    )
    return [e for e, _ in rows]


async def recognized_in_scope(session: AsyncSession, actor: Person) -> list[Registration]:
    campaign = await latest_campaign(session)
    if campaign is None:
        return []
    units = await _committee_units(session, actor)
    return [e for e, _, _ in await _scoped(session, units, campaign, (EntryStatus.RECOGNIZED,))]


async def recognized_entry(
    session: AsyncSession, actor: Person, registration_id: int
) -> tuple[Registration, EntryResult]:
    """A recognised entry and its result, for a party committee over the entry's unit."""
    entry = await session.get(Registration, registration_id)
    if entry is None:
        raise NotFound("registration")
    await scope.require_role_over(session, actor, [Role.PARTY_COMMITTEE], entry.unit_id)
    if entry.status != EntryStatus.RECOGNIZED:
        raise PermissionDenied("entry_locked", status=entry.status)
    result = await session.get(EntryResult, entry.id)
    assert result is not None
    return entry, result


async def revoke(
    session: AsyncSession, *, actor: Person, registration_id: int, reason: str, now: datetime
) -> Registration:
    """Revoke a recognition obtained by fraud, with the reason (Emulation Law 2022)."""
    text = clean_reason(reason)
    entry, result = await recognized_entry(session, actor, registration_id)
    entry.status, entry.updated_at = EntryStatus.REVOKED, now
    result.revoked_at, result.revoke_reason = now, text
    await audit.log(session, "recognition.revoke", entry, actor, details={"reason": text})
    return entry
