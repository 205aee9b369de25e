"""Running the scheduler and the sender inside a process: `start(...)` returns a handle
whose `stop()` ends them cleanly. Every process may call it; only the leader (the holder
of the PostgreSQL advisory lock, or on SQLite of a lock file next to the database)
actually runs them, and another takes over within `leader_poll_seconds` when the leader
dies.

A process may lead only if it can send on every channel people are linked on: one that
lacks a channel's credentials (a console chat beside the running bot, a scheduler started
before Zalo was set up) would leave that channel's messages, and the reports of admins
on it, unsent. It does not compete for the lock, and a leader that finds a channel it
cannot serve (someone just linked on it) steps down. The console channel does not count:
it prints in the terminal of the process that runs it, and no other process can reach it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import select

from handlers.io import Sender
from scheduler.config import SchedulerConfig
from scheduler.leader import Leadership, leadership_for
from scheduler.runner import Runner
from scheduler.sender import OutboxSender
from storage.db import SessionMaker
from storage.models import ChatAccount
from storage.types import utcnow

logger = logging.getLogger(__name__)
# Channels that only the process running them can deliver on.
LOCAL_CHANNELS = frozenset({"console"})


@dataclass
class SchedulerHandle:
    """What `start` returns: `leading` is set while this process runs the jobs."""

    stop_event: asyncio.Event = field(default_factory=asyncio.Event)
    leading: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    runner: Runner | None = None
    missing: frozenset[str] = frozenset()

    async def stop(self) -> None:
        """Stop the jobs and the sender, release the lock; waits for messages in flight."""
        self.stop_event.set()
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self.task


async def start(
    sessionmaker: SessionMaker,
    *,
    database_url: str,
    config: SchedulerConfig,
    senders: Mapping[str, Sender],
    clock: Callable[[], datetime] = utcnow,
) -> SchedulerHandle:
    """Start competing for leadership; the leader runs the APScheduler jobs and the sender.

    `senders` maps a channel name ("telegram", "zalo_bot", "console") to its `Sender`.
    """
    handle = SchedulerHandle()
    leadership = leadership_for(database_url, config.lock_key)
    contender = _Contender(handle, leadership, sessionmaker, config, dict(senders), clock)
    handle.task = asyncio.create_task(contender.supervise())
    return handle


async def missing_channels(sessionmaker: SessionMaker, channels: Iterable[str]) -> frozenset[str]:
    """Channels people are linked on (and consented) that `channels` do not cover."""
    async with sessionmaker() as session:
        used = await session.exec(
            select(ChatAccount.channel)
            .where(ChatAccount.person_id.is_not(None), ChatAccount.consent_at.is_not(None))
            .distinct()
        )
        return frozenset(used.all()) - LOCAL_CHANNELS - frozenset(channels)


@dataclass
class _Contender:
    """One process competing for leadership, and running the jobs while it leads."""

    handle: SchedulerHandle
    leadership: Leadership
    sessionmaker: SessionMaker
    config: SchedulerConfig
    senders: dict[str, Sender]
    clock: Callable[[], datetime]

    async def supervise(self) -> None:
        handle, leadership = self.handle, self.leadership
        try:
            while not handle.stop_event.is_set():
                if await self.may_lead() and await leadership.try_acquire():
                    await self.lead()
                    await leadership.release()
                if not handle.stop_event.is_set():
                    await _pause(handle.stop_event, self.config.leader_poll_seconds)
        finally:
            await leadership.release()

    async def may_lead(self) -> bool:
        """False (said once in the log) while this process lacks a channel people are on."""
        try:
            missing = await missing_channels(self.sessionmaker, self.senders)
        except Exception as error:  # the database is away: try again at the next poll
            logger.warning("leader check: cannot read the channels (%s)", type(error).__name__)
            return False
        if missing and missing != self.handle.missing:
            logger.warning(
                "not running the scheduler here: no credentials for %s, where people are "
                "linked; the process that has them sends",
                ", ".join(sorted(missing)),
            )
        self.handle.missing = missing
        return not missing

    async def lead(self) -> None:
        """Run the jobs and the sender until asked to stop or the lock is lost."""
        handle, config = self.handle, self.config
        logger.info("leader: running the scheduler and the sender")
        sender = OutboxSender(self.sessionmaker, self.senders, config, self.clock)
        runner = handle.runner = Runner(self.sessionmaker, config, sender, self.clock)
        sender_stop = asyncio.Event()
        sender_task = asyncio.create_task(sender.run(sender_stop))
        handle.leading.set()
        try:
            await runner.start()
            while not handle.stop_event.is_set():
                await _pause(handle.stop_event, config.leader_poll_seconds)
                if not await self.leadership.still_held():
                    logger.warning("leader lock lost: stopping the scheduler and the sender")
                    break
                if not handle.stop_event.is_set() and not await self.may_lead():
                    break
        except Exception:
            logger.exception("scheduler failed; trying again")
        finally:
            handle.leading.clear()
            runner.shutdown()
            sender_stop.set()
            await sender_task


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
