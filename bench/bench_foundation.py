"""Foundation benchmark: roster import and conversation-step latency on SQLite.

Builds a synthetic organisation (default 40,000 staff in 3,000 units), imports it with the
real importers, then drives the registration and evidence flows through the console
channel in-process for many people and prints the median and 95th percentile of a step.

    .venv/bin/python bench/bench_foundation.py [--staff 40000] [--units 3000] [--users 200]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import deps_from
from bot.channels.console import ConsoleChannel
from bot.demo import CAMPAIGN
from bot.settings import Settings
from handlers.router import Router
from storage import migrate
from storage.db import create_engine, make_sessionmaker
from storage.importers.campaign import save_campaign
from storage.importers.campaign_file import parse_campaign_file
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.services import accounts, people

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40


def write_org(folder: Path, units: int, staff: int) -> tuple[Path, Path]:
    """A tree: corporation, 34 provinces, districts, then post offices under them."""
    provinces = 34
    districts = max(provinces, units // 10)
    rows = [("VNPOST", "Tổng công ty Bưu điện Việt Nam", "corporation", "")]
    rows += [
        (f"P{p:02d}", f"Bưu điện tỉnh {p:02d}", "province_post", "VNPOST") for p in range(provinces)
    ]
    rows += [
        (
            f"P{d % provinces:02d}-D{d:04d}",
            f"Bưu điện huyện {d:04d}",
            "district_post",
            f"P{d % provinces:02d}",
        )
        for d in range(districts)
    ]
    district_codes = [r[0] for r in rows if r[2] == "district_post"]
    while len(rows) < units:
        n = len(rows)
        parent = district_codes[n % len(district_codes)]
        rows.append((f"{parent}-O{n:05d}", f"Bưu cục {n:05d}", "post_office", parent))
    units_path = folder / "units.csv"
    with units_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit_code", "name", "kind", "parent_code"])
        writer.writerows(rows)
    roster_path = folder / "roster.csv"
    with roster_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "employee_code",
                "full_name",
                "unit_code",
                "role",
                "position",
                "phone",
                "is_party_member",
                "is_union_member",
            ]
        )
        for i in range(staff):
            unit = rows[1 + i % (len(rows) - 1)][0]
            role = "manager" if i < len(rows) - 1 else "staff"
            writer.writerow(
                [
                    f"NV{i:06d}",
                    f"Nhân viên {i:06d}",
                    unit,
                    role,
                    "Giao dịch viên",
                    f"09{i:08d}",
                    "false",
                    "true",
                ]
            )
    return units_path, roster_path


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="dvk-bench-"))
    units_csv, roster_csv = write_org(folder, args.units, args.staff)
    engine = create_engine(f"sqlite+aiosqlite:///{folder / 'bench.db'}")
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)

    started = time.perf_counter()
    async with sessionmaker() as session, session.begin():
        await import_units(session, units_csv)
    units_seconds = time.perf_counter() - started
    started = time.perf_counter()
    async with sessionmaker() as session, session.begin():
        await import_roster(session, roster_csv)
    roster_seconds = time.perf_counter() - started
    async with sessionmaker() as session, session.begin():
        await save_campaign(
            session, parse_campaign_file(CAMPAIGN).with_open_windows(datetime.now(UTC).date())
        )

    settings = Settings(database_url="sqlite://", files_dir=folder / "files")
    router = Router(sessionmaker, deps_from(settings))
    photo = folder / "anh.jpg"
    photo.write_bytes(JPEG)
    registration_steps: list[float] = []
    evidence_steps: list[float] = []
    step = args.staff // args.users
    for n in range(args.users):
        code = f"NV{n * step:06d}"
        user_id = f"staff:{code}"
        async with sessionmaker() as session, session.begin():
            person = await people.find_by_code(session, code)
            account = await accounts.get_or_create_account(
                session, channel="console", external_user_id=user_id, chat_id=user_id
            )
            await accounts.link(session, account, person, now=datetime.now(UTC), how="bench")
            await accounts.record_consent(session, account, datetime.now(UTC))
        channel = ConsoleChannel(router, user_id=user_id, stdin=io.StringIO(), stdout=io.StringIO())
        scope = ["1"] if n * step < args.units - 1 else []  # managers choose individual
        for line in ["/dangky", "1", *scope, "1", "1", "3", "11", "1"]:
            registration_steps.append(await timed(channel, line))
        for line in ["/minhchung", "1", f"/file {photo}", "Ghi chú số liệu", "1"]:
            evidence_steps.append(await timed(channel, line))
    await engine.dispose()

    every = registration_steps + evidence_steps
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} "
        f"python {platform.python_version()}, SQLite {folder / 'bench.db'}"
    )
    print(f"organisation: {args.units} units, {args.staff} staff")
    print(f"import-units: {units_seconds:.2f} s")
    print(f"import-roster ({args.staff} rows): {roster_seconds:.2f} s  (target < 20 s)")
    for name, values in (
        ("registration step", registration_steps),
        ("evidence step", evidence_steps),
        ("any step", every),
    ):
        print(
            f"{name}: n={len(values)} median {statistics.median(values) * 1000:.1f} ms, "
            f"p95 {percentile(values, 0.95) * 1000:.1f} ms"
        )
    print(
        f"target: a step's p95 < 20 ms -> {'met' if percentile(every, 0.95) < 0.02 else 'MISSED'}"
    )


async def timed(channel: ConsoleChannel, line: str) -> float:
    started = time.perf_counter()
    replies = await channel.say(line)
    elapsed = time.perf_counter() - started
    if any("sự cố" in r.text for r in replies):
        raise SystemExit(f"step {line!r} failed: {replies[-1].text}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--staff", type=int, default=40_000)
    parser.add_argument("--units", type=int, default=3_000)
    parser.add_argument("--users", type=int, default=200)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
