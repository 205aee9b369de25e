"""What the results workbook holds, gathered in a few queries, and who may export it.
The workbook itself is drawn in handlers (`handlers/exports.py`); nothing here knows
about spreadsheets. Never a phone number, an employee code, a commenter's name or a
ballot: rounds give totals only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import PermissionDenied
from storage.models import (
    Campaign,
    CampaignModel,
    CouncilVote,
    Criterion,
    EntryComment,
    EntryResult,
    OrgUnit,
    Person,
    Registration,
    ReviewAssignment,
    Role,
)
from storage.services import scope
from storage.services.finals import campaign_scores, self_totals

# entry -> reviewer -> criterion -> newest submitted score
ScoreTable = dict[int, dict[int, dict[int, float]]]


@dataclass(frozen=True)
class Entry:
    registration: Registration
    model: CampaignModel
    unit: OrgUnit
    name: str
    result: EntryResult | None


@dataclass(frozen=True)
class ExportData:
    """Everything the workbook shows, limited to the units asked for."""

    campaign: Campaign
    entries: list[Entry]
    criteria: list[Criterion]
    self_totals: dict[int, float]
    scores: ScoreTable
    reviewer_names: dict[int, str]
    votes: list[CouncilVote]
    unit_names: dict[int, str]
    comments: list[EntryComment]

    @property
    def by_id(self) -> dict[int, Entry]:
        return {e.registration.id or 0: e for e in self.entries}


async def _entries(
    session: AsyncSession, campaign: Campaign, paths: Sequence[str] | None
) -> list[Entry]:
    rows = await session.exec(
        select(Registration, CampaignModel, OrgUnit, Person.full_name, EntryResult)
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .outerjoin(Person, Person.id == Registration.person_id)
        .outerjoin(EntryResult, EntryResult.registration_id == Registration.id)
        .where(Registration.campaign_id == campaign.id)
        .order_by(CampaignModel.position, OrgUnit.path, Registration.id)
    )
    return [
        Entry(reg, model, unit, name or unit.name, result)
        for reg, model, unit, name, result in rows.all()
        if paths is None or scope.within_any(unit.path, paths)
    ]


async def _score_table(
    session: AsyncSession, campaign: Campaign
) -> tuple[ScoreTable, dict[int, str]]:
    """entry -> reviewer -> criterion -> newest submitted score; reviewer names."""
    latest = await campaign_scores(session, campaign.id or 0)
    assignments = (
        await session.exec(
            select(
                ReviewAssignment.id, ReviewAssignment.registration_id, ReviewAssignment.reviewer_id
            )
            .join(Registration, Registration.id == ReviewAssignment.registration_id)
            .where(Registration.campaign_id == campaign.id)
        )
    ).all()
    owners = {a_id: (entry_id, reviewer_id) for a_id, entry_id, reviewer_id in assignments}
    reviewers = {reviewer_id for _, reviewer_id in owners.values()}
    names = dict(
        (
            await session.exec(select(Person.id, Person.full_name).where(Person.id.in_(reviewers)))
        ).all()
    )
    table: ScoreTable = defaultdict(lambda: defaultdict(dict))
    for (assignment_id, criterion_id), score in latest.items():
        entry_id, reviewer_id = owners[assignment_id]
        table[entry_id][reviewer_id][criterion_id] = score
    return table, names


async def export_data(
    session: AsyncSession, campaign: Campaign, *, unit_paths: Sequence[str] | None = None
) -> ExportData:
    """The workbook's content; `unit_paths` limits the entries to those subtrees."""
    criteria = await session.exec(
        select(Criterion).where(Criterion.campaign_id == campaign.id).order_by(Criterion.position)
    )
    votes = await session.exec(
        select(CouncilVote).order_by(CouncilVote.registration_id, CouncilVote.round)
    )
    table, names = await _score_table(session, campaign)
    return ExportData(
        campaign=campaign,
        entries=await _entries(session, campaign, unit_paths),
        criteria=list(criteria.all()),
        self_totals=await self_totals(session, campaign.id or 0),
        scores=table,
        reviewer_names=names,
        votes=list(votes.all()),
        unit_names=dict((await session.exec(select(OrgUnit.id, OrgUnit.name))).all()),
        comments=list((await session.exec(select(EntryComment).order_by(EntryComment.id))).all()),
    )


async def export_scope(session: AsyncSession, actor: Person, campaign: Campaign) -> list[str]:
    """The unit paths a committee member or an admin may export, the export audited;
    nobody else may export."""
    paths = await scope.scope_filter(session, actor, [Role.PARTY_COMMITTEE, Role.ADMIN])
    if not paths or not actor.active:
        raise PermissionDenied("not_committee")
    await audit.log(session, "results.export", campaign, actor)
    return list(paths)
