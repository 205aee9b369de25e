"""Moving the demo campaign from one phase to the next in chat, so a newcomer can walk
the whole lifecycle at once. A real campaign follows the dates of its file instead."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import PermissionDenied
from storage.models import Campaign, EntryResult, Person, Role
from storage.services import scope
from storage.services.clock import local_date

PHASES = (
    "launched",
    "registration_open",
    "implementation",
    "scoring",
    "deliberation",
    "publication",
    "closed",
)


def next_phase(status: str) -> str | None:
    if status not in PHASES:
        return PHASES[0]
    index = PHASES.index(status)
    return PHASES[index + 1] if index + 1 < len(PHASES) else None


async def advance(
    session: AsyncSession, *, actor: Person, campaign: Campaign, now: datetime
) -> str:
    """Move the demo campaign on; closing it also ends the demo's comment windows, which
    the real calendar would end only after five working days."""
    if not campaign.is_demo:
        raise PermissionDenied("not_demo")
    if not actor.active or not await scope.holds(session, actor, Role.PARTY_COMMITTEE):
        raise PermissionDenied("not_committee")
    target = next_phase(campaign.status)
    if target is None:
        raise PermissionDenied("last_phase")
    previous, campaign.status = campaign.status, target
    if target == "closed":
        yesterday = local_date(now, campaign.timezone) - timedelta(days=1)
        await session.exec(
            update(EntryResult)
            .where(
                EntryResult.campaign_id == campaign.id,
                EntryResult.comment_closes.is_not(None),
                EntryResult.comment_closes > yesterday,
            )
            .values(comment_closes=yesterday)
        )
    await audit.log(
        session, "campaign.phase", campaign, actor, details={"from": previous, "to": target}
    )
    return target
