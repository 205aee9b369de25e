"""Shared fixtures: a migrated database (SQLite file, or a PostgreSQL schema when
TEST_DATABASE_URL names a server), a hand-moved clock, the router and memory chats."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.demo import load_demo
from handlers.core import Deps
from handlers.router import Router
from storage import migrate
from storage.db import SessionMaker, create_engine, make_sessionmaker
from storage.services.clock import local_date
from tests.fakes.clock import FakeClock
from tests.fakes.memory import MemoryChat
from tests.fakes.telegram_fixture import fake_telegram  # noqa: F401  (a shared fixture)
from tests.fakes.zalo_bot_server import FakeZaloBotServer
from tests.fakes.zalo_oa_server import FakeZaloOAServer
from tests.support.pg_admin import run_sql
from tests.support.zalo_helpers import serve_fake
from tests.support.zalo_oa_helpers import serve_oa_fake

pytest_plugins = ["tests.support.cli_support", "tests.support.browser_support"]

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
ALLOWED = frozenset(
    {
        "image/jpeg",
        "image/png",
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
)


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start from a clean environment: no tokens or URLs leak in from the shell."""
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "ZALO_", "DATABASE_", "FILES_", "BOT_")):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str | None]:
    """A schema of our own on the PostgreSQL server, dropped at the end."""
    if not POSTGRES_URL:
        yield None
        return
    schema = f"dvk_test_{uuid.uuid4().hex[:10]}"
    run_sql(POSTGRES_URL, f'CREATE SCHEMA "{schema}"')
    yield schema
    run_sql(POSTGRES_URL, f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file copied for each test, so every test starts empty and fast."""
    import asyncio

    path = tmp_path_factory.mktemp("template") / "template.db"

    async def build() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await migrate.upgrade(engine)
        await engine.dispose()

    asyncio.run(build())
    return path


@pytest.fixture
def database_url(tmp_path: Path, sqlite_template: Path, postgres_schema: str | None) -> str:
    if postgres_schema is not None:
        return POSTGRES_URL
    target = tmp_path / "bot.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite+aiosqlite:///{target}"


_migrated: set[str] = set()


@pytest.fixture
async def engine(database_url: str, postgres_schema: str | None) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, schema=postgres_schema)
    if postgres_schema is not None:
        if postgres_schema not in _migrated:
            await migrate.upgrade(engine)
            _migrated.add(postgres_schema)
        await _truncate(engine)
    yield engine
    await engine.dispose()


async def _truncate(engine: AsyncEngine) -> None:
    from sqlmodel import SQLModel

    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def sessionmaker(engine: AsyncEngine) -> SessionMaker:
    return make_sessionmaker(engine)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    return tmp_path / "files"


@pytest.fixture
def deps(files_dir: Path) -> Deps:
    return Deps.for_dir(files_dir, max_bytes=20 * 1024 * 1024, allowed=ALLOWED)


@pytest.fixture
def router(sessionmaker: SessionMaker, deps: Deps, clock: FakeClock) -> Router:
    return Router(sessionmaker, deps, clock=clock)


@pytest.fixture
async def demo(sessionmaker: SessionMaker, clock: FakeClock) -> None:
    """The shipped sample units, roster and demo campaign (windows open today)."""
    async with sessionmaker() as session, session.begin():
        result = await load_demo(session, local_date(clock(), "Asia/Ho_Chi_Minh"))
    assert result.loaded


@pytest.fixture
def chat_for(router: Router) -> Callable[..., MemoryChat]:
    """Makes a memory chat for a given user id."""

    def make(user_id: str = "u1", **options: object) -> MemoryChat:
        return MemoryChat(router, user_id, **options)  # type: ignore[arg-type]

    return make


@pytest.fixture
def zalo_bot_fake() -> Iterator[FakeZaloBotServer]:
    """A started fake Zalo Bot Platform, stopped afterwards."""
    yield from serve_fake()


@pytest.fixture
def zalo_oa_fake() -> Iterator[FakeZaloOAServer]:
    """A started fake Zalo OA Open API, stopped afterwards."""
    yield from serve_oa_fake()
