"""Translating at the edge for the Zalo Bot Platform: an update (flat, or wrapped in
`{"ok": true, "result": ...}`) into an `Inbound`; a `Reply` into plain texts, buttons
as numbered lines ("1. label", or "a. label" where the question takes a typed number)
and a line saying which numbers or letters to answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.channels.zalo_common import TEXT_LIMIT, short_update_id, split_units
from handlers.io import FileKind, Inbound, IncomingFile, Reply, menu_key
from handlers.kit import format as fmt
from handlers.texts import Texts

CHANNEL = "zalo_bot"
Fetch = Callable[[str], Awaitable[bytes]]

TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER = "message.sticker.received"
VOICE = "message.voice.received"


def unwrap(body: Any) -> dict[str, Any] | None:
    """The update itself, from the flat webhook body or the documented envelope."""
    if isinstance(body, dict) and isinstance(body.get("result"), dict):
        body = body["result"]
    if isinstance(body, dict) and isinstance(body.get("message"), dict):
        return body
    return None


def update_key(update: dict[str, Any]) -> str | None:
    """`event_name:message_id`: Zalo gives no offsets, so a redelivery has the same key."""
    message_id = update["message"].get("message_id")
    if not message_id:
        return None
    return short_update_id(f"{update.get('event_name', '')}:{message_id}")


def chat_of(update: dict[str, Any]) -> tuple[str, str] | None:
    """(user id, chat id) of a private chat; None for groups and unreadable updates."""
    message = update["message"]
    sender, chat = message.get("from") or {}, message.get("chat") or {}
    if not isinstance(sender, dict) or not isinstance(chat, dict):
        return None
    if sender.get("is_bot") or str(chat.get("chat_type", "PRIVATE")).upper() != "PRIVATE":
        return None
    user_id = str(sender.get("id") or chat.get("id") or "")
    chat_id = str(chat.get("id") or user_id)
    return (user_id, chat_id) if user_id else None


def image_mime(data: bytes) -> str:
    """Zalo says only "photo": tell PNG and WebP from JPEG by their first bytes."""
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "image/jpeg"


async def photo(message: dict[str, Any], fetch: Fetch) -> IncomingFile:
    """The photo, downloaded at once (Zalo's media URLs expire)."""
    url = str(message.get("photo_url") or message.get("photo") or "")
    message_id = str(message.get("message_id", ""))
    try:
        data: bytes | None = await fetch(url) if url else None
    except OSError:
        data = None
    mime = image_mime(data) if data is not None else "image/jpeg"
    suffix = {"image/png": "png", "image/webp": "webp"}.get(mime, "jpg")

    async def download() -> bytes:
        if data is None:
            raise OSError("the photo could not be downloaded")
        return data

    return IncomingFile(
        kind=FileKind.PHOTO,
        file_id=f"zalo:{message_id}",
        name=f"photo_{message_id}.{suffix}",
        mime=mime,
        size=len(data) if data is not None else None,
        download=download,
    )


def unsupported(message_id: str) -> IncomingFile:
    """What Zalo could not show us: most likely a document. Flows take it as one and
    explain what to send instead; it is never downloaded."""

    async def download() -> bytes:
        raise OSError("Zalo does not pass documents to bots")

    return IncomingFile(FileKind.DOCUMENT, f"zalo:{message_id}", None, None, None, download)


async def to_inbound(update: dict[str, Any], fetch: Fetch) -> Inbound | None:
    """The one thing the person did, or None for what the bot does not handle."""
    who = chat_of(update)
    if who is None:
        return None
    user_id, chat_id = who
    message = update["message"]
    event = str(update.get("event_name") or "")
    base: dict[str, Any] = {"update_id": update_key(update)}
    if event == TEXT and isinstance(message.get("text"), str):
        return Inbound.from_text(CHANNEL, user_id, chat_id, message["text"], **base)
    if event == IMAGE:
        file = await photo(message, fetch)
        return Inbound(CHANNEL, user_id, chat_id, file=file, caption=message.get("caption"), **base)
    if event in (STICKER, VOICE):
        return Inbound(CHANNEL, user_id, chat_id, other=event.split(".")[1], **base)
    file = unsupported(str(message.get("message_id", "")))
    return Inbound(CHANNEL, user_id, chat_id, file=file, **base)


def numbered(reply: Reply, t: Texts) -> str:
    """The reply's text with its buttons as "1. label" lines and the numbers to answer."""
    buttons = reply.flat_buttons
    if not buttons:
        return reply.text
    keys = [menu_key(n, lettered=reply.lettered) for n in range(1, len(buttons) + 1)]
    lines = [f"{key}. {button.label}" for key, button in zip(keys, buttons, strict=True)]
    hint = t.ZALO_ANSWER_WITH.format(choices=fmt.choices(len(buttons), t, lettered=reply.lettered))
    return "\n\n".join(part for part in (reply.text, "\n".join(lines), hint) if part)


def texts_of(reply: Reply, t: Texts) -> list[str]:
    """The messages to send for one reply, each within Zalo's 2,000 units."""
    return [piece for piece in split_units(numbered(reply, t), TEXT_LIMIT) if piece.strip()]
