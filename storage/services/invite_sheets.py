"""Invite sheets: fresh invite codes for everyone of a unit not linked yet, for a printed
sheet an admin hands out (a QR code to link in one tap on Telegram, the code for Zalo).
Issued by the same service as `python -m bot invite`, so older codes stop working."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import PermissionDenied
from storage.models import OrgUnit, Person, Role
from storage.services import accounts, org, people, scope


@dataclass(frozen=True)
class SheetLine:
    name: str
    employee_code: str
    code: str


@dataclass(frozen=True)
class Sheet:
    unit: OrgUnit
    lines: list[SheetLine]
    expires: datetime


async def units_for_sheets(session: AsyncSession, actor: Person) -> list[tuple[OrgUnit, int]]:
    """The units of the admin's scope with how many of their people are not linked yet."""
    roots = await org.scope_units(session, actor, [Role.ADMIN])
    if not roots or not actor.active:
        raise PermissionDenied("not_in_scope")
    waiting = await people.not_linked_by_unit(session)
    units = await session.exec(select(OrgUnit).order_by(OrgUnit.path))
    return [
        (unit, waiting.get(unit.id or 0, 0))
        for unit in units.all()
        if scope.within_any(unit.path, [root.path for root in roots])
    ]


async def issue_sheet(
    session: AsyncSession,
    actor: Person,
    unit_id: int,
    *,
    ttl_days: int,
    now: datetime,
    secret: str | None = None,
) -> Sheet:
    """A new code for each person of the unit (not its sub-units) not linked yet."""
    await scope.require_role_over(session, actor, [Role.ADMIN], unit_id)
    unit = await scope.unit_of(session, unit_id)
    lines = []
    for person, _ in await people.not_linked(session, unit_id):
        code = await accounts.issue_invite(
            session,
            person,
            ttl_days=ttl_days,
            now=now,
            actor_label="console",
            actor_id=actor.id,
            secret=secret,
        )
        lines.append(SheetLine(person.full_name, person.employee_code, code))
    await audit.log(
        session,
        "invite.sheet",
        unit,
        actor,
        details={"people": len(lines)},
    )
    return Sheet(unit, lines, now + timedelta(days=ttl_days))
