"""What both Zalo adapters share: texts cut to Zalo's 2,000 UTF-16 units, update ids that
fit the dedupe table, and media fetched at once."""

from __future__ import annotations

import hashlib

import httpx

from handlers.io import split_text

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
