"""Readiness: is the database answering, is its schema at this code's migration head, and
has each configured channel talked to its platform recently? Channels record each
successful API call in a `ChannelHealth`; a channel with nothing to do is probed."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from alembic.script import ScriptDirectory
from sqlalchemy import text

from storage.db import SessionMaker
from storage.migrate import alembic_config

logger = logging.getLogger(__name__)
OK = "ok"
Probe = Callable[[], Awaitable[object]]


@dataclass
class ChannelHealth:
    """When each channel last had a successful API call (monotonic seconds)."""

    clock: Callable[[], float] = time.monotonic
    last_ok: dict[str, float] = field(default_factory=dict)

    def record(self, channel: str) -> None:
        self.last_ok[channel] = self.clock()

    def age(self, channel: str) -> float | None:
        at = self.last_ok.get(channel)
        return None if at is None else self.clock() - at

    def problem(self, channel: str, within: float) -> str:
        """OK, or what is wrong with the channel, for the /readyz body."""
        age = self.age(channel)
        if age is None:
            return "no successful API call yet"
        if age > within:
            return f"no successful API call in {age:.0f} s"
        return OK


@functools.cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def migration_head() -> str:
    return ",".join(sorted(_scripts().get_heads()))


async def database_problem(sessionmaker: SessionMaker, timeout: float) -> tuple[str, str]:
    """("ok" or the trouble, "ok" or how the schema stands against this code's head).

    Through a session, so on SQLite the check takes its turn like every other.
    """
    head = migration_head()

    async def read() -> str | None:
        async with sessionmaker() as session:
            connection = await session.connection()
            await connection.execute(text("SELECT 1"))
            try:
                rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
                return ",".join(sorted(str(r[0]) for r in rows)) or None
            except Exception:
                return None

    try:
        current = await asyncio.wait_for(read(), timeout)
    except TimeoutError:
        return f"no answer within {timeout:g} s", "unknown"
    except Exception as error:  # the kind of failure only: a message may carry the URL
        return f"unreachable ({type(error).__name__})", "unknown"
    if current == head:
        return OK, OK
    if current is None:
        return OK, f"not migrated: none < {head}"
    known = {r.revision for r in _scripts().walk_revisions()}
    if current in known:
        return OK, f"behind: {current} < {head}"
    return OK, f"unknown revision {current} (newer code?), head {head}"


async def probe_idle(
    health: ChannelHealth, probes: Mapping[str, Probe], every: float, stop: asyncio.Event
) -> None:
    """Call a channel's probe (a cheap API call such as getMe) when it has had no
    successful call for `every` seconds, so an idle webhook channel stays proven."""
    while not stop.is_set():
        for channel, probe in probes.items():
            age = health.age(channel)
            if age is None or age >= every:
                try:
                    await asyncio.wait_for(probe(), timeout=max(every, 5))
                except Exception as error:
                    logger.warning("%s health probe failed (%s)", channel, type(error).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
