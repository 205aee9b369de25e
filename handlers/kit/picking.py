"""Choosing a unit within one's scope, and saying schedules and audiences in words:
shared by `/nhacviec`, `/thongbao` and `/baocao`."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.core import Convo, Turn, choice_id
from handlers.io import Button, Inbound, Reply
from handlers.kit import format as fmt
from handlers.texts import Texts
from storage.models import Campaign, OrgUnit, ReminderRule, ScheduleKind
from storage.services import org
from storage.services.schedules import parse_weekdays, rule_schedule

MAX_UNIT_BUTTONS = 12


async def unit_choices(session: AsyncSession, scopes: list[OrgUnit]) -> list[OrgUnit]:
    """The scope units, then the units directly below them (at most 12 buttons)."""
    ids = [u.id for u in scopes]
    children = [u for u in await org.children_of(session, ids) if u.id not in ids]
    return (scopes + children)[:MAX_UNIT_BUTTONS]


def toggled_weekday(weekdays: list[int], choice: str) -> list[int] | None:
    """The weekdays with the pressed one ("d:0".."d:6") switched, or None for another press."""
    day = choice_id(choice, "d:")
    if day is not None and day < 7:
        return sorted(set(weekdays) ^ {day})
    return None


def ask_weekdays(convo: Convo, chosen: list[int]) -> Reply:
    """The days of the week, each ticked or not, then "next"."""
    t = convo.t
    buttons = [
        Button(f"{'☑' if d in chosen else '☐'} {name}", f"d:{d}")
        for d, name in enumerate(t.WEEKDAYS)
    ]
    buttons.append(Button(t.BTN_NEXT, "next"))
    return convo.ask(t.PICK_WEEKDAYS, buttons, per_row=2)


class HasWeekdays(Protocol):
    weekdays: list[int]


async def on_weekdays(msg: Inbound, convo: Convo, data: HasWeekdays, then: str) -> Turn:
    """A pressed day switches on or off; "next" goes on to `then` once a day is chosen."""
    choice = msg.choice or ""
    if (weekdays := toggled_weekday(data.weekdays, choice)) is not None:
        data.weekdays = weekdays
        return await convo.stay()
    if choice == "next":
        if not data.weekdays:
            return await convo.stay(convo.t.NEED_ONE_DAY)
        return await convo.goto(then)
    return await convo.stay(convo.t.UNKNOWN_INPUT)


def unit_buttons(units: list[OrgUnit]) -> list[Button]:
    return [Button(fmt.shorten(u.name), f"u:{u.id}") for u in units]


async def find_unit(
    session: AsyncSession, choice: str | None, text: str | None, scopes: list[OrgUnit]
) -> OrgUnit | None:
    """The unit pressed ("u:<id>") or typed (its code), if it lies within a scope."""
    unit = None
    if (unit_id := choice_id(choice, "u:")) is not None:
        unit = await org.get_unit(session, unit_id)
    elif text and text.strip():
        unit = await org.get_unit_by_code(session, text.upper())
    if unit is None or not any(org.is_within(unit, scope) for scope in scopes):
        return None
    return unit


def moment(t: Texts, at: datetime | None, timezone: str) -> str:
    """ "07:30 25/11/2026" in Vietnam time, or "no further time"."""
    if at is None:
        return t.NO_NEXT
    local = at.astimezone(ZoneInfo(timezone))
    return f"{local:%H:%M} {fmt.day(local)}"


def schedule_text(t: Texts, rule: ReminderRule, campaign: Campaign | None, timezone: str) -> str:
    if rule.schedule == ScheduleKind.ONCE:
        return t.SCHEDULE_ONCE.format(time=moment(t, rule.once_at, timezone))
    if rule.schedule == ScheduleKind.WEEKLY:
        days = ", ".join(t.WEEKDAYS[d] for d in parse_weekdays(rule.weekdays))
        return t.SCHEDULE_WEEKLY.format(days=days, time=rule.time_of_day)
    name = t.CAMPAIGN_DATES.get(rule.campaign_date or "", rule.campaign_date or "")
    anchor = getattr(campaign, rule.campaign_date or "", None) if campaign else None
    values = {
        "days": abs(rule.offset_days),
        "anchor": name.lower() if t.LANGUAGE == "en" else name,
        "date": fmt.day(anchor) if anchor else "?",
        "time": rule.time_of_day,
    }
    if rule.offset_days < 0:
        return t.SCHEDULE_RELATIVE_BEFORE.format(**values)
    if rule.offset_days > 0:
        return t.SCHEDULE_RELATIVE_AFTER.format(**values)
    return t.SCHEDULE_RELATIVE_ON.format(**values)


def audience_text(t: Texts, rule: ReminderRule) -> str:
    text = t.AUDIENCES.get(rule.audience, rule.audience)
    if rule.audience == "no_evidence":
        text = t.AUDIENCE_DAYS.format(audience=text, days=rule.evidence_days or 14)
    if rule.model_code:
        text = t.AUDIENCE_MODEL.format(audience=text, model=rule.model_code)
    return text


def next_time(
    t: Texts, rule: ReminderRule, campaign: Campaign | None, timezone: str, now: datetime
) -> str:
    schedule = rule_schedule(rule, campaign, timezone)
    return moment(t, schedule.next_after(now) if schedule else None, timezone)
