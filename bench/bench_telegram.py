"""Telegram throughput: the real bot (`python -m bot`: adapter, router, SQLite) against the
fake Bot API server, many simulated people stepping through registration and evidence;
and, in the same run against the same fake, a bare python-telegram-bot echo bot with the
same number of updates in flight, as the ceiling.

Each side runs in its own process (the fake and the simulated people in one, the bot in
another), so the bot's figures are not slowed by the fake sharing its interpreter.

    .venv/bin/python bench/bench_telegram.py [--users 200] [--bounds 1,8,32,64] [--latency 0.1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import signal
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_foundation import write_org
from bench.telegram_driver import FIRST_USER
from bot.demo import CAMPAIGN
from storage import migrate
from storage.db import create_engine, make_sessionmaker
from storage.importers.campaign import save_campaign
from storage.importers.campaign_file import parse_campaign_file
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.services import accounts, people

ROOT = Path(__file__).resolve().parent.parent


async def prepare(folder: Path, users: int) -> Path:
    """A migrated SQLite file with staff, the demo campaign and linked Telegram accounts."""
    path = folder / "template.db"
    await populate(f"sqlite+aiosqlite:///{path}", folder, users)
    return path


async def populate(url: str, folder: Path, users: int) -> None:
    """Migrate the database at `url` and fill it: staff, the demo campaign with its windows
    open, and Telegram accounts FIRST_USER.. linked to `users` staff who have agreed."""
    units_csv, roster_csv = write_org(folder, units=100, staff=users + 200)
    engine = create_engine(url)
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    now = datetime.now(UTC)
    async with sessionmaker() as session, session.begin():
        await import_units(session, units_csv)
        await import_roster(session, roster_csv)
        await save_campaign(session, parse_campaign_file(CAMPAIGN).with_open_windows(now.date()))
        for n in range(users):
            person = await people.find_by_code(session, f"NV{200 + n:06d}")  # staff, not managers
            uid = str(FIRST_USER + n)
            account = await accounts.get_or_create_account(
                session, channel="telegram", external_user_id=uid, chat_id=uid
            )
            await accounts.link(session, account, person, now=now, how="bench")
            await accounts.record_consent(session, account, now)
    await engine.dispose()


async def run_once(
    folder: Path,
    template: Path,
    *,
    mode: str,
    users: int,
    bound: int,
    latency: float,
    notes: int,
    bot_mode: str | None = None,
) -> dict[str, object]:
    database = folder / f"run-{mode}-{bound}-{latency}.db"
    shutil.copy(template, database)
    driver = await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "bench" / "telegram_driver.py"),
        "--mode",
        mode,
        "--users",
        str(users),
        "--latency",
        str(latency),
        "--notes",
        str(notes),
        stdout=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    assert driver.stdout is not None
    server = json.loads(await driver.stdout.readline())
    env = {
        **os.environ,
        "TOKEN": server["token"],
        "BASE_URL": server["base_url"],
        "FILE_BASE_URL": server["file_base_url"],
    }
    if mode == "flows":
        env |= {
            "TELEGRAM_BOT_TOKEN": server["token"],
            "TELEGRAM_API_BASE_URL": server["base_url"],
            "TELEGRAM_FILE_BASE_URL": server["file_base_url"],
            "DATABASE_URL": f"sqlite+aiosqlite:///{database}",
            "FILES_DIR": str(folder / "files"),
            "TELEGRAM_MAX_IN_FLIGHT": str(bound),
            "TELEGRAM_RATE_PER_SECOND": "100000",
            "TELEGRAM_RATE_PER_CHAT": "100000",
            "TELEGRAM_POLL_TIMEOUT": "1",
            "LOG_LEVEL": "WARNING",
        }
        command = [sys.executable, *os.environ.get("BENCH_BOT", "-m bot").split()]
    else:
        command = [sys.executable, str(ROOT / "bench" / "echo_bot.py"), "--in-flight", str(bound)]
    bot = await asyncio.create_subprocess_exec(
        *command, cwd=ROOT, env=env, stderr=asyncio.subprocess.DEVNULL
    )
    try:
        result = json.loads(await asyncio.wait_for(driver.stdout.readline(), timeout=1800))
        result["cpu_ms_per_update"] = round(1000 * cpu_seconds(bot.pid) / result["updates"], 2)
    finally:
        bot.send_signal(signal.SIGTERM)
        await bot.wait()
        await driver.wait()
    result["bound"] = bound
    if mode == "flows" and notes:
        result["notes_in_order"] = await notes_in_order(database, notes)
    return result


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def notes_in_order(database: Path, notes: int) -> bool:
    """Every person's notes were stored in the order they sent them."""
    from sqlmodel import select

    from storage.models import Evidence

    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    async with make_sessionmaker(engine)() as session:
        rows = (
            await session.exec(
                select(Evidence.sender_id, Evidence.note)
                .where(Evidence.kind == "note")
                .order_by(Evidence.id)
            )
        ).all()
    await engine.dispose()
    by_sender: dict[int, list[int]] = {}
    for sender, note in rows:
        by_sender.setdefault(sender, []).append(int(note.rsplit(" ", 1)[1]))
    return all(seq == list(range(notes)) for seq in by_sender.values())


def show(result: dict[str, object]) -> None:
    extra = f", notes in order: {result['notes_in_order']}" if "notes_in_order" in result else ""
    print(
        f"{result['mode']:5} in-flight {result['bound']:3} latency {result['latency']:.2f} s: "
        f"{result['updates_per_second']:7.1f} updates/s, p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, bot CPU {result['cpu_ms_per_update']} ms/update "
        f"({result['updates']} updates, {result['users']} people, "
        f"{result['violations']} spec violations){extra}",
        flush=True,
    )


async def main(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="dvk-tg-bench-"))
    template = await prepare(folder, args.users)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.users} simulated people",
        flush=True,
    )
    for bound in [int(b) for b in args.bounds.split(",")]:
        for mode in ("flows", "echo"):
            show(
                await run_once(
                    folder, template, mode=mode, users=args.users, bound=bound, latency=0.0, notes=0
                )
            )
    for bound in [int(b) for b in args.latency_bounds.split(",")]:
        show(
            await run_once(
                folder,
                template,
                mode="flows",
                users=args.users,
                bound=bound,
                latency=args.latency,
                notes=args.notes,
            )
        )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--bounds", default="1,8,32,64")
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--latency-bounds", default="32,64,128")
    parser.add_argument("--notes", type=int, default=5)
    asyncio.run(main(parser.parse_args()))
