"""Manager page benchmark: the corporation's dashboard (40,000 staff, 3,061 units) rendered
by the real app (routing, session, the SQL figures, Jinja2) through httpx.

Loads the demo, then writes straight into the tables 3,031 more units (30 provinces, 300
districts, 2,701 post offices), staff up to 40,000, entries for a third of them plus a
collective entry for every other post office (about 14,600, in every state) and 0 to 5
pieces of evidence each (about 36,000, spread over 20 days, in every state). Signs the
corporation's manager in and times N renders each of the root page, a province's page and
page 200 of "who is behind"; beside them, in the same run, the old path of the root page
(`digests.snapshot` + `digest_for`, without rendering).

SQLite in a temporary file by default; with `--database-url` (PostgreSQL) a fresh database
is made on that server and dropped at the end.

    .venv/bin/python bench/bench_manager.py [--renders 30] [--staff 40000]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import func, insert, text
from sqlmodel import select
from starlette.applications import Starlette
from starlette.routing import Mount

from bench.bench_foundation import percentile
from bench.console_support import analyze, database, signed_in
from bot.demo import load_demo
from bot.web.app import console_app
from bot.web.context import COOKIE, WebConfig
from handlers.outreach.unit_report import PERIOD
from storage import migrate
from storage.db import SessionMaker, create_engine, make_sessionmaker
from storage.models import (
    Campaign,
    CampaignModel,
    Evidence,
    OrgUnit,
    Person,
    Registration,
    Role,
    RoleGrant,
)
from storage.services import digests, people

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
PROVINCES, DISTRICTS, OFFICES = 30, 300, 2_701
MANAGER = "TCT0003"  # a demo person made the corporation's manager
STATUSES = ["submitted"] * 3 + ["approved"] * 3 + ["implementing"] * 3 + ["self_scored"] * 2
STATUSES += ["returned", "draft", "withdrawn", "under_review"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Hồng", "Thanh", "Anh"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Mai", "Nam", "Oanh"]
GIVEN += ["Phúc", "Quân", "Sơn", "Tâm", "Uyên", "Vinh", "Xuân", "Yến", "Ánh", "Đạt"]


async def build_units(session: Any, rng: random.Random) -> tuple[list[int], list[int]]:
    """Provinces, districts and post offices under the corporation: the ids of the
    districts and of the offices."""
    root = (await session.exec(select(OrgUnit).where(OrgUnit.code == "VNPOST"))).one()
    next_id = (await session.exec(select(func.max(OrgUnit.id)))).one() + 1
    rows: list[dict[str, Any]] = []

    def add(code: str, name: str, kind: str, parent: dict[str, Any] | None) -> dict[str, Any]:
        nonlocal next_id
        path, depth = (parent["path"], parent["depth"]) if parent else (root.path, root.depth)
        row = {
            "id": next_id,
            "code": code,
            "name": name,
            "kind": kind,
            "parent_id": parent["id"] if parent else root.id,
            "path": f"{path}{next_id}/",
            "depth": depth + 1,
            "created_at": NOW,
        }
        next_id += 1
        rows.append(row)
        return row

    provinces = [
        add(f"S{p:02d}", f"Bưu điện tỉnh {p:02d}", "province_post", None) for p in range(PROVINCES)
    ]
    districts = [
        add(
            f"S{d % PROVINCES:02d}-D{d:03d}",
            f"Bưu điện huyện {d:03d}",
            "district_post",
            provinces[d % PROVINCES],
        )
        for d in range(DISTRICTS)
    ]
    offices = [
        add(
            f"{districts[o % DISTRICTS]['code']}-O{o:04d}",
            f"Bưu cục {rng.choice(GIVEN)} {o:04d}",
            "post_office",
            districts[o % DISTRICTS],
        )
        for o in range(OFFICES)
    ]
    await (await session.connection()).execute(insert(OrgUnit), rows)
    return [d["id"] for d in districts], [o["id"] for o in offices]


async def build(
    sessionmaker: SessionMaker, staff: int, dialect: str
) -> tuple[str, int, dict[str, int]]:
    """The organisation, entries and evidence; the manager's session secret, a
    province's id and the row counts."""
    rng = random.Random(12)
    async with sessionmaker() as session, session.begin():
        await load_demo(session, NOW.date())
    async with sessionmaker() as session, session.begin():
        districts, offices = await build_units(session, rng)
        if dialect == "postgresql":  # ids were given: move the sequence past them
            await (await session.connection()).execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('org_unit', 'id'),"
                    " (SELECT max(id) FROM org_unit))"
                )
            )
        have = (await session.exec(select(func.count()).select_from(Person))).one()
        await (await session.connection()).execute(
            insert(Person),
            [
                {
                    "employee_code": f"NV{i:06d}",
                    "full_name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                    "unit_id": districts[i % DISTRICTS] if i % 10 == 0 else offices[i % OFFICES],
                    "active": i % 97 != 0,
                    "created_at": NOW,
                }
                for i in range(staff - have)
            ],
        )
    async with sessionmaker() as session, session.begin():
        campaign = (await session.exec(select(Campaign))).one()
        models = (
            await session.exec(
                select(CampaignModel.id).where(CampaignModel.campaign_id == campaign.id)
            )
        ).all()
        staff_rows = (
            await session.exec(select(Person.id, Person.unit_id).order_by(Person.id))
        ).all()
        entries = [
            _entry(campaign.id, models[i % len(models)], f"p:{pid}", pid, uid, pid, rng)
            for i, (pid, uid) in enumerate(staff_rows)
            if i % 3 == 0
        ]
        first_of = {}
        for pid, uid in staff_rows:
            first_of.setdefault(uid, pid)
        entries += [
            _entry(campaign.id, models[0], f"u:{uid}", None, uid, first_of[uid], rng)
            for uid in offices[::2]
            if uid in first_of
        ]
        await (await session.connection()).execute(insert(Registration), entries)
        regs = (await session.exec(select(Registration.id, Registration.registered_by_id))).all()
        evidence = [
            {
                "registration_id": reg_id,
                "sender_id": sender,
                "kind": "note",
                "note": "Số liệu",
                "status": rng.choice(["pending", "pending", "accepted", "accepted", "rejected"]),
                "created_at": NOW - timedelta(days=rng.uniform(0, 20)),
            }
            for reg_id, sender in regs
            for _ in range(rng.choice([0, 0, 1, 2, 3, 4, 5, 5]))
        ]
        await (await session.connection()).execute(insert(Evidence), evidence)
        manager = await people.find_by_code(session, MANAGER)
        root = (await session.exec(select(OrgUnit).where(OrgUnit.code == "VNPOST"))).one()
        session.add(
            RoleGrant(
                person_id=manager.id, role=Role.MANAGER, scope_unit_id=root.id, source="bench"
            )
        )
        secret = await signed_in(session, manager, NOW)
        province = (await session.exec(select(OrgUnit.id).where(OrgUnit.code == "S00"))).one()
        counts = {
            "units": (await session.exec(select(func.count()).select_from(OrgUnit))).one(),
            "staff": (await session.exec(select(func.count()).select_from(Person))).one(),
            "entries": len(entries),
            "evidence": len(evidence),
        }
    return secret, province, counts


def _entry(
    campaign_id: int,
    model_id: int,
    key: str,
    person_id: int | None,
    unit_id: int,
    by: int,
    rng: random.Random,
) -> dict[str, Any]:
    status = rng.choice(STATUSES)
    scored = status == "self_scored" or (status == "implementing" and rng.random() < 0.3)
    return {
        "campaign_id": campaign_id,
        "model_id": model_id,
        "subject_type": "individual" if person_id else "collective",
        "subject_key": key,
        "person_id": person_id,
        "unit_id": unit_id,
        "registered_by_id": by,
        "status": status,
        "self_scored_at": NOW if scored else None,
        "created_at": NOW,
    }


async def timed(renders: int, call: Callable[[], Awaitable[None]]) -> list[float]:
    await call()  # warm: templates compiled, statements cached
    timings = []
    for _ in range(renders):
        start = time.perf_counter()
        await call()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def report(label: str, timings: list[float]) -> float:
    p95 = percentile(timings, 0.95)
    print(
        f"{label:>34}: median {statistics.median(timings):6.1f} ms, "
        f"p95 {p95:6.1f} ms (n = {len(timings)})",
        flush=True,
    )
    return p95


async def measure(url: str, staff: int, renders: int, folder: Path) -> None:
    engine = create_engine(url)
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    started = time.perf_counter()
    secret, province, counts = await build(sessionmaker, staff, engine.dialect.name)
    await analyze(engine)
    print(
        f"built in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items()),
        flush=True,
    )
    app = Starlette(
        routes=[
            Mount("/console", console_app(sessionmaker, WebConfig(files_dir=folder), lambda: NOW))
        ]
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://bench", cookies={COOKIE: secret}
    ) as client:

        def render(path: str, marker: str) -> Callable[[], Awaitable[None]]:
            async def call() -> None:
                answer = await client.get(path)
                assert answer.status_code == 200 and marker in answer.text, (
                    path,
                    answer.status_code,
                )

            return call

        root = report(
            "root page (new)", await timed(renders, render("/console/manager/", 'id="unit-'))
        )
        report(
            "province page (new)",
            await timed(renders, render(f"/console/manager/?unit={province}", 'id="unit-')),
        )
        report(
            'page 200 of "who is behind" (new)',
            await timed(renders, render("/console/manager/?page=200", "Trang 200/")),
        )

    async def old_root() -> None:
        async with sessionmaker() as session:
            unit = (await session.exec(select(OrgUnit).where(OrgUnit.code == "VNPOST"))).one()
            campaign = (await session.exec(select(Campaign))).one()
            snap = await digests.snapshot(session, campaign.id, NOW - PERIOD, root=unit)
            digest = digests.digest_for(snap, 0, unit.id)
            assert len(digest.people_behind[199 * 50 : 200 * 50]) == 50

    old = report("root, old path (snapshot, no HTML)", await timed(renders, old_root))
    print(f"{'old path p95 / new page p95':>34}: {old / root:.1f}x", flush=True)
    await engine.dispose()


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="dvk-bench-manager-") as tmp:
        async with database(args.database_url, Path(tmp)) as url:
            kind = (
                "PostgreSQL (a fresh database)"
                if args.database_url
                else "SQLite (a temporary file)"
            )
            print(
                f"machine: {platform.machine()}, {os.cpu_count()} cores, "
                f"Python {platform.python_version()}, {kind}",
                flush=True,
            )
            await measure(url, args.staff, args.renders, Path(tmp))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--renders", type=int, default=30, help="timed renders of each page")
    parser.add_argument("--staff", type=int, default=40_000)
    parser.add_argument(
        "--database-url",
        default=None,
        help="a PostgreSQL server (the run makes and drops a database there)",
    )
    asyncio.run(main(parser.parse_args()))
