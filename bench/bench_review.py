"""Review benchmark: scoring (computing finals), vote totals, the leaderboard and the
export for many entries on SQLite.

Builds the demo organisation and campaign, then writes synthetic entries straight into
the tables (default 3,000 entries, 8 criteria, 2 submitted reviewers each, a council
round of 9 members on every entry), and times the real services:
`finals.compute_all`, closing every round (`council_count.close_all`), `standings.leaderboard`
(after the final decision) and `exports.results_workbook`.

    .venv/bin/python bench/bench_review.py [--entries 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, update
from sqlmodel import select

from bot.demo import load_demo
from handlers.council import exports
from storage import migrate
from storage.db import create_engine, make_sessionmaker
from storage.models import (
    Ballot,
    Campaign,
    CampaignModel,
    CouncilVote,
    Criterion,
    CriterionKind,
    EntryResult,
    EntryStatus,
    OrgUnit,
    Person,
    Registration,
    RegistrationCriterion,
    ReviewAssignment,
    ReviewScore,
    Role,
    RoleGrant,
    VoteParticipation,
)
from storage.services import council_count, finals, standings

NOW = datetime(2026, 11, 25, 3, tzinfo=UTC)
MEMBERS = 9


async def seed(sessionmaker, entries: int) -> Campaign:  # type: ignore[no-untyped-def]
    """Demo data, then `entries` individual entries with 8 criteria and 2 reviewers."""
    rng = random.Random(4)
    async with sessionmaker() as session, session.begin():
        await load_demo(session, NOW.date())
    async with sessionmaker() as session, session.begin():
        campaign = (await session.exec(select(Campaign))).one()
        models = (await session.exec(select(CampaignModel))).all()
        people = (await session.exec(select(Person))).all()
        units = (await session.exec(select(OrgUnit).where(OrgUnit.depth >= 2))).all()
        criteria = {
            m.id: (
                await session.exec(
                    select(Criterion)
                    .where(Criterion.model_id == m.id, Criterion.kind == CriterionKind.SPECIFIC)
                    .order_by(Criterion.position)
                )
            ).all()[:8]
            for m in models
        }
        gates = (
            await session.exec(select(Criterion).where(Criterion.kind == CriterionKind.GENERAL))
        ).all()
        regs = [
            {
                "id": i + 1,
                "campaign_id": campaign.id,
                "model_id": models[i % len(models)].id,
                "subject_type": "collective",
                "subject_key": f"b:{i}",
                "unit_id": units[i % len(units)].id,
                "registered_by_id": people[i % len(people)].id,
                "status": EntryStatus.UNDER_REVIEW,
                "created_at": NOW,
            }
            for i in range(entries)
        ]
        await session.exec(insert(Registration), params=regs)
        chosen, assigned, scores = [], [], []
        for reg in regs:
            for c in criteria[reg["model_id"]]:
                chosen.append(
                    {
                        "registration_id": reg["id"],
                        "criterion_id": c.id,
                        "self_score": c.max_points * 0.9,
                    }
                )
            for n in range(2):
                aid = len(assigned) + 1
                assigned.append(
                    {
                        "id": aid,
                        "registration_id": reg["id"],
                        "reviewer_id": people[(reg["id"] + n * 7) % len(people)].id,
                        "assigned_by_id": people[0].id,
                        "extra": False,
                        "assigned_at": NOW,
                        "submitted_at": NOW,
                    }
                )
                share = rng.uniform(0.6, 1.0)
                for c in criteria[reg["model_id"]]:
                    scores.append(
                        {
                            "assignment_id": aid,
                            "criterion_id": c.id,
                            "version": 1,
                            "score": round(c.max_points * share * 2) / 2,
                            "created_at": NOW,
                        }
                    )
                for g in gates:
                    scores.append(
                        {
                            "assignment_id": aid,
                            "criterion_id": g.id,
                            "version": 1,
                            "score": 1.0,
                            "created_at": NOW,
                        }
                    )
        for table, rows in (
            (RegistrationCriterion, chosen),
            (ReviewAssignment, assigned),
            (ReviewScore, scores),
        ):
            for start in range(0, len(rows), 5000):
                await session.exec(insert(table), params=rows[start : start + 5000])
    return campaign


async def seed_votes(sessionmaker, campaign: Campaign) -> list[int]:  # type: ignore[no-untyped-def]
    """A council of 9 province-level members, and a round on every entry, all voting."""
    rng = random.Random(9)
    async with sessionmaker() as session, session.begin():
        people = (
            await session.exec(
                select(Person).join(OrgUnit, OrgUnit.id == Person.unit_id).where(OrgUnit.depth <= 1)
            )
        ).all()
        regs = (await session.exec(select(Registration.id))).all()
        votes, seats, ballots = [], [], []
        for i, reg in enumerate(regs, start=1):
            votes.append(
                {
                    "id": i,
                    "registration_id": reg,
                    "council_unit_id": 1,
                    "round": 1,
                    "opened_by_id": people[0].id,
                    "opened_at": NOW,
                    "members": MEMBERS,
                }
            )
            for m in range(MEMBERS):
                seats.append({"vote_id": i, "person_id": people[m % len(people)].id})
                ballots.append(
                    {
                        "vote_id": i,
                        "token_hash": f"{rng.getrandbits(256):064x}",
                        "choice": "yes" if rng.random() < 0.7 else "no",
                    }
                )
        await session.exec(insert(CouncilVote), params=votes)
        for table, rows in ((Ballot, ballots), (VoteParticipation, seats)):
            for start in range(0, len(rows), 5000):
                await session.exec(insert(table), params=rows[start : start + 5000])
        council = [
            {"person_id": p.id, "role": Role.COUNCIL_MEMBER, "scope_unit_id": 1, "source": "bench"}
            for p in people[:MEMBERS]
        ]
        await session.exec(insert(RoleGrant), params=council)
        await session.exec(update(Registration).values(status=EntryStatus.IN_COUNCIL))
    return [v["id"] for v in votes]


async def timed(label: str, runs: int, make) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await make()
        samples.append(time.perf_counter() - started)
    median = statistics.median(samples)
    print(
        f"{label}: median {median:.2f} s over {runs} runs "
        f"({', '.join(f'{s:.2f}' for s in samples)})"
    )
    return median


async def run(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="dvk-bench-review-"))
    engine = create_engine(f"sqlite+aiosqlite:///{folder / 'bench.db'}")
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    campaign = await seed(sessionmaker, args.entries)
    print(
        f"machine: {platform.machine()} python {platform.python_version()}, SQLite (WAL) {folder}"
    )
    print(f"data: {args.entries} entries x 8 criteria x 2 reviewers (+6 gates each)")

    async def scoring() -> None:  # a rolled-back transaction: every run computes everything
        async with sessionmaker() as session:
            counts = await finals.compute_all(session, campaign, NOW)
            assert counts["computed"] == args.entries, counts
            await session.rollback()

    results = {"scoring (finals for all entries)": await timed("scoring", args.runs, scoring)}
    async with sessionmaker() as session, session.begin():
        await finals.compute_all(session, campaign, NOW)
    await seed_votes(sessionmaker, campaign)
    async with sessionmaker() as session:
        committee = (
            await session.exec(select(Person).where(Person.employee_code == "TCT0002"))
        ).one()

    async def totals() -> None:  # every round counted, totals kept, ballots removed
        async with sessionmaker() as session:
            closed = await council_count.close_all(session, actor=committee, now=NOW)
            assert len(closed) == args.entries
            await session.rollback()

    results["vote totals (close every round)"] = await timed("vote totals", args.runs, totals)
    async with sessionmaker() as session, session.begin():
        await session.exec(update(Registration).values(status=EntryStatus.RECOGNIZED))
        await session.exec(update(EntryResult).values(published_at=NOW, scope_unit_id=1))

    async def leaderboard() -> None:
        async with sessionmaker() as session:
            _, by_model = await standings.leaderboard(session, campaign)
            assert sum(s.entries for s in by_model) == args.entries

    results["leaderboard"] = await timed("leaderboard", args.runs, leaderboard)

    async def export() -> None:
        async with sessionmaker() as session:
            data = await exports.results_workbook(session, campaign)
            assert len(data) > 10_000

    results["export (xlsx)"] = await timed("export", args.runs, export)
    await engine.dispose()
    worst = max(results.values())
    print(f"target: each < 2 s -> {'met' if worst < 2 else 'MISSED'} (slowest {worst:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=3_000)
    parser.add_argument("--runs", type=int, default=3)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
