"""Telegram good manners: pacing every message under the Bot API's limits, waiting out
429s, retrying network errors with backoff, and handling updates of different people
concurrently while each person's updates stay in the order they came.

A reply to a person's own action (sent while handling their update) goes out at once: a
chat may take a short burst (`chat_burst` messages in any `chat_burst` seconds, so about
one a second after it). Bulk sends (reminders, broadcasts, digests: everything sent
outside an update) keep their even pacing per chat as well, and count in the same window.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter, BaseUpdateProcessor

from bot.channels.retry import Backoff, PersonOrder
from scheduler.pacing import Pacer, SlidingWindow

logger = logging.getLogger(__name__)
os.environ.setdefault("PTB_TIMEDELTA", "true")  # RetryAfter.retry_after as a timedelta

# Calls that put a message in a chat and count against Telegram's flood limits.
MESSAGE_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "editmessagetext",
        "editmessagereplymarkup",
        "editmessagecaption",
        "copymessage",
        "forwardmessage",
    }
)


# Set while an update is handled: the messages sent then answer the person's own action.
_DIRECT = ContextVar("telegram_direct_reply", default=False)


@contextlib.contextmanager
def direct_replies() -> Iterator[None]:
    """Messages sent inside are replies to the update in hand (not paced like bulk)."""
    token = _DIRECT.set(True)
    try:
        yield
    finally:
        _DIRECT.reset(token)


def seconds_of(error: RetryAfter) -> float:
    value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class PacedRateLimiter(BaseRateLimiter[None]):
    """Before each message: room in its chat's window (`chats`), a token of the chat's
    even pace unless it is a direct reply, and a token of the global pace. On a 429 the
    chat (or everything) waits `retry_after`, and the call is tried again."""

    def __init__(self, pacer: Pacer, chats: SlidingWindow, max_retries: int = 5) -> None:
        self.pacer = pacer
        self.chats = chats
        self.max_retries = max_retries

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def _take(self, chat: Any) -> Callable[[], None]:
        if chat is None:
            await self.pacer.global_bucket.take()
            return lambda: None
        if not _DIRECT.get():
            await self.pacer.chat_bucket(chat).take()
        done = await self.chats.take(chat)
        await self.pacer.global_bucket.take()
        return done

    async def process_request(
        self,
        callback: Callable[..., Awaitable[Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> Any:
        paced = endpoint.lower() in MESSAGE_METHODS
        chat = data.get("chat_id")
        for attempt in range(self.max_retries + 1):
            done = await self._take(chat) if paced else (lambda: None)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == self.max_retries:
                    raise
                wait = seconds_of(error)
                logger.warning("429 on %s for chat %s: waiting %.1f s", endpoint, chat, wait)
                if chat is not None:
                    self.pacer.chat_bucket(chat).pause(wait)
                    self.chats.pause(chat, wait)
                else:
                    self.pacer.global_bucket.pause(wait)
                if not paced:
                    await asyncio.sleep(wait)
            finally:
                done()
        raise AssertionError("unreachable")


def telegram_backoff(first_delay: float = 0.5) -> Backoff:
    """Retries for network errors and 5xx answers; a bad request is never tried again."""
    return Backoff(first_delay=first_delay, retry_on=(NetworkError,), never_on=(BadRequest,))


class OrderedPerPersonProcessor(BaseUpdateProcessor):
    """Updates of different people run concurrently, at most `max_in_flight` at once;
    one person's updates run one after another in the order they arrived.

    PTB starts one task per update in arrival order and calls `do_process_update` from it;
    the tasks run in `PersonOrder`.
    """

    def __init__(self, max_in_flight: int, max_queued: int = 4096) -> None:
        super().__init__(max_queued)
        self.max_in_flight = max_in_flight
        self._order = PersonOrder(max_in_flight)

    @staticmethod
    def person_of(update: object) -> object:
        if isinstance(update, Update):
            if update.effective_user is not None:
                return ("user", update.effective_user.id)
            if update.effective_chat is not None:
                return ("chat", update.effective_chat.id)
        return ("update", id(update))

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await self._order.run(self.person_of(update), coroutine)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
