"""Read-only queries the committee console needs beyond the chat's own."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import CouncilVote, OrgUnit, Person, Registration, Role
from storage.services import scope

COUNTED_SHOWN = 50  # the latest counted rounds a committee page lists


async def counted_in_scope(session: AsyncSession, actor: Person) -> list[Registration]:
    """Entries in the committee member's scope with at least one counted (closed) round,
    the most recently counted first."""
    prefixes = await scope.scope_filter(session, actor, [Role.PARTY_COMMITTEE])
    if not prefixes:
        return []
    rows = await session.exec(
        select(Registration, OrgUnit.path, CouncilVote.closed_at)
        .join(CouncilVote, CouncilVote.registration_id == Registration.id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .where(CouncilVote.closed_at.is_not(None))
        .order_by(CouncilVote.closed_at.desc(), CouncilVote.id.desc())
    )
    found: dict[int, Registration] = {}
    for entry, path, _ in rows.all():
        if entry.id not in found and scope.within_any(path, prefixes):
            found[entry.id or 0] = entry
        if len(found) >= COUNTED_SHOWN:
            break
    return list(found.values())
