"""The interface between flows and channels: what comes in, what goes out, what a channel
can do. Adapters in `bot/channels` translate both ways; flows never see a chat library."""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class FileKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True)
class IncomingFile:
    """A photo or document a person sent; `download` fetches its bytes when needed."""

    kind: FileKind
    file_id: str
    name: str | None
    mime: str | None
    size: int | None
    download: Callable[[], Awaitable[bytes]] = field(repr=False, compare=False)


@dataclass(frozen=True)
class SharedContact:
    phone: str
    is_own: bool


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Inbound:
    """One thing a person did: exactly one of text, command, choice, file, contact, location."""

    channel: str
    user_id: str
    chat_id: str
    text: str | None = None
    command: str | None = None
    args: tuple[str, ...] = ()
    choice: str | None = None
    file: IncomingFile | None = None
    contact: SharedContact | None = None
    location: Location | None = None
    caption: str | None = None
    update_id: str | None = None
    media_group: str | None = None

    def __post_init__(self) -> None:
        given = [self.text, self.command, self.choice, self.file, self.contact, self.location]
        if sum(value is not None for value in given) != 1:
            raise ValueError("an Inbound carries exactly one kind of content")

    @classmethod
    def from_text(
        cls, channel: str, user_id: str, chat_id: str, raw: str, **extra: str | None
    ) -> Inbound:
        """A typed line: "/dangky" or "/ngonngu en" become a command, anything else text."""
        stripped = raw.strip()
        if stripped.startswith("/") and len(stripped) > 1:
            head, *args = stripped[1:].split()
            name = head.split("@", 1)[0].lower()
            return cls(channel, user_id, chat_id, command=name, args=tuple(args), **extra)
        return cls(channel, user_id, chat_id, text=raw, **extra)


@dataclass(frozen=True)
class Button:
    """A choice. With `web_app` (an https URL), a channel that can open web apps inside
    the chat (Telegram's Mini Apps) opens that page; others send `payload` as usual."""

    label: str
    payload: str
    web_app: str | None = None


@dataclass(frozen=True)
class OutgoingFile:
    name: str
    data: bytes = field(repr=False)
    kind: FileKind
    mime: str


@dataclass(frozen=True)
class Reply:
    """A message to show: text, optional buttons in rows, an optional file.

    `updates` names a running message (e.g. "album:<id>"): a channel that can edit
    messages replaces its previous message with the same key instead of sending anew.
    `notice` is a short line a channel may flash on its own (Telegram's callback answer).
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    file: OutgoingFile | None = None
    ask_contact: bool = False
    updates: str | None = None
    notice: str | None = None

    @property
    def flat_buttons(self) -> list[Button]:
        return [button for row in self.buttons for button in row]


@dataclass(frozen=True)
class Capabilities:
    """What a channel can do; flows ask these, never the channel's name."""

    buttons: bool = False
    documents_in: bool = True
    files_out: bool = True
    contact_sharing: bool = False
    edits: bool = False
    max_text: int = 4096


class DeliveryError(Exception):
    """A channel could not deliver a message; subclasses say what to do about it."""


class RecipientBlocked(DeliveryError):
    """The person blocked the bot or left the channel: do not try again."""


class RetryLater(DeliveryError):
    """The channel asked to wait (e.g. HTTP 429): try again after `retry_after` seconds."""

    def __init__(self, retry_after: float, message: str = "") -> None:
        super().__init__(message or f"retry after {retry_after}s")
        self.retry_after = retry_after


class OutsideWindow(DeliveryError):
    """The channel may not write to this person first now (a Zalo OA's 7-day window)."""


class Sender(Protocol):
    """Delivers replies to chats on one channel; raises a `DeliveryError` when it cannot.

    `send` returns the channel's ids of the messages it sent, so one can be edited later.
    """

    name: str
    capabilities: Capabilities

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]: ...

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None: ...


def rows(buttons: Sequence[Button], per_row: int = 1) -> tuple[tuple[Button, ...], ...]:
    """Lay buttons out `per_row` to a row."""
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def parse_number_choice(text: str) -> int | None:
    """A typed menu number, tolerating spaces and full-width digits ("１", " 2 ")."""
    cleaned = unicodedata.normalize("NFKC", text).strip().rstrip(".)")
    return int(cleaned) if cleaned.isdigit() and len(cleaned) <= 3 else None


def split_text(text: str, limit: int) -> list[str]:
    """Split a long text into pieces under `limit`, on line breaks where possible."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces
