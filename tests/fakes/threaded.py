"""A Starlette app served by uvicorn in a background thread on 127.0.0.1 (a free port),
for fake API servers. It stops when told, and by itself after `lifetime` seconds."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from starlette.applications import Starlette


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, lifetime: float) -> None:
        super().__init__(config)
        self.deadline = time.monotonic() + lifetime

    async def on_tick(self, counter: int) -> bool:
        if time.monotonic() > self.deadline:
            return True
        return await super().on_tick(counter)


class ThreadedServer:
    """Serve `make_app(lifespan)` in a thread; `url` once started."""

    def __init__(self, make_app: Callable[[Any], Starlette], lifetime: float = 300) -> None:
        self.started = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None

        @asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[None]:
            self.loop = asyncio.get_running_loop()
            self.started.set()
            yield

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        # The fake plays Zalo's side: its request lines (with tokens in the path) are not
        # the bot's logs, so they stay out of the captured ones.
        config = uvicorn.Config(
            make_app(lifespan),
            log_config=None,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self.server = _Server(config, lifetime)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()
        return f"http://{host}:{port}"

    def start(self) -> None:
        self.thread.start()
        if not self.started.wait(10):
            raise RuntimeError("the fake server did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def call_soon(self, callback: Callable[[], None]) -> None:
        """Run `callback` in the server's loop (e.g. to set one of its events)."""
        assert self.loop is not None
        self.loop.call_soon_threadsafe(callback)
