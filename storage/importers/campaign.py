"""`load-campaign`: create or update a campaign, its models and criteria from YAML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.importers.campaign_file import CampaignSpec, CriterionSpec, parse_campaign_file
from storage.importers.common import ImportFailed, ImportResult, RowError
from storage.models import (
    Campaign,
    CampaignModel,
    Criterion,
    CriterionKind,
    Registration,
    RegistrationCriterion,
)


async def load_campaign(
    session: AsyncSession, path: Path, *, actor_label: str = "cli", actor_id: int | None = None
) -> ImportResult:
    """Check the file, then write it; an existing campaign with the same code is updated."""
    spec = parse_campaign_file(path)
    return await save_campaign(session, spec, actor_label=actor_label, actor_id=actor_id)


def _campaign_values(spec: CampaignSpec) -> dict[str, object]:
    d = spec.dates
    return {
        "name": spec.name,
        "year": spec.year,
        "status": spec.status,
        "timezone": spec.timezone,
        "registration_opens": d["registration.opens"],
        "registration_closes": d["registration.closes"],
        "evidence_deadline": d["evidence_deadline"],
        "self_scoring_opens": d["self_scoring.opens"],
        "self_scoring_closes": d["self_scoring.closes"],
        "max_entries_per_subject": spec.max_entries_per_subject,
        "require_all_criteria": spec.require_all_criteria,
        "scale_max": spec.scale_max,
        "score_step": spec.score_step,
        "config": spec.config,
        "is_demo": spec.is_demo,
    }


def _criterion_values(spec: CriterionSpec, kind: CriterionKind, position: int) -> dict[str, object]:
    return {
        "kind": kind,
        "title": spec.title,
        "individual_reading": spec.individual_reading,
        "evidence_hint": spec.evidence_hint,
        "evidence_types": spec.evidence_types,
        "max_points": spec.max_points,
        "method": spec.method,
        "guide": spec.guide,
        "mandatory": spec.mandatory,
        "applies_to": spec.applies_to,
        "position": position,
    }


async def save_campaign(
    session: AsyncSession,
    spec: CampaignSpec,
    *,
    actor_label: str = "cli",
    actor_id: int | None = None,
) -> ImportResult:
    existing = (await session.exec(select(Campaign).where(Campaign.code == spec.code))).first()
    campaign = existing or Campaign(code=spec.code, **_campaign_values(spec))
    if existing is not None:
        for key, value in _campaign_values(spec).items():
            setattr(existing, key, value)
    session.add(campaign)
    await session.flush()
    models = {
        m.code: m
        for m in (
            await session.exec(
                select(CampaignModel).where(CampaignModel.campaign_id == campaign.id)
            )
        ).all()
    }
    criteria = {
        c.code: c
        for c in (
            await session.exec(select(Criterion).where(Criterion.campaign_id == campaign.id))
        ).all()
    }
    dropped = _dropped(spec, models, criteria)
    await _refuse_removing_used(session, dropped)
    for position, model_spec in enumerate(spec.models):
        model = models.get(model_spec.code) or CampaignModel(
            campaign_id=campaign.id or 0, code=model_spec.code, short_title="", title=""
        )
        model.short_title, model.title = model_spec.short_title, model_spec.title
        model.subject_types, model.position = model_spec.subject_types, position
        session.add(model)
        await session.flush()
        for index, crit in enumerate(model_spec.criteria):
            _upsert_criterion(
                session, criteria, campaign.id or 0, model.id, crit, CriterionKind.SPECIFIC, index
            )
    for index, crit in enumerate(spec.general):
        _upsert_criterion(
            session, criteria, campaign.id or 0, None, crit, CriterionKind.GENERAL, index
        )
    await _delete_dropped(session, dropped)
    await audit.log(
        session,
        "campaign.load",
        campaign,
        actor_id,
        label=actor_label,
        details={"code": spec.code, "demo": spec.is_demo},
    )
    return ImportResult(int(existing is None), int(existing is not None), 0)


def _upsert_criterion(
    session: AsyncSession,
    criteria: dict[str, Criterion],
    campaign_id: int,
    model_id: int | None,
    spec: CriterionSpec,
    kind: CriterionKind,
    position: int,
) -> None:
    criterion = criteria.get(spec.code) or Criterion(
        campaign_id=campaign_id, code=spec.code, kind=kind, title=""
    )
    for key, value in _criterion_values(spec, kind, position).items():
        setattr(criterion, key, value)
    criterion.model_id = model_id
    session.add(criterion)


@dataclass(frozen=True)
class _Dropped:
    """The campaign's models and criteria (by code) that the file no longer has."""

    models: dict[str, CampaignModel]
    criteria: dict[str, Criterion]


def _dropped(
    spec: CampaignSpec, models: dict[str, CampaignModel], criteria: dict[str, Criterion]
) -> _Dropped:
    kept_models = {m.code for m in spec.models}
    kept = {c.code for m in spec.models for c in m.criteria} | {c.code for c in spec.general}
    return _Dropped(
        {code: m for code, m in models.items() if code not in kept_models},
        {code: c for code, c in criteria.items() if code not in kept},
    )


async def _refuse_removing_used(session: AsyncSession, dropped: _Dropped) -> None:
    """A model or criterion that entries already use may not disappear from the file."""
    checks: list[tuple[str, dict[str, Any], Any]] = [
        ("model_in_use", dropped.models, Registration.model_id),
        ("criterion_in_use", dropped.criteria, RegistrationCriterion.criterion_id),
    ]
    errors = []
    for error_code, rows, used_by in checks:
        if rows and await _any_uses(session, used_by, [row.id for row in rows.values()]):
            errors.append(RowError(1, error_code, {"codes": ", ".join(rows)}))
    if errors:
        raise ImportFailed(errors)


async def _any_uses(session: AsyncSession, reference: Any, ids: list[int]) -> bool:
    """Whether any row's `reference` column points at one of `ids`."""
    return (
        await session.exec(select(reference).where(col(reference).in_(ids)))
    ).first() is not None


async def _delete_dropped(session: AsyncSession, dropped: _Dropped) -> None:
    for criterion in dropped.criteria.values():
        await session.delete(criterion)
    await session.flush()
    for model in dropped.models.values():
        await session.delete(model)
