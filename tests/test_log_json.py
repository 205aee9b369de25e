"""LOG_FORMAT=json: one JSON object per line with the update's context, never a name,
phone or token; and a failing update counted under its flow in the metrics."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import signal
import sys
from collections.abc import Iterator

import httpx
import pytest

from bot import logs
from bot.metrics import Metrics
from handlers.staff import language
from handlers.texts import Vi
from tests.support.cli_support import ROOT
from tests.support.helpers import linked, person
from tests.test_ops import samples, value

TOKEN = "123456789:AAF-secret_Token-value"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def json_lines(text: str) -> list[dict[str, object]]:
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines
    return [json.loads(line) for line in lines]  # every line parses


async def test_a_failing_update_is_one_json_line_with_its_context(
    demo, chat_for, router, sessionmaker, clock, monkeypatch, capsys, restore_logging
) -> None:
    metrics = Metrics()
    router.observer = metrics
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    staff = await person(sessionmaker, "HNI0008")

    async def broken(convo: object, chosen: str) -> object:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed")

    monkeypatch.setattr(language, "_switch", broken)
    capsys.readouterr()
    logs.setup("INFO", fmt="json")
    logging.getLogger("bot.example").info("outside an update: /bot%s/getMe", TOKEN)
    await chat.send("/ngonngu")
    replies = await chat.press("🇬🇧 English")
    assert [r.text for r in replies] == [Vi.UNEXPECTED_ERROR]  # the apology
    err = capsys.readouterr().err

    lines = json_lines(err)
    assert TOKEN not in err and TOKEN.split(":")[1] not in err
    assert staff.full_name not in err and (staff.phone or "@@") not in err
    for line in lines:
        assert {"time", "level", "logger", "message"} <= set(line)
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", str(line["time"]))
    outside = next(line for line in lines if line["logger"] == "bot.example")
    assert outside["message"] == "outside an update: /bot<token>/getMe"
    assert "channel" not in outside and "person_id" not in outside
    failed = next(line for line in lines if line["level"] == "ERROR")
    assert failed["logger"] == "handlers.router"
    assert failed["channel"] == "memory" and failed["person_id"] == staff.id
    assert str(failed["message"]).startswith(f"update {failed['update_id']} on memory failed")
    exc = str(failed["exc"])
    assert (
        exc.startswith("Traceback") and "RuntimeError" in exc and "/bot<token>/sendMessage" in exc
    )

    page = samples(metrics.render().decode())
    assert value(page, "bot_update_errors_total", flow="language") == 1
    assert value(page, "bot_updates_total", channel="memory", kind="button") >= 2
    assert value(page, "bot_updates_total", channel="memory", kind="command") == 2


async def test_the_scheduler_process_serves_readiness_and_logs_json(cli_env) -> None:
    """`python -m bot scheduler` with LOG_FORMAT=json: its lines parse, /healthz, /readyz
    and /metrics answer on the port it reports, and SIGTERM ends it cleanly."""
    env = {**cli_env, "LOG_FORMAT": "json", "LOG_LEVEL": "INFO", "WEBHOOK_PORT": "0"}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "scheduler",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    seen: list[str] = []
    try:
        assert process.stderr is not None
        port = None
        while port is None:
            raw = await asyncio.wait_for(process.stderr.readline(), timeout=60)
            assert raw, "the scheduler stopped: " + "".join(seen)
            seen.append(raw.decode())
            found = re.search(r"listening on 127\.0\.0\.1:(\d+)", json.loads(raw)["message"])
            port = int(found.group(1)) if found else None
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            health = await http.get("/healthz")
            ready = await http.get("/readyz")
            metrics = await http.get("/metrics")
        process.send_signal(signal.SIGTERM)
        _, rest = await asyncio.wait_for(process.communicate(), timeout=60)
    finally:
        if process.returncode is None:
            process.kill()
    assert process.returncode == 0, "".join(seen) + rest.decode()
    assert health.status_code == 200
    assert ready.status_code == 200, ready.text
    body = ready.json()
    assert body["database"] == "ok" and body["migrations"] == "ok"
    assert body["scheduler"] in ("leader", "standby")  # reported, not required
    assert "bot_scheduler_leader" in metrics.text
    json_lines("".join(seen) + rest.decode())
