"""Token buckets that pace sending under a channel's limits (messages per second in all,
and per chat). Shared by the live Telegram adapter and the outbox sender."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

State = TypeVar("State")
# Past this many keys, a pacer drops the state of the idle ones (a long-running sender
# meets many chats once).
MAX_KEYS = 10_000


class TokenBucket:
    """`rate` tokens a second, holding at most `burst`; `take` waits for a token.

    Waiters are served in arrival order, so a steady stream gets the full rate.
    """

    def __init__(
        self,
        rate: float,
        burst: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.sleep = sleep
        self.tokens = burst
        self.updated = clock()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def delay(self) -> float:
        """Seconds until a token is available (0 when one is)."""
        self._refill()
        # A token short by a rounding error is a token (else a wait too small to move the
        # clock could repeat forever).
        return 0.0 if self.tokens >= 1 - 1e-9 else (1 - self.tokens) / self.rate

    async def take(self) -> None:
        async with self._lock:
            while (wait := self.delay()) > 0:
                await self.sleep(wait)
            self.tokens -= 1

    def pause(self, seconds: float) -> None:
        """Empty the bucket for `seconds` (after a 429 with retry_after)."""
        self._refill()
        self.tokens = min(self.tokens, 1 - seconds * self.rate)


class PerKey(Generic[State]):
    """Each key's state, made by `make` on first use; `idle` tells which may be dropped."""

    def __init__(self, make: Callable[[], State], idle: Callable[[State], bool]) -> None:
        self.make = make
        self.idle = idle
        self.states: dict[Hashable, State] = {}

    def __getitem__(self, key: Hashable) -> State:
        state = self.states.get(key)
        if state is None:
            if len(self.states) > MAX_KEYS:
                for idle in [k for k, s in self.states.items() if self.idle(s)]:
                    del self.states[idle]
            state = self.states[key] = self.make()
        return state


class Pacer:
    """A global bucket and one bucket per chat (buckets of idle chats are dropped).

    Bursts default to 1: evenly spaced sends never exceed a limit counted over any
    sliding window, which is how a strict server counts.
    """

    def __init__(
        self,
        per_second: float,
        per_chat_per_second: float,
        chat_burst: float = 1,
        global_burst: float = 1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.global_bucket = TokenBucket(per_second, global_burst, clock, sleep)
        self.chats = PerKey(
            lambda: TokenBucket(per_chat_per_second, chat_burst, clock, sleep), _full
        )

    def chat_bucket(self, chat: Hashable) -> TokenBucket:
        return self.chats[chat]

    async def take(self, chat: Hashable) -> None:
        """Wait until both this chat and the channel as a whole may send one message."""
        await self.chat_bucket(chat).take()
        await self.global_bucket.take()


def _full(bucket: TokenBucket) -> bool:
    """A bucket that is full now is as good as a new one."""
    return bucket.delay() == 0 and bucket.tokens >= bucket.burst


class SlidingWindow:
    """At most `limit` messages in any `window` seconds, per key: how a strict server
    counts (Telegram's fake: 3 to a chat in any 3 s). A burst of `limit` goes at once;
    then one whenever the oldest leaves the window.

    A message counts from `take` until `window` seconds after its `done` (its answer came
    back): the server saw it at some moment in between, so no window the server counts
    holds more than `limit`, whatever the network's delays.
    """

    def __init__(
        self,
        limit: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be at least 1 and window positive")
        self.limit = limit
        self.window = window
        self.clock = clock
        self.sleep = sleep
        self.keys = PerKey(_Window, lambda w: w.idle(self.clock() - self.window))

    def _of(self, key: Hashable) -> _Window:
        return self.keys[key]

    def delay(self, key: Hashable) -> float | None:
        """Seconds until `key` may send (0: now; None: once a message in flight is done)."""
        state = self._of(key)
        now = self.clock()
        state.ends = [end for end in state.ends if end[0] > now - self.window + 1e-9]
        if len(state.ends) < self.limit:
            return 0.0
        oldest = min(end[0] for end in state.ends)
        return None if oldest == math.inf else oldest + self.window - now

    async def take(self, key: Hashable) -> Callable[[], None]:
        """Wait for room for one message to `key`; call what it returns once it was sent
        (or failed)."""
        state = self._of(key)
        async with state.lock:
            while (wait := self.delay(key)) != 0:
                if wait is None:
                    state.finished.clear()
                    await state.finished.wait()
                else:
                    await self.sleep(wait)
            end = [math.inf]
            state.ends.append(end)

        def done() -> None:
            end[0] = self.clock()
            state.finished.set()

        return done

    def pause(self, key: Hashable, seconds: float) -> None:
        """No message to `key` for `seconds` (after a 429 with retry_after)."""
        state = self._of(key)
        until = self.clock() + seconds - self.window
        state.ends.extend([until] for _ in range(self.limit))
        state.finished.set()


class _Window:
    """One key's messages: when each was done (inf while in flight)."""

    __slots__ = ("ends", "finished", "lock")

    def __init__(self) -> None:
        self.ends: list[list[float]] = []
        self.lock = asyncio.Lock()
        self.finished = asyncio.Event()

    def idle(self, before: float) -> bool:
        return not self.lock.locked() and all(end[0] <= before for end in self.ends)
