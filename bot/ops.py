"""What an operator's tools ask of a running process: `/healthz` (the event loop answers),
`/readyz` (ready to take updates: 200, else 503 with a JSON body naming what is wrong) and
`/metrics` (Prometheus). Served on the webhook server of `run_channels` and of
`python -m bot scheduler`, never in the terminal chat."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Mapping, Sequence
from contextlib import AsyncExitStack

from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.app import App
from bot.channels.webhooks import WebhookServer
from bot.health import OK, Probe, database_problem, probe_idle

ApiCallHook = Callable[[str, str], None]


def api_hook(app: App, channel: str) -> ApiCallHook:
    """What a channel calls after each API call: counted, and an "ok" proves it alive."""

    def record(method: str, outcome: str) -> None:
        app.metrics.api_call(channel, method, outcome)
        if outcome == "ok":
            app.health.record(channel)

    return record


async def readiness(
    app: App, channels: Sequence[str], leading: Callable[[], bool] | None
) -> tuple[bool, dict[str, str]]:
    """Whether this process is ready, and the state of each part it depends on."""
    settings = app.settings
    database, migrations = await database_problem(app.sessionmaker, settings.ready_database_timeout)
    body = {"database": database, "migrations": migrations}
    for channel in channels:
        body[channel] = app.health.problem(channel, settings.ready_channel_seconds)
    ready = all(value == OK for value in body.values())
    if leading is not None:  # reported, never required: a standby process is ready too
        body["scheduler"] = "leader" if leading() else "standby"
    return ready, body


class OpsRoutes:
    """The three routes, for one process: `channels` are the configured chat channels."""

    def __init__(
        self,
        app: App,
        channels: Sequence[str] = (),
        leading: Callable[[], bool] | None = None,
    ) -> None:
        self.app = app
        self.channels = list(channels)
        self.leading = leading
        if leading is not None:
            app.metrics.leading = leading

    def install(self, server: WebhookServer) -> None:
        # /healthz is the server's own: it answers while the event loop does
        server.add("/readyz", self.readyz, methods=("GET",))
        server.add("/metrics", self.metrics, methods=("GET",))

    async def readyz(self, request: Request) -> Response:
        ready, body = await readiness(self.app, self.channels, self.leading)
        return JSONResponse(body, status_code=200 if ready else 503)

    async def metrics(self, request: Request) -> Response:
        await self.app.metrics.refresh(self.app.sessionmaker)
        return Response(self.app.metrics.render(), media_type=CONTENT_TYPE_LATEST)


async def serve_ops(
    stack: AsyncExitStack,
    app: App,
    server: WebhookServer,
    *,
    channels: Sequence[str] = (),
    leading: Callable[[], bool] | None = None,
    probes: Mapping[str, Probe] | None = None,
) -> None:
    """Start the server with the ops routes, and the idle-channel prober; both are
    stopped when `stack` closes."""
    OpsRoutes(app, channels, leading).install(server)
    await server.start()
    stack.push_async_callback(server.stop)
    if probes:
        stop = asyncio.Event()
        every = app.settings.ready_channel_seconds / 2
        task = asyncio.create_task(probe_idle(app.health, probes, every, stop))

        async def end() -> None:
            stop.set()
            await task

        stack.push_async_callback(end)


def stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM (Ctrl-C, or a service manager stopping us)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    return stop
