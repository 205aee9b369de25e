"""Campaigns, their models and criteria, and the date windows the flows enforce."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import WindowClosed
from storage.models import (
    Campaign,
    CampaignModel,
    Criterion,
    CriterionKind,
    RegistrationCriterion,
)
from storage.services.clock import local_date

CLOSED_STATUSES = ("draft", "closed")


async def active_campaigns(session: AsyncSession) -> list[Campaign]:
    """Campaigns people can work in now (launched and not closed), newest first."""
    rows = await session.exec(
        select(Campaign)
        .where(Campaign.status.not_in(CLOSED_STATUSES))
        .order_by(Campaign.year.desc(), Campaign.id.desc())
    )
    return list(rows.all())


async def models_of(session: AsyncSession, campaign_id: int) -> list[CampaignModel]:
    rows = await session.exec(
        select(CampaignModel)
        .where(CampaignModel.campaign_id == campaign_id)
        .order_by(CampaignModel.position)
    )
    return list(rows.all())


async def find_model(session: AsyncSession, campaign_id: int, code: str) -> CampaignModel | None:
    rows = await session.exec(
        select(CampaignModel).where(
            CampaignModel.campaign_id == campaign_id, CampaignModel.code == code
        )
    )
    return rows.first()


async def specific_criteria(session: AsyncSession, model_id: int) -> list[Criterion]:
    rows = await session.exec(
        select(Criterion)
        .where(Criterion.model_id == model_id, Criterion.kind == CriterionKind.SPECIFIC)
        .order_by(Criterion.position)
    )
    return list(rows.all())


async def chosen_specific_criteria(session: AsyncSession, registration_id: int) -> list[Criterion]:
    """The specific criteria an entry chose, in the campaign's order."""
    rows = await session.exec(
        select(Criterion)
        .join(RegistrationCriterion, RegistrationCriterion.criterion_id == Criterion.id)
        .where(RegistrationCriterion.registration_id == registration_id)
        .order_by(Criterion.position)
    )
    return list(rows.all())


async def general_criteria(
    session: AsyncSession, campaign_id: int, subject_type: str
) -> list[Criterion]:
    rows = await session.exec(
        select(Criterion)
        .where(Criterion.campaign_id == campaign_id, Criterion.kind == CriterionKind.GENERAL)
        .order_by(Criterion.position)
    )
    return [c for c in rows.all() if subject_type in c.applies_to.split(",")]


def today_of(campaign: Campaign, now: datetime) -> date:
    return local_date(now, campaign.timezone)


def require_window(campaign: Campaign, now: datetime, window: str) -> None:
    """Refuse an action outside its window: registration, evidence or self_scoring."""
    opens, closes = window_dates(campaign, window)
    today = today_of(campaign, now)
    if today < opens:
        raise WindowClosed("not_yet_open", window=window, opens=opens, closes=closes)
    if today > closes:
        raise WindowClosed("closed", window=window, opens=opens, closes=closes)


def window_dates(campaign: Campaign, window: str) -> tuple[date, date]:
    if window == "registration":
        return campaign.registration_opens, campaign.registration_closes
    if window == "evidence":
        return campaign.registration_opens, campaign.evidence_deadline
    if window == "self_scoring":
        return campaign.self_scoring_opens, campaign.self_scoring_closes
    raise ValueError(window)
