"""What is public: published results, the leaderboard by unit and by model, and the
exemplars with their best evidence. Only the publishable fields ever leave here: no
phone, employee code, party membership or ballot."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    Campaign,
    CampaignModel,
    Criterion,
    EntryResult,
    EntryStatus,
    Evidence,
    EvidenceKind,
    EvidenceStatus,
    OrgUnit,
    Person,
    Registration,
    ReviewAssignment,
)
from storage.services import finals, scope
from storage.services.campaign_rules import rules_of

FINAL = (EntryStatus.RECOGNIZED, EntryStatus.NOT_RECOGNIZED)


@dataclass(frozen=True)
class PublicEntry:
    """What every public page names of an entry."""

    registration_id: int
    model_code: str
    model_title: str
    subject_type: str
    subject_name: str
    unit_name: str


@dataclass(frozen=True)
class PublicResult(PublicEntry):
    final_score: float | None
    band: str
    council_result: str | None
    status: str
    comment_closes: date | None
    decision_number: str | None
    decision_date: date | None


def _row(
    entry: Registration,
    result: EntryResult,
    model: CampaignModel,
    unit: OrgUnit,
    person_name: str | None,
    campaign: Campaign,
) -> PublicResult:
    band = rules_of(campaign).band(result.band)
    return PublicResult(
        entry.id or 0,
        model.code,
        model.short_title,
        entry.subject_type,
        person_name or unit.name,
        unit.name,
        result.final_score,
        band.label if band else "",
        result.council_result,
        entry.status,
        result.comment_closes,
        result.decision_number,
        result.decision_date,
    )


def _query(campaign: Campaign):  # type: ignore[no-untyped-def]
    return (
        select(Registration, EntryResult, CampaignModel, OrgUnit, Person.full_name)
        .join(EntryResult, EntryResult.registration_id == Registration.id)
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .outerjoin(Person, Person.id == Registration.person_id)
        .where(Registration.campaign_id == campaign.id, EntryResult.published_at.is_not(None))
    )


async def public_results(
    session: AsyncSession, viewer: Person, campaign: Campaign
) -> list[PublicResult]:
    """Published results whose publication reached the viewer, best score first."""
    own = await scope.unit_of(session, viewer.unit_id)
    rows = await session.exec(_query(campaign))
    found = []
    for entry, result, model, unit, name in rows.all():
        publisher = await session.get(OrgUnit, result.scope_unit_id)
        if publisher is not None and own.path.startswith(publisher.path):
            found.append(_row(entry, result, model, unit, name, campaign))
    return sorted(found, key=lambda r: (-(r.final_score or 0), r.model_code, r.subject_name))


async def exemplars(session: AsyncSession, campaign: Campaign) -> list[PublicResult]:
    """Recognised entries of the campaign, best score first: models others can copy."""
    rows = await session.exec(_query(campaign).where(Registration.status == EntryStatus.RECOGNIZED))
    found = [_row(e, r, m, u, n, campaign) for e, r, m, u, n in rows.all()]
    return sorted(found, key=lambda r: (-(r.final_score or 0), r.model_code, r.subject_name))


async def published_result(
    session: AsyncSession, campaign: Campaign, registration_id: int
) -> PublicResult | None:
    """One entry's published result, as the public lists show it."""
    rows = await session.exec(_query(campaign).where(Registration.id == registration_id))
    row = rows.first()
    return _row(*row, campaign) if row is not None else None


@dataclass(frozen=True)
class Standing:
    name: str
    entries: int
    recognized: int
    mean_score: float


def _rank(groups: dict[str, list[tuple[float, bool]]]) -> list[Standing]:
    standings = [
        Standing(
            name,
            len(items),
            sum(1 for _, ok in items if ok),
            round(sum(score for score, _ in items) / len(items), 2),
        )
        for name, items in groups.items()
    ]
    return sorted(standings, key=lambda s: (-s.recognized, -s.mean_score, s.name))


async def leaderboard(
    session: AsyncSession, campaign: Campaign
) -> tuple[list[Standing], list[Standing]]:
    """Final results ranked by province (or corporation) and by model."""
    rows = await session.exec(
        select(Registration.status, EntryResult.final_score, OrgUnit.path, CampaignModel.code)
        .join(EntryResult, EntryResult.registration_id == Registration.id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .where(Registration.campaign_id == campaign.id, Registration.status.in_(FINAL))
    )
    by_unit: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    by_model: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for status, score, path, model in rows.all():
        parts = [int(p) for p in path.strip("/").split("/") if p]
        item = (score or 0.0, status == EntryStatus.RECOGNIZED)
        by_unit[parts[1] if len(parts) > 1 else parts[0]].append(item)
        by_model[model].append(item)
    names = dict(
        (await session.exec(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_(by_unit)))).all()
    )
    units = _rank({names[uid]: items for uid, items in by_unit.items()})
    return units, _rank(dict(by_model))


@dataclass(frozen=True)
class Showcase:
    result: PublicResult
    criteria: list[tuple[Criterion, float]]
    evidence: list[Evidence]


async def showcase(
    session: AsyncSession, campaign: Campaign, registration_id: int, *, best: int = 3
) -> Showcase | None:
    """A recognised entry's criteria (final means) and its best accepted evidence."""
    found = next(
        (r for r in await exemplars(session, campaign) if r.registration_id == registration_id),
        None,
    )
    if found is None:
        return None
    assignments = list(
        (
            await session.exec(
                select(ReviewAssignment).where(ReviewAssignment.registration_id == registration_id)
            )
        ).all()
    )
    sheets = list((await finals.submitted_sheets(session, assignments)).values())
    means: dict[int, float] = defaultdict(float)
    for sheet in sheets:
        for criterion_id, score in sheet.scores.items():
            means[criterion_id] += score / len(sheets)
    criteria = [
        (c, round(means[c.id or 0], 2))
        for c in (await session.exec(select(Criterion).where(Criterion.id.in_(means)))).all()
    ]
    criteria.sort(key=lambda pair: (-pair[1], pair[0].position))
    return Showcase(found, criteria, await _best_evidence(session, registration_id, criteria, best))


async def _best_evidence(
    session: AsyncSession, registration_id: int, criteria: list[tuple[Criterion, float]], best: int
) -> list[Evidence]:
    rows = await session.exec(
        select(Evidence).where(
            Evidence.registration_id == registration_id,
            Evidence.status == EvidenceStatus.ACCEPTED,
        )
    )
    rank = {c.id: i for i, (c, _) in enumerate(criteria)}
    ordered = sorted(
        rows.all(),
        key=lambda e: (rank.get(e.criterion_id, 99), e.kind == EvidenceKind.NOTE, e.id),
    )
    return ordered[:best]
