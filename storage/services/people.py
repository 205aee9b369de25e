"""Looking people up by employee code, and who has not linked a chat account yet."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ChatAccount, OrgUnit, Person
from storage.text import clean_text


async def find_by_code(session: AsyncSession, employee_code: str) -> Person | None:
    rows = await session.exec(
        select(Person).where(Person.employee_code == clean_text(employee_code))
    )
    return rows.first()


def _linked_ids():  # type: ignore[no-untyped-def]
    return select(ChatAccount.person_id).where(ChatAccount.person_id.is_not(None))


async def not_linked(
    session: AsyncSession, unit_id: int | None = None
) -> list[tuple[Person, OrgUnit]]:
    """Active people with no linked chat account (of one unit when given), by unit then code."""
    query = (
        select(Person, OrgUnit)
        .join(OrgUnit, OrgUnit.id == Person.unit_id)
        .where(Person.active, Person.id.not_in(_linked_ids()))
    )
    if unit_id is not None:
        query = query.where(Person.unit_id == unit_id)
    rows = await session.exec(query.order_by(OrgUnit.path, Person.employee_code))
    return list(rows.all())


async def not_linked_by_unit(session: AsyncSession) -> dict[int, int]:
    """How many active people of each unit have no linked chat account."""
    rows = await session.exec(
        select(Person.unit_id, func.count())
        .where(Person.active, Person.id.not_in(_linked_ids()))
        .group_by(Person.unit_id)
    )
    return dict(rows.all())
