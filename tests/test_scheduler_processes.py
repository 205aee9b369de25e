"""`python -m bot scheduler` as real processes on the console channel: a sender killed
with SIGKILL mid-broadcast and started again delivers to everyone, repeating at most the
messages in flight; only the lock holder sends and another takes over (on PostgreSQL an
advisory lock, on SQLite a lock file next to the database)."""

from __future__ import annotations

import asyncio
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import IO

from sqlalchemy import func
from sqlmodel import select

from bot.demo import load_demo
from storage import migrate
from storage.db import create_engine, make_sessionmaker
from storage.models import ChatAccount, OrgUnit, Outbox, Person
from storage.services import accounts, broadcasts, people
from tests.support.cli_support import ROOT

CONCURRENCY = 8
DELIVERY = re.compile(r"^\[→ (c\d+)\]$")


class Proc:
    """A scheduler process whose output lines are collected by reader threads."""

    def __init__(
        self, env: dict[str, str], name: str, changed: threading.Condition | None = None
    ) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "scheduler"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self.changed = changed or threading.Condition()
        for stream, sink in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._read, args=(stream, sink), daemon=True).start()

    def _read(self, stream: IO[str], sink: list[str]) -> None:
        for line in stream:
            with self.changed:
                sink.append(line.rstrip("\n"))
                self.changed.notify_all()
        with self.changed:
            sink.append("<eof>")
            self.changed.notify_all()

    def deliveries(self) -> list[str]:
        return [m.group(1) for line in list(self.out) if (m := DELIVERY.match(line))]

    def wait_for(self, condition: Callable[[], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not condition():
                left = deadline - time.monotonic()
                assert left > 0, f"{self.name}: timed out; stderr: {self.err[-20:]}"
                self.changed.wait(left)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.wait_for(lambda: "<eof>" in self.out)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)
        self.wait_for(lambda: "<eof>" in self.out)


def scheduler_env(env: dict[str, str]) -> dict[str, str]:
    return {
        **env,
        "LOG_LEVEL": "INFO",
        "SEND_RATES": "console=250/250",
        "SEND_CONCURRENCY": str(CONCURRENCY),
        "SENDER_POLL_SECONDS": "0.2",
        "SENDER_LEASE_SECONDS": "5",  # a killed sender's claimed rows go out 5 s later
        "SCHEDULER_SYNC_SECONDS": "0.5",
        "LEADER_POLL_SECONDS": "0.5",
        "BROADCAST_PROGRESS_SECONDS": "1",
        "QUIET_HOURS_START": "00:00",  # no quiet hours: the test runs at any time of day
        "QUIET_HOURS_END": "00:00",
    }


async def _seed(url: str, recipients: int, broadcasts_: int) -> None:
    """Demo data, `recipients` linked console accounts, and queued broadcasts to them."""
    engine = create_engine(url)
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    now = datetime.now(UTC)
    async with sessionmaker() as session, session.begin():
        await load_demo(session, now.date())
        root = (await session.exec(select(OrgUnit).where(OrgUnit.code == "HNI-KTVC"))).one()
        session.add_all(
            Person(employee_code=f"X{i:05d}", full_name=f"Nhân viên {i}", unit_id=root.id)
            for i in range(recipients)
        )
        await session.flush()
        staff = (
            await session.exec(select(Person).where(Person.employee_code.startswith("X")))
        ).all()
        session.add_all(
            ChatAccount(
                channel="console",
                external_user_id=f"c{p.id}",
                chat_id=f"c{p.id}",
                person_id=p.id,
                linked_at=now,
                consent_at=now,
            )
            for p in staff
        )
        admin = await people.find_by_code(session, "TCT0001")
        account = await accounts.get_or_create_account(
            session, channel="console", external_user_id="admin", chat_id="admin"
        )
        await accounts.link(session, account, admin, now=now, how="test")
        await accounts.record_consent(session, account, now)
        for n in range(broadcasts_):
            request = broadcasts.BroadcastCreate(
                text=f"Thông báo số {n + 1}", audience="unit", unit_id=root.id
            )
            await broadcasts.create(
                session, actor=admin, account_id=account.id, data=request, now=now
            )
    await engine.dispose()


async def _statuses(url: str) -> dict[str, int]:
    engine = create_engine(url)
    async with make_sessionmaker(engine)() as session:
        rows = await session.exec(select(Outbox.status, func.count()).group_by(Outbox.status))
        result = dict(rows.all())
    await engine.dispose()
    return result


def test_sender_killed_mid_broadcast_resumes_without_loss(cli_env):
    env = scheduler_env(cli_env)
    url = env["DATABASE_URL"]
    asyncio.run(_seed(url, 2000, 1))
    first = Proc(env, "first")
    try:
        first.wait_for(lambda: len(first.deliveries()) >= 600)
    finally:
        first.kill()
    before = first.deliveries()
    sent_before = asyncio.run(_statuses(url)).get("sent", 0)
    assert 600 <= len(before) < 2000 and sent_before <= len(before)
    second = Proc(env, "second")
    try:
        second.wait_for(lambda: len(set(before) | set(second.deliveries())) >= 2000)
        second.wait_for(lambda: "Báo cáo thông báo #1:" in "\n".join(second.out))
    finally:
        second.stop()
    after = second.deliveries()
    duplicates = set(before) & set(after)
    assert len(set(before) | set(after)) == 2000
    assert len(duplicates) <= CONCURRENCY, duplicates
    assert len(after) == len(set(after)) and len(before) == len(set(before))
    assert asyncio.run(_statuses(url)) == {"sent": 2000}


def test_only_the_lock_holder_sends_and_another_takes_over(cli_env):
    env = scheduler_env(cli_env)
    url = env["DATABASE_URL"]
    asyncio.run(_seed(url, 100, 1))
    changed = threading.Condition()  # both processes' output wakes the waits
    procs = [Proc(env, "a", changed), Proc(env, "b", changed)]
    try:
        leader_of = lambda: [p for p in procs if len(p.deliveries()) >= 100]  # noqa: E731
        procs[0].wait_for(lambda: len(leader_of()) == 1)
        leader = leader_of()[0]
        follower = next(p for p in procs if p is not leader)
        assert follower.deliveries() == []
        assert any("leader: running" in line for line in leader.err)
        assert not any("leader: running" in line for line in follower.err)
        leader.kill()
        asyncio.run(_queue_another(url))
        follower.wait_for(lambda: len(follower.deliveries()) >= 100, timeout=60)
        assert any("leader: running" in line for line in follower.err)
    finally:
        for proc in procs:
            proc.stop()


async def _queue_another(url: str) -> None:
    engine = create_engine(url)
    async with make_sessionmaker(engine)() as session, session.begin():
        admin = await people.find_by_code(session, "TCT0001")
        account = await accounts.find_account(session, "console", "admin")
        root = (await session.exec(select(OrgUnit).where(OrgUnit.code == "HNI-KTVC"))).one()
        request = broadcasts.BroadcastCreate(text="Thông báo sau", audience="unit", unit_id=root.id)
        await broadcasts.create(
            session, actor=admin, account_id=account.id, data=request, now=datetime.now(UTC)
        )
    await engine.dispose()


def test_a_trial_admin_sees_the_broadcast_arrive_in_the_terminal(cli_env):
    """`python -m bot` with no token: the scheduler runs in the chat process."""
    env = {**scheduler_env(cli_env), "DEMO_EMPLOYEE_CODE": "HNI0004"}
    chat = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in chat.stdout], daemon=True).start()
    assert chat.stdin is not None
    for line in ("1", "/thongbao", "Chào mừng đến với phong trào", "1", "1", "1"):
        chat.stdin.write(line + "\n")
    chat.stdin.flush()
    seen: list[str] = []
    deadline = time.monotonic() + 60
    while not any("• Đã hủy:" in x for x in seen):
        seen.append(lines.get(timeout=max(0.1, deadline - time.monotonic())))
    chat.stdin.close()
    try:
        assert chat.wait(timeout=30) == 0
    finally:
        if chat.poll() is None:
            chat.kill()
    text = "".join(seen)
    assert "📢 Thông báo\nChào mừng đến với phong trào\n\n📢 Thông báo #1: đã xử lý xong" in text
    assert "• Đã gửi: 1" in text
