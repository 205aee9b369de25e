"""`/nhacviec`: union and party committee members (and admins) set reminders for the
units they hold that role on, list them, pause, resume and delete them."""

from __future__ import annotations

from handlers.core import Convo, Flow, StepDef, Turn, choice_id
from handlers.io import Button, Inbound, Reply
from handlers.kit import errors, picking, shared_steps
from handlers.kit import format as fmt
from handlers.kit.acting import Refused, act
from handlers.outreach import reminder_form as form
from handlers.outreach import reminder_schedule as sched
from handlers.outreach.reminder_form import Data, Step
from storage.errors import DomainError
from storage.models import Campaign, OrgUnit, ReminderRule, RuleStatus
from storage.services import reminders


async def start(msg: Inbound, convo: Convo) -> Turn:
    """Only rule setters get in; the others hear who may."""
    if not await reminders.rule_scopes(convo.session, convo.me):
        return await convo.done(convo.t.REMINDERS_NOT_ALLOWED)
    return await convo.goto(Step.HOME)


async def ask_home(convo: Convo) -> Reply:
    t = convo.t
    count = len(await reminders.rules_of(convo.session, convo.me))
    return convo.ask(
        t.REMINDERS_HOME.format(count=count),
        [
            Button(t.BTN_NEW_REMINDER, "new"),
            Button(t.BTN_MY_REMINDERS, "list"),
            Button(t.BTN_CANCEL, "/huy"),
        ],
    )


async def on_home(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "new":
        convo.data = Data()
        return await convo.goto(Step.UNIT)
    if msg.choice == "list":
        if not await reminders.rules_of(convo.session, convo.me):
            return await convo.stay(convo.t.NO_REMINDERS)
        return await convo.goto(Step.LIST)
    return await convo.stay(convo.t.UNKNOWN_INPUT)


async def _describe(convo: Convo, rule: ReminderRule) -> tuple[str, str, str]:
    """(unit name, schedule, status) of a rule in words."""
    unit = await convo.session.get(OrgUnit, rule.unit_id)
    campaign = await convo.session.get(Campaign, rule.campaign_id) if rule.campaign_id else None
    schedule = picking.schedule_text(convo.t, rule, campaign, convo.deps.timezone)
    return unit.name if unit else "?", schedule, convo.t.RULE_STATUS.get(rule.status, rule.status)


async def ask_list(convo: Convo) -> Reply:
    t = convo.t
    lines, buttons = [t.PICK_REMINDER], []
    for rule in await reminders.rules_of(convo.session, convo.me):
        unit, schedule, status = await _describe(convo, rule)
        line = t.REMINDER_LINE.format(id=rule.id, unit=unit, schedule=schedule, status=status)
        lines.append(line)
        buttons.append(Button(fmt.shorten(line, 60), f"r:{rule.id}"))
    buttons.append(Button(t.BTN_BACK, "back"))
    return convo.ask("\n".join(lines), buttons)


async def on_list(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "back":
        return await convo.goto(Step.HOME)
    rule_id = choice_id(msg.choice, "r:")
    if rule_id is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    try:
        await reminders.get_own_rule(convo.session, convo.me, rule_id)
    except DomainError as exc:
        return await convo.stay(errors.describe(exc, convo.t))
    Data.of(convo).rule_id = rule_id
    return await convo.goto(Step.RULE)


async def _rule(convo: Convo) -> ReminderRule:
    return await reminders.get_own_rule(convo.session, convo.me, Data.of(convo).rule_id or 0)


async def ask_rule(convo: Convo) -> Reply:
    t = convo.t
    rule = await _rule(convo)
    unit, schedule, status = await _describe(convo, rule)
    text = t.REMINDER_DETAIL.format(
        id=rule.id,
        status=status,
        unit=unit,
        audience=picking.audience_text(t, rule),
        schedule=schedule,
        message=rule.message,
    )
    toggle = (
        Button(t.BTN_PAUSE, "pause")
        if rule.status == RuleStatus.ACTIVE
        else Button(t.BTN_RESUME, "resume")
    )
    buttons = [toggle, Button(t.BTN_DELETE, "delete"), Button(t.BTN_BACK, "back")]
    return convo.ask(text, buttons)


async def on_rule(msg: Inbound, convo: Convo) -> Turn:
    t, rule_id = convo.t, Data.of(convo).rule_id or 0
    if msg.choice == "back":
        return await convo.goto(Step.LIST)
    if msg.choice == "delete":
        return await convo.goto(Step.DELETE)
    if msg.choice not in ("pause", "resume"):
        return await convo.stay(t.UNKNOWN_INPUT)
    status = RuleStatus.PAUSED if msg.choice == "pause" else RuleStatus.ACTIVE
    rule = await act(convo, reminders.set_status, rule_id=rule_id, status=status)
    if isinstance(rule, Refused):
        return await convo.done(rule.reason)
    if status == RuleStatus.PAUSED:
        return await convo.done(t.REMINDER_PAUSED.format(id=rule_id))
    campaign = await convo.session.get(Campaign, rule.campaign_id) if rule.campaign_id else None
    when = picking.next_time(t, rule, campaign, convo.deps.timezone, convo.now)
    return await convo.done(t.REMINDER_RESUMED.format(id=rule_id, next=when))


async def ask_delete(convo: Convo) -> Reply:
    t = convo.t
    return convo.ask(
        t.CONFIRM_DELETE_REMINDER.format(id=Data.of(convo).rule_id),
        [Button(t.BTN_CONFIRM_DELETE, "yes"), Button(t.BTN_BACK, "back")],
    )


async def on_delete(msg: Inbound, convo: Convo) -> Turn:
    rule_id = Data.of(convo).rule_id or 0
    if msg.choice == "back":
        return await convo.goto(Step.RULE)
    if msg.choice != "yes":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    result = await act(convo, reminders.set_status, rule_id=rule_id, status=RuleStatus.DELETED)
    if isinstance(result, Refused):
        return await convo.done(result.reason)
    return await convo.done(convo.t.REMINDER_DELETED.format(id=rule_id))


FLOW = Flow(
    name="reminders",
    data_model=Data,
    start=start,
    steps={
        Step.HOME: StepDef(ask_home, on_home),
        Step.UNIT: shared_steps.unit_step(reminders.rule_scopes, form.use_unit),
        Step.AUDIENCE: StepDef(form.ask_audience, form.on_audience),
        Step.DAYS: StepDef(form.ask_days, form.on_days, takes_number=True),
        Step.MODEL: StepDef(form.ask_model, form.on_model),
        Step.WHEN: StepDef(sched.ask_when, sched.on_when),
        Step.ONCE_AT: StepDef(sched.ask_once_at, sched.on_once_at, takes_number=True),
        Step.WEEKDAYS: shared_steps.weekdays_step(Data.of, Step.TIME),
        Step.TIME: shared_steps.time_step(sched.save_time),
        Step.ANCHOR: StepDef(sched.ask_anchor, sched.on_anchor),
        Step.OFFSET: StepDef(sched.ask_offset, sched.on_offset, takes_number=True),
        Step.MESSAGE: StepDef(form.ask_message, form.on_message),
        Step.BUTTON: StepDef(form.ask_button, form.on_button),
        Step.CONFIRM: StepDef(form.ask_confirm, form.on_confirm),
        Step.LIST: StepDef(ask_list, on_list),
        Step.RULE: StepDef(ask_rule, on_rule),
        Step.DELETE: StepDef(ask_delete, on_delete),
    },
)
