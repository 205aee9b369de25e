"""Building every chat channel whose credentials are set, once, from the settings: for
the bot process (which also takes their updates) and the scheduler (which only sends)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol

from bot.app import App
from bot.channels.base import BlockedHook
from bot.channels.telegram.channel import TelegramChannel, TelegramConfig
from bot.channels.webhooks import WebhookServer
from bot.channels.zalo_bot.channel import ZaloBotChannel, ZaloBotConfig
from bot.channels.zalo_oa.channel import ZaloOAChannel, ZaloOAConfig
from bot.health import Probe
from bot.ops import api_hook
from handlers.io import Sender
from handlers.menu import console_url
from handlers.outbound.numbered_menu import menus_numbered
from storage.db import SessionMaker
from storage.services import accounts


class ZaloChannel(Protocol):
    name: str

    async def open(self, server: WebhookServer | None = None) -> None: ...
    async def run(self, stop: asyncio.Event) -> None: ...
    async def close(self) -> None: ...


@dataclass
class Channels:
    """The configured channels, not yet started."""

    telegram: TelegramChannel | None = None
    zalo: list[ZaloChannel] = field(default_factory=list)
    # for numbering the menus of what is sent to a channel without buttons
    sessionmaker: SessionMaker | None = None
    default_language: str = "vi"

    @property
    def senders(self) -> dict[str, Sender]:
        """Each channel as the sender of reminders and broadcasts, by channel name."""
        senders: dict[str, Sender] = {}
        if self.telegram is not None:
            senders[self.telegram.name] = self.telegram
        senders.update({z.name: self._sender(z) for z in self.zalo})  # type: ignore[arg-type]
        return senders

    def _sender(self, channel: Sender) -> Sender:
        if self.sessionmaker is None:
            return channel
        return menus_numbered(channel, self.sessionmaker, self.default_language)


def build_channels(app: App) -> Channels:
    """Telegram when its token is set, the Zalo bot when its token is, the Zalo OA
    when its app id and keys are."""
    telegram = telegram_channel(app) if app.settings.telegram_bot_token is not None else None
    return Channels(telegram, zalo_channels(app), app.sessionmaker, app.settings.bot_language)


def blocked_hook(app: App, channel: str) -> BlockedHook:
    """Marks a person who blocked the bot (or left the OA), or came back."""

    async def on_blocked(chat_id: str, blocked: bool) -> None:
        async with app.sessionmaker() as session, session.begin():
            await accounts.set_blocked(session, channel=channel, chat_id=chat_id, blocked=blocked)

    return on_blocked


def _secret(value: object) -> str:
    return value.get_secret_value() if value is not None else ""  # type: ignore[attr-defined]


def telegram_channel(app: App) -> TelegramChannel:
    settings = app.settings
    assert settings.telegram_bot_token is not None
    config = TelegramConfig(
        token=settings.telegram_bot_token.get_secret_value(),
        api_base_url=settings.telegram_api_base_url,
        file_base_url=settings.telegram_file_base_url,
        max_in_flight=settings.telegram_max_in_flight,
        per_second=settings.telegram_rate_per_second,
        per_chat_per_second=settings.telegram_rate_per_chat,
        chat_burst=settings.telegram_chat_burst,
        poll_timeout=settings.telegram_poll_timeout,
        language=settings.bot_language,
        console_url=console_url(settings.web_base_url),
    )
    return TelegramChannel(
        app.router,
        config,
        on_blocked=blocked_hook(app, "telegram"),
        on_api_call=api_hook(app, "telegram"),
    )


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
    channel = ZaloOAChannel(app.router, config, on_blocked=blocked_hook(app, "zalo_oa"))
    channel.api.on_call = api_hook(app, channel.name)
    return channel


def zalo_channels(app: App) -> list[ZaloChannel]:
    channels: list[ZaloChannel] = []
    if app.settings.zalo_bot_token is not None:
        channels.append(zalo_bot_channel(app))
    if app.settings.zalo_oa_configured:
        channels.append(zalo_oa_channel(app))
    return channels


def channel_probes(senders: dict[str, Sender]) -> dict[str, Probe]:
    """A cheap API call per channel, made when the channel has been idle a while."""
    probes: dict[str, Probe] = {}
    for name, sender in senders.items():
        channel = getattr(sender, "inner", sender)  # the channel inside `NumberedMenus`
        if isinstance(channel, TelegramChannel):
            probes[name] = channel.application.bot.get_me
        elif isinstance(channel, ZaloBotChannel):
            probes[name] = lambda api=channel.api: api.call("getMe", {})
        elif isinstance(channel, ZaloOAChannel):
            probes[name] = channel.api.get_oa
    return probes
