"""Leader election: only the lock holder runs the scheduler and the sender.

On PostgreSQL the lock is an advisory lock, session-level on a connection of its own; on
SQLite it is an exclusive `flock` on a file next to the database. Either goes when the
holder's process dies, so another process takes over; the others only take updates."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from pathlib import Path
from typing import Protocol

import asyncpg
from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)


class Leadership(Protocol):
    async def try_acquire(self) -> bool: ...

    async def still_held(self) -> bool: ...

    async def release(self) -> None: ...


class AlwaysLeader:
    """An in-memory database: one process, always the holder."""

    async def try_acquire(self) -> bool:
        return True

    async def still_held(self) -> bool:
        return True

    async def release(self) -> None:
        return None


class AdvisoryLock:
    """`pg_try_advisory_lock(key)` held on a dedicated asyncpg connection."""

    def __init__(self, url: str, key: int) -> None:
        parsed = make_url(url).set(drivername="postgresql")
        self.dsn = parsed.render_as_string(hide_password=False)
        self.key = key
        self.connection: asyncpg.Connection | None = None

    async def try_acquire(self) -> bool:
        try:
            if self.connection is None or self.connection.is_closed():
                self.connection = await asyncpg.connect(self.dsn, timeout=10)
            got = await self.connection.fetchval("SELECT pg_try_advisory_lock($1)", self.key)
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            logger.warning("leader lock: cannot reach the database (%s)", type(exc).__name__)
            await self._drop()
            return False
        return bool(got)

    async def still_held(self) -> bool:
        """True while our connection is alive (the lock lives as long as it does)."""
        if self.connection is None or self.connection.is_closed():
            return False
        try:
            await asyncio.wait_for(self.connection.fetchval("SELECT 1"), timeout=10)
        except (OSError, asyncpg.PostgresError, TimeoutError):
            await self._drop()
            return False
        return True

    async def release(self) -> None:
        if self.connection is not None and not self.connection.is_closed():
            with contextlib.suppress(OSError, asyncpg.PostgresError):
                await self.connection.fetchval("SELECT pg_advisory_unlock($1)", self.key)
        await self._drop()

    async def _drop(self) -> None:
        if self.connection is not None:
            try:
                await self.connection.close(timeout=5)
            except (OSError, asyncpg.PostgresError, TimeoutError):
                self.connection.terminate()
        self.connection = None


class FileLock:
    """SQLite: `flock(LOCK_EX | LOCK_NB)` on `path`, held by an open descriptor; the
    operating system drops it when the process dies (no stale lock to clean up)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    async def try_acquire(self) -> bool:
        import fcntl

        if self.fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    async def still_held(self) -> bool:
        return self.fd is not None

    async def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the last descriptor releases the lock
            self.fd = None


def leadership_for(url: str, key: int) -> Leadership:
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return AdvisoryLock(url, key)
    database = parsed.database
    if not database or database == ":memory:" or os.name != "posix":
        return AlwaysLeader()
    return FileLock(Path(f"{database}.scheduler-{key}.lock"))
