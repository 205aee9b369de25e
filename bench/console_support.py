"""What the console benchmarks share: the database to run on, and the sign-in (a linked
chat account for a person and a web session on it, as `/web` would give them)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from bench.bench_webhook import fresh_database
from storage.models import ChatAccount, Person
from storage.services import web_sessions


@contextlib.asynccontextmanager
async def database(url: str | None, folder: Path) -> AsyncIterator[str]:
    """SQLite in `folder` without a URL; else a fresh database on that PostgreSQL
    server, dropped at the end."""
    if url is None:
        yield f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    else:
        async with fresh_database(url) as fresh:
            yield fresh


async def analyze(engine: AsyncEngine) -> None:
    """On PostgreSQL, the planner's statistics after a bulk load, as autovacuum would
    gather them (committed: a rolled back ANALYZE is lost)."""
    if engine.dialect.name == "postgresql":
        async with engine.begin() as connection:
            await connection.execute(text("ANALYZE"))


async def signed_in(session: AsyncSession, person: Person, now: datetime) -> str:
    """The session cookie's secret for `person`."""
    account = ChatAccount(
        channel="bench",
        external_user_id="1",
        chat_id="1",
        person_id=person.id,
        consent_at=now,
        linked_at=now,
    )
    session.add(account)
    await session.flush()
    secret, _ = await web_sessions.start(session, person, account, via="bench", now=now)
    return secret
