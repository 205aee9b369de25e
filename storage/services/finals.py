"""Final scores: the reviewers' mean, the band from the campaign, the gates, and whether
a gap calls another reviewer. Totals are always computed here, never typed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.models import (
    Campaign,
    Criterion,
    CriterionKind,
    EntryResult,
    EntryStatus,
    Registration,
    RegistrationCriterion,
    ReviewAssignment,
    ReviewScore,
)
from storage.services.assignments import is_pending
from storage.services.campaign_rules import Rules, rules_of


@dataclass
class Sheet:
    """One reviewer's submitted scores: specific criteria, and gates passed or failed."""

    scores: dict[int, float] = field(default_factory=dict)
    gates: dict[int, bool] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.scores.values())


@dataclass(frozen=True)
class Outcome:
    submitted: int
    assigned: int
    final: float | None
    gap: float | None
    gates_failed: tuple[int, ...]
    needs_extra: bool
    complete: bool


def outcome(sheets: list[Sheet], assigned: int, has_extra: bool, rules: Rules) -> Outcome:
    """Combine the submitted sheets of one entry under the campaign's rules."""
    n = len(sheets)
    if n == 0:
        return Outcome(0, assigned, None, None, (), False, False)
    totals = [s.total for s in sheets]
    gap = round(max(totals) - min(totals), 2)
    gate_ids = sorted({g for s in sheets for g in s.gates})
    fails = {g: sum(1 for s in sheets if s.gates.get(g) is False) for g in gate_ids}
    failed = tuple(g for g in gate_ids if 2 * fails[g] > n)
    tied = any(2 * fails[g] == n and fails[g] for g in gate_ids)
    all_in = n == assigned and n >= rules.min_reviewers
    needs_extra = all_in and not has_extra and (gap > rules.discrepancy_points or tied)
    final = round(sum(totals) / n, 2)
    return Outcome(n, assigned, final, gap, failed, needs_extra, all_in and not needs_extra)


def latest_scores(rows: list[tuple[int, int, int, float]]) -> dict[tuple[int, int], float]:
    """(assignment, criterion) -> the newest submitted version's score."""
    best: dict[tuple[int, int], tuple[int, float]] = {}
    for assignment_id, criterion_id, version, score in rows:
        key = (assignment_id, criterion_id)
        if version >= 1 and (key not in best or version > best[key][0]):
            best[key] = (version, score)
    return {key: score for key, (_, score) in best.items()}


def _score_versions():  # type: ignore[no-untyped-def]
    """Every version of every score: (assignment, criterion, version, score) rows."""
    return select(
        ReviewScore.assignment_id, ReviewScore.criterion_id, ReviewScore.version, ReviewScore.score
    )


async def submitted_sheets(
    session: AsyncSession, assignments: list[ReviewAssignment]
) -> dict[int, Sheet]:
    """Sheets of the submitted (not reopened) assignments, by assignment id."""
    done = [a.id or 0 for a in assignments if not is_pending(a)]
    if not done:
        return {}
    rows = await session.exec(_score_versions().where(ReviewScore.assignment_id.in_(done)))
    return await _to_sheets(session, latest_scores(list(rows.all())), done)


async def _to_sheets(
    session: AsyncSession, latest: dict[tuple[int, int], float], ids: list[int]
) -> dict[int, Sheet]:
    general = set(
        (
            await session.exec(select(Criterion.id).where(Criterion.kind == CriterionKind.GENERAL))
        ).all()
    )
    sheets = {i: Sheet() for i in ids}
    for (assignment_id, criterion_id), score in latest.items():
        sheet = sheets[assignment_id]
        if criterion_id in general:
            sheet.gates[criterion_id] = score >= 1
        else:
            sheet.scores[criterion_id] = score
    return sheets


async def self_total(session: AsyncSession, registration_id: int) -> float | None:
    rows = await session.exec(
        select(func.sum(RegistrationCriterion.self_score)).where(
            RegistrationCriterion.registration_id == registration_id
        )
    )
    return rows.one()


async def compute_entry(session: AsyncSession, entry: Registration, now: datetime) -> Outcome:
    """Recompute one entry's result; once every reviewer is in, it leaves review."""
    campaign = await session.get(Campaign, entry.campaign_id)
    assert campaign is not None
    rules = rules_of(campaign)
    assignments = list(
        (
            await session.exec(
                select(ReviewAssignment).where(ReviewAssignment.registration_id == entry.id)
            )
        ).all()
    )
    sheets = list((await submitted_sheets(session, assignments)).values())
    result = outcome(sheets, len(assignments), any(a.extra for a in assignments), rules)
    row = await session.get(EntryResult, entry.id) or EntryResult(
        registration_id=entry.id or 0, campaign_id=entry.campaign_id
    )
    _fill(row, result, rules, await self_total(session, entry.id or 0), now)
    session.add(row)
    if result.complete and entry.status == EntryStatus.UNDER_REVIEW:
        entry.status = EntryStatus.DISQUALIFIED if result.gates_failed else EntryStatus.REVIEWED
        entry.updated_at = now
        await audit.log(
            session,
            "review.result",
            entry,
            details={"final": result.final, "band": row.band, "gates_failed": row.gates_failed},
        )
    return result


def _fields(
    result: Outcome, rules: Rules, self_score: float | None, now: datetime
) -> dict[str, object]:
    band = rules.band_for(result.final) if result.final is not None else None
    return {
        "reviewers": result.submitted,
        "final_score": result.final,
        "band": band.code if band else None,
        "gates_failed": ",".join(str(g) for g in result.gates_failed),
        "reviewer_gap": result.gap,
        "self_total": self_score,
        "needs_extra": result.needs_extra,
        "computed_at": now,
    }


def _fill(
    row: EntryResult, result: Outcome, rules: Rules, self_score: float | None, now: datetime
) -> None:
    for name, value in _fields(result, rules, self_score, now).items():
        setattr(row, name, value)


async def compute_all(session: AsyncSession, campaign: Campaign, now: datetime) -> dict[str, int]:
    """Recompute every entry under review in the campaign in a few set-based queries."""
    rules = rules_of(campaign)
    entries = dict(
        (
            await session.exec(
                select(Registration.id, Registration.status).where(
                    Registration.campaign_id == campaign.id,
                    Registration.status == EntryStatus.UNDER_REVIEW,
                )
            )
        ).all()
    )
    if not entries:
        return {"computed": 0, "reviewed": 0, "disqualified": 0}
    by_entry: dict[int, list[ReviewAssignment]] = defaultdict(list)
    for assignment in (
        await session.exec(
            select(ReviewAssignment)
            .join(Registration, Registration.id == ReviewAssignment.registration_id)
            .where(
                Registration.campaign_id == campaign.id,
                Registration.status == EntryStatus.UNDER_REVIEW,
            )
        )
    ).all():
        by_entry[assignment.registration_id].append(assignment)
    done = [a.id or 0 for group in by_entry.values() for a in group if not is_pending(a)]
    latest = await campaign_scores(session, campaign.id or 0, under_review=True)
    sheets = await _to_sheets(session, latest, done)
    selves = await self_totals(session, campaign.id or 0)
    return await _write_all(session, campaign, rules, entries, by_entry, sheets, selves, now)


async def campaign_scores(
    session: AsyncSession, campaign_id: int, *, under_review: bool = False
) -> dict[tuple[int, int], float]:
    """(assignment, criterion) -> newest submitted score, over a campaign's entries (only
    those under review when asked): the one score query of the results and the export."""
    query = (
        _score_versions()
        .join(ReviewAssignment, ReviewAssignment.id == ReviewScore.assignment_id)
        .join(Registration, Registration.id == ReviewAssignment.registration_id)
        .where(Registration.campaign_id == campaign_id, ReviewScore.version >= 1)
    )
    if under_review:
        query = query.where(Registration.status == EntryStatus.UNDER_REVIEW)
    return latest_scores(list((await session.exec(query)).all()))


async def self_totals(session: AsyncSession, campaign_id: int) -> dict[int, float]:
    """Each entry's self-assessed total, for the entries that have one."""
    rows = await session.exec(
        select(RegistrationCriterion.registration_id, func.sum(RegistrationCriterion.self_score))
        .join(Registration, Registration.id == RegistrationCriterion.registration_id)
        .where(Registration.campaign_id == campaign_id)
        .group_by(RegistrationCriterion.registration_id)
    )
    return {reg: total for reg, total in rows.all() if total is not None}


async def _write_all(
    session: AsyncSession,
    campaign: Campaign,
    rules: Rules,
    entries: dict[int, str],
    by_entry: dict[int, list[ReviewAssignment]],
    sheets: dict[int, Sheet],
    selves: dict[int, float],
    now: datetime,
) -> dict[str, int]:
    values, moved = [], {EntryStatus.REVIEWED: [], EntryStatus.DISQUALIFIED: []}
    for registration_id in entries:
        group = by_entry.get(registration_id, [])
        own = [sheets[a.id or 0] for a in group if (a.id or 0) in sheets]
        result = outcome(own, len(group), any(a.extra for a in group), rules)
        fields = _fields(result, rules, selves.get(registration_id), now)
        values.append({"registration_id": registration_id, "campaign_id": campaign.id, **fields})
        if result.complete:
            status = EntryStatus.DISQUALIFIED if result.gates_failed else EntryStatus.REVIEWED
            moved[status].append(registration_id)
    await _upsert_results(session, values)
    for status, ids in moved.items():
        for start in range(0, len(ids), 500):
            await session.exec(
                update(Registration)
                .where(Registration.id.in_(ids[start : start + 500]))
                .values(status=status, updated_at=now)
            )
    counts = {"computed": len(values), **{str(s): len(i) for s, i in moved.items()}}
    await audit.log(session, "review.results", campaign, details=counts)
    return counts


RESULT_FIELDS = (
    "reviewers",
    "final_score",
    "band",
    "gates_failed",
    "reviewer_gap",
    "self_total",
    "needs_extra",
    "computed_at",
)


async def _upsert_results(session: AsyncSession, values: list[dict[str, object]]) -> None:
    """Insert or update the computed fields, as one executemany statement."""
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = insert(EntryResult)
    statement = statement.on_conflict_do_update(
        index_elements=["registration_id"],
        set_={name: statement.excluded[name] for name in RESULT_FIELDS},
    )
    await session.exec(statement, params=values)
