"""Wiring: settings -> engine (migrated) -> router."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.health import ChannelHealth
from bot.metrics import Metrics
from bot.settings import Settings
from handlers.core import Deps
from handlers.router import Router
from storage import migrate
from storage.db import SessionMaker, create_engine, make_sessionmaker
from storage.services.accounts import LockoutPolicy


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: SessionMaker
    router: Router
    metrics: Metrics = field(default_factory=Metrics)
    health: ChannelHealth = field(default_factory=ChannelHealth)

    def __post_init__(self) -> None:
        self.router.observer = self.metrics

    async def close(self) -> None:
        await self.engine.dispose()


def deps_from(settings: Settings) -> Deps:
    return Deps.for_dir(
        settings.files_dir,
        max_bytes=settings.max_file_bytes,
        allowed=settings.allowed_mime_types,
        lockout=LockoutPolicy(
            settings.lockout_attempts,
            timedelta(minutes=settings.lockout_minutes),
            timedelta(minutes=settings.lockout_minutes),
        ),
        default_language=settings.bot_language,
        timezone=settings.timezone,
        quiet_hours=f"{settings.quiet_hours_start}–{settings.quiet_hours_end}",
        deliver_to_all_channels=settings.deliver_to_all_channels,
        invite_secret=(
            settings.invite_secret.get_secret_value() if settings.invite_secret else None
        ),
        web_base_url=settings.web_base_url,
    )


async def build_app(settings: Settings, *, engine: AsyncEngine | None = None) -> App:
    """Open the database, apply the migrations, and build the router."""
    engine = engine or create_engine(settings.database_url)
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    return App(settings, engine, sessionmaker, Router(sessionmaker, deps_from(settings)))
