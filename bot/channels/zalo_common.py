"""What both Zalo adapters share: texts cut to Zalo's 2,000 UTF-16 units, retries with
backoff, media fetched at once, and updates of one person handled in order."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx

from handlers.io import split_text

logger = logging.getLogger(__name__)
T = TypeVar("T")
TEXT_LIMIT = 2000
UPDATE_ID_LIMIT = 64  # processed_update.update_id


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_units(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Pieces of at most `limit` UTF-16 units (emoji count two), cut on line breaks."""
    return [part for piece in split_text(text, limit) for part in _fit(piece, limit)]


def _fit(piece: str, limit: int) -> list[str]:
    """Cut a piece of at most `limit` characters again until it fits in `limit` units."""
    excess = utf16_units(piece) - limit
    if excess <= 0:
        return [piece]
    shorter = max(1, len(piece) - excess)
    return [part for cut in split_text(piece, shorter) for part in _fit(cut, limit)]


def short_update_id(key: str) -> str:
    """An update id that fits the dedupe table; long keys are hashed."""
    if len(key) <= UPDATE_ID_LIMIT:
        return key
    return "h:" + hashlib.sha256(key.encode()).hexdigest()[: UPDATE_ID_LIMIT - 2]


class ServerError(Exception):
    """A 5xx answer: worth trying again."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


ApiCallHook = Callable[[str, str], None]  # (method, outcome), for metrics and readiness


def ignore_call(method: str, outcome: str) -> None:
    return None


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
    """Retries network errors, timeouts and 5xx answers: `tries` attempts, doubling delays."""

    tries: int = 4
    first_delay: float = 0.5
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep)

    async def run(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        delay = self.first_delay
        for attempt in range(1, self.tries + 1):
            try:
                return await call()
            except (httpx.TransportError, ServerError) as error:
                if attempt == self.tries:
                    raise
                kind = type(error).__name__
                logger.warning("%s: %s, try %d of %d", what, kind, attempt, self.tries)
                await self.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")


async def fetch_media(client: httpx.AsyncClient, url: str, max_bytes: int) -> bytes:
    """The bytes behind a public media URL (Zalo's expire: fetch at once); OSError when
    it cannot be had or is larger than `max_bytes`."""
    try:
        async with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise OSError(f"media answered HTTP {response.status_code}")
            data = bytearray()
            async for chunk in response.aiter_bytes():
                data.extend(chunk)
                if len(data) > max_bytes:
                    raise OSError("media larger than the limit")
            return bytes(data)
    except httpx.HTTPError as error:
        raise OSError(f"media download failed: {type(error).__name__}") from error


class _Queue:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class OrderedDispatcher:
    """Runs jobs in the background: different people's concurrently (at most
    `max_in_flight`), one person's one after another in the order they came.

    Each job is a task started in arrival order; it queues on its person's lock (asyncio
    locks are FIFO) before taking a slot, so a waiting person never holds a slot.
    """

    def __init__(self, max_in_flight: int = 32) -> None:
        self._slots = asyncio.Semaphore(max_in_flight)
        self._queues: dict[Hashable, _Queue] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(self, key: Hashable, job: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.get_running_loop().create_task(self._run(key, job))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, key: Hashable, job: Callable[[], Awaitable[None]]) -> None:
        queue = self._queues.setdefault(key, _Queue())
        queue.users += 1
        try:
            async with queue.lock, self._slots:
                await job()
        except Exception:
            logger.exception("a Zalo update failed")
        finally:
            queue.users -= 1
            if queue.users == 0:
                self._queues.pop(key, None)

    @property
    def busy(self) -> int:
        return len(self._tasks)

    async def drain(self) -> None:
        """Wait until every job in hand is finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
