"""Interactive latency and bulk rate under Telegram's limits, against the fake Bot API
server with its flood limits on (30 a second sliding, 3 per chat in any 3 s).

1. Interactive: the real bot (`python -m bot`, default pacing settings) in its own
   process; N simulated people step through registration and evidence, then press a
   button on an old message, each step `--think` seconds after the previous reply came
   (a person reading; with 0 a chat meets its 3-in-3-s limit). For each action: the
   time from the action to the last message of its reply (how many messages each step
   answers with is counted first, in a calibration run without pacing). p50 and p95, and
   the 429s the server gave.
2. Bulk: a broadcast to 300 people through the real `OutboxSender` and `TelegramChannel`
   (in this process), from the first message's arrival to the last: messages a second.

    .venv/bin/python bench/bench_latency.py [--people 3,150] [--broadcast 300] [--rate 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_telegram import prepare
from bench.telegram_driver import FIRST_USER
from tests.fakes.telegram_http import chat_id_of
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.telegram_state import Call

ROOT = Path(__file__).resolve().parent.parent
REPLY_METHODS = {
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "sendPhoto",
    "sendDocument",
}
Action = Callable[[], object]


class Replies:
    """Per chat, the arrival times of the bot's messages (fed from the server thread)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.queues: dict[int, asyncio.Queue[float]] = {}

    def listen(self, call: Call) -> None:
        if call.method in REPLY_METHODS and call.status == 200:
            queue = self.queues.get(chat_id_of(call.params) or 0)
            if queue is not None:
                self.loop.call_soon_threadsafe(queue.put_nowait, time.monotonic())


def script(tg: FakeTelegram, uid: int) -> list[Action]:
    user = tg.user(uid)

    def stale() -> object:
        """A button on an older message that still has one (a person scrolling up)."""
        with tg.state.lock:
            menus = [m for m in tg.state.chats.get(user.chat_id, []) if m.buttons]
        old = menus[0]
        return user.press_on(old.message_id, old.labels[0])

    return [
        lambda: user.send_text("/dangky"),
        lambda: user.press("M1 ·"),
        lambda: user.press("Tôi đã đọc và cam kết"),
        lambda: user.press("M1.01"),
        lambda: user.press("M1.03"),
        lambda: user.press("Tiếp tục"),
        lambda: user.press("Gửi đăng ký"),
        lambda: user.send_text("/minhchung"),
        lambda: user.press("M1.01"),
        lambda: user.send_text("Tổ chức buổi tuyên truyền tại bưu cục"),
        lambda: user.press("Xong"),
        stale,
    ]


async def calibrate(replies: Replies, tg: FakeTelegram, uid: int, quiet: float) -> list[int]:
    """How many messages answer each step (the bot unpaced; a step is over after `quiet`)."""
    queue = replies.queues.setdefault(uid, asyncio.Queue())
    counts = []
    for action in script(tg, uid):
        action()
        await asyncio.wait_for(queue.get(), timeout=60)
        n = 1
        while True:
            try:
                await asyncio.wait_for(queue.get(), timeout=quiet)
            except TimeoutError:
                break
            n += 1
        counts.append(n)
    return counts


async def person(
    replies: Replies,
    tg: FakeTelegram,
    uid: int,
    counts: list[int],
    latencies: list[float],
    think: float,
) -> None:
    """Each step once the previous reply is in and read (`think` seconds)."""
    queue = replies.queues.setdefault(uid, asyncio.Queue())
    for action, expected in zip(script(tg, uid), counts, strict=True):
        await asyncio.sleep(think)
        started = time.monotonic()
        action()
        last = started
        for _ in range(expected):
            last = await asyncio.wait_for(queue.get(), timeout=120)
        latencies.append(last - started)


async def bot_process(tg: FakeTelegram, database: Path, folder: Path, **env: str):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.base_url,
        "TELEGRAM_FILE_BASE_URL": tg.file_base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "FILES_DIR": str(folder / "files"),
        "TELEGRAM_POLL_TIMEOUT": "1",
        "LOG_LEVEL": "WARNING",
        **env,
    }
    command = [sys.executable, *os.environ.get("BENCH_BOT", "-m bot").split()]
    process = await asyncio.create_subprocess_exec(
        *command, cwd=os.environ.get("BENCH_BOT_CWD", ROOT), env=environment,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    await tg.wait_for(lambda s: s.calls_to("setMyCommands"), timeout=120)
    return process


async def interactive(
    folder: Path, people: int, counts: list[int] | None, think: float = 0.0
) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    template = await prepare(folder, max(people, 1))
    database = folder / f"run-{people}.db"
    shutil.copy(template, database)
    with FakeTelegram() as tg:
        tg.allow_violations = True
        replies = Replies(asyncio.get_running_loop())
        tg.listeners.append(replies.listen)
        if counts is None:  # calibration: no pacing, no limits
            fast = {"TELEGRAM_RATE_PER_SECOND": "100000", "TELEGRAM_RATE_PER_CHAT": "100000"}
            bot = await bot_process(tg, database, folder, **fast)
            try:
                return {"counts": await calibrate(replies, tg, FIRST_USER, quiet=1.0)}
            finally:
                bot.send_signal(signal.SIGTERM)
                await bot.wait()
        tg.enforce_limits = True
        bot = await bot_process(tg, database, folder)
        latencies: list[float] = []
        try:
            started = time.monotonic()
            await asyncio.gather(
                *(
                    person(replies, tg, FIRST_USER + i, counts, latencies, think)
                    for i in range(people)
                )
            )
            elapsed = time.monotonic() - started
        finally:
            bot.send_signal(signal.SIGTERM)
            await bot.wait()
        ordered = sorted(latencies)
        return {
            "people": people,
            "think_s": think,
            "actions": len(ordered),
            "seconds": round(elapsed, 1),
            "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1),
            "429s": len(tg.rate_limited),
        }


async def bulk(folder: Path, people: int, rate: float) -> dict:
    """A broadcast through the outbox sender and the Telegram adapter, limits enforced."""
    from datetime import UTC, datetime

    from sqlmodel import select

    from bot.app import build_app
    from bot.settings import Settings
    from bot.wiring import telegram_channel
    from handlers.io import Reply
    from handlers.outbound.payloads import to_payload
    from scheduler.sender import OutboxSender
    from storage.db import create_engine, make_sessionmaker
    from storage.models import ChatAccount
    from storage.services import outbox

    folder.mkdir(parents=True, exist_ok=True)
    template = await prepare(folder, people)
    database = folder / f"bulk-{people}-{rate}.db"
    shutil.copy(template, database)
    url = f"sqlite+aiosqlite:///{database}"
    with FakeTelegram() as tg:
        tg.allow_violations = True
        tg.enforce_limits = True
        arrivals: list[float] = []
        tg.listeners.append(
            lambda c: arrivals.append(time.monotonic()) if c.method == "sendMessage" else None
        )
        for n in range(people):
            tg.user(FIRST_USER + n)
        settings = Settings(
            _env_file=None,
            database_url=url,
            files_dir=folder / "files",
            telegram_bot_token=tg.token,
            telegram_api_base_url=tg.base_url,
            telegram_file_base_url=tg.file_base_url,
            telegram_rate_per_second=rate,
        )
        engine = create_engine(url)
        app = await build_app(settings, engine=engine)
        sessionmaker = make_sessionmaker(engine)
        now = datetime.now(UTC)
        async with sessionmaker() as session, session.begin():
            ids = (await session.exec(select(ChatAccount.person_id))).all()
            await outbox.enqueue(
                session,
                person_ids=[i for i in ids if i],
                payload=to_payload(Reply("Thông báo: họp sơ kết 9:00.")),
                now=now,
                source="bench",
                urgent=True,
            )
        from bot.scheduling import scheduler_config

        channel = telegram_channel(app)
        sender = OutboxSender(sessionmaker, {"telegram": channel}, scheduler_config(settings))
        async with channel.application:
            sent = await sender.drain_all(now)
        await engine.dispose()
    span = arrivals[-1] - arrivals[0]
    per_second = (len(arrivals) - 1) / span
    return {
        "people": people,
        "configured": rate,
        "sent": sent,
        "msg_per_s": round(per_second, 2),
        "of_30": f"{100 * per_second / 30:.1f} %",
        "429s": len(tg.rate_limited),
    }


async def main(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="dvk-latency-bench-"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    try:
        counts = (await interactive(folder / "cal", 1, None))["counts"]
        print("messages per step:", counts, flush=True)
        for people in [int(p) for p in args.people.split(",") if p]:
            for think in [float(t) for t in args.think.split(",")]:
                result = await interactive(folder / f"p{people}", people, counts, think)
                print(json.dumps(result), flush=True)
        for rate in [float(r) for r in args.rate.split(",") if r]:
            for _ in range(args.repeat):
                print(json.dumps(await bulk(folder / "bulk", args.broadcast, rate)), flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", default="3,150")
    parser.add_argument("--broadcast", type=int, default=300)
    parser.add_argument("--rate", default="30")
    parser.add_argument("--think", default="1,0", help="seconds a person reads before acting")
    parser.add_argument("--repeat", type=int, default=1)
    asyncio.run(main(parser.parse_args()))
