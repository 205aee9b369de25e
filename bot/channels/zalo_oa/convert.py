"""Translating at the edge for a Zalo Official Account: webhook events (checked by their
`X-ZEvent-Signature` first) into `Inbound`s; `Reply`s into consultation messages with
query buttons whose payloads come back, prefixed, as the person's text."""

from __future__ import annotations

import hashlib
import hmac
import mimetypes
from collections.abc import Awaitable, Callable
from typing import Any

from bot.channels.zalo_bot.convert import image_mime
from bot.channels.zalo_common import TEXT_LIMIT, short_update_id, split_units
from handlers.io import Button, FileKind, Inbound, IncomingFile, Location, Reply, SharedContact
from handlers.texts import Texts

CHANNEL = "zalo_oa"
QUERY_PREFIX = "#q:"  # tells a button tap from a person typing the same words
MAX_BUTTONS = 5  # [?] per message; more go on follow-up messages
TITLE_LIMIT = 100  # [?]
PAYLOAD_LIMIT = 1000  # [?]
MORE = "…"
USER_EVENTS = {
    "user_send_text",
    "user_send_image",
    "user_send_file",
    "user_send_sticker",
    "user_send_gif",
    "user_send_audio",
    "user_send_video",
    "user_send_link",
    "user_send_location",
    "user_submit_info",
    "follow",
}
Fetch = Callable[[str], Awaitable[bytes]]


def signature_ok(app_id: str, body: bytes, timestamp: str, key: str, header: str | None) -> bool:
    """`mac = sha256_hex(app_id + raw body + timestamp + OA secret key)`, compared in
    constant time; the header may carry a "mac=" prefix [?]."""
    if not header or not key:
        return False
    given = header.strip().removeprefix("mac=")
    raw = app_id.encode() + body + timestamp.encode() + key.encode()
    return hmac.compare_digest(given.encode(), hashlib.sha256(raw).hexdigest().encode())


def user_of(event: dict[str, Any]) -> str | None:
    """The person behind an event: the sender, or the follower of a (un)follow."""
    who = event.get("sender") or event.get("follower") or event.get("user") or {}
    if not isinstance(who, dict):
        return None
    user_id = who.get("id")
    return str(user_id) if user_id else None


def event_key(event: dict[str, Any], user_id: str) -> str:
    """Redeliveries (Zalo retries at 30 s, 5, 15... min) carry the same key."""
    name = str(event.get("event_name", ""))
    message = event.get("message")
    message_id = message.get("msg_id") if isinstance(message, dict) else None
    tail = message_id or f"{user_id}:{event.get('timestamp', '')}"
    return short_update_id(f"{name}:{tail}")


def _attachment(event: dict[str, Any]) -> dict[str, Any]:
    attachments = (event.get("message") or {}).get("attachments") or [{}]
    first = attachments[0] if isinstance(attachments[0], dict) else {}
    return first.get("payload") or {}


async def _file(
    event: dict[str, Any], kind: FileKind, fetch: Fetch, max_bytes: int
) -> IncomingFile:
    """The file, downloaded at once unless it says it is too large."""
    payload = _attachment(event)
    url, size = str(payload.get("url") or ""), payload.get("size")
    declared = int(size) if str(size or "").isdigit() else None
    data: bytes | None = None
    if url and (declared is None or declared <= max_bytes):
        try:
            data = await fetch(url)
        except OSError:
            data = None
    name = payload.get("name") or None
    if kind is FileKind.PHOTO:
        mime = image_mime(data or b"")
        name = name or f"photo_{(event.get('message') or {}).get('msg_id', '')}.jpg"
    else:
        mime = payload.get("type") if "/" in str(payload.get("type")) else None
        mime = mime or mimetypes.guess_type(name or "")[0]

    async def download() -> bytes:
        if data is None:
            raise OSError("the file could not be downloaded")
        return data

    known = len(data) if data is not None else declared
    return IncomingFile(kind, f"zalo_oa:{url[-64:]}", name, mime, known, download)


async def to_inbound(event: dict[str, Any], fetch: Fetch, max_bytes: int) -> Inbound | None:
    """The one thing the person did, or None for events that need no answer."""
    name = str(event.get("event_name", ""))
    user_id = user_of(event)
    if name not in USER_EVENTS or user_id is None:
        return None
    base: dict[str, Any] = {"update_id": event_key(event, user_id)}
    message = event.get("message") or {}
    if name == "follow":
        return Inbound(CHANNEL, user_id, user_id, command="start", **base)
    if name == "user_submit_info":
        # The follower types the number into the form: it claims who they are, no more.
        phone = str((event.get("info") or {}).get("phone") or "")
        contact = SharedContact(phone, is_own=True, verified=False)
        return Inbound(CHANNEL, user_id, user_id, contact=contact, **base)
    if name == "user_send_text":
        text = str(message.get("text") or "")
        if text.startswith(QUERY_PREFIX):
            return Inbound(CHANNEL, user_id, user_id, choice=text[len(QUERY_PREFIX) :], **base)
        return Inbound.from_text(CHANNEL, user_id, user_id, text, **base)
    if name in ("user_send_image", "user_send_file"):
        kind = FileKind.PHOTO if name == "user_send_image" else FileKind.DOCUMENT
        file = await _file(event, kind, fetch, max_bytes)
        caption = message.get("text") or None
        return Inbound(CHANNEL, user_id, user_id, file=file, caption=caption, **base)
    if name == "user_send_location":
        where = _attachment(event).get("coordinates") or {}
        if "latitude" in where and "longitude" in where:
            spot = Location(float(where["latitude"]), float(where["longitude"]))
            return Inbound(CHANNEL, user_id, user_id, location=spot, **base)
    # A sticker, GIF, voice, video or link: one hint and the question again.
    return Inbound(CHANNEL, user_id, user_id, other=name.removeprefix("user_send_"), **base)


def query_button(button: Button) -> dict[str, Any]:
    payload = QUERY_PREFIX + button.payload
    if len(payload) > PAYLOAD_LIMIT:
        raise ValueError(f"button payload over {PAYLOAD_LIMIT} characters")
    title = button.label if len(button.label) <= TITLE_LIMIT else button.label[: TITLE_LIMIT - 1]
    return {"title": title, "type": "oa.query.hide", "payload": payload}


def with_buttons(text: str, buttons: list[Button]) -> dict[str, Any]:
    template = {"buttons": [query_button(b) for b in buttons]}
    return {"text": text, "attachment": {"type": "template", "payload": template}}


def messages_of(reply: Reply, t: Texts) -> list[dict[str, Any]]:
    """Text messages (each within 2,000 units), the buttons on the last one (five to a
    message), then the "share your phone" card if the reply asks for the contact."""
    texts = [p for p in split_units(reply.text, TEXT_LIMIT) if p.strip()]
    buttons = reply.flat_buttons
    if not texts and not buttons:
        return [info_request(t)] if reply.ask_contact else []
    texts = texts or [MORE]
    messages: list[dict[str, Any]] = [{"text": text} for text in texts[:-1]]
    chunks = [buttons[i : i + MAX_BUTTONS] for i in range(0, len(buttons), MAX_BUTTONS)]
    if not chunks:
        messages.append({"text": texts[-1]})
    for index, chunk in enumerate(chunks):
        messages.append(with_buttons(texts[-1] if index == 0 else MORE, chunk))
    if reply.ask_contact:
        messages.append(info_request(t))
    return messages


def info_request(t: Texts) -> dict[str, Any]:
    """The card asking for name and phone; the answer comes as `user_submit_info`."""
    element = {"title": t.ZALO_OA_INFO_TITLE, "subtitle": t.ZALO_OA_INFO_SUBTITLE}
    payload = {"template_type": "request_user_info", "elements": [element]}
    return {"attachment": {"type": "template", "payload": payload}}


def image_message(attachment_id: str) -> dict[str, Any]:
    element = {"media_type": "image", "attachment_id": attachment_id}
    payload = {"template_type": "media", "elements": [element]}
    return {"attachment": {"type": "template", "payload": payload}}


def file_message(token: str) -> dict[str, Any]:
    return {"attachment": {"type": "file", "payload": {"token": token}}}
