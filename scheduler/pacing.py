"""Token buckets that pace sending under a channel's limits (messages per second in all,
and per chat). Shared by the live Telegram adapter and the outbox sender."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Hashable


class TokenBucket:
    """`rate` tokens a second, holding at most `burst`; `take` waits for a token.

    Waiters are served in arrival order, so a steady stream gets the full rate.
    """

    def __init__(
        self, rate: float, burst: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = rate
        self.burst = burst
        self.clock = clock
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
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    async def take(self) -> None:
        async with self._lock:
            while (wait := self.delay()) > 0:
                await asyncio.sleep(wait)
            self.tokens -= 1

    def pause(self, seconds: float) -> None:
        """Empty the bucket for `seconds` (after a 429 with retry_after)."""
        self._refill()
        self.tokens = min(self.tokens, 1 - seconds * self.rate)


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
    ) -> None:
        self.global_bucket = TokenBucket(per_second, global_burst)
        self.per_chat = per_chat_per_second
        self.chat_burst = chat_burst
        self.chats: dict[Hashable, TokenBucket] = {}

    def chat_bucket(self, chat: Hashable) -> TokenBucket:
        bucket = self.chats.get(chat)
        if bucket is None:
            if len(self.chats) > 10_000:
                self._forget_idle()
            bucket = self.chats[chat] = TokenBucket(self.per_chat, self.chat_burst)
        return bucket

    def _forget_idle(self) -> None:
        for key in [k for k, b in self.chats.items() if b.delay() == 0 and b.tokens >= b.burst]:
            del self.chats[key]

    async def take(self, chat: Hashable) -> None:
        """Wait until both this chat and the channel as a whole may send one message."""
        await self.chat_bucket(chat).take()
        await self.global_bucket.take()
