"""Which council decides an entry, who may vote on it, and which entries wait for it."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    Campaign,
    CouncilResult,
    CouncilVote,
    EntryResult,
    EntryStatus,
    OrgUnit,
    Person,
    Registration,
    Role,
    RoleGrant,
)
from storage.services import scope
from storage.services.campaign_rules import rules_of


async def council_for(session: AsyncSession, entry: Registration) -> int | None:
    """The nearest unit at or above the entry's unit that has council members."""
    unit = await scope.unit_of(session, entry.unit_id)
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part]
    rows = await session.exec(
        select(RoleGrant.scope_unit_id, OrgUnit.depth)
        .join(OrgUnit, OrgUnit.id == RoleGrant.scope_unit_id)
        .where(RoleGrant.role == Role.COUNCIL_MEMBER, RoleGrant.scope_unit_id.in_(ancestors))
        .order_by(OrgUnit.depth.desc())
    )
    first = rows.first()
    return first[0] if first else None


async def eligible_members(session: AsyncSession, entry: Registration, unit_id: int) -> set[int]:
    """The council's active members, minus admins and anyone with a conflict on the entry
    (their own unit or themselves): recused members are not counted in the base."""
    rows = await session.exec(
        select(Person)
        .join(RoleGrant, RoleGrant.person_id == Person.id)
        .where(
            RoleGrant.role == Role.COUNCIL_MEMBER,
            RoleGrant.scope_unit_id == unit_id,
            Person.active,
        )
    )
    eligible = set()
    for person in {p.id: p for p in rows.all()}.values():
        if await scope.holds(session, person, Role.ADMIN):
            continue
        if await scope.conflict_of(session, person, entry) is None:
            eligible.add(person.id or 0)
    return eligible


async def members_of(session: AsyncSession, unit_id: int) -> list[int]:
    rows = await session.exec(
        select(RoleGrant.person_id).where(
            RoleGrant.role == Role.COUNCIL_MEMBER, RoleGrant.scope_unit_id == unit_id
        )
    )
    return sorted(set(rows.all()))


async def _in_scope(session: AsyncSession, actor: Person) -> list[Registration]:
    prefixes = await scope.scope_filter(session, actor, [Role.PARTY_COMMITTEE])
    if not prefixes:
        return []
    rows = await session.exec(
        select(Registration, OrgUnit.path)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(Registration.status.in_([EntryStatus.REVIEWED, EntryStatus.IN_COUNCIL]))
        .order_by(Registration.id)
    )
    return [entry for entry, path in rows.all() if scope.within_any(path, prefixes)]


async def last_round(session: AsyncSession, registration_id: int) -> CouncilVote | None:
    rows = await session.exec(
        select(CouncilVote)
        .where(CouncilVote.registration_id == registration_id)
        .order_by(CouncilVote.round.desc())
        .limit(1)
    )
    return rows.first()


async def is_ready(session: AsyncSession, entry: Registration) -> bool:
    """Whether the entry may be put to its council now: reviewed in a band the campaign
    sends to the council, or in council with its last round closed without quorum."""
    if entry.status == EntryStatus.REVIEWED:
        campaign = await session.get(Campaign, entry.campaign_id)
        result = await session.get(EntryResult, entry.id)
        band = rules_of(campaign).band(result.band) if campaign and result else None
        return band is not None and band.to_council
    if entry.status == EntryStatus.IN_COUNCIL:
        last = await last_round(session, entry.id or 0)
        return (
            last is not None
            and last.closed_at is not None
            and last.result == CouncilResult.NO_QUORUM
        )
    return False


async def ready_for_council(session: AsyncSession, actor: Person) -> list[Registration]:
    """Entries in the committee member's scope that may be put to the council now."""
    return [entry for entry in await _in_scope(session, actor) if await is_ready(session, entry)]


async def open_rounds_in_scope(
    session: AsyncSession, actor: Person
) -> list[tuple[CouncilVote, Registration]]:
    """Open rounds the committee member may close."""
    entries = {e.id: e for e in await _in_scope(session, actor)}
    rows = await session.exec(
        select(CouncilVote).where(CouncilVote.closed_at.is_(None)).order_by(CouncilVote.id)
    )
    return [(v, entries[v.registration_id]) for v in rows.all() if v.registration_id in entries]
