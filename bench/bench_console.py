"""Console benchmark: the reviewer's evidence queue with many entries, rendered by the
real app (routing, session, one query per page, Jinja2) through httpx, on SQLite in a
temporary file, or with `--database-url` on a fresh database of that PostgreSQL server.

Builds the demo organisation and campaign, writes synthetic entries straight into the
tables (default 3,000 entries in Hà Nội's post offices, one piece of evidence waiting on
each), signs a provincial reviewer in, and times GET /console/review/ (first page, a
middle page, a filtered page).

    .venv/bin/python bench/bench_console.py [--entries 3000] [--requests 60]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import insert
from sqlmodel import select
from starlette.applications import Starlette
from starlette.routing import Mount

from bench.bench_foundation import percentile
from bench.console_support import analyze, database, signed_in
from bot.demo import load_demo
from bot.web.app import console_app
from bot.web.context import COOKIE, WebConfig
from storage import migrate
from storage.db import create_engine, make_sessionmaker
from storage.models import (
    Campaign,
    CampaignModel,
    Criterion,
    Evidence,
    OrgUnit,
    Person,
    Registration,
)
from storage.services import people

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


async def build(url: str, entries: int) -> str:
    engine = create_engine(url)
    await migrate.upgrade(engine)
    maker = make_sessionmaker(engine)
    async with maker() as session, session.begin():
        await load_demo(session, NOW.date())
    async with maker() as session, session.begin():
        campaign = (await session.exec(select(Campaign))).first()
        models = (await session.exec(select(CampaignModel))).all()
        criteria = {
            m.id: [
                c.id
                for c in (
                    await session.exec(select(Criterion).where(Criterion.model_id == m.id))
                ).all()
            ]
            for m in models
        }
        units = (await session.exec(select(OrgUnit).where(OrgUnit.code.like("HNI-%-%")))).all()
        staff = (await session.exec(select(Person))).all()
        regs, evs = [], []
        for i in range(entries):
            model = models[i % len(models)]
            unit = units[i % len(units)]
            person = staff[i % len(staff)]
            regs.append(
                {
                    "id": i + 1,
                    "campaign_id": campaign.id,
                    "model_id": model.id,
                    "subject_type": "collective",
                    "subject_key": f"bench:{i}",
                    "person_id": None,
                    "unit_id": unit.id,
                    "registered_by_id": person.id,
                    "status": "approved",
                    "created_at": NOW,
                }
            )
            evs.append(
                {
                    "registration_id": i + 1,
                    "criterion_id": criteria[model.id][0],
                    "purpose": "criterion",
                    "sender_id": person.id,
                    "kind": "note",
                    "note": f"Ghi chú {i}",
                    "status": "pending",
                    "created_at": NOW,
                }
            )
        await session.execute(insert(Registration), regs)
        await session.execute(insert(Evidence), evs)
        hanh = await people.find_by_code(session, "HNI0003")
        secret = await signed_in(session, hanh, NOW)
    await analyze(engine)
    await engine.dispose()
    return secret


async def run(entries: int, requests: int, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with database(database_url, Path(tmp)) as url:
            await measure(url, entries, requests, Path(tmp))


async def measure(url: str, entries: int, requests: int, folder: Path) -> None:
    secret = await build(url, entries)
    engine = create_engine(url)
    app = Starlette(
        routes=[
            Mount(
                "/console",
                console_app(make_sessionmaker(engine), WebConfig(files_dir=folder), lambda: NOW),
            )
        ]
    )
    print(f"{engine.dialect.name}, {entries} entries, {requests} requests a page", flush=True)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://bench", cookies={COOKIE: secret}
    ) as c:
        for label, path in (
            ("first page", "/console/review/"),
            ("page 30", "/console/review/?page=30"),
            ("filtered", "/console/review/?model=2&status=all"),
        ):
            timings = []
            for _ in range(requests):
                start = time.perf_counter()
                answer = await c.get(path)
                timings.append((time.perf_counter() - start) * 1000)
                assert answer.status_code == 200 and 'class="item"' in answer.text
            print(
                f"{label:>10}: median {statistics.median(timings):6.1f} ms, "
                f"p95 {percentile(timings, 0.95):6.1f} ms",
                flush=True,
            )
    await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument(
        "--database-url",
        default=None,
        help="a PostgreSQL server (the run makes and drops a database there)",
    )
    args = parser.parse_args()
    asyncio.run(run(args.entries, args.requests, args.database_url))
