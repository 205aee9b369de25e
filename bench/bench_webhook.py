"""Telegram by webhook on PostgreSQL: the real bot with one and with two processes behind
the same load, beside a bare python-telegram-bot echo bot by webhook, in one run; and
beside the floor (`bench/echo_bot.py --floor`): the flows' Bot API calls and a durable
inbox (one INSERT before the 200, one DELETE after the answer) and nothing else, a lower
bound for any bot keeping the same promises.

The fake Bot API server and the simulated people run in one process
(`bench/telegram_driver.py --webhook`), each bot in its own. Each person steps through
registration and evidence (11 updates, each hitting the database), waiting for the bot's
answer before the next step; the echo bot answers 11 texts a person, the floor the
flows' mix of 3 texts and 8 button presses. The updates are POSTed with the secret
header, in turn to each process's webhook as a load balancer would.
Figures: updates a second, the bot processes' CPU (user + system, from /proc, read just
before the first update and after the last answer) per update, and the time from the POST
to the answer reaching the fake (p50, p95). The configurations alternate in rounds and the
medians are quoted. A fresh database on the PostgreSQL server is made for the run and
dropped at the end.

    .venv/bin/python bench/bench_webhook.py [--users 100] [--rounds 3]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_telegram import cpu_seconds, populate
from bench.telegram_driver import FIRST_USER

ROOT = Path(__file__).resolve().parent.parent
URL = "https://bot.example.vn/telegram"  # what the bots register; the fake never calls it
STEPS = 11  # updates a person sends in the flows, and texts to the echo bot
CONFIGS = {"echo": 1, "floor": 1, "one": 1, "two": 2}  # configuration: bot processes
BARE = ("echo", "floor")  # bench/echo_bot.py, not our bot


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def fresh_database(server_url: str) -> AsyncIterator[str]:
    """A new database on the server of `server_url`, dropped at the end (the bot takes
    only a URL, so a database of its own rather than a schema keeps the run apart)."""
    name = f"dvk_bench_{uuid.uuid4().hex[:10]}"
    url = make_url(server_url)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)

    async def run(sql: str) -> None:
        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    await run(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        await run(f'DROP DATABASE "{name}" WITH (FORCE)')


def bot_command(config: str, port: int, database: str) -> list[str]:
    if config in BARE:
        echo = ROOT / "bench" / "echo_bot.py"
        command = [sys.executable, str(echo), "--webhook-port", str(port), "--webhook-url", URL]
        if config == "floor":
            dsn = make_url(database).set(drivername="postgresql")
            command += ["--floor", dsn.render_as_string(hide_password=False)]
        return command
    # BENCH_BOT="-m cProfile -o bot.prof -m bot" profiles (with --configs one).
    return [sys.executable, *os.environ.get("BENCH_BOT", "-m bot").split()]


def bot_env(config: str, server: dict[str, str], port: int, database: str, folder: Path) -> Any:
    secret = server["secret"]
    if config in BARE:
        env = {"TOKEN": server["token"], "BASE_URL": server["base_url"], "SECRET": secret}
        return {**os.environ, **env, "FILE_BASE_URL": server["file_base_url"]}
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_"))},
        "TELEGRAM_BOT_TOKEN": server["token"],
        "TELEGRAM_API_BASE_URL": server["base_url"],
        "TELEGRAM_FILE_BASE_URL": server["file_base_url"],
        "TELEGRAM_WEBHOOK_URL": URL,
        "TELEGRAM_WEBHOOK_SECRET": secret,
        "WEBHOOK_HOST": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "DATABASE_URL": database,
        "FILES_DIR": str(folder / "files"),
        # Sending limits lifted (a person's 11 answers fit one chat burst): the bot's own
        # capacity is measured, not Telegram's rules.
        "TELEGRAM_RATE_PER_SECOND": "100000",
        "TELEGRAM_RATE_PER_CHAT": "100000",
        "TELEGRAM_CHAT_BURST": "20",
        "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
    }


async def run_once(
    config: str, *, users: int, think: float, first_user: int, database: str, folder: Path
) -> dict[str, Any]:
    """One configuration behind one load; the driver's figures plus the bots' CPU."""
    secret = secrets.token_urlsafe(24)
    ports = [free_port() for _ in range(CONFIGS[config])]
    webhooks = ",".join(f"http://127.0.0.1:{port}/telegram" for port in ports)
    mode = config if config in BARE else "flows"
    driver = await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "bench" / "telegram_driver.py"),
        *("--mode", mode, "--users", str(users), "--steps", str(STEPS), "--think", str(think)),
        *("--first-user", str(first_user), "--first-update", str(first_user * 100)),
        *("--webhook", webhooks, "--secret", secret),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    assert driver.stdin is not None and driver.stdout is not None
    server = json.loads(await driver.stdout.readline()) | {"secret": secret}
    logs = [folder / f"{config}-{first_user}-{n}.log" for n in range(len(ports))]
    bots = []
    for port, log in zip(ports, logs, strict=True):
        with log.open("wb") as stderr:  # the child keeps its own copy of the descriptor
            bots.append(
                await asyncio.create_subprocess_exec(
                    *bot_command(config, port, database),
                    cwd=ROOT,
                    env=bot_env(config, server, port, database, folder),
                    stderr=stderr,
                )
            )
    try:
        await asyncio.wait_for(driver.stdout.readline(), timeout=180)  # {"ready": n}
        cpu_before = await settled([bot.pid for bot in bots])
        driver.stdin.write(b"go\n")
        await driver.stdin.drain()
        result: dict[str, Any] = json.loads(
            await asyncio.wait_for(driver.stdout.readline(), timeout=1800)
        )
        cpu = sum(cpu_seconds(bot.pid) for bot in bots) - cpu_before
        result["cpu_ms_per_update"] = round(1000 * cpu / result["updates"], 2)
    finally:
        for bot in bots:
            if bot.returncode is None:
                bot.send_signal(signal.SIGTERM)
        codes = [await asyncio.wait_for(bot.wait(), timeout=60) for bot in bots]
        await driver.wait()
    result["config"] = config if not think else f"{config}, reading"
    result["exit_codes"] = codes
    return result


async def settled(pids: list[int], idle: float = 0.02, most: float = 15) -> float:
    """The processes' CPU seconds once they are idle (start-up work such as the leader's
    scheduler rebuilding its jobs done: less than `idle` CPU seconds in half a second)."""
    deadline = time.monotonic() + most
    before = sum(cpu_seconds(pid) for pid in pids)
    while True:
        await asyncio.sleep(0.5)
        now = sum(cpu_seconds(pid) for pid in pids)
        if now - before < idle or time.monotonic() > deadline:
            return now
        before = now


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor() or platform.machine(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"nproc {os.cpu_count()}, {model}, {memory_kb / 1024**2:.1f} GiB RAM, "
        f"Python {platform.python_version()}, load average at start {load}"
    )


def show(result: dict[str, Any], round_: int) -> None:
    print(
        f"round {round_} {result['config']:4}: {result['updates_per_second']:7.1f} updates/s, "
        f"CPU {result['cpu_ms_per_update']:5.2f} ms/update, p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms ({result['updates']} updates in {result['seconds']} s, "
        f"{result['violations']} spec violations, {result['refused_posts']} POSTs refused, "
        f"exit codes {result['exit_codes']})",
        flush=True,
    )
    calls = result.get("api_calls", {})
    made = ", ".join(f"{method} {count / result['updates']:.2f}" for method, count in calls.items())
    print(f"    Bot API calls per update: {made}", flush=True)


def summary(results: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Median of each figure over the rounds, by configuration."""
    figures = ("updates_per_second", "cpu_ms_per_update", "p50_ms", "p95_ms")
    return {
        config: {
            figure: statistics.median(r[figure] for r in results if r["config"] == config)
            for figure in figures
        }
        for config in dict.fromkeys(r["config"] for r in results)
    }


def print_table(medians: dict[str, dict[str, float]], rounds: int) -> None:
    print(f"\nmedians of {rounds} rounds")
    print("| configuration | updates/s | CPU / update | p50 | p95 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for config, m in medians.items():
        print(
            f"| {config} | {m['updates_per_second']:.1f} | "
            f"{m['cpu_ms_per_update']:.2f} ms | {m['p50_ms']:.0f} ms | {m['p95_ms']:.0f} ms |"
        )


def print_ratios(medians: dict[str, dict[str, float]]) -> None:
    """The ratios the configurations run allow (at once: the saturating load)."""

    def cpu(config: str) -> float:
        return medians[config]["cpu_ms_per_update"]

    if {"one", "two"} <= medians.keys():
        ratio = medians["two"]["updates_per_second"] / medians["one"]["updates_per_second"]
        print(f"throughput two / one processes: {ratio:.2f} (target >= 1.7)")
    if "echo" not in medians:
        return
    for config in ("floor", "one", "two"):
        if config in medians:
            print(
                f"CPU efficiency against the echo bot (echo CPU/update / {config}'s): "
                f"{cpu('echo') / cpu(config):.2f} (target for our bot >= 0.5)"
            )


async def main(args: argparse.Namespace) -> None:
    print(f"machine: {machine()}", flush=True)
    print(
        f"{args.users} simulated people a run acting at once, then {args.reading_users} "
        f"reading each answer for {args.think} s; {STEPS} updates each",
        flush=True,
    )
    folder = Path(tempfile.mkdtemp(prefix="dvk-webhook-bench-"))
    configs = args.configs.split(",")
    loads = [(args.users, 0.0), (args.reading_users, args.think)]
    # Every run of the real bot takes people who have not acted yet, in the order of the runs.
    starts = [
        users for _ in range(args.rounds) for users, _ in loads for c in configs if c not in BARE
    ]
    results: list[dict[str, Any]] = []
    try:
        async with fresh_database(args.database_url) as database:
            started = time.monotonic()
            await populate(database, folder, sum(starts))
            print(f"database ready in {time.monotonic() - started:.1f} s", flush=True)
            firsts = iter(FIRST_USER + sum(starts[:n]) for n in range(len(starts)))
            for round_ in range(1, args.rounds + 1):
                for users, think in loads:
                    for config in configs:  # interleaved: drifts in the load spread
                        result = await run_once(
                            config,
                            users=users,
                            think=think,
                            first_user=FIRST_USER if config in BARE else next(firsts),
                            database=database,
                            folder=folder,
                        )
                        results.append(result)
                        show(result, round_)
    finally:
        if args.keep:
            print(f"bot logs and files kept in {folder}", flush=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    medians = summary(results)
    print_table(medians, args.rounds)
    print_ratios(medians)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=100, help="simulated people a run")
    parser.add_argument("--reading-users", type=int, default=10, help="people in the latency runs")
    parser.add_argument("--think", type=float, default=0.5, help="seconds to read each answer")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--configs", default=",".join(CONFIGS), help="a subset, to profile")
    parser.add_argument("--keep", action="store_true", help="keep the bots' logs and files")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
        ),
        help="a PostgreSQL server (the run makes and drops a database of its own there)",
    )
    asyncio.run(main(parser.parse_args()))
