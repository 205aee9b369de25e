"""Steps several flows ask the same way: a unit within the person's scope, the weekdays
of a weekly schedule and its time of day (`/nhacviec`, `/thongbao`, `/baocao`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import time

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.core import Convo, StepDef, Turn
from handlers.io import Inbound, Reply
from handlers.kit import picking
from storage.models import OrgUnit, Person
from storage.services.schedules import parse_time

Scopes = Callable[[AsyncSession, Person], Awaitable[list[OrgUnit]]]


def unit_step(scopes: Scopes, use: Callable[[Convo, OrgUnit], Awaitable[Turn]]) -> StepDef:
    """A unit within the person's `scopes` (those and the units directly below them as
    buttons, or any within typed by code), handed to `use`."""

    async def ask(convo: Convo) -> Reply:
        units = await picking.unit_choices(convo.session, await scopes(convo.session, convo.me))
        return convo.ask(convo.t.PICK_UNIT, picking.unit_buttons(units))

    async def on(msg: Inbound, convo: Convo) -> Turn:
        within = await scopes(convo.session, convo.me)
        unit = await picking.find_unit(convo.session, msg.choice, msg.text, within)
        if unit is None:
            return await convo.stay(convo.t.UNIT_NOT_IN_SCOPE)
        return await use(convo, unit)

    return StepDef(ask, on)


def weekdays_step(data: Callable[[Convo], picking.HasWeekdays], then: str) -> StepDef:
    """The weekday multi-select kept in `data(convo).weekdays`, going on to `then`."""

    async def ask(convo: Convo) -> Reply:
        return picking.ask_weekdays(convo, data(convo).weekdays)

    async def on(msg: Inbound, convo: Convo) -> Turn:
        return await picking.on_weekdays(msg, convo, data(convo), then)

    return StepDef(ask, on)


def time_step(use: Callable[[Convo, time], Awaitable[Turn]]) -> StepDef:
    """The time of day typed ("07:30"), handed to `use`; anything else is asked again."""

    async def ask(convo: Convo) -> Reply:
        return convo.ask(convo.t.ASK_TIME)

    async def on(msg: Inbound, convo: Convo) -> Turn:
        clock = parse_time(msg.text or "")
        if clock is None:
            return await convo.stay(convo.t.BAD_TIME)
        return await use(convo, clock)

    return StepDef(ask, on, takes_number=True)
