"""Wiring the scheduler: its settings, and starting it with the channels' senders."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Mapping
from contextlib import AsyncExitStack
from datetime import timedelta

from bot.app import App
from bot.channels.console import CHANNEL as CONSOLE
from bot.channels.console import ConsoleChannel
from bot.channels.webhooks import WebhookServer
from bot.metrics import CountingSender
from bot.ops import serve_ops, stop_on_signals
from bot.settings import Settings
from bot.wiring import build_channels
from handlers.io import Sender
from scheduler import runtime
from scheduler.config import ChannelRate, SchedulerConfig, parse_rates
from storage.services.retention import RetentionPolicy


def scheduler_config(settings: Settings) -> SchedulerConfig:
    return SchedulerConfig(
        files_dir=settings.files_dir,
        timezone=settings.timezone,
        language=settings.bot_language,
        quiet_start=settings.quiet_hours_start,
        quiet_end=settings.quiet_hours_end,
        grace=timedelta(minutes=settings.missed_grace_minutes),
        rates={
            "telegram": ChannelRate(
                settings.telegram_rate_per_second, settings.telegram_rate_per_chat
            ),
            **parse_rates(settings.send_rates),
        },
        max_attempts=settings.send_max_attempts,
        retry_seconds=settings.send_retry_seconds,
        concurrency=settings.send_concurrency,
        poll_seconds=settings.sender_poll_seconds,
        lease_seconds=settings.sender_lease_seconds,
        sync_seconds=settings.scheduler_sync_seconds,
        leader_poll_seconds=settings.leader_poll_seconds,
        progress_seconds=settings.broadcast_progress_seconds,
        retention=RetentionPolicy(
            processed_update_days=settings.retention_processed_update_days,
            outbox_days=settings.retention_outbox_days,
            invite_days=settings.retention_invite_days,
        ),
        retention_time=settings.retention_time,
        backup_dir=settings.backup_dir,
        backup_keep=settings.backup_keep,
        backup_at=settings.backup_at,
        database_url=settings.database_url,
    )


async def start_scheduler(app: App, senders: Mapping[str, Sender]) -> runtime.SchedulerHandle:
    """Compete for leadership; as leader, run the jobs and send through `senders`."""
    return await runtime.start(
        app.sessionmaker,
        database_url=app.settings.database_url,
        config=scheduler_config(app.settings),
        senders={name: CountingSender(s, app.metrics) for name, s in senders.items()},
    )


async def with_scheduler(app: App, console: Sender, chat: Awaitable[None]) -> None:
    """Run a console chat with the scheduler in the same process, so a trial user sees
    reminders and broadcasts arrive in the terminal."""
    handle = await start_scheduler(app, {CONSOLE: console})
    try:
        await chat
    finally:
        await handle.stop()


async def run_scheduler(app: App) -> int:
    """`python -m bot scheduler`: only the scheduler and the sender, until SIGINT/SIGTERM.

    It sends on every channel whose credentials are set (Telegram, Zalo bot, Zalo OA),
    without taking their updates (the bot process does that); with none, the console
    channel is the sender: deliveries print to stdout.
    """
    stop = stop_on_signals()
    async with contextlib.AsyncExitStack() as stack:
        senders = await sending_channels(app, stack)
        if not senders:
            senders[CONSOLE] = ConsoleChannel(app.router, user_id="scheduler")
        await _schedule_until(app, senders, stop)
    return 0


async def sending_channels(app: App, stack: contextlib.AsyncExitStack) -> dict[str, Sender]:
    """A sender for each channel whose credentials are set, ready to send (and closed
    by `stack`); none of them polls or serves webhooks."""
    channels = build_channels(app)
    if channels.telegram is not None:  # initialised, not polling
        await stack.enter_async_context(channels.telegram.application)
    for channel in channels.zalo:
        stack.push_async_callback(channel.close)
    return channels.senders


async def _schedule_until(app: App, senders: Mapping[str, Sender], stop: asyncio.Event) -> None:
    """Schedule until `stop`, answering /healthz, /readyz (database and migrations; the
    leadership reported, not required) and /metrics on the webhook address."""
    handle = await start_scheduler(app, senders)
    async with AsyncExitStack() as stack:
        stack.push_async_callback(handle.stop)
        server = WebhookServer(app.settings.webhook_host, app.settings.webhook_port)
        await serve_ops(stack, app, server, leading=handle.leading.is_set)
        await stop.wait()
