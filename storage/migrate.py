"""Applies the Alembic migration history; called at every start."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).parent / "migrations"
# The first key of the advisory lock that serialises upgrades; the second is the schema.
LOCK_KEY = 7243002


def alembic_config(url: str = "") -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema up to `revision` (all of it by default).

    Processes starting together take turns: on PostgreSQL the whole upgrade runs in one
    transaction holding an advisory lock keyed by the search path (so separate schemas do
    not wait for each other), and the next process finds the schema already at its revision.
    On SQLite the transaction begins IMMEDIATE, which already admits one writer at a time.
    """
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(
                text(
                    "SELECT pg_advisory_xact_lock(:key, hashtext(current_setting('search_path')))"
                ),
                {"key": LOCK_KEY},
            )
        await connection.run_sync(_upgrade, revision)


def _autogenerate(connection: Connection, message: str, rev_id: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.revision(config, message=message, autogenerate=True, rev_id=rev_id)


async def autogenerate(engine: AsyncEngine, message: str, rev_id: str) -> None:
    """Write a new revision from the difference between the tables and the database."""
    async with engine.begin() as connection:
        await connection.run_sync(_autogenerate, message, rev_id)
