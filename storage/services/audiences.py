"""Who a reminder or broadcast reaches, computed when it fires, in set-based SQL.

"Behind" is judged on the entries a person is responsible for: their own individual
entries and the collective entries they registered for a unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from storage.models import (
    Audience,
    CampaignModel,
    ChatAccount,
    EntryStatus,
    Evidence,
    OrgUnit,
    Person,
    Registration,
    RoleGrant,
)
from storage.services.registrations import INACTIVE_STATUSES, WORKING_STATUSES

RESPONSIBLE = func.coalesce(Registration.person_id, Registration.registered_by_id)


@dataclass(frozen=True)
class Target:
    """A reminder's audience: the unit subtree and who in it is behind on what."""

    unit: OrgUnit
    audience: str = Audience.ALL
    campaign_id: int | None = None
    model_code: str | None = None
    evidence_days: int = 14


def people_in(unit: OrgUnit) -> SelectOfScalar[int]:
    """Active people of a unit and every unit below it."""
    return (
        select(Person.id)
        .join(OrgUnit, OrgUnit.id == Person.unit_id)
        .where(Person.active, OrgUnit.path.startswith(unit.path, autoescape=True))
    )


def responsible_for(
    campaign_id: int, model_code: str | None, statuses: Sequence[str] | None = None
) -> SelectOfScalar[int]:
    """People responsible for a live entry of the campaign (optionally of one model)."""
    query = select(RESPONSIBLE).where(
        Registration.campaign_id == campaign_id,
        Registration.status.not_in([str(s) for s in INACTIVE_STATUSES]),
    )
    if statuses is not None:
        query = query.where(Registration.status.in_([str(s) for s in statuses]))
    if model_code is not None:
        query = query.join(CampaignModel, CampaignModel.id == Registration.model_id).where(
            CampaignModel.code == model_code
        )
    return query


def target_query(target: Target, now: datetime) -> SelectOfScalar[int] | None:
    """The query for the target's person ids; None when it needs a campaign and has none."""
    query = people_in(target.unit)
    campaign, model = target.campaign_id, target.model_code
    if campaign is None:
        return query if target.audience == Audience.ALL and model is None else None
    if target.audience == Audience.ALL:
        return (
            query if model is None else query.where(Person.id.in_(responsible_for(campaign, model)))
        )
    if target.audience == Audience.UNREGISTERED:
        return query.where(Person.id.not_in(responsible_for(campaign, model)))
    if target.audience == Audience.NO_EVIDENCE:
        since = now - timedelta(days=target.evidence_days)
        recent = (
            responsible_for(campaign, model, WORKING_STATUSES)
            .join(Evidence, Evidence.registration_id == Registration.id)
            .where(Evidence.created_at >= since)
        )
        working = responsible_for(campaign, model, WORKING_STATUSES)
        return query.where(Person.id.in_(working), Person.id.not_in(recent))
    if target.audience == Audience.NO_SELFSCORE:
        pending = responsible_for(campaign, model, WORKING_STATUSES).where(
            Registration.self_scored_at.is_(None)
        )
        return query.where(Person.id.in_(pending))
    if target.audience == Audience.RETURNED:
        return query.where(Person.id.in_(responsible_for(campaign, model, [EntryStatus.RETURNED])))
    raise ValueError(target.audience)


async def resolve(session: AsyncSession, target: Target, now: datetime) -> list[int]:
    """Person ids of the target now."""
    query = target_query(target, now)
    if query is None:
        return []
    return list((await session.exec(query)).all())


def broadcast_query(
    scope: OrgUnit, audience: str, value: str | None, campaign_id: int | None
) -> SelectOfScalar[int] | None:
    """An admin's audience inside `scope` (their unit, or the unit they chose): everyone,
    the holders of a role, or the people responsible for entries of a model."""
    if audience == "all":
        return people_in(scope)
    if audience == "role":
        holders = select(RoleGrant.person_id).where(RoleGrant.role == (value or ""))
        return people_in(scope).where(Person.id.in_(holders))
    if audience == "model" and campaign_id is not None:
        return people_in(scope).where(Person.id.in_(responsible_for(campaign_id, value)))
    return None


async def count_reachable(session: AsyncSession, person_ids: Sequence[int]) -> int:
    """How many of these people have a linked, consenting chat account."""
    ids = list(set(person_ids))
    total = 0
    for start in range(0, len(ids), 5000):
        rows = await session.exec(
            select(func.count(func.distinct(ChatAccount.person_id))).where(
                ChatAccount.person_id.in_(ids[start : start + 5000]),
                ChatAccount.consent_at.is_not(None),
            )
        )
        total += rows.one()
    return total
