"""What the fake Telegram server remembers: calls, chats and messages, files, pending updates.

The server thread and the test thread both touch it, so every change happens under `lock`
and then `signal.notify()` wakes whoever waits (long polls on the server loop, `wait_for` in
a test on its own loop or thread).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]
# With allowed_updates empty or never given, every kind comes but these.
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
DOWNLOAD_LIMIT = 20 * 1024 * 1024  # the Bot API serves files up to 20 MB


@dataclass(frozen=True)
class Upload:
    """A file the bot posted in a multipart body."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes = field(repr=False)
    size: int
    name: str | None = None
    mime: str | None = None


@dataclass
class Call:
    """One request to the Bot API; `status` is 0 until the answer is sent."""

    method: str
    params: dict[str, Any]
    status: int
    at: float  # time.monotonic()


@dataclass(frozen=True)
class Edit:
    method: str
    text: str | None
    reply_markup: JSON | None
    at: float


@dataclass
class SentMessage:
    """A message the bot sent, as the person sees it now (edits applied, history kept)."""

    chat_id: int
    message_id: int
    kind: str  # "text", "photo" or "document"
    text: str | None
    reply_markup: JSON | None
    date: int
    file: StoredFile | None = None
    edits: list[Edit] = field(default_factory=list)
    edit_date: int | None = None

    @property
    def buttons(self) -> list[JSON]:
        """The inline keyboard's buttons, row after row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    @property
    def labels(self) -> list[str]:
        return [button.get("text", "") for button in self.buttons]


@dataclass(frozen=True)
class RateLimited:
    """A 429 the server gave: the bot must not call again for `chat_id` before `until`."""

    method: str
    chat_id: int | None
    at: float
    retry_after: int
    reason: str  # "global", "chat" or "injected"

    @property
    def until(self) -> float:
        return self.at + self.retry_after


@dataclass(frozen=True)
class CallbackAnswer:
    query_id: str
    text: str | None
    show_alert: bool
    user_id: int


@dataclass
class Query:
    """A callback query a simulated user made, waiting for answerCallbackQuery."""

    query_id: str
    user_id: int
    message_id: int
    data: str
    answered: bool = False


class Signal:
    """Wakes waiters on any thread or event loop whenever the state changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wakers: set[Callable[[], None]] = set()

    def notify(self) -> None:
        with self._lock:
            wakers = list(self._wakers)
        for wake in wakers:
            wake()

    async def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """True as soon as `predicate()` holds, False if it still does not after `timeout`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = loop.create_future()

            def wake(future: asyncio.Future[None] = changed) -> None:
                with contextlib.suppress(RuntimeError):  # the waiter's loop is closed
                    loop.call_soon_threadsafe(_resolve, future)

            with self._lock:
                self._wakers.add(wake)
            try:
                if predicate():
                    return True
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return False
                try:
                    await asyncio.wait_for(changed, remaining)
                except TimeoutError:
                    return predicate()
            finally:
                with self._lock:
                    self._wakers.discard(wake)

    def wait_until_sync(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """The same for a plain thread."""
        deadline = time.monotonic() + timeout
        while True:
            changed = threading.Event()
            with self._lock:
                self._wakers.add(changed.set)
            try:
                if predicate():
                    return True
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not changed.wait(remaining):
                    return predicate()
            finally:
                with self._lock:
                    self._wakers.discard(changed.set)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class State:
    """Chats, files and the update queue; callers hold `lock` while they read or change it."""

    def __init__(self, bot: JSON, first_update_id: int = 1) -> None:
        self.bot = bot
        self.lock = threading.RLock()
        self.signal = Signal()
        self.updates: list[JSON] = []
        self.allowed_updates: frozenset[str] = frozenset()  # empty: the default set
        self.webhook: JSON = {}  # url, secret_token, max_connections once setWebhook ran
        self.users: dict[int, JSON] = {}
        self.chats: dict[int, list[SentMessage]] = {}
        self.files: dict[str, StoredFile] = {}
        self.queries: dict[str, Query] = {}
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.menu_buttons: dict[str, JSON] = {}  # by chat id; "" is the default button
        self.callback_answers: list[CallbackAnswer] = []
        self.closing = False
        self.polls = 0  # getUpdates requests so far: a newer one ends an older one (409)
        self._update_ids = itertools.count(first_update_id)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)

    def next_message_id(self, chat_id: int) -> int:
        """Message ids in a private chat are shared by both sides and only grow."""
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def next_query_id(self) -> str:
        return f"{4_000_000_000 + next(self._query_ids)}"

    def add_update(self, kind: str, payload: JSON) -> JSON:
        """Queue an update; types outside allowed_updates are dropped as Telegram does."""
        update = {"update_id": next(self._update_ids), kind: payload}
        allowed = self.allowed_updates
        if kind in allowed if allowed else kind not in NOT_BY_DEFAULT:
            self.updates.append(update)
        return update

    def add_file(
        self, data: bytes, folder: str, *, size: int | None = None, **meta: Any
    ) -> StoredFile:
        n = next(self._file_ids)
        suffix = _suffix(meta.get("name"), meta.get("mime"), folder)
        stored = StoredFile(
            file_id=f"BQACAgIAAx{n:08d}fake",
            file_unique_id=f"AgAD{n:06d}",
            file_path=f"{folder}/file_{n}{suffix}",
            data=data,
            size=len(data) if size is None else size,
            **meta,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)

    def find_message(self, chat_id: int, message_id: int) -> SentMessage | None:
        return next((m for m in self.chats.get(chat_id, []) if m.message_id == message_id), None)

    def chat_json(self, chat_id: int) -> JSON:
        user = self.users[chat_id]
        return {"id": chat_id, "type": "private", "first_name": user["first_name"]}

    def message_json(self, message: SentMessage) -> JSON:
        """A bot message as the API returns it (only inline keyboards are echoed back)."""
        data: JSON = {
            "message_id": message.message_id,
            "from": self.bot,
            "chat": self.chat_json(message.chat_id),
            "date": message.date,
        }
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.kind == "text":
            data["text"] = message.text
        elif message.file is not None:
            data[message.kind] = file_json(message.file, message.kind)
            if message.text:
                data["caption"] = message.text
        markup = message.reply_markup
        if markup and "inline_keyboard" in markup:
            data["reply_markup"] = markup
        return data


def file_json(stored: StoredFile, kind: str, width: int = 1280, height: int = 960) -> Any:
    """The Document, or the list of PhotoSize, that describes a stored file."""
    base = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    if kind == "photo":
        return [{**base, "width": width, "height": height, "file_size": stored.size}]
    document = {**base, "file_size": stored.size}
    if stored.name:
        document["file_name"] = stored.name
    if stored.mime:
        document["mime_type"] = stored.mime
    return document


def _suffix(name: str | None, mime: str | None, folder: str) -> str:
    if name and "." in name:
        return "." + name.rsplit(".", 1)[1].lower()
    if mime == "application/pdf":
        return ".pdf"
    return ".jpg" if folder == "photos" else ""
