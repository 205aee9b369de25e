"""`/nhacviec`, creating a reminder: unit, audience (days, model), schedule (once, weekly,
relative to a campaign date), message, button, then a preview with the count reached now."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum

from pydantic import Field

from handlers.core import Convo, FlowData, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit import picking
from handlers.kit.acting import Refused, act
from handlers.kit.numbers import parse_int
from handlers.kit.presses import pressed
from handlers.outbound import announcements
from storage.models import Audience, Campaign, OrgUnit, ReminderRule, ScheduleKind
from storage.services import audiences, campaigns, reminders

DATETIME = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:hH.](\d{2})\s*$")


class Step(StrEnum):
    HOME = "home"
    UNIT = "unit"
    AUDIENCE = "audience"
    DAYS = "days"
    MODEL = "model"
    WHEN = "when"
    ONCE_AT = "once_at"
    WEEKDAYS = "weekdays"
    TIME = "time"
    ANCHOR = "anchor"
    OFFSET = "offset"
    MESSAGE = "message"
    BUTTON = "button"
    CONFIRM = "confirm"
    LIST = "list"
    RULE = "rule"
    DELETE = "delete"


class Data(FlowData):
    unit_id: int | None = None
    campaign_id: int | None = None
    audience: str = Audience.ALL
    evidence_days: int | None = None
    model_code: str | None = None
    schedule: str = ScheduleKind.WEEKLY
    once_at: datetime | None = None
    weekdays: list[int] = Field(default_factory=list)
    time_of_day: str = "08:00"
    campaign_date: str | None = None
    offset_days: int = 0
    message: str = ""
    button: str = "/tiendo"
    rule_id: int | None = None


def draft(data: Data) -> ReminderRule:
    """An unsaved rule from the answers so far, for previews."""
    values = data.model_dump(exclude={"weekdays", "rule_id"})
    return ReminderRule(
        created_by_id=0,
        issuer_role="",
        weekdays=",".join(str(d) for d in data.weekdays),
        **{k: v for k, v in values.items() if k != "unit_id"},
        unit_id=data.unit_id or 0,
    )


async def campaign_of(convo: Convo) -> Campaign | None:
    active = await campaigns.active_campaigns(convo.session)
    return active[0] if active else None


async def use_unit(convo: Convo, unit: OrgUnit) -> Turn:
    """The reminder's unit; the active campaign (if any) comes with it."""
    data = Data.of(convo)
    data.unit_id = unit.id
    campaign = await campaign_of(convo)
    data.campaign_id = campaign.id if campaign else None
    return await convo.goto(Step.AUDIENCE)


async def ask_audience(convo: Convo) -> Reply:
    t, data = convo.t, Data.of(convo)
    unit = await convo.session.get(OrgUnit, data.unit_id)
    kinds = list(Audience) if data.campaign_id else [Audience.ALL]
    buttons = [Button(t.AUDIENCES[k], f"a:{k}") for k in kinds]
    return convo.ask(t.PICK_AUDIENCE.format(unit=unit.name if unit else ""), buttons)


async def on_audience(msg: Inbound, convo: Convo) -> Turn:
    data = Data.of(convo)
    kind = pressed(msg.choice, "a:", set(Audience) if data.campaign_id else {Audience.ALL})
    if kind is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    data.audience = kind
    data.button = reminders.AUDIENCE_BUTTON.get(Audience(kind), "/tiendo")
    if kind == Audience.NO_EVIDENCE:
        return await convo.goto(Step.DAYS)
    return await _after_audience(convo)


async def _after_audience(convo: Convo) -> Turn:
    if Data.of(convo).campaign_id is None:
        return await convo.goto(Step.WHEN)
    return await convo.goto(Step.MODEL)


async def ask_days(convo: Convo) -> Reply:
    t = convo.t
    buttons = [Button(t.DAYS_LABEL.format(days=d), f"n:{d}") for d in (7, 14, 30)]
    return convo.ask(t.ASK_EVIDENCE_DAYS, buttons, per_row=3)


async def on_days(msg: Inbound, convo: Convo) -> Turn:
    raw = (msg.choice or "").removeprefix("n:") if msg.choice else (msg.text or "")
    days = parse_int(raw, 1, 365)
    if days is None:
        return await convo.stay(convo.t.BAD_DAYS)
    Data.of(convo).evidence_days = days
    return await _after_audience(convo)


async def ask_model(convo: Convo) -> Reply:
    models = await campaigns.models_of(convo.session, Data.of(convo).campaign_id or 0)
    buttons = [Button(convo.t.BTN_ALL_MODELS, "m:*")]
    buttons += [Button(f"{m.code} · {m.short_title}"[:48], f"m:{m.code}") for m in models]
    return convo.ask(convo.t.PICK_REMINDER_MODEL, buttons)


async def on_model(msg: Inbound, convo: Convo) -> Turn:
    data = Data.of(convo)
    models = {m.code for m in await campaigns.models_of(convo.session, data.campaign_id or 0)}
    code = pressed(msg.choice, "m:", {"*", *models})
    if code is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    data.model_code = None if code == "*" else code
    return await convo.goto(Step.WHEN)


async def ask_message(convo: Convo) -> Reply:
    return convo.ask(convo.t.ASK_MESSAGE)


async def on_message(msg: Inbound, convo: Convo) -> Turn:
    text = (msg.text or "").strip()
    if not text or len(text) > 1000:
        return await convo.stay(convo.t.BAD_MESSAGE)
    data = Data.of(convo)
    data.message = text
    return await convo.goto(Step.BUTTON if data.audience == Audience.ALL else Step.CONFIRM)


async def ask_button(convo: Convo) -> Reply:
    buttons = [announcements.command_button(convo.t, c) for c in reminders.BUTTONS]
    return convo.ask(convo.t.PICK_BUTTON, [Button(b.label, f"b:{b.payload}") for b in buttons])


async def on_button(msg: Inbound, convo: Convo) -> Turn:
    command = pressed(msg.choice, "b:", reminders.BUTTONS)
    if command is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).button = command
    return await convo.goto(Step.CONFIRM)


async def ask_confirm(convo: Convo) -> list[Reply]:
    """The reminder as recipients will see it, then the summary with the count now."""
    t, data = convo.t, Data.of(convo)
    unit = await convo.session.get(OrgUnit, data.unit_id)
    assert unit is not None
    rule = draft(data)
    rule.issuer_role = await reminders.issuer_role(convo.session, convo.me, unit) or "admin"
    campaign = await campaign_of(convo)
    count, reachable = await target_count(convo, data)
    summary = t.REMINDER_SUMMARY.format(
        unit=unit.name,
        audience=picking.audience_text(t, rule),
        schedule=picking.schedule_text(t, rule, campaign, convo.deps.timezone),
        next=picking.next_time(t, rule, campaign, convo.deps.timezone, convo.now),
        count=count,
        reachable=reachable,
    )
    return [
        Reply(t.REMINDER_PREVIEW),
        announcements.reminder_reply(t, rule, unit),
        convo.ask(summary, [Button(t.BTN_SAVE_REMINDER, "save"), Button(t.BTN_CANCEL, "/huy")]),
    ]


async def on_confirm(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice != "save":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    data = Data.of(convo)
    values = data.model_dump(exclude={"rule_id", "weekdays"})
    values["weekdays"] = ",".join(str(d) for d in data.weekdays)
    rule = await act(convo, reminders.create_rule, data=reminders.ReminderCreate(**values))
    if isinstance(rule, Refused):
        return await convo.done(rule.reason)
    campaign = await convo.session.get(Campaign, rule.campaign_id) if rule.campaign_id else None
    when = picking.next_time(convo.t, rule, campaign, convo.deps.timezone, convo.now)
    return await convo.done(convo.t.REMINDER_SAVED.format(next=when))


async def target_count(convo: Convo, data: Data) -> tuple[int, int]:
    """How many people the audience holds now, and how many the bot can reach."""
    unit = await convo.session.get(OrgUnit, data.unit_id)
    assert unit is not None
    target = audiences.Target(
        unit, data.audience, data.campaign_id, data.model_code, data.evidence_days or 14
    )
    people = await audiences.resolve(convo.session, target, convo.now)
    return len(people), await audiences.count_reachable(convo.session, people)
