"""What the two fake Zalo servers (the Bot Platform and the OA Open API) share: a Starlette
app in a background thread, the record of every call, injected faults per method or path,
and waiting (off the bot's loop) until the record shows what a test expects."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol, Self

from starlette.applications import Starlette

from tests.fakes.threaded import ThreadedServer


def now_ms() -> int:
    return int(time.time() * 1000)


class RecordedCall(Protocol):
    @property
    def key(self) -> str:
        """The method or path the call was made on."""
        ...


class FakeZaloServer:
    """Subclasses give `state` (with `calls` and `faults`), `_app` and their `name`."""

    name = "the fake Zalo server"
    state: Any

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.server = ThreadedServer(self._app)

    def _app(self, lifespan: Any) -> Starlette:
        raise NotImplementedError

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> Self:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def calls(self, key: str | None = None) -> list[Any]:
        """Every call so far, or those on one method (Bot) or path (OA)."""
        with self.lock:
            return [c for c in self.state.calls if key is None or c.key == key]

    def fail_next(self, key: str, *faults: int | float) -> None:
        """Answer the next calls on `key` with these faults (int codes, float delays in s)."""
        with self.lock:
            self.state.faults.setdefault(key, deque()).extend(faults)

    def _log_call(self, call: RecordedCall) -> int | float | None:
        """Record the call, wake waiting tests, and take the next fault injected for it."""
        with self.lock:
            self.state.calls.append(call)
            self.lock.notify_all()
            faults = self.state.faults.get(call.key)
            return faults.popleft() if faults else None

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10) -> None:
        """Wait (in a worker thread, so the bot's loop runs on) until `predicate()`."""

        def wait() -> bool:
            with self.lock:
                return self.lock.wait_for(predicate, timeout)

        if not await asyncio.to_thread(wait):
            raise TimeoutError(f"{self.name} never saw what the test waited for")
