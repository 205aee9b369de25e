"""Translating at the edge: a Telegram `Update` into an `Inbound`, a `Reply` into the
pieces of a Bot API call."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import (
    Bot,
    Document,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    PhotoSize,
    ReplyKeyboardMarkup,
    Update,
    WebAppInfo,
)

from handlers.io import (
    Button,
    FileKind,
    Inbound,
    IncomingFile,
    Location,
    Reply,
    SharedContact,
    split_text,
)

CHANNEL = "telegram"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
# What a person may send that the bot does not read: answered with a hint and the step.
# Anything else without text, contact, location or file is a service message: ignored.
UNREADABLE = (
    "sticker",
    "voice",
    "video_note",
    "video",
    "audio",
    "animation",
    "poll",
    "dice",
    "game",
    "story",
    "paid_media",
    "invoice",
    "checklist",
    "giveaway",
)


def downloader(bot: Bot, file_id: str) -> Callable[[], Awaitable[bytes]]:
    """Fetch a file's bytes through getFile, only when the flow wants them."""

    async def download() -> bytes:
        telegram_file = await bot.get_file(file_id)
        return bytes(await telegram_file.download_as_bytearray())

    return download


def to_inbound(update: Update, bot: Bot) -> Inbound | None:
    """The one thing the person did, or None for updates the bot does not handle."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or (chat.type != "private"):
        return None
    base = {"update_id": str(update.update_id)}
    uid, cid = str(user.id), str(chat.id)
    if update.callback_query is not None:
        return Inbound(CHANNEL, uid, cid, choice=update.callback_query.data or "", **base)
    message = update.message
    if message is None:
        return None
    if message.text is not None:
        return Inbound.from_text(CHANNEL, uid, cid, message.text, **base)
    if message.contact is not None:
        contact = SharedContact(
            message.contact.phone_number,
            is_own=message.contact.user_id == user.id,
            verified=message.contact.user_id == user.id,
        )
        return Inbound(CHANNEL, uid, cid, contact=contact, **base)
    if message.location is not None:
        where = Location(message.location.latitude, message.location.longitude)
        return Inbound(CHANNEL, uid, cid, location=where, **base)
    file = _incoming_file(message, bot)
    if file is not None:
        return Inbound(
            CHANNEL,
            uid,
            cid,
            file=file,
            caption=message.caption,
            media_group=message.media_group_id,
            **base,
        )
    other = next((kind for kind in UNREADABLE if getattr(message, kind, None)), None)
    if other is not None:
        return Inbound(CHANNEL, uid, cid, other=other, **base)
    return None  # a service message (a pin, a timer change…): nothing the person said


def _incoming_file(message: Message, bot: Bot) -> IncomingFile | None:
    """The photo (its largest size) or the document the message carries."""
    if message.photo:
        file: PhotoSize | Document = message.photo[-1]
        kind, name, mime = FileKind.PHOTO, f"photo_{file.file_unique_id}.jpg", "image/jpeg"
    elif message.document is not None:
        file = message.document
        kind, name, mime = FileKind.DOCUMENT, file.file_name, file.mime_type
    else:
        return None
    return IncomingFile(
        kind=kind,
        file_id=file.file_id,
        name=name,
        mime=mime,
        size=file.file_size,
        download=downloader(bot, file.file_id),
    )


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """An inline keyboard, refusing callback data the Bot API would reject."""
    if not reply.buttons:
        return None
    for button in reply.flat_buttons:
        if not 1 <= len(button.payload.encode()) <= CALLBACK_DATA_LIMIT:
            raise ValueError(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {button.payload!r}")
    return InlineKeyboardMarkup([[inline_button(b) for b in row] for row in reply.buttons])


def inline_button(button: Button) -> InlineKeyboardButton:
    """A callback button, or a Mini App button when it carries a web app URL."""
    if button.web_app:
        return InlineKeyboardButton(button.label, web_app=WebAppInfo(button.web_app))
    return InlineKeyboardButton(button.label, callback_data=button.payload)


def contact_keyboard(label: str) -> ReplyKeyboardMarkup:
    """The one-tap "share my phone number" keyboard."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(label, request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


@dataclass(frozen=True)
class Piece:
    """One Bot API message: text (or a file with a caption) and its markup."""

    text: str
    markup: Any = None
    file: Any = None


def pieces(reply: Reply, *, contact_label: str) -> list[Piece]:
    """A reply as messages under Telegram's limits; the keyboard goes on the last one."""
    markup: Any = keyboard(reply)
    if reply.ask_contact and markup is None:
        markup = contact_keyboard(contact_label)
    texts = split_text(reply.text, TEXT_LIMIT) if reply.text else []
    if reply.file is not None:
        caption_fits = len(reply.text) <= CAPTION_LIMIT
        head = [] if caption_fits else [Piece(t) for t in texts]
        return [*head, Piece(reply.text if caption_fits else "", markup, reply.file)]
    if not texts:
        texts = ["…"]
    return [Piece(t) for t in texts[:-1]] + [Piece(texts[-1], markup)]


def label_of(message: Message | None, data: str) -> str | None:
    """The label of the pressed button, read back from the message's own keyboard."""
    markup = message.reply_markup if message is not None else None
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def merge(replies: list[Reply] | tuple[Reply, ...]) -> list[Reply]:
    """Join consecutive plain replies into one message (the last may carry buttons), so a
    turn costs one message against the per-chat limit of about one a second."""
    merged: list[Reply] = []
    for reply in replies:
        previous = merged[-1] if merged else None
        if previous is not None and _joinable(previous, reply):
            merged[-1] = Reply(
                f"{previous.text}\n\n{reply.text}",
                buttons=reply.buttons,
                notice=previous.notice or reply.notice,
            )
        else:
            merged.append(reply)
    return merged


def _joinable(first: Reply, second: Reply) -> bool:
    plain = all(r.file is None and r.updates is None and not r.ask_contact for r in (first, second))
    fits = len(first.text) + len(second.text) + 2 <= TEXT_LIMIT
    return plain and not first.buttons and fits
