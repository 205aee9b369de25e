"""Looking people up by employee code, and who has not linked a chat account yet."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ChatAccount, OrgUnit, Person
from storage.text import clean_text


async def find_by_code(session: AsyncSession, employee_code: str) -> Person | None:
    rows = await session.exec(
        select(Person).where(Person.employee_code == clean_text(employee_code))
    )
    return rows.first()


async def not_linked(session: AsyncSession) -> list[tuple[Person, OrgUnit]]:
    """Active people with no linked chat account, by unit then code."""
    linked = select(ChatAccount.person_id).where(ChatAccount.person_id.is_not(None))
    rows = await session.exec(
        select(Person, OrgUnit)
        .join(OrgUnit, OrgUnit.id == Person.unit_id)
        .where(Person.active, Person.id.not_in(linked))
        .order_by(OrgUnit.path, Person.employee_code)
    )
    return list(rows.all())
