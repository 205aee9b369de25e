"""Prometheus metrics of one bot process, in a registry of its own (never the global one).

Labels are only ever channel names, update kinds, flow names, API method names, outcomes
and outbox statuses: never a person id, name, phone, chat id or token.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest
from sqlalchemy import text

from handlers.io import Reply, Sender
from handlers.observing import UpdateInfo
from storage.db import SessionMaker

logger = logging.getLogger(__name__)
OUTCOMES = ("ok", "429", "403", "4xx", "5xx", "network")
METHOD = re.compile(r"^[A-Za-z][A-Za-z0-9_./-]{0,40}$")
SCRAPE_TIMEOUT = 3.0

OUTBOX_BY_STATUS = text(
    "SELECT a.channel, o.status, COUNT(*) FROM outbox o "
    "JOIN chat_account a ON a.id = o.chat_account_id GROUP BY a.channel, o.status"
)
OPEN_CONVERSATIONS = text("SELECT COUNT(*) FROM conversation_state WHERE flow IS NOT NULL")


def outcome_of_status(status: int) -> str:
    """The outcome label of an HTTP(-like) status code."""
    if 200 <= status < 300:
        return "ok"
    if status in (429, 403):
        return str(status)
    return "5xx" if status >= 500 else "4xx"


class Metrics:
    """The counters the bot updates as it goes, and the gauges read at scrape time."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.updates = Counter(
            "bot_updates", "Updates handled, by channel and kind.", ["channel", "kind"], registry=r
        )
        self.handling = Histogram(
            "bot_update_handling_seconds",
            "Time to handle one update (database work included, sending excluded).",
            ["channel"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=r,
        )
        self.errors = Counter(
            "bot_update_errors", "Updates that failed, by flow.", ["flow"], registry=r
        )
        self.api_calls = Counter(
            "bot_api_calls",
            "Calls to the chat platforms' APIs, by channel, method and outcome.",
            ["channel", "method", "outcome"],
            registry=r,
        )
        self.sent = Counter(
            "bot_outbox_sent_messages",
            "Messages sent by the scheduler's outbox sender, by channel.",
            ["channel"],
            registry=r,
        )
        self.outbox = Gauge(
            "bot_outbox_rows",
            "Outbox rows by channel and status.",
            ["channel", "status"],
            registry=r,
        )
        self.open_conversations = Gauge(
            "bot_open_conversations", "Conversations in the middle of a flow.", registry=r
        )
        self.leader = Gauge(
            "bot_scheduler_leader",
            "1 while this process runs the scheduler and sender.",
            registry=r,
        )
        self.database_up = Gauge(
            "bot_metrics_database_up",
            "1 when the database answered the last scrape's queries in time.",
            registry=r,
        )
        self.leading: Callable[[], bool] = lambda: False
        self.leader.set_function(lambda: 1.0 if self.leading() else 0.0)

    # -- as the bot goes -------------------------------------------------------------------

    def handled(self, info: UpdateInfo, seconds: float) -> None:
        """An `UpdateObserver`: the router tells of every update it handled."""
        self.updates.labels(info.channel, info.kind).inc()
        self.handling.labels(info.channel).observe(seconds)
        if info.failed:
            self.errors.labels(info.flow or "none").inc()

    def api_call(self, channel: str, method: str, outcome: str) -> None:
        method = method if METHOD.match(method) else "other"
        self.api_calls.labels(channel, method, outcome).inc()

    # -- at scrape time --------------------------------------------------------------------

    async def refresh(self, sessionmaker: SessionMaker, timeout: float = SCRAPE_TIMEOUT) -> None:
        """Read the outbox and conversation counts (cheap GROUP BYs), within `timeout`."""
        try:
            outbox, open_count = await asyncio.wait_for(self._read(sessionmaker), timeout)
        except Exception as error:  # a scrape never fails for the database's sake
            logger.warning("metrics: database not read (%s)", type(error).__name__)
            self.database_up.set(0)
            return
        self.database_up.set(1)
        self.outbox.clear()
        for channel, status, count in outbox:
            self.outbox.labels(channel, status).set(count)
        self.open_conversations.set(open_count)

    @staticmethod
    async def _read(sessionmaker: SessionMaker) -> tuple[list[tuple[str, str, int]], int]:
        async with sessionmaker() as session:
            connection = await session.connection()
            rows = (await connection.execute(OUTBOX_BY_STATUS)).all()
            open_count = (await connection.execute(OPEN_CONVERSATIONS)).scalar_one()
        return [(str(c), str(s), int(n)) for c, s, n in rows], int(open_count)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class CountingSender:
    """A channel's `Sender` as the scheduler sees it: every message delivered is counted."""

    def __init__(self, inner: Sender, metrics: Metrics) -> None:
        self.inner = inner
        self.metrics = metrics
        self.name = inner.name
        self.capabilities = inner.capabilities

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        ids = await self.inner.send(chat_id, replies)
        self.metrics.sent.labels(self.name).inc(len(replies))
        return ids

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        await self.inner.edit(chat_id, message_id, reply)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
