"""Entries: who may register what, the one-per-model rule and the cap, and who sees them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from storage import audit
from storage.errors import AlreadyExists, InvalidInput, NotFound, PermissionDenied
from storage.models import (
    UNIT_REGISTRANT_ROLES,
    Campaign,
    CampaignModel,
    EntryStatus,
    OrgUnit,
    Person,
    Registration,
    RegistrationCriterion,
    RoleGrant,
    SubjectType,
)
from storage.services import campaigns, org
from storage.services.rows import add_unique

INACTIVE_STATUSES = (EntryStatus.WITHDRAWN,)
# Evidence and self scores may be added while an entry is alive and not yet under review.
WORKING_STATUSES = (
    EntryStatus.SUBMITTED,
    EntryStatus.RETURNED,
    EntryStatus.APPROVED,
    EntryStatus.IMPLEMENTING,
    EntryStatus.SELF_SCORED,
)


class Purpose(StrEnum):
    VIEW = "view"
    EVIDENCE = "evidence"
    SELF_SCORE = "self_score"


@dataclass(frozen=True)
class Subject:
    """Who an entry is for: one person, or one unit."""

    type: SubjectType
    unit_id: int
    person_id: int | None = None

    @property
    def key(self) -> str:
        if self.type is SubjectType.INDIVIDUAL:
            return f"p:{self.person_id}"
        return f"u:{self.unit_id}"


def individual_subject(person: Person) -> Subject:
    return Subject(SubjectType.INDIVIDUAL, unit_id=person.unit_id, person_id=person.id)


async def units_person_may_register(session: AsyncSession, person: Person) -> list[OrgUnit]:
    """Units for which the person is manager, union or party committee member."""
    return await org.scope_units(session, person, UNIT_REGISTRANT_ROLES)


async def acts_for_unit(session: AsyncSession, person: Person, unit_id: int) -> bool:
    """True when the person holds a registrant role on exactly this unit."""
    rows = await session.exec(
        select(RoleGrant.id).where(
            RoleGrant.person_id == person.id,
            RoleGrant.scope_unit_id == unit_id,
            RoleGrant.role.in_([str(r) for r in UNIT_REGISTRANT_ROLES]),
        )
    )
    return rows.first() is not None


async def collective_subject(session: AsyncSession, actor: Person, unit_id: int) -> Subject:
    """The unit as a subject, if `actor` may register it."""
    if not await acts_for_unit(session, actor, unit_id):
        raise PermissionDenied("not_unit_registrant")
    return Subject(SubjectType.COLLECTIVE, unit_id=unit_id)


async def entries_of_subject(
    session: AsyncSession, campaign_id: int, subject_key: str
) -> list[tuple[Registration, CampaignModel]]:
    rows = await session.exec(
        select(Registration, CampaignModel)
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .where(Registration.campaign_id == campaign_id, Registration.subject_key == subject_key)
        .order_by(CampaignModel.position)
    )
    return list(rows.all())


async def check_can_register(
    session: AsyncSession,
    *,
    actor: Person,
    campaign: Campaign,
    model: CampaignModel,
    subject: Subject,
    now: datetime,
) -> None:
    """Refuse with the reason: window, permission, same model again, or the cap."""
    campaigns.require_window(campaign, now, "registration")
    if subject.type is SubjectType.INDIVIDUAL and subject.person_id != actor.id:
        raise PermissionDenied("not_own_entry")
    if subject.type is SubjectType.COLLECTIVE:
        await collective_subject(session, actor, subject.unit_id)
    if subject.type not in model.subject_types.split(","):
        raise InvalidInput("subject_type_not_allowed")
    entries = [
        (reg, m)
        for reg, m in await entries_of_subject(session, campaign.id or 0, subject.key)
        if reg.status not in INACTIVE_STATUSES
    ]
    for reg, m in entries:
        if m.id == model.id:
            raise AlreadyExists("same_model", model=m.code, status=reg.status)
    if len(entries) >= campaign.max_entries_per_subject:
        raise AlreadyExists(
            "cap_reached", cap=campaign.max_entries_per_subject, models=[m.code for _, m in entries]
        )


async def create_registration(
    session: AsyncSession,
    *,
    actor: Person,
    campaign: Campaign,
    model: CampaignModel,
    subject: Subject,
    criterion_codes: list[str],
    now: datetime,
) -> Registration:
    """Submit an entry with its chosen specific criteria; it then waits for approval."""
    await check_can_register(
        session, actor=actor, campaign=campaign, model=model, subject=subject, now=now
    )
    criteria = await campaigns.specific_criteria(session, model.id or 0)
    by_code = {c.code: c for c in criteria}
    unknown = [code for code in criterion_codes if code not in by_code]
    if unknown or not criterion_codes:
        raise InvalidInput("no_criteria" if not criterion_codes else "unknown_criteria")
    if campaign.require_all_criteria and set(criterion_codes) != set(by_code):
        raise InvalidInput("all_criteria_required")
    registration = Registration(
        campaign_id=campaign.id or 0,
        model_id=model.id or 0,
        subject_type=subject.type,
        subject_key=subject.key,
        person_id=subject.person_id,
        unit_id=subject.unit_id,
        registered_by_id=actor.id or 0,
        status=EntryStatus.SUBMITTED,
        general_ack_at=now,
        submitted_at=now,
        created_at=now,
    )
    refusal = AlreadyExists("same_model", model=model.code, status="submitted")
    await add_unique(session, registration, refusal)
    for code in sorted(set(criterion_codes), key=list(by_code).index):
        session.add(
            RegistrationCriterion(
                registration_id=registration.id or 0, criterion_id=by_code[code].id or 0
            )
        )
    await audit.log(
        session,
        "registration.submit",
        registration,
        actor,
        details={
            "campaign": campaign.code,
            "model": model.code,
            "subject": subject.key,
            "criteria": sorted(set(criterion_codes)),
        },
    )
    return registration


async def _visible(session: AsyncSession, person: Person) -> SelectOfScalar[Registration]:
    """Entries the person may see: their own, and those of the units they belong to or
    registered (one rule for listing and for opening one)."""
    unit = await org.get_unit(session, person.unit_id)
    ancestors = [int(part) for part in unit.path.strip("/").split("/")] if unit else []
    return select(Registration).where(
        Registration.status.not_in([str(s) for s in INACTIVE_STATUSES]),
        or_(
            Registration.subject_key == f"p:{person.id}",
            Registration.registered_by_id == person.id,
            (Registration.subject_type == SubjectType.COLLECTIVE)
            & Registration.unit_id.in_(ancestors),
        ),
    )


async def visible_registrations(
    session: AsyncSession, person: Person, *, campaign_id: int | None = None
) -> list[Registration]:
    """The person's own entries, and those of the units they belong to or registered."""
    query = await _visible(session, person)
    if campaign_id is not None:
        query = query.where(Registration.campaign_id == campaign_id)
    return list((await session.exec(query.order_by(Registration.id))).all())


async def get_registration(
    session: AsyncSession, actor: Person, registration_id: int, purpose: Purpose
) -> Registration:
    """The entry, if `actor` may use it for `purpose`; otherwise a refusal."""
    registration = await session.get(Registration, registration_id)
    if registration is None:
        raise NotFound("registration")
    query = await _visible(session, actor)
    if (await session.exec(query.where(Registration.id == registration_id))).first() is None:
        raise PermissionDenied("not_your_entry")
    if purpose is Purpose.SELF_SCORE and not await may_self_score(session, actor, registration):
        raise PermissionDenied("not_your_entry")
    if purpose is Purpose.EVIDENCE and not await may_file_evidence(session, actor, registration):
        raise PermissionDenied("not_your_entry")
    return registration


async def working_entry(
    session: AsyncSession,
    actor: Person,
    registration_id: int,
    purpose: Purpose,
    window: str,
    now: datetime,
) -> tuple[Registration, Campaign]:
    """The entry for `purpose` (see `get_registration`) and its campaign, while the entry
    is still worked on and the campaign's `window` is open."""
    registration = await get_registration(session, actor, registration_id, purpose)
    if registration.status not in WORKING_STATUSES:
        raise PermissionDenied("entry_locked", status=registration.status)
    campaign = await session.get(Campaign, registration.campaign_id)
    assert campaign is not None
    campaigns.require_window(campaign, now, window)
    return registration, campaign


async def may_file_evidence(
    session: AsyncSession, actor: Person, reg: Registration, *, minutes: bool = False
) -> bool:
    """The entry's registrants file its evidence: the person of an individual entry, whoever
    registered it, and those who act for a collective's unit. Members of the collective's
    own unit add evidence for its criteria too (the work is theirs), but not its minutes,
    the record that the collective agreed; members of the units below file nothing."""
    if reg.registered_by_id == actor.id or await may_self_score(session, actor, reg):
        return True
    return (
        not minutes and reg.subject_type == SubjectType.COLLECTIVE and actor.unit_id == reg.unit_id
    )


async def may_self_score(session: AsyncSession, actor: Person, reg: Registration) -> bool:
    """The person scores their own entry; a unit's registrants score the unit's entry."""
    if reg.subject_type == SubjectType.INDIVIDUAL:
        return reg.person_id == actor.id
    return await acts_for_unit(session, actor, reg.unit_id)


async def chosen_criteria(
    session: AsyncSession, registration_id: int
) -> list[RegistrationCriterion]:
    rows = await session.exec(
        select(RegistrationCriterion)
        .where(RegistrationCriterion.registration_id == registration_id)
        .order_by(RegistrationCriterion.id)
    )
    return list(rows.all())
