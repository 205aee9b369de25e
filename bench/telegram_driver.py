"""The other side of the Telegram benchmark, in its own process: the fake Bot API server
and many simulated people, each doing a step and waiting for the bot's answer before the
next, as a person would. Prints one JSON line with the server's address when ready, and
one JSON line of results at the end.

    python bench/telegram_driver.py --mode flows|echo|floor --users 200 [--latency 0.1]
        [--notes 5]

By default the bot takes the updates by long polling. With `--webhook URL[,URL...]`
they are POSTed instead, with the secret header (`--secret`), in turn to each URL as a
load balancer would; the driver then prints {"ready": ...} once every bot registered its
webhook and answers, and starts when it reads a line on standard input (so the caller
can read the bots' CPU clocks in between).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes.telegram_http import chat_id_of
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.telegram_state import Call
from tests.support.samples import JPEG

REPLY_METHODS = {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}
FIRST_USER = 10_000
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

# What happens to the update a person's action made: nothing more by long polling (the
# fake queued it), a POST to the bot by webhook.
Deliver = Callable[[Any], Awaitable[None]]


async def queued(update: Any) -> None:
    """By long polling the fake has queued the update already."""


@dataclass(frozen=True)
class Acting:
    """How people act: how their updates reach the bot, and the seconds each spends
    reading an answer before the next step (0: at once, which keeps the bot saturated)."""

    deliver: Deliver = queued
    think: float = 0.0


class Poster:
    """POSTs updates to the bots' webhook URLs in turn, as a load balancer would, each
    until answered 200 (as Telegram delivers again what was not)."""

    def __init__(self, urls: list[str], secret: str) -> None:
        self.urls = urls
        self.headers = {SECRET_HEADER: secret}
        self.turn = count()
        self.refused = 0
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
        self.client = httpx.AsyncClient(timeout=60, limits=limits)

    async def deliver(self, update: Any) -> None:
        for _attempt in range(20):
            url = self.urls[next(self.turn) % len(self.urls)]
            try:
                response = await self.client.post(url, json=update, headers=self.headers)
                if response.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            self.refused += 1
            await asyncio.sleep(0.1)
        raise RuntimeError(f"update {update.get('update_id')} never acknowledged")

    async def wait_answering(self, timeout: float = 120) -> None:
        """Until every bot's server answers (any status: it is listening)."""
        deadline = time.monotonic() + timeout
        for url in self.urls:
            while True:
                try:
                    await self.client.get(url)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(0.1)


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
    acting: Acting = Acting(),
) -> None:
    """Do one thing and wait for the bot's answer(s); record delivery-to-answer time."""
    queue = replies.queues[chat]
    started = time.monotonic()
    made = action()
    for update in made if isinstance(made, list) else [made]:
        await acting.deliver(update)
    answered = started
    for _ in range(expected):
        answered = await asyncio.wait_for(queue.get(), timeout=120)
    latencies.append(answered - started)
    if acting.think:
        await asyncio.sleep(acting.think)


async def flows(
    tg: FakeTelegram,
    replies: Replies,
    uid: int,
    latencies: list[float],
    notes: int,
    acting: Acting = Acting(),
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
        await step(replies, user.chat_id, action, latencies, acting=acting)
    if notes:  # several at once: they must be handled in the order sent
        await step(
            replies,
            user.chat_id,
            lambda: [user.send_text(f"ghi chú {uid} {n}") for n in range(notes)],
            latencies,
            expected=notes,
            acting=acting,
        )
    await step(replies, user.chat_id, lambda: user.press("Xong"), latencies, acting=acting)
    return len(script) + notes + 1


# The flows' steps (bench/bench_webhook.py): a text, six presses, a text, a press, a photo
# (a text here: cheaper, so the floor stays a lower bound) and a press. The echo bot: texts.
SCRIPTS = {"echo": "t", "floor": "tpppppptptp"}


async def scripted(
    tg: FakeTelegram,
    replies: Replies,
    uid: int,
    latencies: list[float],
    steps: int,
    acting: Acting = Acting(),
    script: str = SCRIPTS["echo"],
) -> int:
    """`steps` texts (t) and button presses (p) in the order of `script`, repeated."""
    user = tg.user(uid)
    replies.queues[user.chat_id] = asyncio.Queue()
    for n in range(steps):
        if script[n % len(script)] == "t":
            act = lambda n=n: user.send_text(f"tin {n}")  # noqa: E731
        else:
            act = lambda: user.press("Tiếp")  # noqa: E731
        await step(replies, user.chat_id, act, latencies, acting=acting)
    return steps


async def run(args: argparse.Namespace) -> dict[str, object]:
    fake = FakeTelegram(first_update_id=args.first_update)
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
        poster = Poster(args.webhook.split(","), args.secret) if args.webhook else None
        acting = Acting(poster.deliver if poster is not None else queued, args.think)
        if poster is not None:
            bots = len(poster.urls)
            await tg.wait_for(lambda s: len(s.calls_to("setWebhook")) >= bots, timeout=120)
            await poster.wait_answering()
            print(json.dumps({"ready": bots}), flush=True)
            await asyncio.to_thread(sys.stdin.readline)
        else:
            ready = "setMyCommands" if args.mode == "flows" else "getUpdates"
            await tg.wait_for(lambda s: s.calls_to(ready), timeout=120)
        tg.latency = args.latency
        calls_before = len(tg.calls)
        latencies: list[float] = []
        people = range(args.first_user, args.first_user + args.users)
        started = time.monotonic()
        if args.mode == "flows":
            counts = await asyncio.gather(
                *(flows(tg, replies, uid, latencies, args.notes, acting) for uid in people)
            )
        else:
            script = SCRIPTS[args.mode]
            counts = await asyncio.gather(
                *(
                    scripted(tg, replies, uid, latencies, args.steps, acting, script)
                    for uid in people
                )
            )
        elapsed = time.monotonic() - started
        if poster is not None:
            await poster.client.aclose()
        ordered = sorted(latencies)
        api_calls = Counter(call.method for call in tg.calls[calls_before:])
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
            "refused_posts": poster.refused if poster is not None else 0,
            "api_calls": dict(api_calls.most_common()),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=["flows", "echo", "floor"], default="flows")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--notes", type=int, default=0)
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--think", type=float, default=0.0, help="seconds to read an answer")
    parser.add_argument("--first-user", type=int, default=FIRST_USER)
    parser.add_argument("--first-update", type=int, default=1, help="the fake's first update id")
    parser.add_argument("--webhook", default="", help="the bots' webhook URLs, comma-separated")
    parser.add_argument("--secret", default="")
    print(json.dumps(asyncio.run(run(parser.parse_args()))), flush=True)


if __name__ == "__main__":
    main()
