"""Retrying and ordering, once for every channel: `Backoff` for calls worth trying
again, `PersonOrder` and `OrderedDispatcher` for handling updates of different people
concurrently while each person's updates stay in the order they came."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx

logger = logging.getLogger(__name__)
T = TypeVar("T")
Errors = tuple[type[BaseException], ...]


class ServerError(Exception):
    """A 5xx answer: worth trying again."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


def outcome_of(error: BaseException, refusals: dict[int, str] | None = None) -> str:
    """The outcome label of a failed call: network, 5xx, 429, 403 or 4xx."""
    if isinstance(error, httpx.HTTPError):
        return "network"
    if isinstance(error, ServerError):
        return "5xx"
    code = getattr(error, "code", None)
    if not isinstance(code, int):
        return "4xx"
    if refusals and code in refusals:
        return refusals[code]
    return str(code) if code in (429, 403) else "5xx" if code >= 500 else "4xx"


@dataclass
class Backoff:
    """Retries the errors in `retry_on` (network errors, timeouts and 5xx answers by
    default), except those in `never_on`: `tries` attempts, doubling delays."""

    tries: int = 4
    first_delay: float = 0.5
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep)
    retry_on: Errors = (httpx.TransportError, ServerError)
    never_on: Errors = ()

    async def run(self, call: Callable[[], Awaitable[T]], what: str = "API call") -> T:
        delay = self.first_delay
        for attempt in range(1, self.tries + 1):
            try:
                return await call()
            except self.never_on:
                raise
            except self.retry_on as error:
                if attempt == self.tries:
                    raise
                kind = type(error).__name__
                logger.warning("%s: %s, try %d of %d", what, kind, attempt, self.tries)
                await self.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")


class _Queue:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class PersonOrder:
    """Jobs of different people run concurrently, at most `max_in_flight` at once; one
    person's jobs run one after another in the order they were started.

    Each job queues on its person's lock (asyncio locks are FIFO) before taking one of
    the slots, so a waiting person never holds a slot."""

    def __init__(self, max_in_flight: int) -> None:
        self.max_in_flight = max_in_flight
        self._slots = asyncio.Semaphore(max_in_flight)
        self._queues: dict[Hashable, _Queue] = {}

    async def run(self, key: Hashable, job: Awaitable[None]) -> None:
        queue = self._queues.setdefault(key, _Queue())
        queue.users += 1
        try:
            async with queue.lock, self._slots:
                await job
        finally:
            queue.users -= 1
            if queue.users == 0:
                self._queues.pop(key, None)


class OrderedDispatcher:
    """Runs jobs in the background in `PersonOrder`, each started as a task in arrival
    order; a job that fails is logged."""

    def __init__(self, max_in_flight: int = 32, label: str = "an update") -> None:
        self._order = PersonOrder(max_in_flight)
        self._tasks: set[asyncio.Task[None]] = set()
        self._label = label

    def submit(self, key: Hashable, job: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.get_running_loop().create_task(self._run(key, job))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, key: Hashable, job: Callable[[], Awaitable[None]]) -> None:
        try:
            await self._order.run(key, job())
        except Exception:
            logger.exception("%s failed", self._label)

    @property
    def busy(self) -> int:
        return len(self._tasks)

    async def drain(self) -> None:
        """Wait until every job in hand is finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
