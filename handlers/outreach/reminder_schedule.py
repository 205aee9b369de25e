"""`/nhacviec`, the schedule of a new reminder: once at a date and time, weekly on chosen
days at a time, or some days before or after one of the campaign's dates."""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

from handlers.core import Convo, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit import format as fmt
from handlers.kit import picking
from handlers.kit.numbers import ascii_form, parse_int
from handlers.kit.presses import pressed
from handlers.outreach.reminder_form import Data, Step, campaign_of
from storage.models import ScheduleKind
from storage.services.schedules import CAMPAIGN_DATES

DATETIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:hH.](\d{2})", re.ASCII)


async def ask_when(convo: Convo) -> Reply:
    t = convo.t
    buttons = [Button(t.BTN_ONCE, "s:once"), Button(t.BTN_WEEKLY, "s:weekly")]
    if Data.of(convo).campaign_id:
        buttons.append(Button(t.BTN_RELATIVE, "s:relative"))
    return convo.ask(t.PICK_SCHEDULE, buttons)


async def on_when(msg: Inbound, convo: Convo) -> Turn:
    data = Data.of(convo)
    kinds = set(ScheduleKind) - ({ScheduleKind.RELATIVE} if data.campaign_id is None else set())
    kind = pressed(msg.choice, "s:", kinds)
    if kind is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    data.schedule = kind
    following = {"once": Step.ONCE_AT, "weekly": Step.WEEKDAYS, "relative": Step.ANCHOR}
    return await convo.goto(following[kind])


def _example(convo: Convo) -> str:
    local = convo.now.astimezone(ZoneInfo(convo.deps.timezone))
    return f"{local:%d/%m/%Y} 16:00"


async def ask_once_at(convo: Convo) -> Reply:
    return convo.ask(convo.t.ASK_ONCE_AT.format(example=_example(convo)))


async def on_once_at(msg: Inbound, convo: Convo) -> Turn:
    found = DATETIME.fullmatch(ascii_form(msg.text or "", max_chars=24) or "")
    try:
        day, month, year, hour, minute = (int(g) for g in found.groups()) if found else ()
        local = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(convo.deps.timezone))
    except (ValueError, TypeError):
        return await convo.stay(convo.t.BAD_DATETIME.format(example=_example(convo)))
    if local <= convo.now:
        now = picking.moment(convo.t, convo.now, convo.deps.timezone)
        return await convo.stay(convo.t.PAST_DATETIME.format(now=now))
    data = Data.of(convo)
    data.once_at, data.time_of_day = local, f"{local:%H:%M}"
    return await convo.goto(Step.MESSAGE)


async def save_time(convo: Convo, clock: time) -> Turn:
    Data.of(convo).time_of_day = f"{clock:%H:%M}"
    return await convo.goto(Step.MESSAGE)


async def ask_anchor(convo: Convo) -> Reply:
    t = convo.t
    campaign = await campaign_of(convo)
    assert campaign is not None
    buttons = [
        Button(
            t.ANCHOR_LABEL.format(name=t.CAMPAIGN_DATES[k], date=fmt.day(getattr(campaign, k))),
            f"c:{k}",
        )
        for k in CAMPAIGN_DATES
    ]
    return convo.ask(t.PICK_ANCHOR.format(campaign=campaign.name), buttons)


async def on_anchor(msg: Inbound, convo: Convo) -> Turn:
    key = pressed(msg.choice, "c:", CAMPAIGN_DATES)
    if key is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).campaign_date = key
    return await convo.goto(Step.OFFSET)


async def ask_offset(convo: Convo) -> Reply:
    return convo.ask(convo.t.ASK_OFFSET)


async def on_offset(msg: Inbound, convo: Convo) -> Turn:
    days = parse_int(msg.text or "", -60, 60)
    if days is None:
        return await convo.stay(convo.t.BAD_OFFSET)
    Data.of(convo).offset_days = -days
    return await convo.goto(Step.TIME)
