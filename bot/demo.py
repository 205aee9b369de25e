"""The shipped sample data: units, roster and the "Dân vận khéo 2024" campaign, loaded
into an empty database with every campaign window open today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.importers.campaign import save_campaign
from storage.importers.campaign_file import parse_campaign_file
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.models import OrgUnit, Person, Role, RoleGrant

DEMO_DIR = Path(__file__).parent / "demo_data"
UNITS = DEMO_DIR / "units-sample.csv"
ROSTER = DEMO_DIR / "roster-sample.csv"
CAMPAIGN = DEMO_DIR / "campaign-dvk-2024.yaml"
# Review teams and councils of the sample provinces, people from different units, so the
# whole lifecycle can be tried: (role, scope unit, employee codes). Granted with source
# "demo", so importing the roster again keeps them.
DEMO_ROLES: tuple[tuple[Role, str, tuple[str, ...]], ...] = (
    (Role.REVIEWER, "HNI", ("HNI0003", "HNI0006", "HNI0010", "HNI0015")),
    (Role.REVIEWER, "PTO", ("PTO0003", "PTO0006", "PTO0011")),
    (Role.REVIEWER, "DNG", ("DNG0003", "DNG0006", "DNG0011")),
    (Role.REVIEWER, "CTO", ("CTO0003", "CTO0006", "CTO0011")),
    (Role.COUNCIL_MEMBER, "HNI", ("HNI0001", "HNI0002", "HNI0005", "HNI0011", "HNI0014")),
    (Role.COUNCIL_MEMBER, "PTO", ("PTO0001", "PTO0002", "PTO0005", "PTO0010")),
    (Role.COUNCIL_MEMBER, "DNG", ("DNG0001", "DNG0002", "DNG0005", "DNG0010")),
    (Role.COUNCIL_MEMBER, "CTO", ("CTO0001", "CTO0002", "CTO0005", "CTO0010")),
)


@dataclass(frozen=True)
class DemoResult:
    loaded: bool
    units: int = 0
    people: int = 0
    campaign: str = ""


async def is_empty(session: AsyncSession) -> bool:
    return (await session.exec(select(func.count()).select_from(OrgUnit))).one() == 0


async def load_demo(session: AsyncSession, today: date) -> DemoResult:
    """Load the sample data unless the database already holds units."""
    if not await is_empty(session):
        return DemoResult(False)
    units = await import_units(session, UNITS, actor_label="demo")
    people = await import_roster(session, ROSTER, actor_label="demo")
    spec = parse_campaign_file(CAMPAIGN).with_open_windows(today)
    await save_campaign(session, spec, actor_label="demo")
    await grant_demo_roles(session)
    return DemoResult(True, units.created, people.created, spec.code)


async def grant_demo_roles(session: AsyncSession) -> int:
    """Give the sample reviewers and council members their roles (source "demo")."""
    units = dict((await session.exec(select(OrgUnit.code, OrgUnit.id))).all())
    people = dict((await session.exec(select(Person.employee_code, Person.id))).all())
    grants = [
        RoleGrant(person_id=people[code], role=role, scope_unit_id=units[unit], source="demo")
        for role, unit, codes in DEMO_ROLES
        for code in codes
    ]
    session.add_all(grants)
    await session.flush()
    await audit.log(
        session,
        "roles.grant",
        audit.Ref("demo", "review"),
        label="demo",
        details={"grants": len(grants)},
    )
    return len(grants)
