"""The public exemplars page: recognised entries of published, standing results, with the
evidence their committee marked as showcase. What leaves here is what the movement
publicises: the subject's name, unit, model, score band and the marked evidence; nothing
of anyone who has not consented to the bot's personal-data notice (Law 91/2025) or has
withdrawn it (their accounts are unlinked then), nothing unpublished or revoked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists
from sqlalchemy.orm import aliased
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, NotFound, PermissionDenied
from storage.models import (
    Campaign,
    CampaignModel,
    ChatAccount,
    Criterion,
    EntryResult,
    EntryStatus,
    Evidence,
    EvidenceKind,
    EvidencePurpose,
    EvidenceStatus,
    OrgUnit,
    Person,
    Registration,
    Role,
    SubjectType,
)
from storage.services import scope
from storage.services.campaign_rules import rules_of
from storage.services.standings import PublicEntry

SHOWABLE = (EvidenceKind.PHOTO, EvidenceKind.NOTE)


def consenting(person_id):  # type: ignore[no-untyped-def]
    """SQL: the person is active and has a linked account that accepted the notice (a
    withdrawal unlinks every account, so it fails this too)."""
    account, person = aliased(ChatAccount), aliased(Person)
    return exists().where(
        account.person_id == person_id,
        account.consent_at.is_not(None),
        person.id == person_id,
        person.active.is_(True),
    )


def _standing():  # type: ignore[no-untyped-def]
    """SQL: a recognition that is published, decided and not revoked."""
    return and_(
        Registration.status == EntryStatus.RECOGNIZED,
        EntryResult.published_at.is_not(None),
        EntryResult.decision_number.is_not(None),
        EntryResult.revoked_at.is_(None),
    )


def _subject_may_show():  # type: ignore[no-untyped-def]
    return (Registration.subject_type == SubjectType.COLLECTIVE) | consenting(
        Registration.person_id
    )


def _evidence_may_show():  # type: ignore[no-untyped-def]
    return and_(
        Evidence.showcase.is_(True),
        Evidence.status == EvidenceStatus.ACCEPTED,
        Evidence.purpose == EvidencePurpose.CRITERION,
        Evidence.kind.in_(SHOWABLE),
        consenting(Evidence.sender_id),
    )


@dataclass(frozen=True)
class Exemplar(PublicEntry):
    """A recognised entry as the public sees it."""

    band: str
    decision_number: str
    decision_date: date | None
    evidence: list[Evidence]
    criteria: dict[int, str]  # criterion id → "M1.01 – title", for the evidence captions


async def exemplars(session: AsyncSession, campaign: Campaign) -> list[Exemplar]:
    """The campaign's standing recognitions whose subject may be shown, by model then name."""
    rows = await session.exec(
        select(Registration, EntryResult, CampaignModel, OrgUnit, Person.full_name)
        .join(EntryResult, EntryResult.registration_id == Registration.id)
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .outerjoin(Person, Person.id == Registration.person_id)
        .where(Registration.campaign_id == campaign.id, _standing(), _subject_may_show())
    )
    found = rows.all()
    ids = [entry.id for entry, *_ in found]
    shown: dict[int, list[Evidence]] = {}
    if ids:
        items = await session.exec(
            select(Evidence)
            .where(Evidence.registration_id.in_(ids), _evidence_may_show())
            .order_by(Evidence.criterion_id, Evidence.id)
        )
        for item in items.all():
            shown.setdefault(item.registration_id, []).append(item)
    wanted = {e.criterion_id for items in shown.values() for e in items if e.criterion_id}
    criteria = {}
    if wanted:
        for c in (await session.exec(select(Criterion).where(Criterion.id.in_(wanted)))).all():
            criteria[c.id or 0] = f"{c.code} – {c.title}" if c.code else c.title
    rules = rules_of(campaign)
    out = []
    for entry, result, model, unit, name in found:
        band = rules.band(result.band)
        items = shown.get(entry.id or 0, [])
        out.append(
            Exemplar(
                entry.id or 0,
                model.code,
                model.short_title,
                entry.subject_type,
                name if entry.subject_type == SubjectType.INDIVIDUAL and name else unit.name,
                unit.name,
                band.label if band else "",
                result.decision_number or "",
                result.decision_date,
                items,
                {e.criterion_id: criteria.get(e.criterion_id, "") for e in items if e.criterion_id},
            )
        )
    return sorted(out, key=lambda x: (x.model_code, x.unit_name, x.subject_name))


async def public_photo(session: AsyncSession, evidence_id: int) -> Evidence | None:
    """A showcase photo the public page may serve, or None (the route answers 404)."""
    row = await session.exec(
        select(Evidence)
        .join(Registration, Registration.id == Evidence.registration_id)
        .join(EntryResult, EntryResult.registration_id == Registration.id)
        .where(
            Evidence.id == evidence_id,
            Evidence.kind == EvidenceKind.PHOTO,
            Evidence.file_path.is_not(None),
            _evidence_may_show(),
            _standing(),
            _subject_may_show(),
        )
    )
    return row.first()


async def set_showcase(
    session: AsyncSession, *, actor: Person, evidence_id: int, on: bool
) -> Evidence:
    """Mark (or unmark) accepted evidence of a recognised entry as showcase: the party
    committee over the entry's unit only, recorded in the audit log."""
    item = await session.get(Evidence, evidence_id)
    entry = await session.get(Registration, item.registration_id) if item else None
    if item is None or entry is None:
        raise NotFound("evidence")
    await scope.require_role_over(session, actor, [Role.PARTY_COMMITTEE], entry.unit_id)
    if entry.status != EntryStatus.RECOGNIZED:
        raise PermissionDenied("entry_locked", status=entry.status)
    if on and (
        item.status != EvidenceStatus.ACCEPTED
        or item.purpose != EvidencePurpose.CRITERION
        or item.kind not in SHOWABLE
    ):
        raise InvalidInput("showcase_not_allowed")
    if item.showcase == on:
        return item
    item.showcase = on
    await audit.log(
        session,
        "evidence.showcase" if on else "evidence.showcase_off",
        item,
        actor,
        details={"registration_id": entry.id},
    )
    return item


async def candidates(session: AsyncSession, registration_id: int) -> list[Evidence]:
    """Evidence of an entry the committee may mark, photos first."""
    rows = await session.exec(
        select(Evidence)
        .where(
            Evidence.registration_id == registration_id,
            Evidence.status == EvidenceStatus.ACCEPTED,
            Evidence.purpose == EvidencePurpose.CRITERION,
            Evidence.kind.in_(SHOWABLE),
        )
        .order_by(Evidence.kind.desc(), Evidence.criterion_id, Evidence.id)
    )
    return list(rows.all())
