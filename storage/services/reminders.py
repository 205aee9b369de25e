"""Reminder rules: set by union and party committee members (and admins) over the units
they hold that role on; listed, paused, resumed and deleted by their creator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, NotFound, PermissionDenied
from storage.models import (
    Audience,
    OrgUnit,
    Person,
    ReminderRule,
    Role,
    RuleStatus,
    ScheduleKind,
)
from storage.services import org
from storage.services.schedules import CAMPAIGN_DATES, parse_time, parse_weekdays
from storage.text import clean_text

# In this order: the role a rule is signed with when a person holds several.
RULE_ROLES = (Role.UNION_COMMITTEE, Role.PARTY_COMMITTEE, Role.ADMIN)
BUTTONS = ("/dangky", "/minhchung", "/chamdiem", "/tiendo")
# The flow a reminder about each audience leads to.
AUDIENCE_BUTTON = {
    Audience.UNREGISTERED: "/dangky",
    Audience.NO_EVIDENCE: "/minhchung",
    Audience.NO_SELFSCORE: "/chamdiem",
    Audience.RETURNED: "/tiendo",
}


STATUS_ACTIONS = {
    RuleStatus.ACTIVE: "reminder.resume",
    RuleStatus.PAUSED: "reminder.pause",
    RuleStatus.DELETED: "reminder.delete",
}


@dataclass(frozen=True)
class ReminderCreate:
    unit_id: int
    audience: str
    schedule: str
    message: str
    button: str
    campaign_id: int | None = None
    evidence_days: int | None = None
    model_code: str | None = None
    once_at: datetime | None = None
    weekdays: str = ""
    time_of_day: str = "08:00"
    campaign_date: str | None = None
    offset_days: int = 0


async def rule_scopes(session: AsyncSession, person: Person) -> list[OrgUnit]:
    """Units over which the person may set reminders."""
    return await org.scope_units(session, person, RULE_ROLES)


async def issuer_role(session: AsyncSession, person: Person, unit: OrgUnit) -> Role | None:
    """The committee role (or admin) the person holds over `unit`, if any."""
    for role in RULE_ROLES:
        if await org.has_role_over(session, person, [role], unit):
            return role
    return None


def _check(data: ReminderCreate) -> None:
    if data.audience not in set(Audience):
        raise InvalidInput("bad_audience")
    if data.schedule not in set(ScheduleKind) or parse_time(data.time_of_day) is None:
        raise InvalidInput("bad_schedule")
    if data.schedule == ScheduleKind.ONCE and data.once_at is None:
        raise InvalidInput("bad_schedule")
    if data.schedule == ScheduleKind.WEEKLY and not parse_weekdays(data.weekdays):
        raise InvalidInput("bad_schedule")
    if data.schedule == ScheduleKind.RELATIVE and data.campaign_date not in CAMPAIGN_DATES:
        raise InvalidInput("bad_schedule")
    if data.audience != Audience.ALL and data.campaign_id is None:
        raise InvalidInput("no_campaign")
    if not clean_text(data.message) or data.button not in BUTTONS:
        raise InvalidInput("empty_message")


async def create_rule(
    session: AsyncSession, *, actor: Person, data: ReminderCreate, now: datetime
) -> ReminderRule:
    """Save a rule signed with the actor's committee role over the unit."""
    unit = await session.get(OrgUnit, data.unit_id)
    if unit is None:
        raise NotFound("unit")
    role = await issuer_role(session, actor, unit)
    if role is None:
        raise PermissionDenied("not_rule_setter")
    _check(data)
    rule = ReminderRule(
        created_by_id=actor.id or 0,
        issuer_role=role,
        status=RuleStatus.ACTIVE,
        created_at=now,
        updated_at=now,
        **{k: v for k, v in vars(data).items() if k != "message"},
        message=clean_text(data.message, multiline=True)[:2000],
    )
    await audit.log_new(
        session,
        "reminder.create",
        rule,
        actor,
        details={"unit": unit.code, "audience": data.audience, "schedule": data.schedule},
    )
    return rule


async def rules_of(session: AsyncSession, actor: Person) -> list[ReminderRule]:
    """The actor's own rules that are not deleted, newest first."""
    rows = await session.exec(
        select(ReminderRule)
        .where(ReminderRule.created_by_id == actor.id, ReminderRule.status != RuleStatus.DELETED)
        .order_by(ReminderRule.id.desc())
    )
    return list(rows.all())


async def get_own_rule(session: AsyncSession, actor: Person, rule_id: int) -> ReminderRule:
    rule = await session.get(ReminderRule, rule_id)
    if rule is None or rule.status == RuleStatus.DELETED:
        raise NotFound("rule")
    if rule.created_by_id != actor.id:
        raise PermissionDenied("not_your_rule")
    return rule


async def set_status(
    session: AsyncSession, *, actor: Person, rule_id: int, status: RuleStatus, now: datetime
) -> ReminderRule:
    """Pause, resume or delete one of the actor's rules."""
    rule = await get_own_rule(session, actor, rule_id)
    previous = rule.status
    rule.status = status
    rule.updated_at = now
    await audit.log(
        session,
        STATUS_ACTIONS.get(status, "reminder.status"),
        rule,
        actor,
        details={"from": previous, "to": str(status)},
    )
    return rule


async def live_rules(session: AsyncSession) -> list[ReminderRule]:
    """Every active rule: the scheduler's source of truth."""
    rows = await session.exec(
        select(ReminderRule)
        .where(ReminderRule.status == RuleStatus.ACTIVE)
        .order_by(ReminderRule.id)
    )
    return list(rows.all())
