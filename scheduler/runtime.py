"""Running the scheduler and the sender inside a process: `start(...)` returns a handle
whose `stop()` ends them cleanly. Every process may call it; only the leader (the holder
of the PostgreSQL advisory lock; on SQLite, the one process) actually runs them, and
another takes over within `leader_poll_seconds` when the leader dies."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from handlers.io import Sender
from scheduler.config import SchedulerConfig
from scheduler.leader import Leadership, leadership_for
from scheduler.runner import Runner
from scheduler.sender import OutboxSender
from storage.db import SessionMaker
from storage.types import utcnow

logger = logging.getLogger(__name__)


@dataclass
class SchedulerHandle:
    """What `start` returns: `leading` is set while this process runs the jobs."""

    stop_event: asyncio.Event = field(default_factory=asyncio.Event)
    leading: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    runner: Runner | None = None

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
    handle.task = asyncio.create_task(
        _supervise(handle, leadership, sessionmaker, config, dict(senders), clock)
    )
    return handle


async def _supervise(
    handle: SchedulerHandle,
    leadership: Leadership,
    sessionmaker: SessionMaker,
    config: SchedulerConfig,
    senders: dict[str, Sender],
    clock: Callable[[], datetime],
) -> None:
    try:
        while not handle.stop_event.is_set():
            if await leadership.try_acquire():
                await _lead(handle, leadership, sessionmaker, config, senders, clock)
            else:
                await _pause(handle.stop_event, config.leader_poll_seconds)
    finally:
        await leadership.release()


async def _lead(
    handle: SchedulerHandle,
    leadership: Leadership,
    sessionmaker: SessionMaker,
    config: SchedulerConfig,
    senders: dict[str, Sender],
    clock: Callable[[], datetime],
) -> None:
    """Run the jobs and the sender until asked to stop or the lock is lost."""
    logger.info("leader: running the scheduler and the sender")
    sender = OutboxSender(sessionmaker, senders, config, clock)
    runner = handle.runner = Runner(sessionmaker, config, sender, clock)
    sender_stop = asyncio.Event()
    sender_task = asyncio.create_task(sender.run(sender_stop))
    handle.leading.set()
    try:
        await runner.start()
        while not handle.stop_event.is_set():
            await _pause(handle.stop_event, config.leader_poll_seconds)
            if not await leadership.still_held():
                logger.warning("leader lock lost: stopping the scheduler and the sender")
                break
    except Exception:
        logger.exception("scheduler failed; trying again")
        await _pause(handle.stop_event, config.leader_poll_seconds)
    finally:
        handle.leading.clear()
        runner.shutdown()
        sender_stop.set()
        await sender_task


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
