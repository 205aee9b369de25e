"""A fake Telegram Bot API on 127.0.0.1 that the real bot (python-telegram-bot) talks to.

Every call is recorded, checked against the official spec (`botapi_spec`) and answered like
the real server, including its errors: 400 for bad requests, 403 for a blocked chat, 429 for
flood limits, and whatever a test injects. Simulated users (`tg.user(...)`) queue updates
that the bot fetches with getUpdates.

    with FakeTelegram() as tg:
        app = ApplicationBuilder().token(tg.token).base_url(tg.base_url)
              .base_file_url(tg.file_base_url).build()
"""

from __future__ import annotations

import inspect
import socket
import threading
from collections import deque
from collections.abc import Callable
from functools import lru_cache
from http import HTTPStatus
from typing import Any

import uvicorn

from tests.fakes.botapi_spec import BotApiSpec
from tests.fakes.telegram_http import BLOCKED, build_app, chat_id_of, too_many_requests
from tests.fakes.telegram_methods import MESSAGE_METHODS, ApiError
from tests.fakes.telegram_state import JSON, Call, CallbackAnswer, RateLimited, SentMessage, State
from tests.fakes.telegram_users import FakeUser

TOKEN = "123456789:AAH-fake-telegram-test-token"
BOT = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "DVK Test Bot",
    "username": "dvk_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@lru_cache(maxsize=1)
def default_spec() -> BotApiSpec:
    return BotApiSpec.load()


class FakeTelegram:
    """The fake server and everything a test needs to drive and observe it."""

    def __init__(
        self, token: str = TOKEN, *, spec: BotApiSpec | None = None, first_update_id: int = 1
    ) -> None:
        self.token = token
        self.spec = spec or default_spec()
        # Update ids only grow, as Telegram's: a benchmark's next fake starts past the last.
        self.state = State(bot=dict(BOT), first_update_id=first_update_id)
        self.calls: list[Call] = []
        self.violations: list[str] = []  # requests the real API would refuse
        self.warnings: list[str] = []  # parameters the spec does not know
        self.unsupported: list[str] = []  # real methods this fake does not implement
        self.rejections: list[str] = []  # other error answers, e.g. "message is not modified"
        self.rate_limited: list[RateLimited] = []
        self.downloads: list[str] = []
        self.allow_violations = False
        self.latency = 0.0  # seconds added to every call: the simulated network
        self.enforce_limits = False
        self.messages_per_second = 30  # across all chats, sliding 1 s window
        self.chat_burst = 3  # per chat: at most this many messages ...
        self.chat_window = 3.0  # ... within any window of this many seconds
        self.port = 0
        self.http = "h11"  # uvicorn's HTTP parser; benchmarks may choose "httptools"
        self.failures: dict[str, deque[ApiError]] = {}  # injected, per lowercased method
        self.blocked: set[int] = set()
        self.sent_times: deque[tuple[float, int]] = deque()  # (when, chat) of messages let through
        # Called (on the server's thread) with each call once it is answered; benchmarks use
        # it to follow replies without waking every waiter.
        self.listeners: list[Callable[[Call], None]] = []
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def start(self) -> FakeTelegram:
        """Listen on an ephemeral port at once; uvicorn serves it from its own thread."""
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only then (else +40 ms a call).
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)  # connections wait in the backlog until uvicorn accepts them
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            build_app(self),
            lifespan="off",
            loop="asyncio",
            http=self.http,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="fake-telegram", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """End long polls, stop uvicorn and wait for its thread."""
        with self.state.lock:
            self.state.closing = True
        self.state.signal.notify()
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
            self._server = self._thread = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- simulated users and failures -------------------------------------------------------

    def user(
        self, user_id: int, first_name: str = "Người dùng", language_code: str | None = "vi"
    ) -> FakeUser:
        """A person who has started a private chat with the bot (chat id == user id)."""
        user = FakeUser(self.state, user_id, first_name, language_code)
        with self.state.lock:
            self.state.users[user_id] = user.as_json()
        return user

    def fail_next(
        self, method: str, status: int, count: int = 1, retry_after: int | None = None
    ) -> None:
        """Answer the next `count` calls of `method` with this error instead."""
        if status == 429:
            error = too_many_requests(retry_after or 1)
        elif status == 403:
            error = ApiError(403, BLOCKED)
        else:
            error = ApiError(status, _phrase(status))
        with self.state.lock:
            queue = self.failures.setdefault(method.lower(), deque())
            queue.extend([error] * count)

    def block(self, chat_id: int) -> None:
        """The person blocks the bot: every send to the chat answers 403."""
        with self.state.lock:
            self.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        with self.state.lock:
            self.blocked.discard(chat_id)

    # -- observation --------------------------------------------------------------------------

    def messages(self, chat_id: int) -> list[SentMessage]:
        """Every message the bot sent to the chat, as the person sees it now."""
        with self.state.lock:
            return list(self.state.chats.get(chat_id, []))

    def last_message(self, chat_id: int) -> SentMessage | None:
        messages = self.messages(chat_id)
        return messages[-1] if messages else None

    def texts(self, chat_id: int) -> list[str]:
        return [m.text or "" for m in self.messages(chat_id)]

    def calls_to(self, method: str) -> list[Call]:
        with self.state.lock:
            return [c for c in self.calls if c.method.lower() == method.lower()]

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        with self.state.lock:
            return list(self.state.callback_answers)

    @property
    def commands(self) -> dict[tuple[str, str], list[JSON]]:
        """Commands set per (scope, language_code), e.g. ("default", "vi") or ("chat:42", "")."""
        with self.state.lock:
            return dict(self.state.commands)

    def early_retries(self) -> list[str]:
        """Calls made while a 429 that covers them was still in force (see `_covers`)."""
        with self.state.lock:
            limits, calls = list(self.rate_limited), list(self.calls)
        return [
            f"{call.method} to chat {chat_id_of(call.params)} came {limit.until - call.at:.2f}s"
            f" before the {limit.reason} 429 on {limit.method} (retry_after={limit.retry_after})"
            " ran out"
            for limit in limits
            for call in calls
            if limit.at < call.at < limit.until and _covers(limit, call)
        ]

    def problems(self) -> list[str]:
        """What makes a test using the `fake_telegram` fixture fail."""
        with self.state.lock:
            unsupported = [f"not implemented by the fake: {m}" for m in self.unsupported]
            return self.violations + unsupported + self.early_retries()

    async def wait_for(
        self, predicate: Callable[[FakeTelegram], Any], timeout: float = 10.0, what: str = ""
    ) -> Any:
        """Return the predicate's value as soon as `predicate(tg)` is truthy; woken by every
        call, update and edit (no polling). TimeoutError saying what was seen otherwise."""
        holds, seen = self._holds(predicate)
        if not await self.state.signal.wait_until(holds, timeout):
            raise TimeoutError(self._timeout_message(predicate, timeout, what, seen))
        return seen["value"]

    def wait_for_sync(
        self, predicate: Callable[[FakeTelegram], Any], timeout: float = 10.0, what: str = ""
    ) -> Any:
        """The same from a plain thread (or a sync test)."""
        holds, seen = self._holds(predicate)
        if not self.state.signal.wait_until_sync(holds, timeout):
            raise TimeoutError(self._timeout_message(predicate, timeout, what, seen))
        return seen["value"]

    def _holds(
        self, predicate: Callable[[FakeTelegram], Any]
    ) -> tuple[Callable[[], bool], dict[str, Any]]:
        """The predicate as a no-argument check; an exception in it counts as "not yet"."""
        seen: dict[str, Any] = {}

        def holds() -> bool:
            try:
                seen["value"] = predicate(self)
            except Exception as exc:
                seen["error"] = exc
                return False
            return bool(seen["value"])

        return holds, seen

    def _timeout_message(
        self, predicate: Callable[..., Any], timeout: float, what: str, seen: dict[str, Any]
    ) -> str:
        if not what:
            try:
                what = inspect.getsource(predicate).strip()
            except (OSError, TypeError):
                what = repr(predicate)
        with self.state.lock:
            recent = [f"{c.method} -> {c.status or 'pending'}" for c in self.calls[-8:]]
            chats = {chat: [m.text for m in ms][-3:] for chat, ms in self.state.chats.items()}
        lines = [
            f"timed out after {timeout}s waiting for: {what}",
            f"  last calls: {recent or 'none'}",
            f"  last messages per chat: {chats or 'none'}",
        ]
        if "error" in seen:
            lines.append(f"  the check last raised: {seen['error']!r}")
        if self.violations:
            lines.append(f"  spec violations: {self.violations}")
        return "\n".join(lines)

    def note(self, log: list[Any], entry: Any) -> None:
        """Append to one of the logs (calls, violations...) and wake whoever waits."""
        with self.state.lock:
            log.append(entry)
        self.state.signal.notify()


def _covers(limit: RateLimited, call: Call) -> bool:
    """A global 429 holds back every message; one for a chat, that chat's messages; one for
    a call without a chat (getUpdates...), that method."""
    if limit.reason == "global":
        return call.method in MESSAGE_METHODS
    if limit.chat_id is None:
        return call.method == limit.method
    return call.method in MESSAGE_METHODS and chat_id_of(call.params) == limit.chat_id


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"
