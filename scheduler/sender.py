"""The outbox sender: drains due rows channel by channel under each channel's limits.

Each row is marked in its own short transaction right after its send, so a crash
repeats at most the messages in flight (at most `concurrency` per channel).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import select

from handlers.io import DeliveryError, OutsideWindow, RecipientBlocked, Sender
from handlers.outgoing import from_payload
from scheduler.config import SchedulerConfig
from scheduler.pacing import Pacer
from storage.db import SessionMaker
from storage.files import FileStore
from storage.models import ChatAccount, Outbox, OutboxStatus
from storage.types import utcnow

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class Due:
    """One row to deliver and where it goes."""

    id: int
    chat_account_id: int
    chat_id: str
    blocked: bool
    attempts: int
    payload: dict[str, Any]


# The sender aims a little under a channel's limit, so that jitter on the way cannot push
# a one-second window at the server over it.
HEADROOM = 0.97


def pacer_for(config: SchedulerConfig, channel: str) -> Pacer:
    """A channel's pacer. Almost no burst in all (1.5 tokens, so a late wake-up is made up):
    no one-second window holds more than the limit."""
    rate = config.rate(channel)
    return Pacer(rate.per_second * HEADROOM, rate.per_chat, global_burst=1.5)


def retry_after(exc: BaseException) -> float | None:
    """Seconds to wait when a channel asked to (our `RetryLater`, or a library's own 429
    error carrying `retry_after` as seconds or a timedelta)."""
    value = getattr(exc, "retry_after", None)
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value) if isinstance(value, int | float) else None


class OutboxSender:
    """Sends outbox rows through the registered channel senders, one pacer per channel."""

    def __init__(
        self,
        sessionmaker: SessionMaker,
        senders: Mapping[str, Sender],
        config: SchedulerConfig,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.senders = dict(senders)
        self.config = config
        self.clock = clock
        self.files = FileStore(config.files_dir)
        self.quiet = config.quiet
        self.pacers = {name: pacer_for(config, name) for name in self.senders}
        self.wake = asyncio.Event()

    def batch_size(self, channel: str) -> int:
        """About two seconds of sending: small enough that a cancel takes effect soon."""
        return max(self.config.concurrency * 2, int(self.config.rate(channel).per_second * 2))

    async def drain(self, now: datetime | None = None) -> int:
        """One batch on every channel; returns how many rows were handled."""
        counts = await asyncio.gather(*(self.drain_channel(ch, now) for ch in self.senders))
        return sum(counts)

    async def drain_all(self, now: datetime | None = None) -> int:
        """Batches until nothing is due at `now` (tests and catch-up)."""
        total = 0
        while handled := await self.drain(now):
            total += handled
        return total

    async def drain_channel(self, channel: str, now: datetime | None = None) -> int:
        now = now or self.clock()
        due = await self._due(channel, now)
        by_chat: dict[int, list[Due]] = defaultdict(list)
        for row in due:
            by_chat[row.chat_account_id].append(row)
        gate = asyncio.Semaphore(self.config.concurrency)
        await asyncio.gather(
            *(self._deliver_chat(channel, rows, gate, now) for rows in by_chat.values())
        )
        return len(due)

    async def _due(self, channel: str, now: datetime) -> list[Due]:
        query = (
            select(Outbox, ChatAccount.chat_id, ChatAccount.blocked)
            .join(ChatAccount, ChatAccount.id == Outbox.chat_account_id)
            .where(
                Outbox.status == OutboxStatus.PENDING,
                Outbox.not_before <= now,
                ChatAccount.channel == channel,
            )
            .order_by(Outbox.urgent.desc(), Outbox.id)
            .limit(self.batch_size(channel))
        )
        if self.quiet.contains(now):
            query = query.where(Outbox.urgent)
        async with self.sessionmaker() as session:
            rows = (await session.exec(query)).all()
        return [
            Due(row.id or 0, row.chat_account_id, chat_id, blocked, row.attempts, row.payload)
            for row, chat_id, blocked in rows
        ]

    async def _deliver_chat(
        self, channel: str, rows: list[Due], gate: asyncio.Semaphore, now: datetime
    ) -> None:
        """A chat's rows in order, one at a time, so a digest's parts arrive in order."""
        for row in rows:
            async with gate:
                if not await self._deliver(channel, row, now):
                    return

    async def _deliver(self, channel: str, row: Due, now: datetime) -> bool:
        """Send one row and record the outcome; False when the chat's later rows must wait."""
        if row.blocked:
            await self._mark(row, status=OutboxStatus.BLOCKED, last_error="account blocked")
            return True
        try:
            reply = from_payload(row.payload, self.files)
            await self.pacers[channel].take(row.chat_id)
            ids = await self.senders[channel].send(row.chat_id, [reply])
        except RecipientBlocked as exc:
            await self._mark(row, status=OutboxStatus.BLOCKED, last_error=str(exc), block=True)
            return True
        except OutsideWindow as exc:
            await self._mark(row, status=OutboxStatus.UNREACHABLE, last_error=str(exc))
            return True
        except (DeliveryError, OSError, Exception) as exc:  # the sender's error boundary
            if (seconds := retry_after(exc)) is not None:
                await self._wait_out(channel, row, seconds, now, exc)
                return False
            logger.warning("outbox row %s on %s failed: %s", row.id, channel, type(exc).__name__)
            await self._failed(row, exc, now)
            return False
        await self._mark(row, status=OutboxStatus.SENT, message_id=ids[0] if ids else None)
        return True

    async def _wait_out(
        self, channel: str, row: Due, seconds: float, now: datetime, exc: BaseException
    ) -> None:
        """A 429: the whole channel pauses; the row waits, no try is counted."""
        self.pacers[channel].global_bucket.pause(seconds)
        wait = timedelta(seconds=seconds)
        await self._mark(row, not_before=now + wait, last_error=f"retry after {seconds:g}s")

    async def _failed(self, row: Due, exc: BaseException, now: datetime) -> None:
        attempts = row.attempts + 1
        error = f"{type(exc).__name__}: {exc}"[:500]
        if attempts >= self.config.max_attempts:
            await self._mark(row, status=OutboxStatus.FAILED, attempts=attempts, last_error=error)
            return
        backoff = timedelta(seconds=self.config.retry_seconds * 2 ** (attempts - 1))
        await self._mark(
            row, attempts=attempts, last_error=error, not_before=now + min(backoff, MAX_BACKOFF)
        )

    async def _mark(self, row: Due, *, block: bool = False, **values: Any) -> None:
        if values.get("status") == OutboxStatus.SENT:
            values["sent_at"] = self.clock()
        async with self.sessionmaker() as session, session.begin():
            await session.exec(
                update(Outbox)
                .where(Outbox.id == row.id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if block:
                await session.exec(
                    update(ChatAccount)
                    .where(ChatAccount.id == row.chat_account_id)
                    .values(blocked=True)
                    .execution_options(synchronize_session=False)
                )

    async def run(self, stop: asyncio.Event) -> None:
        """Drain every channel until `stop` is set; idle channels wait for a nudge or a poll."""
        await asyncio.gather(*(self._run_channel(ch, stop) for ch in self.senders))

    async def _run_channel(self, channel: str, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                handled = await self.drain_channel(channel)
            except Exception:
                logger.exception("sender pass on %s failed", channel)
                handled = 0
            if not handled:
                await _wait_any(stop, self.wake, self.config.poll_seconds)
                self.wake.clear()


async def _wait_any(stop: asyncio.Event, wake: asyncio.Event, timeout: float) -> None:
    waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(wake.wait())]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in waiters:
            task.cancel()
