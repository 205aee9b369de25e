"""What both Zalo adapters share: texts cut to Zalo's 2,000 UTF-16 units, update ids that
fit the dedupe table, media fetched at once, and the adapter's plumbing (`ZaloAdapter`)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from bot.channels.base import SeenUpdates, deliver
from bot.channels.retry import OrderedDispatcher
from handlers.io import Capabilities, DeliveryError, Inbound, Reply, split_text
from handlers.router import Router

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


@dataclass(frozen=True, kw_only=True)
class ZaloLimits:
    """What both Zalo channels' configs hold besides their credentials and addresses."""

    per_chat_per_second: float = 1
    chat_burst: float = 3
    language: str = "vi"
    max_file_bytes: int = 20 * 1024 * 1024
    max_in_flight: int = 32
    send_timeout: float = 30
    backoff_first_delay: float = 0.5
    rate_limit_wait: float = 1.0


class ZaloAdapter:
    """What both Zalo adapters do alike: one httpx client, updates queued per person and
    taken once, media fetched at once, replies delivered, edits sent as new messages."""

    name: str
    capabilities: Capabilities
    label: str  # how logs name the channel
    failures: tuple[type[Exception], ...] = (DeliveryError,)  # logged by `deliver`

    def __init__(self, router: Router, limits: ZaloLimits, http: httpx.AsyncClient | None) -> None:
        self.router = router
        self.http = http or httpx.AsyncClient(timeout=limits.send_timeout)
        self.dispatcher = OrderedDispatcher(limits.max_in_flight, "a Zalo update")
        self._seen = SeenUpdates()
        self._max_file_bytes = limits.max_file_bytes

    async def close(self) -> None:
        await self.dispatcher.drain()
        await self.http.aclose()

    async def _fetch(self, url: str) -> bytes:
        return await fetch_media(self.http, url, self._max_file_bytes)

    async def _answer(self, msg: Inbound | None) -> None:
        """Hand an update to the router and deliver its replies."""
        if msg is None:
            return
        replies = await self.router.handle(msg, self.capabilities)
        await self.deliver(msg.chat_id, replies)

    async def deliver(self, chat_id: str, replies: Sequence[Reply]) -> None:
        """Send replies to a person who wrote to us; failures are logged, not raised."""
        await deliver(self, chat_id, replies, label=self.label, failures=self.failures)

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        raise NotImplementedError

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Zalo cannot edit a message: the new text is sent instead."""
        await self.send(chat_id, [reply])
