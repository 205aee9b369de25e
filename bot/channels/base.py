"""What every chat channel shares: the hooks the bot gives it, the cache of updates
already seen, and `deliver` (send replies to someone who wrote; log, never raise)."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, Protocol, TypeVar

from handlers.io import DeliveryError, RecipientBlocked, Reply

logger = logging.getLogger(__name__)
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
SEEN_LIMIT = 10_000

ApiCallHook = Callable[[str, str], None]  # (method, outcome), for metrics and readiness
BlockedHook = Callable[[str, bool], Awaitable[None]]  # (chat id, blocked)


def ignore_call(method: str, outcome: str) -> None:
    return None


class Recent(Generic[K, V]):
    """The last `limit` keys remembered, with a value each; the oldest are forgotten."""

    def __init__(self, limit: int = SEEN_LIMIT) -> None:
        self.limit = limit
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        return self._items.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def remember(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)


class SeenUpdates(Recent[str, None]):
    """Update ids already taken in this process: a redelivery is taken once."""

    def first_time(self, key: str) -> bool:
        """True, and the key remembered, unless it was seen before."""
        if key in self:
            return False
        self.remember(key, None)
        return True


class Sends(Protocol):
    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]: ...


async def deliver(
    channel: Sends,
    chat_id: str,
    replies: Sequence[Reply],
    *,
    label: str,
    failures: tuple[type[Exception], ...] = (DeliveryError,),
) -> None:
    """Send replies to a person who wrote to us; failures are logged, not raised."""
    try:
        await channel.send(chat_id, replies)
    except RecipientBlocked:
        logger.info("%s: chat %s blocked the bot", label, chat_id)
    except failures as error:
        logger.error("%s: sending to chat %s failed: %s", label, chat_id, error)
