"""Building the scheduler in tests: memory chats are delivered to by a fake sender, and
every job is called with the fake clock's time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scheduler.config import ChannelRate, SchedulerConfig
from scheduler.runner import Runner
from scheduler.sender import OutboxSender
from storage.db import SessionMaker
from tests.fakes.clock import FakeClock
from tests.fakes.sender import FakeSender


def config_for(files_dir: Path, **options: object) -> SchedulerConfig:
    settings: dict[str, object] = {
        "rates": {"memory": ChannelRate(1000, 1000)},
        "retry_seconds": 60,
        "max_attempts": 3,
        **options,
    }
    return SchedulerConfig(files_dir=files_dir, **settings)  # type: ignore[arg-type]


@dataclass
class Bot:
    """The scheduler side of a test: runner, sender and the fake channel."""

    runner: Runner
    sender: OutboxSender
    channel: FakeSender
    clock: FakeClock

    async def deliver(self) -> int:
        """Send everything due at the fake clock's time."""
        return await self.sender.drain_all(self.clock())


def make_bot(
    sessionmaker: SessionMaker, clock: FakeClock, files_dir: Path, **options: object
) -> Bot:
    channel = FakeSender()
    config = config_for(files_dir, **options)
    sender = OutboxSender(sessionmaker, {"memory": channel}, config, clock)
    return Bot(Runner(sessionmaker, config, sender, clock), sender, channel, clock)
