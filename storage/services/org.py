"""Units, subtrees and the roles people hold over them."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from storage.models import OrgUnit, Person, Role, RoleGrant
from storage.text import clean_text


def subtree_units(root: OrgUnit) -> SelectOfScalar[int]:
    """Ids of a unit and every unit below it (a materialised-path prefix query)."""
    return select(OrgUnit.id).where(OrgUnit.path.startswith(root.path, autoescape=True))


def is_within(unit: OrgUnit, ancestor: OrgUnit) -> bool:
    """True when `unit` is `ancestor` or lies below it."""
    return unit.path.startswith(ancestor.path)


async def get_unit(session: AsyncSession, unit_id: int) -> OrgUnit | None:
    return await session.get(OrgUnit, unit_id)


async def children_of(session: AsyncSession, unit_ids: list[int | None]) -> list[OrgUnit]:
    """The units directly below the given ones, in tree order."""
    rows = await session.exec(
        select(OrgUnit).where(OrgUnit.parent_id.in_(unit_ids)).order_by(OrgUnit.path)
    )
    return list(rows.all())


async def get_unit_by_code(session: AsyncSession, code: str) -> OrgUnit | None:
    code = clean_text(code)
    return (await session.exec(select(OrgUnit).where(OrgUnit.code == code))).first()


async def grants_of(session: AsyncSession, person_id: int) -> list[RoleGrant]:
    rows = await session.exec(select(RoleGrant).where(RoleGrant.person_id == person_id))
    return list(rows.all())


async def roles_of(session: AsyncSession, person: Person) -> set[Role]:
    """Every role a person holds anywhere; everyone on the roster is staff."""
    roles = {Role(grant.role) for grant in await grants_of(session, person.id or 0)}
    return roles | {Role.STAFF}


async def scope_units(
    session: AsyncSession, person: Person, roles: Iterable[Role]
) -> list[OrgUnit]:
    """The units over which the person holds any of `roles`."""
    wanted = [str(role) for role in roles]
    rows = await session.exec(
        select(OrgUnit)
        .join(RoleGrant, RoleGrant.scope_unit_id == OrgUnit.id)
        .where(RoleGrant.person_id == person.id, RoleGrant.role.in_(wanted))
        .order_by(OrgUnit.path)
    )
    return list({unit.id: unit for unit in rows.all()}.values())


async def has_role_over(
    session: AsyncSession, person: Person, roles: Iterable[Role], unit: OrgUnit
) -> bool:
    """True when the person holds one of `roles` on `unit` or on a unit above it."""
    return any(is_within(unit, scope) for scope in await scope_units(session, person, roles))
