"""A fresh database for a bot subprocess: a SQLite file, or a new PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from tests.conftest import POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]


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
    admin = POSTGRES_URL.replace("+asyncpg", "")

    async def run(sql: str) -> None:
        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    env["DATABASE_URL"] = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    yield env
    asyncio.run(run(f'DROP DATABASE "{name}" WITH (FORCE)'))
