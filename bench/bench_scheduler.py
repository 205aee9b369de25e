"""Scheduler benchmark: broadcast send rate against the configured limit, building every
manager's digest for 40,000 staff in 3,000 units, and a "who is behind" audience.

    .venv/bin/python bench/bench_scheduler.py [--rate 30] [--seconds 22] [--staff 40000]
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_foundation import write_org
from sqlalchemy import insert
from sqlmodel import select

from bot.demo import CAMPAIGN
from handlers.io import Reply
from handlers.outbound.digest_report import chart_png, digest_text
from handlers.outbound.payloads import to_payload
from handlers.texts import Vi
from scheduler.config import ChannelRate, SchedulerConfig
from scheduler.sender import OutboxSender
from storage import migrate
from storage.db import SessionMaker, create_engine, make_sessionmaker
from storage.importers.campaign import save_campaign
from storage.importers.campaign_file import parse_campaign_file
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.models import (
    Audience,
    CampaignModel,
    ChatAccount,
    Evidence,
    OrgUnit,
    Person,
    Registration,
)
from storage.services import audiences, digests, outbox


class RecordingChannel:
    """An in-process channel that records when each message arrives."""

    name = "fake"

    def __init__(self) -> None:
        from handlers.io import Capabilities

        self.capabilities = Capabilities()
        self.times: list[float] = []

    async def send(self, chat_id: str, replies: list[Reply]) -> list[str]:
        self.times.append(time.monotonic())
        return [str(len(self.times))]

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        return None


async def bench_rate(folder: Path, rate: float, seconds: float) -> None:
    """Queue rate x seconds messages to distinct chats and let the sender drain them."""
    engine = create_engine(f"sqlite+aiosqlite:///{folder / 'rate.db'}")
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    count = int(rate * seconds)
    now = datetime.now(UTC)
    async with sessionmaker() as session, session.begin():
        unit = OrgUnit(code="U", name="Đơn vị", kind="corporation", path="/1/")
        session.add(unit)
        await session.flush()
        await session.exec(
            insert(Person).values(
                [
                    {"employee_code": f"P{i}", "full_name": f"P{i}", "unit_id": unit.id}
                    for i in range(count)
                ]
            )
        )
        ids = list((await session.exec(select(Person.id))).all())
        await session.exec(
            insert(ChatAccount).values(
                [
                    {
                        "channel": "fake",
                        "external_user_id": f"c{p}",
                        "chat_id": f"c{p}",
                        "person_id": p,
                        "consent_at": now,
                        "linked_at": now,
                        "blocked": False,
                    }
                    for p in ids
                ]
            )
        )
        await outbox.enqueue(
            session, person_ids=ids, payload=to_payload(Reply("Thông báo")), now=now, source="b"
        )
    channel = RecordingChannel()
    config = SchedulerConfig(
        files_dir=folder,
        rates={"fake": ChannelRate(rate, 1)},
        quiet_start="00:00",
        quiet_end="00:00",
    )
    sender = OutboxSender(sessionmaker, {"fake": channel}, config)
    stop = asyncio.Event()
    task = asyncio.create_task(sender.run(stop))
    while len(channel.times) < count:
        await asyncio.sleep(0.2)
    stop.set()
    await task
    await engine.dispose()
    times = channel.times
    steady = times[int(rate) :]  # after the first second's burst
    achieved = (len(steady) - 1) / (steady[-1] - steady[0])
    window = max(_in_window(times, i) for i in range(len(times)))
    print(f"broadcast: {count} messages at a {rate:g}/s limit in {times[-1] - times[0]:.1f} s")
    print(
        f"  achieved {achieved:.2f}/s = {achieved / rate:.1%} of the limit (target >= 95%); "
        f"most in any 1 s window: {window}"
    )


def _in_window(times: list[float], start: int) -> int:
    end = start
    while end < len(times) and times[end] - times[start] < 1.0:
        end += 1
    return end - start


async def build_org(folder: Path, units: int, staff: int) -> tuple[SessionMaker, int]:
    units_csv, roster_csv = write_org(folder, units, staff)
    engine = create_engine(f"sqlite+aiosqlite:///{folder / 'org.db'}")
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    async with sessionmaker() as session, session.begin():
        await import_units(session, units_csv)
    async with sessionmaker() as session, session.begin():
        await import_roster(session, roster_csv)
    async with sessionmaker() as session, session.begin():
        spec = parse_campaign_file(CAMPAIGN).with_open_windows(date.today())
        await save_campaign(session, spec)
    async with sessionmaker() as session:
        campaign_id = (await session.exec(select(CampaignModel.campaign_id))).first()
    return sessionmaker, campaign_id or 0


async def register_share(sessionmaker: SessionMaker, campaign_id: int, every: int) -> int:
    """Individual entries for every `every`-th person, evidence for half of them."""
    now = datetime.now(UTC)
    async with sessionmaker() as session, session.begin():
        model = (
            await session.exec(
                select(CampaignModel).where(CampaignModel.campaign_id == campaign_id)
            )
        ).first()
        people = (await session.exec(select(Person.id, Person.unit_id))).all()
        chosen = people[::every]
        await session.exec(
            insert(Registration).values(
                [
                    {
                        "campaign_id": campaign_id,
                        "model_id": model.id,
                        "subject_type": "individual",
                        "subject_key": f"p:{pid}",
                        "person_id": pid,
                        "unit_id": uid,
                        "registered_by_id": pid,
                        "status": "implementing",
                        "created_at": now,
                    }
                    for pid, uid in chosen
                ]
            )
        )
        regs = (await session.exec(select(Registration.id))).all()
        criterion = 1
        await session.exec(
            insert(Evidence).values(
                [
                    {
                        "registration_id": r,
                        "criterion_id": criterion,
                        "sender_id": 1,
                        "kind": "note",
                        "note": "x",
                        "status": "pending",
                        "created_at": now - timedelta(days=2),
                    }
                    for r in regs[::2]
                ]
            )
        )
    return len(chosen)


async def bench_audience(sessionmaker: SessionMaker, campaign_id: int, audience: str) -> None:
    async with sessionmaker() as session:
        root = (await session.exec(select(OrgUnit).where(OrgUnit.code == "VNPOST"))).one()
        target = audiences.Target(root, audience, campaign_id, None, 14)
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            found = await audiences.resolve(session, target, datetime.now(UTC))
            runs.append(time.perf_counter() - started)
    print(
        f"audience '{audience}' of the whole corporation: {len(found)} people in "
        f"{statistics.median(runs) * 1000:.0f} ms (median of 3; target < 1 s)"
    )


async def bench_digests(sessionmaker: SessionMaker, campaign_id: int) -> None:
    started = time.perf_counter()
    async with sessionmaker() as session:
        managers = await digests.managers(session)
        snap = await digests.snapshot(session, campaign_id, datetime.now(UTC) - timedelta(days=7))
    read = time.perf_counter() - started
    today = date.today()
    built = []
    for person_id, units in managers.items():
        built.append(digests.digest_for(snap, person_id, units[0]))
    texts = [digest_text(d, Vi, today - timedelta(days=7), today) for d in built]
    total = time.perf_counter() - started
    longest = max(len(t) for t in texts)
    print(
        f"digests: {len(built)} managers' digests (figures + text) in {total:.2f} s "
        f"(reading and rolling up: {read:.2f} s; target < 5 s); longest text {longest} chars"
    )
    sample = sorted(built, key=lambda d: -len(d.children))[:20]
    charts = []
    for digest in sample:
        started = time.perf_counter()
        chart_png(digest, Vi)
        charts.append(time.perf_counter() - started)
    print(
        f"charts (built lazily, per manager): median {statistics.median(charts[1:]) * 1000:.0f} ms "
        f"over {len(charts) - 1} of the largest (first, with matplotlib's import: "
        f"{charts[0] * 1000:.0f} ms)"
    )


async def run(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="dvk-bench-sched-"))
    print(f"machine: {platform.machine()} python {platform.python_version()}, SQLite, {folder}")
    await bench_rate(folder, args.rate, args.seconds)
    sessionmaker, campaign_id = await build_org(folder, args.units, args.staff)
    print(f"organisation: {args.units} units, {args.staff} staff")
    await bench_audience(sessionmaker, campaign_id, Audience.UNREGISTERED)
    registered = await register_share(sessionmaker, campaign_id, 3)
    print(f"then {registered} people registered, half of them with evidence")
    await bench_audience(sessionmaker, campaign_id, Audience.UNREGISTERED)
    await bench_audience(sessionmaker, campaign_id, Audience.NO_EVIDENCE)
    await bench_digests(sessionmaker, campaign_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=30)
    parser.add_argument("--seconds", type=float, default=22)
    parser.add_argument("--staff", type=int, default=40_000)
    parser.add_argument("--units", type=int, default=3_000)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
