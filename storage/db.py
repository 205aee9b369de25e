"""Engine and sessions for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import sqlite_inline

logger = logging.getLogger(__name__)

SessionMaker = async_sessionmaker[AsyncSession]


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, *, schema: str | None = None, echo: bool = False) -> AsyncEngine:
    """An async engine; on SQLite WAL mode, foreign keys and write-locking transactions.

    Every SQLite transaction starts with BEGIN IMMEDIATE: concurrent writers then wait on
    `busy_timeout` instead of failing when a read snapshot would have to become a write.
    `schema` (PostgreSQL only) sets the search path, which tests use to stay apart.
    `hide_parameters`: SQL parameters carry names and free text, and an error message
    (logged with its traceback) would otherwise repeat them.
    """
    connect_args: dict[str, Any] = {}
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url,
            echo=echo,
            connect_args=connect_args,
            module=sqlite_inline.dbapi(),
            hide_parameters=True,
        )
        _prepare_sqlite(engine)
        return engine
    if schema:
        connect_args["server_settings"] = {"search_path": schema}
    engine = create_async_engine(
        url,
        echo=echo,
        connect_args=connect_args,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        hide_parameters=True,
    )
    engine.dialect.do_ping = _ping_outside_a_transaction  # type: ignore[method-assign]
    return engine


def _ping_outside_a_transaction(dbapi_connection: Any) -> bool:
    """The pool's check of a connection before each use, in one round trip.

    The asyncpg dialect wraps its ping in BEGIN … ROLLBACK (for pgbouncer in transaction
    mode, which this bot does not use): three round trips on every checkout, a large part
    of an update's cost. Pinged as in autocommit mode instead; a dead connection still
    fails the ping, so the pool still replaces it (a database restart is survived)."""
    was_autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.ping()
    finally:
        dbapi_connection.autocommit = was_autocommit
    return True


def _prepare_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=5000",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


TURN_TIMEOUT = 60.0
_LOCKS: weakref.WeakKeyDictionary[Any, asyncio.Lock] = weakref.WeakKeyDictionary()


class SerialAsyncSession(AsyncSession):
    """A session that, on SQLite, waits its turn in Python before touching the database.

    SQLite has one writer at a time; when many updates are handled concurrently, handing
    the turn over through an asyncio lock is immediate and fair, where SQLite's own busy
    handler polls with sleeps of up to 100 ms. Other processes still meet busy_timeout.
    """

    _turn: asyncio.Lock | None = None

    async def __aenter__(self) -> SerialAsyncSession:
        lock = _LOCKS.setdefault(self.sync_session.bind, asyncio.Lock())  # type: ignore[arg-type]
        try:  # a session opened inside another would wait forever: fail loudly instead
            await asyncio.wait_for(lock.acquire(), TURN_TIMEOUT)
        except TimeoutError as error:
            raise RuntimeError("waited too long for the database (nested session?)") from error
        self._turn = lock
        try:
            return await super().__aenter__()
        except BaseException:
            self._release()
            raise

    async def __aexit__(self, *exc: Any) -> None:
        try:
            await super().__aexit__(*exc)
        finally:
            self._release()

    def _release(self) -> None:
        if self._turn is not None:
            self._turn.release()
            self._turn = None


def make_sessionmaker(engine: AsyncEngine) -> SessionMaker:
    """Sessions for the engine; on SQLite they take turns (see SerialAsyncSession)."""
    serial = engine.dialect.name == "sqlite"
    return async_sessionmaker(
        engine, class_=SerialAsyncSession if serial else AsyncSession, expire_on_commit=False
    )
