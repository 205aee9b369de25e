"""When things happen, in Vietnam time: weekly and one-off schedules, dates relative to a
campaign's timeline, and quiet hours. Pure functions: the caller passes `now`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.kit.numbers import parse_clock, parse_int
from storage.models import Campaign, ReminderRule, ScheduleKind

# Campaign dates a reminder may be relative to (columns of `campaign`).
CAMPAIGN_DATES = (
    "registration_opens",
    "registration_closes",
    "evidence_deadline",
    "self_scoring_opens",
    "self_scoring_closes",
)


def parse_time(raw: str) -> time | None:
    """ "7:30", "07:30", "7h30" or "19" as a time of day; None when it is not one."""
    return parse_clock(raw)


def parse_weekdays(raw: str) -> tuple[int, ...]:
    """ "0,3" -> (0, 3): Monday is 0."""
    days = (parse_int(part, 0, 6) for part in raw.split(","))
    return tuple(sorted({day for day in days if day is not None}))


@dataclass(frozen=True)
class Schedule:
    """Either one moment (`at`) or weekly on `weekdays` at `clock` in `timezone`."""

    timezone: str
    at: datetime | None = None
    weekdays: tuple[int, ...] = ()
    clock: time = time(8, 0)

    def _local(self, day: date) -> datetime:
        return datetime.combine(day, self.clock, ZoneInfo(self.timezone)).astimezone(UTC)

    def latest(self, now: datetime) -> datetime | None:
        """The newest occurrence at or before `now`."""
        if self.at is not None:
            return self.at if self.at <= now else None
        today = now.astimezone(ZoneInfo(self.timezone)).date()
        for back in range(8):
            day = today - timedelta(days=back)
            if day.weekday() in self.weekdays and self._local(day) <= now:
                return self._local(day)
        return None

    def next_after(self, after: datetime) -> datetime | None:
        """The first occurrence strictly after `after`."""
        if self.at is not None:
            return self.at if self.at > after else None
        today = after.astimezone(ZoneInfo(self.timezone)).date()
        for ahead in range(8):
            day = today + timedelta(days=ahead)
            if day.weekday() in self.weekdays and self._local(day) > after:
                return self._local(day)
        return None


def weekly(weekdays: str, time_of_day: str, timezone: str) -> Schedule:
    clock = parse_time(time_of_day) or time(8, 0)
    return Schedule(timezone, weekdays=parse_weekdays(weekdays), clock=clock)


def rule_schedule(rule: ReminderRule, campaign: Campaign | None, timezone: str) -> Schedule | None:
    """The rule's schedule; None when a relative rule has no campaign date to hang on."""
    clock = parse_time(rule.time_of_day) or time(8, 0)
    if rule.schedule == ScheduleKind.ONCE:
        return Schedule(timezone, at=rule.once_at) if rule.once_at else None
    if rule.schedule == ScheduleKind.WEEKLY:
        return weekly(rule.weekdays, rule.time_of_day, timezone)
    if campaign is None or rule.campaign_date not in CAMPAIGN_DATES:
        return None
    anchor: date = getattr(campaign, rule.campaign_date or "")
    day = anchor + timedelta(days=rule.offset_days)
    at = datetime.combine(day, clock, ZoneInfo(timezone)).astimezone(UTC)
    return Schedule(timezone, at=at)


@dataclass(frozen=True)
class QuietHours:
    """A nightly period (start after end means it spans midnight) with no reminders."""

    start: time
    end: time
    timezone: str

    @classmethod
    def parse(cls, start: str, end: str, timezone: str) -> QuietHours:
        first, last = parse_time(start), parse_time(end)
        if first is None or last is None:
            raise ValueError(f"quiet hours {start}-{end} are not times of day")
        return cls(first, last, timezone)

    def contains(self, moment: datetime) -> bool:
        clock = moment.astimezone(ZoneInfo(self.timezone)).time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end

    def defer(self, moment: datetime) -> datetime:
        """`moment`, or the end of the quiet period it falls in."""
        if not self.contains(moment):
            return moment
        local = moment.astimezone(ZoneInfo(self.timezone))
        day = local.date()
        if self.start > self.end and local.time() >= self.start:
            day += timedelta(days=1)
        end = datetime.combine(day, self.end, ZoneInfo(self.timezone))
        return end.astimezone(UTC)
