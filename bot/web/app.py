"""The committee console as a Starlette app, mounted at /console on the webhook server.

Adding an area: write `bot/web/routes/<area>.py` with `ROUTES` (paths relative to
/console) and `NAV` (home-page links by role), and list the module in `AREAS`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from bot.settings import Settings
from bot.web.botname import BotName
from bot.web.context import Console, WebConfig
from bot.web.routes import admin, committee, exemplars, manager, mine, review, sheets, signin
from storage.db import SessionMaker
from storage.services.web_sessions import SessionPolicy
from storage.types import utcnow

STATIC = Path(__file__).resolve().parent / "static"
AREAS = (signin, mine, review, committee, manager, admin, sheets, exemplars)


def config_from(settings: Settings) -> WebConfig:
    token = settings.telegram_bot_token
    return WebConfig(
        base_url=settings.web_base_url,
        bot_token=token.get_secret_value() if token else None,
        init_data_max_age=timedelta(seconds=settings.web_init_data_max_age),
        policy=SessionPolicy(
            idle=timedelta(minutes=settings.web_session_idle_minutes),
            absolute=timedelta(hours=settings.web_session_max_hours),
        ),
        default_language=settings.bot_language,
        timezone=settings.timezone,
        files_dir=settings.files_dir,
        bot_username=settings.telegram_bot_username,
        telegram_api_base_url=settings.telegram_api_base_url,
        invite_ttl_days=settings.invite_ttl_days,
        invite_secret=invite.get_secret_value() if (invite := settings.invite_secret) else None,
    )


def console_app(
    sessionmaker: SessionMaker, config: WebConfig, clock: Callable[[], datetime] = utcnow
) -> Starlette:
    routes = [route for area in AREAS for route in area.ROUTES]
    app = Starlette(routes=[*routes, Mount("/static", StaticFiles(directory=STATIC))])
    app.state.console = Console(sessionmaker, config, clock)
    app.state.nav = [item for area in AREAS for item in area.NAV]
    app.state.bot_name = BotName(
        config.bot_username, config.bot_token, config.telegram_api_base_url
    )
    return app
