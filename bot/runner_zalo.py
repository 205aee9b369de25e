"""Building and running the Zalo channels whose credentials are set: the Bot Platform
(polling, or webhook) and the Official Account (webhook), behind one webhook server."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.app import App
from bot.channels.webhooks import WebhookServer
from bot.channels.zalo_bot.channel import ZaloBotChannel, ZaloBotConfig
from bot.channels.zalo_oa.channel import ZaloOAChannel, ZaloOAConfig
from bot.ops import api_hook
from storage.services import accounts

logger = logging.getLogger(__name__)
ChannelRunner = Callable[[asyncio.Event], Awaitable[None]]


class ZaloChannel(Protocol):
    name: str

    async def open(self, server: WebhookServer | None = None) -> None: ...
    async def run(self, stop: asyncio.Event) -> None: ...
    async def close(self) -> None: ...


def _secret(value: object) -> str:
    return value.get_secret_value() if value is not None else ""  # type: ignore[attr-defined]


def zalo_bot_channel(app: App) -> ZaloBotChannel:
    settings = app.settings
    config = ZaloBotConfig(
        token=_secret(settings.zalo_bot_token),
        api_base_url=settings.zalo_api_base_url,
        poll_timeout=settings.zalo_bot_poll_timeout,
        per_second=settings.zalo_bot_rate_per_second,
        per_chat_per_second=settings.zalo_bot_rate_per_chat,
        language=settings.bot_language,
        webhook_url=settings.zalo_bot_webhook_url,
        webhook_secret=_secret(settings.zalo_bot_webhook_secret),
        webhook_path=settings.zalo_bot_webhook_path,
        max_file_bytes=settings.max_file_bytes,
    )
    channel = ZaloBotChannel(app.router, config)
    channel.api.on_call = api_hook(app, channel.name)
    return channel


def zalo_oa_channel(app: App) -> ZaloOAChannel:
    settings = app.settings

    async def on_blocked(chat_id: str, blocked: bool) -> None:
        async with app.sessionmaker() as session, session.begin():
            await accounts.set_blocked(session, channel="zalo_oa", chat_id=chat_id, blocked=blocked)

    config = ZaloOAConfig(
        app_id=settings.zalo_oa_app_id.strip(),
        secret_key=_secret(settings.zalo_oa_secret_key),
        webhook_secret_key=_secret(settings.zalo_oa_webhook_secret_key),
        refresh_token=_secret(settings.zalo_oa_refresh_token),
        api_base_url=settings.zalo_oa_api_base_url,
        oauth_base_url=settings.zalo_oa_oauth_base_url,
        webhook_path=settings.zalo_oa_webhook_path,
        per_second=settings.zalo_oa_rate_per_second,
        per_chat_per_second=settings.zalo_oa_rate_per_chat,
        language=settings.bot_language,
        max_file_bytes=settings.max_file_bytes,
    )
    channel = ZaloOAChannel(app.router, config, on_blocked=on_blocked)
    channel.api.on_call = api_hook(app, channel.name)
    return channel


def zalo_channels(app: App) -> list[ZaloChannel]:
    channels: list[ZaloChannel] = []
    if app.settings.zalo_bot_token is not None:
        channels.append(zalo_bot_channel(app))
    if app.settings.zalo_oa_configured:
        channels.append(zalo_oa_channel(app))
    return channels


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
