"""The other side of the Telegram benchmark, in its own process: the fake Bot API server
and many simulated people, each doing a step and waiting for the bot's answer before the
next, as a person would. Prints one JSON line with the server's address when ready, and
one JSON line of results at the end.

    python bench/telegram_driver.py --mode flows|echo --users 200 [--latency 0.1] [--notes 5]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes.telegram_http import chat_id_of
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.telegram_state import Call
from tests.support.samples import JPEG

REPLY_METHODS = {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}
FIRST_USER = 10_000


class Replies:
    """One queue per chat, fed from the server thread as the bot's messages arrive."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.queues: dict[int, asyncio.Queue[float]] = {}

    def listen(self, call: Call) -> None:
        if call.method in REPLY_METHODS and call.status == 200:
            chat = chat_id_of(call.params)
            queue = self.queues.get(chat or 0)
            if queue is not None:
                self.loop.call_soon_threadsafe(queue.put_nowait, call.at)


async def step(
    replies: Replies,
    chat: int,
    action: Callable[[], object],
    latencies: list[float],
    expected: int = 1,
) -> None:
    """Do one thing and wait for the bot's answer(s); record delivery-to-answer time."""
    queue = replies.queues[chat]
    started = time.monotonic()
    action()
    answered = started
    for _ in range(expected):
        answered = await asyncio.wait_for(queue.get(), timeout=120)
    latencies.append(answered - started)


async def flows(
    tg: FakeTelegram, replies: Replies, uid: int, latencies: list[float], notes: int
) -> int:
    """Registration and evidence through buttons, a photo and notes; returns updates sent."""
    user = tg.user(uid)
    replies.queues[user.chat_id] = asyncio.Queue()
    script = [
        lambda: user.send_text("/dangky"),
        lambda: user.press("M1 ·"),
        lambda: user.press("Tôi đã đọc và cam kết"),
        lambda: user.press("M1.01"),
        lambda: user.press("M1.03"),
        lambda: user.press("Tiếp tục"),
        lambda: user.press("Gửi đăng ký"),
        lambda: user.send_text("/minhchung"),
        lambda: user.press("M1.01"),
        lambda: user.send_photo(JPEG + uid.to_bytes(4, "big")),
    ]
    for action in script:
        await step(replies, user.chat_id, action, latencies)
    if notes:  # several at once: they must be handled in the order sent
        await step(
            replies,
            user.chat_id,
            lambda: [user.send_text(f"ghi chú {uid} {n}") for n in range(notes)],
            latencies,
            expected=notes,
        )
    await step(replies, user.chat_id, lambda: user.press("Xong"), latencies)
    return len(script) + notes + 1


async def echo(
    tg: FakeTelegram, replies: Replies, uid: int, latencies: list[float], steps: int
) -> int:
    user = tg.user(uid)
    replies.queues[user.chat_id] = asyncio.Queue()
    for n in range(steps):
        await step(replies, user.chat_id, lambda n=n: user.send_text(f"tin {n}"), latencies)
    return steps


async def run(args: argparse.Namespace) -> dict[str, object]:
    fake = FakeTelegram()
    if importlib.util.find_spec("httptools") is not None:
        fake.http = "httptools"  # the faster parser, so the fake is not the bottleneck
    with fake as tg:
        tg.allow_violations = True
        replies = Replies(asyncio.get_running_loop())
        tg.listeners.append(replies.listen)
        print(
            json.dumps(
                {"base_url": tg.base_url, "file_base_url": tg.file_base_url, "token": tg.token}
            ),
            flush=True,
        )
        ready = "setMyCommands" if args.mode == "flows" else "getUpdates"
        await tg.wait_for(lambda s: s.calls_to(ready), timeout=120)
        tg.latency = args.latency
        latencies: list[float] = []
        started = time.monotonic()
        if args.mode == "flows":
            counts = await asyncio.gather(
                *(
                    flows(tg, replies, FIRST_USER + i, latencies, args.notes)
                    for i in range(args.users)
                )
            )
        else:
            counts = await asyncio.gather(
                *(
                    echo(tg, replies, FIRST_USER + i, latencies, args.steps)
                    for i in range(args.users)
                )
            )
        elapsed = time.monotonic() - started
        ordered = sorted(latencies)
        return {
            "mode": args.mode,
            "users": args.users,
            "latency": args.latency,
            "updates": sum(counts),
            "seconds": round(elapsed, 2),
            "updates_per_second": round(sum(counts) / elapsed, 1),
            "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
            "violations": len(tg.violations),
            "errors": len(tg.rejections),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=["flows", "echo"], default="flows")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--notes", type=int, default=0)
    parser.add_argument("--steps", type=int, default=12)
    print(json.dumps(asyncio.run(run(parser.parse_args()))), flush=True)


if __name__ == "__main__":
    main()
