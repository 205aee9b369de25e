"""Who acts over which entries: role scopes, and the conflict-of-interest rule shared by
reviewers, evidence checkers and council members."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import NotFound, PermissionDenied
from storage.models import OrgUnit, Person, Registration, Role, RoleGrant
from storage.services import org

# A unit at this depth or deeper (district, centre, post office) is a "unit" for the
# conflict rule; the corporation (0) and provinces (1) are levels that review their own
# subtree, so a provincial reviewer may score a post office of the same province.
LOCAL_DEPTH = 2


async def unit_of(session: AsyncSession, unit_id: int) -> OrgUnit:
    unit = await session.get(OrgUnit, unit_id)
    if unit is None:
        raise NotFound("unit")
    return unit


def units_conflict(own: OrgUnit, entry: OrgUnit) -> bool:
    """True when a person of `own` belongs to the entry's unit (or a unit below it), or
    leads a local unit that contains it."""
    return paths_conflict(own.path, entry.path)


def paths_conflict(own: str, entry: str) -> bool:
    """`units_conflict` on materialised paths ("/1/4/9/"; depth = slashes - 2)."""
    if own.startswith(entry):
        return True
    return entry.startswith(own) and own.count("/") - 2 >= LOCAL_DEPTH


async def conflict_of(session: AsyncSession, person: Person, entry: Registration) -> str | None:
    """ "own_entry", "same_unit" or None: why `person` may not judge `entry`."""
    if person.id in (entry.person_id, entry.registered_by_id):
        return "own_entry"
    own = await unit_of(session, person.unit_id)
    if units_conflict(own, await unit_of(session, entry.unit_id)):
        return "same_unit"
    return None


async def holds(session: AsyncSession, person: Person, role: Role) -> bool:
    rows = await session.exec(
        select(RoleGrant.id).where(RoleGrant.person_id == person.id, RoleGrant.role == role)
    )
    return rows.first() is not None


async def require_not_admin(session: AsyncSession, person: Person) -> None:
    """Admins manage people and configuration; they never score or vote."""
    if await holds(session, person, Role.ADMIN):
        raise PermissionDenied("admin_excluded")


async def acts_over(
    session: AsyncSession, person: Person, roles: Iterable[Role], unit_id: int
) -> bool:
    return await org.has_role_over(session, person, roles, await unit_of(session, unit_id))


async def require_role_over(
    session: AsyncSession, person: Person, roles: Iterable[Role], unit_id: int
) -> None:
    if not person.active or not await acts_over(session, person, roles, unit_id):
        raise PermissionDenied("not_in_scope")


async def people_over(session: AsyncSession, role: Role, unit_id: int) -> list[int]:
    """Active people holding `role` on the unit or a unit above it (for notifications)."""
    unit = await unit_of(session, unit_id)
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part]
    rows = await session.exec(
        select(RoleGrant.person_id)
        .join(Person, Person.id == RoleGrant.person_id)
        .where(RoleGrant.role == role, RoleGrant.scope_unit_id.in_(ancestors), Person.active)
    )
    return sorted(set(rows.all()))


async def scope_filter(session: AsyncSession, person: Person, roles: Iterable[Role]) -> list[str]:
    """Path prefixes of the units the person acts over (for subtree queries)."""
    return [unit.path for unit in await org.scope_units(session, person, roles)]


def within_any(path: str, prefixes: Iterable[str]) -> bool:
    return any(path.startswith(prefix) for prefix in prefixes)
