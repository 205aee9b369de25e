"""Schedules in Vietnam time: weekly, once, relative to a campaign date; quiet hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from scheduler.runner import weekly_trigger
from storage.models import Campaign, ReminderRule
from storage.services.schedules import QuietHours, parse_time, rule_schedule, weekly

VN = "Asia/Ho_Chi_Minh"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_weekly_fires_at_the_vietnam_time_minute() -> None:
    schedule = weekly("0,3", "07:30", VN)  # Monday and Thursday 07:30 = 00:30 UTC
    wednesday = utc(2026, 11, 25, 3, 0)
    assert schedule.next_after(wednesday) == utc(2026, 11, 26, 0, 30)
    assert schedule.latest(wednesday) == utc(2026, 11, 23, 0, 30)
    assert schedule.latest(utc(2026, 11, 26, 0, 29)) == utc(2026, 11, 23, 0, 30)
    assert schedule.latest(utc(2026, 11, 26, 0, 30)) == utc(2026, 11, 26, 0, 30)


def test_apscheduler_trigger_agrees_with_the_schedule() -> None:
    trigger = weekly_trigger("0,3", "07:30", VN)
    assert trigger is not None
    now = utc(2026, 11, 25, 3, 0)
    assert trigger.get_next_fire_time(None, now) == weekly("0,3", "07:30", VN).next_after(now)


def test_relative_to_a_campaign_date() -> None:
    campaign = Campaign(
        code="C",
        name="C",
        year=2026,
        registration_opens=date(2026, 11, 1),
        registration_closes=date(2026, 11, 30),
        evidence_deadline=date(2026, 12, 10),
        self_scoring_opens=date(2026, 12, 11),
        self_scoring_closes=date(2026, 12, 20),
    )
    rule = ReminderRule(
        created_by_id=1,
        issuer_role="union_committee",
        unit_id=1,
        audience="all",
        schedule="relative",
        campaign_date="evidence_deadline",
        offset_days=-3,
        time_of_day="08:00",
        message="m",
    )
    schedule = rule_schedule(rule, campaign, VN)
    assert schedule is not None and schedule.at == utc(2026, 12, 7, 1, 0)  # 08:00 Vietnam time


def test_quiet_hours_defer_to_the_morning() -> None:
    quiet = QuietHours.parse("21:00", "07:00", VN)
    evening = utc(2026, 11, 25, 15, 30)  # 22:30 in Vietnam
    assert quiet.contains(evening)
    assert quiet.defer(evening) == utc(2026, 11, 26, 0, 0)  # 07:00 next morning
    early = utc(2026, 11, 25, 22, 0)  # 05:00 in Vietnam
    assert quiet.defer(early) == utc(2026, 11, 26, 0, 0)
    day = utc(2026, 11, 25, 3, 0)
    assert not quiet.contains(day) and quiet.defer(day) == day


def test_parse_time_accepts_what_people_type() -> None:
    assert parse_time("7:30") == time(7, 30)
    assert parse_time("7h30") == time(7, 30)
    assert parse_time("19") == time(19, 0)
    assert parse_time("25:00") is None and parse_time("abc") is None
