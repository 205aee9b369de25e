"""A lock per chat account, across every process on one PostgreSQL database, so each
person's updates are handled one at a time and in order while other people's go ahead.

`try_hold` never waits: when someone else holds the person's lock, that holder answers
the update as well, since it looks for more after letting go (see the webhook inbox).
On SQLite (one process) an in-process set is the lock.

On PostgreSQL the lock is a session-level advisory lock on a connection in autocommit
mode (`InboxLink`), which the holder keeps for the inbox's own statements: each commits
on its own, in one round trip, with no BEGIN or COMMIT around it. The lock ends when it
is let go, or with the connection when the process dies; a connection whose unlock did
not certainly happen is closed, never returned to the pool still holding a lock."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.db import SessionMaker, make_sessionmaker

logger = logging.getLogger(__name__)
T = TypeVar("T")

# The first key of pg_try_advisory_lock(int, int): "DVKc". The two-key form does not
# overlap the one-key form the scheduler's leader lock uses.
NAMESPACE = int.from_bytes(b"DVKc", "big")
TRY_LOCK = text("SELECT pg_try_advisory_lock(:namespace, :key)")
UNLOCK = text("SELECT pg_advisory_unlock(:namespace, :key)")


def lock_key(channel: str, chat_key: str) -> int:
    """A stable signed 32-bit key for the chat; a rare clash only makes two people take turns."""
    digest = hashlib.blake2b(f"{channel}:{chat_key}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


class InboxLink:
    """What a worker runs its inbox statements on: on PostgreSQL one connection in
    autocommit mode (each statement durable once it returns); on SQLite a short
    transaction per call, taking its turn like every session there."""

    def __init__(self, sessionmaker: SessionMaker, connection: AsyncConnection | None) -> None:
        self.sessionmaker = sessionmaker
        self.connection = connection

    async def run(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        if self.connection is not None:
            return await work(self.connection)
        async with self.sessionmaker() as session, session.begin():
            return await work(await session.connection())


class ChatLocks:
    def __init__(self, engine: AsyncEngine, sessionmaker: SessionMaker | None = None) -> None:
        self.engine = engine
        self.sessionmaker = sessionmaker or make_sessionmaker(engine)
        self.shared = engine.dialect.name == "postgresql"
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._held: set[tuple[str, str]] = set()

    @asynccontextmanager
    async def link(self) -> AsyncIterator[InboxLink]:
        """An `InboxLink`, for one request or one worker's turn with a person."""
        if not self.shared:
            yield InboxLink(self.sessionmaker, None)
            return
        async with self._autocommit.connect() as connection:
            yield InboxLink(self.sessionmaker, connection)

    @asynccontextmanager
    async def hold(self, link: InboxLink, channel: str, chat_key: str) -> AsyncIterator[bool]:
        """Yields True while the chat is held by this caller through `link`, False when
        someone holds it (in this process or another)."""
        key = (channel, chat_key)
        if key in self._held:
            yield False
            return
        self._held.add(key)
        try:
            if link.connection is None:
                yield True
                return
            async with self._locked(link.connection, lock_key(channel, chat_key)) as got:
                yield got
        finally:
            self._held.discard(key)

    @asynccontextmanager
    async def try_hold(self, channel: str, chat_key: str) -> AsyncIterator[bool]:
        """`hold` on a link of its own."""
        async with self.link() as link, self.hold(link, channel, chat_key) as held:
            yield held

    @staticmethod
    @asynccontextmanager
    async def _locked(connection: AsyncConnection, key: int) -> AsyncIterator[bool]:
        params = {"namespace": NAMESPACE, "key": key}
        settled = False  # True once the connection certainly holds no lock of ours
        try:
            got = bool(await connection.scalar(TRY_LOCK, params))
            settled = not got
            if not got:
                yield False
                return
            try:
                yield True
            finally:
                if not await connection.scalar(UNLOCK, params):
                    logger.warning("chat lock %s was not held when let go", key)
                settled = True
        finally:
            if not settled:  # taking or letting go did not certainly finish: the
                await connection.invalidate()  # connection goes, and the lock with it
