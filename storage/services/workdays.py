"""Working days in Vietnam: Monday to Friday, except public holidays."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

# Vietnam's fixed (solar-calendar) public holidays, every year: New Year, Reunification
# Day, Labour Day, National Day. Lunar holidays (Tết, Hùng Kings) and the days moved
# around them change every year: a campaign lists them under `publication.holidays`.
FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))


def parse_holidays(values: Iterable[object]) -> frozenset[date]:
    """The campaign's extra holidays, from YAML dates or ISO strings."""
    days = set()
    for value in values:
        if isinstance(value, date):
            days.add(value)
        elif isinstance(value, str):
            days.add(date.fromisoformat(value.strip()))
    return frozenset(days)


def is_working_day(day: date, holidays: frozenset[date] = frozenset()) -> bool:
    if day.weekday() >= 5:
        return False
    return (day.month, day.day) not in FIXED_HOLIDAYS and day not in holidays


def last_working_day(start: date, count: int, holidays: frozenset[date] = frozenset()) -> date:
    """The last day of a window of `count` working days that begins on `start`.

    `start` counts when it is itself a working day: published on Thursday 26/12/2024,
    a five-day window runs to Thursday 02/01/2025 (weekend and 01/01 skipped).
    """
    day = start
    while not is_working_day(day, holidays):
        day += timedelta(days=1)
    counted = 1
    while counted < max(count, 1):
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day
