"""Running the Zalo channels whose credentials are set: the Bot Platform (polling, or
webhook) and the Official Account (webhook), behind one webhook server."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.channels.webhooks import WebhookServer
from bot.wiring import ZaloChannel

logger = logging.getLogger(__name__)
ChannelRunner = Callable[[asyncio.Event], Awaitable[None]]


async def serve_zalo(
    channels: list[ZaloChannel], server: WebhookServer, stop: asyncio.Event
) -> None:
    """Open each channel (one that cannot start is logged and left out), serve the
    webhooks, run until `stop`, then finish the updates in hand."""
    opened: list[ZaloChannel] = []
    for channel in channels:
        try:
            await channel.open(server)
            opened.append(channel)
        except Exception as error:
            logger.error("the %s channel could not start: %s", channel.name, error)
            await channel.close()
    if len(server.routes) > 1:
        await server.start()
    try:
        await asyncio.gather(*(channel.run(stop) for channel in opened))
    finally:
        await server.stop()
        for channel in opened:
            await channel.close()
