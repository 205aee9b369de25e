"""Admins' uploads of the roster, the units and a campaign, through the same importers
as `python -m bot import-roster` / `import-units` / `load-campaign`.

One code path for the preview and the apply: the importer runs in a savepoint, which a
preview rolls back. So the preview reports exactly the bad rows and the counts (new,
changed, unchanged) that applying the same file would give, and writes nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import InvalidInput, PermissionDenied
from storage.importers.campaign import load_campaign
from storage.importers.common import ImportFailed, ImportResult, RowError
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.models import OrgUnit, Person, Role
from storage.services import org

KINDS = ("roster", "units", "campaign")
# what each upload may be, by file name (the importers read by suffix)
SUFFIXES = {
    "roster": (".xlsx", ".csv"),
    "units": (".xlsx", ".csv"),
    "campaign": (".yaml", ".yml"),
}
ACTOR_LABEL = "console"


@dataclass(frozen=True)
class Outcome:
    """What the file does (or would do): the counts, or every bad row (nothing written)."""

    result: ImportResult | None
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result is not None


class _Preview(Exception):
    """Leaves the savepoint of a preview, rolling it back, with what it would have done."""

    def __init__(self, result: ImportResult) -> None:
        self.result = result


async def admin_scopes(session: AsyncSession, actor: Person, kind: str) -> list[OrgUnit]:
    """The units whose files the actor may load. The units tree and a campaign are the
    whole corporation's: only an admin of a top unit; the roster: an admin of any unit,
    for the people of their subtrees."""
    if kind not in KINDS:
        raise InvalidInput("bad_import_kind")
    scopes = await org.scope_units(session, actor, [Role.ADMIN])
    if kind != "roster":
        scopes = [unit for unit in scopes if unit.parent_id is None]
    if not scopes:
        raise PermissionDenied("not_admin")
    return scopes


async def run(
    session: AsyncSession, kind: str, path: Path, *, actor: Person, apply: bool
) -> Outcome:
    """Check the whole file and, when `apply`, write it in the caller's transaction
    (audited with the actor); otherwise roll back whatever it wrote."""
    scopes = await admin_scopes(session, actor, kind)
    if not path.name.lower().endswith(SUFFIXES[kind]):
        raise InvalidInput("bad_import_file")
    importer = _importer(kind, [unit.path for unit in scopes])
    try:
        async with session.begin_nested():
            result = await importer(session, path, actor_label=ACTOR_LABEL, actor_id=actor.id)
            if not apply:
                raise _Preview(result)
    except _Preview as preview:
        return Outcome(preview.result)
    except ImportFailed as failed:
        return Outcome(None, failed.errors)
    return Outcome(result)


def _importer(kind: str, scopes: list[str]) -> Callable[..., Awaitable[ImportResult]]:
    if kind == "units":
        return import_units
    if kind == "campaign":
        return load_campaign

    async def roster(session: AsyncSession, path: Path, **audit: Any) -> ImportResult:
        return await import_roster(session, path, scopes=scopes, **audit)

    return roster
