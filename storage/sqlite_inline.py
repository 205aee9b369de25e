"""An aiosqlite-shaped driver that calls sqlite3 in the event loop's own thread.

SQLite answers from its page cache in microseconds. aiosqlite sends every call to a worker
thread and back; when many updates are in flight, each of those trips waits its turn in a
busy event loop, and since SQLite has a single writer, every transaction is stretched
while it holds the write lock: measured here, ~5 ms became ~25 ms, capping the bot at
about 40 updates a second. Called inline, a statement never leaves the thread, so a
transaction stays short. SQLAlchemy's aiosqlite dialect drives this module unchanged
(`create_engine(..., module=dbapi())`); sessions still take turns in Python
(`storage.db.SerialAsyncSession`), so no call ever waits on SQLite's busy handler while
another coroutine holds the lock.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Generator, Iterable, Sequence
from sqlite3 import (  # noqa: F401  (the DBAPI names SQLAlchemy reads from this module)
    DatabaseError,
    Error,
    IntegrityError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    sqlite_version,
    sqlite_version_info,
)
from types import SimpleNamespace
from typing import Any

from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_dbapi

__version__ = "0.22.1"  # the aiosqlite behaviour this module follows (it has `stop`)


class Cursor:
    """A sqlite3 cursor with coroutine methods that complete at once."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> Cursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class _RunNow:
    """Stands in for aiosqlite's request queue: runs the function at once."""

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as error:  # handed to the awaiting caller, as aiosqlite does
            future.set_exception(error)


class Connection:
    """Awaitable like aiosqlite's: awaiting it opens the sqlite3 connection."""

    def __init__(self, opener: Callable[[], sqlite3.Connection]) -> None:
        self._opener = opener
        self._conn: sqlite3.Connection | None = None
        self._tx = _RunNow()
        self._thread = SimpleNamespace(daemon=True)  # SQLAlchemy marks it a daemon

    def __await__(self) -> Generator[None, None, Connection]:
        self._conn = self._opener()
        return self
        yield  # makes this a generator, as __await__ must be

    @property
    def _connection(self) -> sqlite3.Connection | None:
        return self._conn

    @property
    def isolation_level(self) -> str | None:
        assert self._conn is not None
        return self._conn.isolation_level

    def cursor(self) -> Cursor:
        assert self._conn is not None
        return Cursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        assert self._conn is not None
        self._conn.commit()

    async def rollback(self) -> None:
        assert self._conn is not None
        self._conn.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        assert self._conn is not None
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def connect(database: str, **kwargs: Any) -> Connection:
    return Connection(lambda: sqlite3.connect(database, **kwargs))


def dbapi() -> AsyncAdapt_aiosqlite_dbapi:
    """The module object to hand to SQLAlchemy's aiosqlite dialect."""
    import sys

    return AsyncAdapt_aiosqlite_dbapi(sys.modules[__name__], sqlite3)
