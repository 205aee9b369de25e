"""Recognition certificates: what the committee prints for an entry recognised by its
decision (status "recognised": council passed, published, finalised, not revoked)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import NotFound, PermissionDenied
from storage.models import Campaign, EntryResult, EntryStatus, Person, Registration, Role
from storage.services import scope, standings


@dataclass(frozen=True)
class Certificate:
    result: standings.PublicResult
    campaign_name: str
    issuer: str
    decision_number: str
    decision_date: date | None


async def certificate(session: AsyncSession, actor: Person, registration_id: int) -> Certificate:
    """The certificate of a recognised entry, for a party committee over its unit."""
    entry = await session.get(Registration, registration_id)
    if entry is None:
        raise NotFound("registration")
    await scope.require_role_over(session, actor, [Role.PARTY_COMMITTEE], entry.unit_id)
    if entry.status != EntryStatus.RECOGNIZED:
        raise PermissionDenied("entry_locked", status=entry.status)
    campaign = await session.get(Campaign, entry.campaign_id)
    decided = await session.get(EntryResult, registration_id)
    assert campaign is not None and decided is not None
    result = await standings.published_result(session, campaign, registration_id)
    if result is None:
        raise NotFound("registration")
    return Certificate(
        result,
        campaign.name,
        decided.decision_issuer or "",
        decided.decision_number or "",
        decided.decision_date,
    )
