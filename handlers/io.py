"""The interface between flows and channels: what comes in, what goes out, what a channel
can do. Adapters in `bot/channels` translate both ways; flows never see a chat library."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from handlers.kit.numbers import parse_int


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
    """A phone number a person shared. `is_own`: given as the sender's own number.
    `verified`: the channel vouches that it is (Telegram's contact button sends the
    account's own, confirmed number); a number the person could have typed is not."""

    phone: str
    is_own: bool
    verified: bool = False


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Inbound:
    """One thing a person did: exactly one of text, command, choice, file, contact, location,
    or `other`: something the bot cannot read (a sticker, a voice note, a poll…), named."""

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
    other: str | None = None
    caption: str | None = None
    update_id: str | None = None
    media_group: str | None = None

    def __post_init__(self) -> None:
        given = [
            self.text,
            self.command,
            self.choice,
            self.file,
            self.contact,
            self.location,
            self.other,
        ]
        if sum(value is not None for value in given) != 1:
            raise ValueError("an Inbound carries exactly one kind of content")
        # PostgreSQL text cannot hold NUL: it would fail the update as a search key or a
        # stored reason, so no typed text carries one.
        for name in ("text", "caption"):
            value = getattr(self, name)
            if value is not None and "\x00" in value:
                object.__setattr__(self, name, value.replace("\x00", ""))

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
    `lettered`: the question takes a typed number, so a channel without buttons shows
    them as a, b, c (typing 14 is then the answer 14, never a fourteenth button).
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    file: OutgoingFile | None = None
    ask_contact: bool = False
    updates: str | None = None
    notice: str | None = None
    lettered: bool = False

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
    # Someone other than the person reads the conversation (a Zalo OA's admins see every
    # message both ways in the OA's inbox): nothing secret, such as a ballot, goes there.
    operator_reads_log: bool = False
    # No buttons to show (the Zalo bot): a reply's menu goes into its text as numbered
    # lines, written in handlers (the router, `numbered_menu.NumberedMenus`) in the language
    # of the person it goes to, so the channel only sends texts.
    numbered_menus: bool = False


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
    return parse_int(text.strip().rstrip(".)"), 1, 999)


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def menu_key(position: int, *, lettered: bool) -> str:
    """How a channel without buttons labels the button at `position` (from 1): "2" or "b"."""
    return LETTERS[position - 1] if lettered and position <= len(LETTERS) else str(position)


def parse_letter_choice(text: str, count: int) -> int | None:
    """A typed menu letter ("a", " B ", "b)") as a position from 1, within `count`."""
    cleaned = text.strip().rstrip(".)").lower()
    if len(cleaned) != 1 or cleaned not in LETTERS[:count]:
        return None
    return LETTERS.index(cleaned) + 1


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
