"""Progress of a person's entries: evidence and self scores per criterion, what is missing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    Campaign,
    CampaignModel,
    Criterion,
    OrgUnit,
    Person,
    Registration,
    RegistrationCriterion,
)
from storage.services import evidence as evidence_service
from storage.services.registrations import visible_registrations


@dataclass(frozen=True)
class CriterionProgress:
    criterion_id: int
    code: str
    title: str
    max_points: int
    evidence_count: int
    self_score: float | None


@dataclass(frozen=True)
class EntryProgress:
    registration_id: int
    campaign_name: str
    model_code: str
    model_title: str
    subject_type: str
    subject_name: str
    status: str
    criteria: tuple[CriterionProgress, ...]
    scale_max: int = 100

    @property
    def self_total(self) -> float:
        return sum(c.self_score or 0 for c in self.criteria)

    @property
    def chosen_max(self) -> int:
        return sum(c.max_points for c in self.criteria)

    @property
    def missing_evidence(self) -> list[str]:
        return [c.code for c in self.criteria if c.evidence_count == 0]

    @property
    def missing_scores(self) -> list[str]:
        return [c.code for c in self.criteria if c.self_score is None]


async def subject_name(session: AsyncSession, registration: Registration) -> str:
    if registration.person_id is not None:
        person = await session.get(Person, registration.person_id)
        return person.full_name if person else "?"
    unit = await session.get(OrgUnit, registration.unit_id)
    return unit.name if unit else "?"


async def progress_of(session: AsyncSession, person: Person) -> list[EntryProgress]:
    """Every entry the person can see, with per-criterion evidence counts and self scores."""
    registrations = await visible_registrations(session, person)
    counts = await evidence_service.counts_by_criterion(
        session, [r.id for r in registrations if r.id]
    )
    result = []
    for reg in registrations:
        model = await session.get(CampaignModel, reg.model_id)
        campaign = await session.get(Campaign, reg.campaign_id)
        rows = await session.exec(
            select(RegistrationCriterion, Criterion)
            .join(Criterion, Criterion.id == RegistrationCriterion.criterion_id)
            .where(RegistrationCriterion.registration_id == reg.id)
            .order_by(Criterion.position)
        )
        criteria = tuple(
            CriterionProgress(
                c.id or 0,
                c.code,
                c.title,
                c.max_points,
                counts[(reg.id or 0, c.id or 0)],
                rc.self_score,
            )
            for rc, c in rows.all()
        )
        result.append(
            EntryProgress(
                reg.id or 0,
                campaign.name if campaign else "",
                model.code if model else "",
                model.short_title if model else "",
                reg.subject_type,
                await subject_name(session, reg),
                reg.status,
                criteria,
                campaign.scale_max if campaign else 100,
            )
        )
    return result
