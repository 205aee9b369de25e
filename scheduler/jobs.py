"""What the runner and each kind of job it runs hold: the database, the settings, the clock,
and how to wake the outbox sender once they have queued messages (so that these go out now,
not at the sender's next poll)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from scheduler.config import SchedulerConfig
from storage.db import SessionMaker
from storage.types import utcnow


def _no_sender() -> None:
    """The wake-up of jobs that run without a sender (nothing waits for them)."""


@dataclass(eq=False)
class Jobs:
    sessionmaker: SessionMaker
    config: SchedulerConfig
    clock: Callable[[], datetime] = utcnow
    wake: Callable[[], None] = _no_sender
