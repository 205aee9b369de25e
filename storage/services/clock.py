"""Dates in the campaign's time zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def local_date(now: datetime, timezone: str) -> date:
    """The calendar date at `now` in `timezone` (Vietnam time by default)."""
    return now.astimezone(ZoneInfo(timezone)).date()
