"""Applies the Alembic migration history; called at every start."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).parent / "migrations"


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
    """Bring the schema up to `revision` (all of it by default)."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade, revision)


def _autogenerate(connection: Connection, message: str, rev_id: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.revision(config, message=message, autogenerate=True, rev_id=rev_id)


async def autogenerate(engine: AsyncEngine, message: str, rev_id: str) -> None:
    """Write a new revision from the difference between the tables and the database."""
    async with engine.begin() as connection:
        await connection.run_sync(_autogenerate, message, rev_id)
