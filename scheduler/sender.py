"""The outbox sender: drains due rows channel by channel under each channel's limits.

A sender first claims a batch of rows (one conditional `UPDATE … RETURNING`; on
PostgreSQL the candidates are picked `FOR UPDATE SKIP LOCKED`), so two senders at once
(a leader that has not yet noticed it lost the lock, and the new one) never take the
same row. A claim is a lease: a sender that dies leaves its rows to be taken by another
once the lease ends; a live one renews it before sending when it runs short. Each row is
marked in its own short transaction right after its send, so a crash repeats at most the
messages in flight (at most `concurrency` per channel).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import select

from handlers.io import DeliveryError, OutsideWindow, RecipientBlocked, Sender
from handlers.outbound.payloads import from_payload
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
    urgent: bool = False


# The sender aims a little under a channel's limit, so that jitter on the way cannot push
# a one-second window at the server over it.
HEADROOM = 0.97


def pacer_for(config: SchedulerConfig, channel: str) -> Pacer:
    """A channel's pacer. Almost no burst in all (1.5 tokens, so a late wake-up is made up):
    no one-second window holds more than the limit."""
    rate = config.rate(channel)
    return Pacer(rate.per_second * HEADROOM, rate.per_chat, global_burst=1.5)


def sender_id() -> str:
    """Who claims rows: host, process and this sender (two in one process differ)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class Claim:
    """A batch of rows this sender holds until `until` (renewed while it works)."""

    ids: set[int]
    until: datetime
    lock: asyncio.Lock


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
        self.me = sender_id()
        self.lease = timedelta(seconds=config.lease_seconds)

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
        claim, due = await self._claim(channel, now)
        by_chat: dict[int, list[Due]] = defaultdict(list)
        for row in due:
            by_chat[row.chat_account_id].append(row)
        gate = asyncio.Semaphore(self.config.concurrency)
        try:
            await asyncio.gather(
                *(self._deliver_chat(channel, rows, gate, now, claim) for rows in by_chat.values())
            )
        finally:
            await self._release(claim)
        return len(due)

    def _pick(self, channel: str, now: datetime, dialect: str) -> Any:
        """The ids of the rows to claim: due, pending, not held by a live lease."""
        query = (
            select(Outbox.id)
            .join(ChatAccount, ChatAccount.id == Outbox.chat_account_id)
            .where(
                Outbox.status == OutboxStatus.PENDING,
                Outbox.not_before <= now,
                or_(Outbox.lease_until.is_(None), Outbox.lease_until <= now),
                ChatAccount.channel == channel,
            )
            .order_by(Outbox.urgent.desc(), Outbox.id)
            .limit(self.batch_size(channel))
        )
        if self.quiet.contains(now):
            query = query.where(Outbox.urgent)
        if dialect == "postgresql":  # rows another sender is claiming are skipped, not waited
            query = query.with_for_update(of=Outbox, skip_locked=True)
        return query.scalar_subquery()

    async def _claim(self, channel: str, now: datetime) -> tuple[Claim, list[Due]]:
        """Take a batch: one conditional UPDATE sets this sender's lease on due rows that
        no live lease holds, and returns them (SQLite runs it as one write transaction)."""
        until = now + self.lease
        async with self.sessionmaker() as session, session.begin():
            dialect = session.bind.dialect.name
            claimed = await session.exec(
                update(Outbox)
                .where(
                    Outbox.id.in_(self._pick(channel, now, dialect)),
                    Outbox.status == OutboxStatus.PENDING,
                    or_(Outbox.lease_until.is_(None), Outbox.lease_until <= now),
                )
                .values(claimed_by=self.me, lease_until=until)
                .returning(Outbox.id)
                .execution_options(synchronize_session=False)
            )
            ids = [row_id for (row_id,) in claimed.all()]
            rows = (
                await session.exec(
                    select(Outbox, ChatAccount.chat_id, ChatAccount.blocked)
                    .join(ChatAccount, ChatAccount.id == Outbox.chat_account_id)
                    .where(Outbox.id.in_(ids))
                )
            ).all()
        due = [
            Due(
                row.id or 0,
                row.chat_account_id,
                chat_id,
                blocked,
                row.attempts,
                row.payload,
                row.urgent,
            )
            for row, chat_id, blocked in rows
        ]
        due.sort(key=lambda d: (not d.urgent, d.id))
        return Claim({d.id for d in due}, until, asyncio.Lock()), due

    async def _hold(self, claim: Claim, row: Due) -> bool:
        """True while this sender still holds `row`: a lease with less than half its
        length left is renewed first (a row another sender took meanwhile is dropped)."""
        async with claim.lock:
            now = self.clock()
            if now < claim.until - self.lease / 2:
                return row.id in claim.ids
            until = now + self.lease
            async with self.sessionmaker() as session, session.begin():
                kept = await session.exec(
                    update(Outbox)
                    .where(
                        Outbox.id.in_(list(claim.ids)),
                        Outbox.claimed_by == self.me,
                        Outbox.status == OutboxStatus.PENDING,
                    )
                    .values(lease_until=until)
                    .returning(Outbox.id)
                    .execution_options(synchronize_session=False)
                )
                claim.ids = {row_id for (row_id,) in kept.all()}
            claim.until = until
            return row.id in claim.ids

    async def _release(self, claim: Claim) -> None:
        """Give back the rows of a batch not finished (a chat that must wait, a stop)."""
        if not claim.ids:
            return
        async with self.sessionmaker() as session, session.begin():
            await session.exec(
                update(Outbox)
                .where(
                    Outbox.id.in_(list(claim.ids)),
                    Outbox.claimed_by == self.me,
                    Outbox.lease_until.is_not(None),
                )
                .values(lease_until=None)
                .execution_options(synchronize_session=False)
            )

    async def _deliver_chat(
        self, channel: str, rows: list[Due], gate: asyncio.Semaphore, now: datetime, claim: Claim
    ) -> None:
        """A chat's rows in order, one at a time, so a digest's parts arrive in order."""
        for row in rows:
            async with gate:
                if not await self._hold(claim, row):
                    return
                delivered = await self._deliver(channel, row, now)
                claim.ids.discard(row.id)
                if not delivered:
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
        values["lease_until"] = None  # done with: a row to retry is free for any sender
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
