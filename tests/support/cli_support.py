"""A fresh database for a bot subprocess: a SQLite file, or a new PostgreSQL database."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL
from tests.support.pg_admin import run_sql

ROOT = Path(__file__).resolve().parents[2]


def run_bot(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in the repository with `stdin` typed in; waits up to 2 min."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def cli_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment for the bot: its own SQLite file, or a fresh PostgreSQL database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "ZALO_", "DATABASE_", "BOT_"))
    }
    env["FILES_DIR"] = str(tmp_path / "files")
    env["WEBHOOK_PORT"] = "0"  # the health and metrics server: any free port
    if not POSTGRES_URL:
        env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        yield env
        return
    name = f"dvk_cli_{uuid.uuid4().hex[:10]}"
    run_sql(POSTGRES_URL, f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    yield env
    run_sql(POSTGRES_URL, f'DROP DATABASE "{name}" WITH (FORCE)')
