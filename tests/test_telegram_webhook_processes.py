"""Two `python -m bot` processes taking Telegram updates by webhook on one PostgreSQL, as
behind a load balancer: 50 people's updates alternate between them, one process is killed
with SIGKILL mid-run and Telegram's redelivery of what it did not acknowledge goes to the
other. Every update is answered, each person's answers come in order, nothing is lost; an
answer is repeated only if the killed process was sending it when it died."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import func
from sqlmodel import select

from bot.channels.telegram.webhook import SECRET_HEADER
from bot.runner import WEBHOOK_WORKERS
from storage.db import create_engine, make_sessionmaker
from storage.models import ChatAccount, Person, ProcessedUpdate, UpdateInbox
from storage.types import utcnow
from tests.conftest import POSTGRES_URL
from tests.support.cli_support import ROOT
from tests.support.telegram_webhook_support import SECRET, URL
from tests.test_cli import bot

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="several bot processes share one database on PostgreSQL only"
)
PEOPLE = 50
UPDATES = 10
KILL_AFTER = 150  # acknowledged updates, of 500
# A reply the killed process had sent (or had on the wire) when it died is sent again by
# the survivor: Telegram has no idempotent send, so the choice is a repeat or a loss, and a
# repeat it is. Such a first copy reaches the fake before the kill, or just after it.
IN_FLIGHT = 0.5
ANSWER = re.compile(r"/q(\d+)n(\d+)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class BotProcess:
    port: int
    process: asyncio.subprocess.Process
    log: list[str] = field(default_factory=list)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    alive: bool = True

    async def read_log(self) -> None:
        assert self.process.stderr is not None
        async for line in self.process.stderr:
            text = line.decode(errors="replace")
            self.log.append(text)
            if "by webhook on" in text:
                self.ready.set()


async def start(env: dict[str, str]) -> tuple[BotProcess, asyncio.Task[None]]:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=ROOT,
        env={**env, "WEBHOOK_PORT": str(port)},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    bot_process = BotProcess(port, process)
    return bot_process, asyncio.create_task(bot_process.read_log())


async def link_people(database_url: str) -> list[int]:
    """Chat accounts for 50 people of the demo roster, already agreed and linked."""
    engine = create_engine(database_url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            people = (await session.exec(select(Person).order_by(Person.id).limit(PEOPLE))).all()
            assert len(people) == PEOPLE
            users = []
            for n, person in enumerate(people):
                uid = 7_000 + n
                users.append(uid)
                session.add(
                    ChatAccount(
                        channel="telegram",
                        external_user_id=str(uid),
                        chat_id=str(uid),
                        person_id=person.id,
                        linked_at=utcnow(),
                        consent_at=utcnow(),
                    )
                )
        return users
    finally:
        await engine.dispose()


async def leftovers(database_url: str) -> tuple[int, int]:
    engine = create_engine(database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            inbox = (await session.exec(select(func.count()).select_from(UpdateInbox))).one()
            done = (await session.exec(select(func.count()).select_from(ProcessedUpdate))).one()
        return inbox, done
    finally:
        await engine.dispose()


async def test_two_processes_one_killed_every_update_answered_in_order(fake_telegram, cli_env):
    tg = fake_telegram
    assert bot(cli_env, "demo").returncode == 0
    users = await link_people(cli_env["DATABASE_URL"])
    env = {
        **cli_env,
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.base_url,
        "TELEGRAM_FILE_BASE_URL": tg.file_base_url,
        "TELEGRAM_WEBHOOK_URL": URL,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_INBOX_SWEEP_SECONDS": "1",
        "LOG_LEVEL": "INFO",
    }
    started = [await start(env) for _ in range(2)]
    processes = [p for p, _ in started]
    try:
        await asyncio.wait_for(asyncio.gather(*(p.ready.wait() for p in processes)), 90)
        updates = {
            (uid, i): tg.user(uid).send_text(f"/q{uid}n{i}")
            for uid in users
            for i in range(UPDATES)
        }
        acked = 0
        killed_at = 0.0
        killed = asyncio.Event()
        sent_to_dead: list[tuple[int, int]] = []

        async def deliver(client: httpx.AsyncClient, key: tuple[int, int]) -> None:
            """One update until acknowledged: to its process, else to one alive (as
            Telegram delivers again what was not answered 200)."""
            nonlocal acked
            uid, i = key
            target = processes[(uid + i) % 2]
            for _attempt in range(20):
                if not target.alive:
                    target = next(p for p in processes if p.alive)
                try:
                    response = await client.post(
                        f"http://127.0.0.1:{target.port}/telegram",
                        json=updates[key],
                        headers={SECRET_HEADER: SECRET},
                    )
                    if response.status_code == 200:
                        acked += 1
                        if acked == KILL_AFTER:
                            killed.set()
                        return
                except httpx.TransportError:
                    pass
                if not target.alive:
                    sent_to_dead.append(key)
                else:
                    await killed.wait()  # only the killed process fails; wait till it is known
            raise AssertionError(f"update {key} never acknowledged")

        async def person(client: httpx.AsyncClient, uid: int) -> None:
            """Like Telegram: one person's next update once the previous one is acknowledged."""
            for i in range(UPDATES):
                await deliver(client, (uid, i))

        async def killer() -> None:
            await killed.wait()
            nonlocal killed_at
            victim = processes[0]
            killed_at = time.monotonic()  # the fake stamps its calls with the same clock
            victim.process.send_signal(signal.SIGKILL)
            victim.alive = False

        limits = httpx.Limits(max_connections=100)
        async with httpx.AsyncClient(timeout=30, limits=limits) as client:
            await asyncio.gather(killer(), *(person(client, uid) for uid in users))
        await processes[0].process.wait()

        def answers(server: Any) -> dict[int, list[int]]:
            seen: dict[int, list[int]] = {}
            for uid in users:
                for message in server.messages(uid):
                    found = ANSWER.search(message.text or "")
                    if found:
                        assert int(found.group(1)) == uid, "an answer went to the wrong person"
                        seen.setdefault(uid, []).append(int(found.group(2)))
            return seen

        def complete(server: Any) -> bool:
            seen = answers(server)
            return all(set(seen.get(uid, [])) == set(range(UPDATES)) for uid in users)

        await tg.wait_for(complete, timeout=120, what="every update answered")
        seen = answers(tg)
        for uid in users:
            shown = [n for k, n in enumerate(seen[uid]) if k == 0 or seen[uid][k - 1] != n]
            assert shown == list(range(UPDATES)), f"person {uid} answered out of order: {seen[uid]}"
        repeated = {
            (uid, n) for uid in users for n, times in Counter(seen[uid]).items() if times > 1
        }
        for uid, n in repeated:
            copies = sorted(
                c.at for c in tg.calls_to("sendMessage") if f"/q{uid}n{n}" in str(c.params)
            )
            assert len(copies) == 2 and copies[0] < killed_at + IN_FLIGHT < copies[1], (
                f"answer {n} to {uid} repeated, not by the kill: {copies}, killed at {killed_at}"
            )
        assert len(repeated) <= WEBHOOK_WORKERS, repeated
        survivor = processes[1]
        survivor.process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(survivor.process.wait(), 60) == 0, "".join(survivor.log)
        assert await leftovers(cli_env["DATABASE_URL"]) == (0, PEOPLE * UPDATES)
        print(
            f"re-sent to the survivor: {len(sent_to_dead)} updates; answers in flight in the"
            f" killed process and sent again: {len(repeated)}"
        )
    finally:
        for p, reader in started:
            if p.process.returncode is None:
                p.process.kill()
                await p.process.wait()
            reader.cancel()
    log = "".join(processes[1].log)
    assert SECRET not in log and tg.token.split(":")[1] not in log
    assert os.environ.get("TELEGRAM_WEBHOOK_SECRET") is None
