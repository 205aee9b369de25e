"""Recognition certificates: what the committee prints for an entry recognised by its
decision (status "recognised": council passed, published, finalised, not revoked)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import NotFound
from storage.models import Campaign, Person
from storage.services import publication, standings


@dataclass(frozen=True)
class Certificate:
    result: standings.PublicResult
    campaign_name: str
    issuer: str
    decision_number: str
    decision_date: date | None


async def certificate(session: AsyncSession, actor: Person, registration_id: int) -> Certificate:
    """The certificate of a recognised entry, for a party committee over its unit."""
    entry, decided = await publication.recognized_entry(session, actor, registration_id)
    campaign = await session.get(Campaign, entry.campaign_id)
    assert campaign is not None
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
