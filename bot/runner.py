"""Running the chat channels whose credentials are set, all in one process, until Ctrl-C
or SIGTERM; the updates in hand are finished before the process stops."""

from __future__ import annotations

import asyncio
import logging
import signal
from contextlib import AsyncExitStack
from datetime import timedelta

from bot import demo
from bot.app import App
from bot.channels.telegram import TelegramChannel, TelegramConfig
from bot.channels.telegram_webhook import TelegramWebhook
from bot.channels.webhooks import WebhookServer
from bot.channels.zalo_bot import ZaloBotChannel
from bot.channels.zalo_oa import ZaloOAChannel
from bot.health import Probe
from bot.ops import api_hook, serve_ops
from bot.runner_zalo import ChannelRunner, serve_zalo, zalo_channels
from bot.scheduling import start_scheduler
from bot.settings import Settings
from bot.web.app import config_from, console_app
from handlers.io import Sender
from handlers.menu import console_url
from storage.services import accounts
from storage.types import utcnow

logger = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]
WEBHOOK_WORKERS = 8


def telegram_channel(app: App) -> TelegramChannel:
    settings = app.settings
    assert settings.telegram_bot_token is not None

    async def on_blocked(chat_id: str, blocked: bool) -> None:
        async with app.sessionmaker() as session, session.begin():
            await accounts.set_blocked(
                session, channel="telegram", chat_id=chat_id, blocked=blocked
            )

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
        app.router, config, on_blocked=on_blocked, on_api_call=api_hook(app, "telegram")
    )


async def prune(app: App) -> None:
    async with app.sessionmaker() as session, session.begin():
        days = app.settings.retention_processed_update_days
        await accounts.prune_processed_updates(session, before=utcnow() - timedelta(days=days))


async def warn_if_empty(app: App) -> None:
    """Nobody can link to an empty roster: say how to load one."""
    async with app.sessionmaker() as session, session.begin():
        empty = await demo.is_empty(session)
    if empty:
        logger.warning(
            "the database has no units or staff yet: load them with import-units, "
            "import-roster and load-campaign, or try the sample data with "
            "`python -m bot demo`; then hand out codes with `python -m bot invite`"
        )


async def run_channels(app: App, stop: asyncio.Event | None = None) -> int:
    """Run every configured channel, and the scheduler sending through them, until `stop`
    is set (by SIGINT or SIGTERM when not given); a channel that fails stops the others and
    the error is raised."""
    stop = stop or _stop_on_signals()
    await prune(app)
    await warn_if_empty(app)
    server = WebhookServer(app.settings.webhook_host, app.settings.webhook_port)
    runners, senders = channel_runners(app, server)
    telegram = senders.get("telegram")
    if isinstance(telegram, TelegramChannel):
        await telegram.application.initialize()  # the scheduler may send before polling
    scheduler = await start_scheduler(app, senders)

    async def guarded(name: str, run: ChannelRunner) -> None:
        try:
            await run(stop)
        except Exception:
            logger.exception("the %s channel stopped with an error", name)
            stop.set()
            raise

    async with AsyncExitStack() as stack:
        stack.push_async_callback(scheduler.stop)
        await serve_ops(
            stack,
            app,
            server,
            channels=list(senders),
            leading=scheduler.leading.is_set,
            probes=channel_probes(senders),
        )
        results = await asyncio.gather(
            *(guarded(name, run) for name, run in runners), return_exceptions=True
        )
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return 0


def channel_runners(
    app: App, server: WebhookServer | None = None
) -> tuple[list[tuple[str, ChannelRunner]], dict[str, Sender]]:
    """Telegram when its token is set (by webhook when its URL is set, else long polling);
    the Zalo channels when theirs are; the console when WEB_BASE_URL is set; one webhook
    server for all of them (`server`, served by the caller with /healthz and the rest);
    with each channel's sender for reminders and broadcasts."""
    settings = app.settings
    runners: list[tuple[str, ChannelRunner]] = []
    senders: dict[str, Sender] = {}
    web = server or WebhookServer(settings.webhook_host, settings.webhook_port)
    zalo = zalo_channels(app)
    if settings.web_base_url:
        web.mount("/console", console_app(app.sessionmaker, config_from(settings)))
    if settings.telegram_bot_token is not None:
        channel = telegram_channel(app)
        senders[channel.name] = channel
        if settings.telegram_webhook_url:
            hook = telegram_webhook(app, channel)
            web.add(settings.telegram_webhook_path, hook.endpoint)
            # the caller, or else the Zalo runner, starts and stops a shared server
            own = server is None and not zalo
            runners.append(
                ("telegram", lambda stop: serve_telegram_webhook(hook, web, stop, own, settings))
            )
        else:
            runners.append(
                (
                    "telegram",
                    lambda stop: serve_telegram(channel, stop, settings.telegram_poll_timeout),
                )
            )
    if zalo:
        senders.update({z.name: z for z in zalo})  # type: ignore[misc]
        runners.append(("zalo", lambda stop: serve_zalo(zalo, web, stop)))
    return runners, senders


def channel_probes(senders: dict[str, Sender]) -> dict[str, Probe]:
    """A cheap API call per channel, made when the channel has been idle a while."""
    probes: dict[str, Probe] = {}
    for name, sender in senders.items():
        if isinstance(sender, TelegramChannel):
            probes[name] = sender.application.bot.get_me
        elif isinstance(sender, ZaloBotChannel):
            probes[name] = lambda api=sender.api: api.call("getMe", {})
        elif isinstance(sender, ZaloOAChannel):
            probes[name] = sender.api.get_oa
    return probes


def telegram_webhook(app: App, channel: TelegramChannel) -> TelegramWebhook:
    settings = app.settings
    assert settings.telegram_webhook_secret is not None
    return TelegramWebhook(
        channel,
        app.sessionmaker,
        app.engine,
        secret=settings.telegram_webhook_secret.get_secret_value(),
        allowed_updates=ALLOWED_UPDATES,
        # each person being answered holds two database connections (lock and session)
        workers=min(settings.telegram_max_in_flight, WEBHOOK_WORKERS),
        sweep_seconds=settings.telegram_inbox_sweep_seconds,
    )


async def serve_telegram_webhook(
    hook: TelegramWebhook,
    server: WebhookServer,
    stop: asyncio.Event,
    own_server: bool,
    settings: Settings,
) -> None:
    """Register the webhook with Telegram, take updates until `stop`, then stop taking
    them and finish the ones in hand. The webhook stays set: other processes serve it."""
    channel = hook.channel
    async with channel.application:
        await channel.set_commands()
        await hook.set_webhook(
            settings.telegram_webhook_url, settings.telegram_webhook_max_connections
        )
        if own_server:
            await server.start()
        sweeping = asyncio.create_task(hook.sweep_until(stop))
        hook.ready.set()
        logger.info(
            "Telegram channel running as @%s, by webhook on %s",
            channel.application.bot.username,
            settings.telegram_webhook_path,
        )
        try:
            await stop.wait()
            logger.info("stopping: finishing the updates in hand")
        finally:
            if own_server:
                await server.stop()
            await sweeping
            await hook.finish()


async def serve_telegram(channel: TelegramChannel, stop: asyncio.Event, poll_timeout: int) -> None:
    """Long-poll until `stop`; then stop fetching and finish the updates in hand."""
    application = channel.application
    async with application:
        await channel.set_commands()
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            allowed_updates=ALLOWED_UPDATES, timeout=poll_timeout
        )
        logger.info("Telegram channel running as @%s", application.bot.username)
        await stop.wait()
        logger.info("stopping: finishing the updates in hand")
        await application.updater.stop()
        await application.stop()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop
