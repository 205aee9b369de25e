"""One migration history that creates exactly the tables the code declares."""

from __future__ import annotations

import asyncio
import sys
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage import migrate
from storage.db import create_engine
from tests.conftest import POSTGRES_URL


async def test_migrations_match_the_models(engine) -> None:
    def diff(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)

    async with engine.connect() as connection:
        differences = await connection.run_sync(diff)
    assert differences == []


MIGRATE_ONCE = """
import asyncio, sys
from sqlalchemy import text
from storage import migrate
from storage.db import create_engine

async def main():
    engine = create_engine(sys.argv[1], schema=sys.argv[2])
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
    print("ready", flush=True)
    sys.stdin.readline()  # both processes start the upgrade together
    await migrate.upgrade(engine)
    await engine.dispose()

asyncio.run(main())
"""


@pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL: concurrent migrations")
async def test_two_processes_migrating_an_empty_schema_at_once_both_succeed() -> None:
    """Two processes starting together upgrade one empty schema at the same moment: both
    succeed and the schema is at head, migrated once."""
    schema = f"dvk_race_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    root = Path(__file__).resolve().parent.parent
    children = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            MIGRATE_ONCE,
            POSTGRES_URL,
            schema,
            cwd=root,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(2)
    ]
    try:
        for child in children:
            assert (await asyncio.wait_for(child.stdout.readline(), 60)) == b"ready\n"
        for child in children:
            child.stdin.write(b"go\n")
            await child.stdin.drain()
        outcomes = [await asyncio.wait_for(child.communicate(), 120) for child in children]
        for child, (_, stderr) in zip(children, outcomes, strict=True):
            assert child.returncode == 0, stderr.decode()[-2000:]
        head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
        async with admin.connect() as connection:
            versions = await connection.execute(
                text(f'SELECT version_num FROM "{schema}".alembic_version')
            )
            assert versions.scalars().all() == [head]
    finally:
        for child in children:
            if child.returncode is None:
                child.kill()
                await child.wait()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()
