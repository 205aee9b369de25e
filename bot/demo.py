"""The shipped sample data: units, roster and the "Dân vận khéo 2024" campaign, loaded
into an empty database with every campaign window open today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.importers.campaign import save_campaign
from storage.importers.campaign_file import parse_campaign_file
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.models import OrgUnit

DEMO_DIR = Path(__file__).parent / "demo_data"
UNITS = DEMO_DIR / "units-sample.csv"
ROSTER = DEMO_DIR / "roster-sample.csv"
CAMPAIGN = DEMO_DIR / "campaign-dvk-2024.yaml"


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
    return DemoResult(True, units.created, people.created, spec.code)
