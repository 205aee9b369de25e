"""One webhook server for every channel that takes webhooks (Starlette on uvicorn, in the
bot's own event loop). Channels add their routes; the runner starts and stops it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Awaitable, Callable, Iterator
from datetime import timedelta

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp

logger = logging.getLogger(__name__)
Endpoint = Callable[[Request], Awaitable[Response]]
MAX_BODY_BYTES = 1024 * 1024  # a webhook event is a few kB; files come as links
DEDUPE_WINDOW = timedelta(days=7)  # processed update ids are kept this long (runner.prune)


class BodyTooLarge(Exception):
    """The request body passed the cap; it was not read further."""


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The raw body, read chunk by chunk and abandoned as soon as it passes `limit` bytes
    (a declared Content-Length over the cap is refused before reading anything)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge
    return bytes(body)


def too_large(channel: str) -> Response:
    logger.warning("%s webhook: request body over %d bytes refused", channel, MAX_BODY_BYTES)
    return Response(status_code=413)


class _QuietServer(uvicorn.Server):
    """uvicorn without its own signal handlers: the runner's stop event rules."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def health(request: Request) -> Response:
    return Response("ok", media_type="text/plain")


class WebhookServer:
    """Listens on `host:port`; `port=0` takes a free port (see `port` once started)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 8080) -> None:
        self.host = host
        self.requested_port = port
        self.routes: list[BaseRoute] = [Route("/healthz", health, methods=["GET"])]
        self._server: _QuietServer | None = None
        self._task: asyncio.Task[None] | None = None
        self._socket: socket.socket | None = None
        self._app: Starlette | None = None

    def add(self, path: str, endpoint: Endpoint, methods: tuple[str, ...] = ("POST",)) -> None:
        """A route; one added while the server runs is served from then on."""
        route = Route(path, endpoint, methods=list(methods))
        self.routes.append(route)
        if self._app is not None:
            self._app.router.routes.append(route)

    @property
    def started(self) -> bool:
        return self._server is not None

    def mount(self, path: str, app: ASGIApp) -> None:
        """Serve a whole app under `path` (the console under /console)."""
        self.routes.append(Mount(path, app=app))

    @property
    def port(self) -> int:
        assert self._socket is not None, "not started"
        return int(self._socket.getsockname()[1])

    async def start(self) -> None:
        """Bind, then serve in the background until `stop` (once: a second call is a no-op)."""
        if self._server is not None:
            return
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.requested_port))
        sock.listen(128)
        sock.setblocking(False)
        self._socket = sock
        self._app = Starlette(routes=self.routes)
        config = uvicorn.Config(
            self._app,
            log_config=None,
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=5,
        )
        self._server = _QuietServer(config)
        self._task = asyncio.get_running_loop().create_task(self._server.serve(sockets=[sock]))
        logger.info("webhook server listening on %s:%d", self.host, self.port)

    async def stop(self) -> None:
        """Stop taking requests and wait for the answers in progress."""
        if self._server is None or self._task is None:
            return
        self._server.should_exit = True
        await self._task
        self._server = self._task = None
        self._app = None
