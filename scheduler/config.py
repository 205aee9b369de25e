"""What the scheduler and the sender need to know, built once by `bot/` from the settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from storage.services.retention import RetentionPolicy
from storage.services.schedules import QuietHours


@dataclass(frozen=True)
class ChannelRate:
    """Messages a second on a channel in all, and to any one chat."""

    per_second: float
    per_chat: float


def parse_rates(raw: str) -> dict[str, ChannelRate]:
    """ "telegram=30/1,console=200/200" -> {"telegram": ChannelRate(30, 1), ...}."""
    rates = {}
    for item in raw.split(","):
        if not item.strip():
            continue
        name, _, value = item.partition("=")
        total, _, per_chat = value.partition("/")
        rates[name.strip()] = ChannelRate(float(total), float(per_chat or total))
    return rates


@dataclass(frozen=True)
class SchedulerConfig:
    files_dir: Path
    timezone: str = "Asia/Ho_Chi_Minh"
    language: str = "vi"
    quiet_start: str = "21:00"
    quiet_end: str = "07:00"
    grace: timedelta = timedelta(hours=3)
    rates: Mapping[str, ChannelRate] = field(default_factory=dict)
    default_rate: ChannelRate = ChannelRate(30, 1)
    max_attempts: int = 5
    retry_seconds: float = 30.0
    concurrency: int = 8
    poll_seconds: float = 1.0
    lease_seconds: float = 60.0
    sync_seconds: float = 10.0
    leader_poll_seconds: float = 15.0
    progress_seconds: float = 3.0
    digest_period_days: int = 7
    lock_key: int = 7243002
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    retention_time: str = "03:30"  # local time of the daily clean-up
    # The daily backup the leader takes (None: no backup job).
    backup_dir: Path | None = None
    backup_keep: int = 14
    backup_at: str = "02:30"
    database_url: str = ""

    @property
    def quiet(self) -> QuietHours:
        return QuietHours.parse(self.quiet_start, self.quiet_end, self.timezone)

    def rate(self, channel: str) -> ChannelRate:
        return self.rates.get(channel, self.default_rate)
