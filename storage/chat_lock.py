"""A lock per chat account, across every process on one PostgreSQL database, so each
person's updates are handled one at a time and in order while other people's go ahead.

`try_hold` never waits: when someone else holds the person's lock, that holder answers
the update as well, since it looks for more after letting go (see the webhook inbox).
On SQLite (one process) an in-process set is the lock."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

# The first key of pg_try_advisory_xact_lock(int, int): "DVKc". The two-key form does not
# overlap the one-key form the scheduler's leader lock uses.
NAMESPACE = int.from_bytes(b"DVKc", "big")
TRY_LOCK = text("SELECT pg_try_advisory_xact_lock(:namespace, :key)")


def lock_key(channel: str, chat_key: str) -> int:
    """A stable signed 32-bit key for the chat; a rare clash only makes two people take turns."""
    digest = hashlib.blake2b(f"{channel}:{chat_key}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


class ChatLocks:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.shared = engine.dialect.name == "postgresql"
        self._held: set[tuple[str, str]] = set()

    @asynccontextmanager
    async def try_hold(self, channel: str, chat_key: str) -> AsyncIterator[bool]:
        """Yields True while the chat is held by this caller, False when someone holds it.
        On PostgreSQL the lock lives in a transaction on its own connection: it ends with
        the block, or with the connection when the process dies."""
        key = (channel, chat_key)
        if key in self._held:
            yield False
            return
        self._held.add(key)
        try:
            if not self.shared:
                yield True
                return
            async with self.engine.connect() as connection:
                got = await connection.scalar(
                    TRY_LOCK, {"namespace": NAMESPACE, "key": lock_key(channel, chat_key)}
                )
                try:
                    yield bool(got)
                finally:
                    await connection.rollback()
        finally:
            self._held.discard(key)
