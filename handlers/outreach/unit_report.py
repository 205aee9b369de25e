"""`/baocao`: a manager sees their unit's digest now (text, chart, Excel when long) and
changes when the automatic digest comes (default Monday 07:30) or turns it off."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta
from enum import StrEnum

from pydantic import Field

from handlers.core import Convo, Flow, FlowData, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit import picking, shared_steps
from handlers.outbound.digest_report import digest_replies
from storage.models import OrgUnit, Role
from storage.services import campaigns, digests, org
from storage.services.schedules import parse_weekdays

PERIOD = timedelta(days=7)


class Step(StrEnum):
    UNIT = "unit"
    MENU = "menu"
    WEEKDAYS = "weekdays"
    TIME = "time"


class Data(FlowData):
    weekdays: list[int] = Field(default_factory=list)


async def _scopes(convo: Convo) -> list[OrgUnit]:
    return await org.scope_units(convo.session, convo.me, [Role.MANAGER])


async def start(msg: Inbound, convo: Convo) -> Turn:
    scopes = await _scopes(convo)
    if not scopes:
        return await convo.done(convo.t.DIGEST_NOT_ALLOWED)
    if len(scopes) > 1:
        return await convo.goto(Step.UNIT)
    return await _show(convo, scopes[0])


async def _show(convo: Convo, unit: OrgUnit) -> Turn:
    """The digest of `unit` now, then the schedule menu."""
    active = await campaigns.active_campaigns(convo.session)
    if not active:
        return await convo.done(convo.t.NO_ACTIVE_CAMPAIGN)
    since = convo.now - PERIOD
    snap = await digests.snapshot(convo.session, active[0].id or 0, since, root=unit)
    digest = digests.digest_for(snap, convo.me.id or 0, unit.id or 0)
    replies = await asyncio.to_thread(
        digest_replies, digest, convo.t, since.date(), convo.now.date(), files=convo.caps.files_out
    )
    turn = await convo.goto(Step.MENU)
    turn.replies[:0] = replies
    return turn


async def _save_time(convo: Convo, clock: time) -> Turn:
    weekdays = ",".join(str(d) for d in Data.of(convo).weekdays)
    await digests.set_schedule(
        convo.session,
        actor=convo.me,
        weekdays=weekdays,
        time_of_day=f"{clock:%H:%M}",
        enabled=True,
        now=convo.now,
    )
    words = _schedule_words(convo, weekdays, f"{clock:%H:%M}")
    return await convo.done(convo.t.DIGEST_SCHEDULE_SAVED.format(schedule=words))


FLOW = Flow(
    name="digests",
    data_model=Data,
    start=start,
    steps={  # the shared steps; the others are added where their answers are handled
        Step.WEEKDAYS: shared_steps.weekdays_step(Data.of, Step.TIME),
        Step.TIME: shared_steps.time_step(_save_time),
    },
)


async def ask_unit(convo: Convo) -> Reply:
    return convo.ask(convo.t.PICK_DIGEST_UNIT, picking.unit_buttons(await _scopes(convo)))


@FLOW.step(Step.UNIT, ask_unit)
async def on_unit(msg: Inbound, convo: Convo) -> Turn:
    unit = await picking.find_unit(convo.session, msg.choice, msg.text, await _scopes(convo))
    if unit is None:
        return await convo.stay(convo.t.UNIT_NOT_IN_SCOPE)
    return await _show(convo, unit)


def _schedule_words(convo: Convo, weekdays: str, time_of_day: str) -> str:
    days = ", ".join(convo.t.WEEKDAYS[d] for d in parse_weekdays(weekdays))
    return convo.t.SCHEDULE_WEEKLY.format(days=days, time=time_of_day)


async def ask_menu(convo: Convo) -> Reply:
    t = convo.t
    setting = await digests.schedule_of(convo.session, convo.me.id or 0)
    words = (
        _schedule_words(convo, setting.weekdays, setting.time_of_day)
        if setting.enabled
        else t.DIGEST_OFF
    )
    buttons = [Button(t.BTN_DIGEST_SCHEDULE, "sched")]
    if setting.enabled:
        buttons.append(Button(t.BTN_DIGEST_OFF, "off"))
    buttons.append(Button(t.BTN_DONE, "/menu"))
    return convo.ask(t.DIGEST_SCHEDULE.format(schedule=words), buttons)


@FLOW.step(Step.MENU, ask_menu)
async def on_menu(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "sched":
        Data.of(convo).weekdays = []
        return await convo.goto(Step.WEEKDAYS)
    if msg.choice == "off":
        current = await digests.schedule_of(convo.session, convo.me.id or 0)
        await digests.set_schedule(
            convo.session,
            actor=convo.me,
            weekdays=current.weekdays,
            time_of_day=current.time_of_day,
            enabled=False,
            now=convo.now,
        )
        return await convo.done(convo.t.DIGEST_TURNED_OFF)
    return await convo.stay(convo.t.UNKNOWN_INPUT)
