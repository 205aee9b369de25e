"""`python -m bot` with a Telegram token, as a process: it serves the fake Bot API and a
SIGTERM stops it cleanly after the update in hand has been answered."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from tests.support.cli_support import ROOT
from tests.support.telegram_support import sees


async def test_sigterm_finishes_the_update_in_hand(fake_telegram, cli_env):
    tg = fake_telegram
    env = {
        **cli_env,
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.base_url,
        "TELEGRAM_FILE_BASE_URL": tg.file_base_url,
        "TELEGRAM_POLL_TIMEOUT": "1",
        "LOG_LEVEL": "INFO",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await tg.wait_for(lambda s: s.calls_to("setMyCommands"), timeout=60)
        user = tg.user(77)
        user.send_text("/start")
        await sees(tg, user.chat_id, "91/2025/QH15", timeout=30)
        tg.latency = 1.0
        user.send_text("/trogiup")
        await tg.wait_for(lambda s: len(s.calls_to("sendMessage")) == 2, timeout=30)
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    finally:
        if process.returncode is None:
            process.kill()
    assert process.returncode == 0, stderr.decode()
    assert tg.calls_to("sendMessage")[-1].status == 200
    assert len(tg.messages(user.chat_id)) == 2
    log = stderr.decode()
    assert "stopping: finishing the updates in hand" in log
    assert tg.token not in log and tg.token.split(":")[1] not in log
    assert os.environ.get("TELEGRAM_BOT_TOKEN") is None
