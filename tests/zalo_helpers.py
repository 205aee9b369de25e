"""Driving the Zalo channels in tests: a person typing into a fake Zalo server and
reading what the bot sent back."""

from __future__ import annotations

import asyncio
import re
from contextlib import asynccontextmanager
from typing import Any, Protocol

from bot.channels.webhooks import WebhookServer

NUMBERED = re.compile(r"^(\d+)\. (.+)$", re.M)


class Running(Protocol):
    async def open(self, server: WebhookServer | None = None) -> None: ...
    async def run(self, stop: asyncio.Event) -> None: ...
    async def close(self) -> None: ...


@asynccontextmanager
async def running(channel: Any, server: WebhookServer | None = None):
    """Open the channel, start the webhook server, run until the block ends."""
    await channel.open(server)
    if server is not None:
        await server.start()
    stop = asyncio.Event()
    task = asyncio.create_task(channel.run(stop))
    try:
        yield channel
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
        if server is not None:
            await server.stop()
        await channel.close()


def number_of(text: str, label: str) -> int:
    """The number of the option whose label starts with (or contains) `label`."""
    options = [(int(n), shown) for n, shown in NUMBERED.findall(text)]
    found = [n for n, shown in options if shown.startswith(label)] or [
        n for n, shown in options if label in shown
    ]
    assert found, f"no option {label!r} in {options}"
    return found[-1]
