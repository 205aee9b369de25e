"""Hash-chained audit log: record every state change; verify the chain later."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import AuditLog, Person
from storage.types import utcnow

GENESIS = "0" * 64


@dataclass(frozen=True)
class Ref:
    """What a row is about when that is no table row: a file, the demo data."""

    type: str
    id: object


Actor = Person | int | None


def row_hash(prev_hash: str, row: AuditLog) -> str:
    """The SHA-256 of the previous hash and this row's content, in a canonical form."""
    body = json.dumps(
        {
            "at": row.at.isoformat(timespec="microseconds"),
            "actor_id": row.actor_id,
            "actor_label": row.actor_label,
            "action": row.action,
            "object_type": row.object_type,
            "object_id": row.object_id,
            "details": row.details,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


async def _lock_chain(session: AsyncSession) -> None:
    """Serialise writers of the chain: a transaction-scoped lock on PostgreSQL.

    SQLite transactions already begin IMMEDIATE, so one writer holds the database.
    """
    if session.bind.dialect.name == "postgresql":
        await session.exec(text("SELECT pg_advisory_xact_lock(7243001)"))


async def record(
    session: AsyncSession,
    *,
    action: str,
    object_type: str,
    object_id: object,
    actor_id: int | None = None,
    actor_label: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Append one row to the chain inside the caller's transaction."""
    await record_many(
        session,
        [
            {
                "action": action,
                "object_type": object_type,
                "object_id": object_id,
                "actor_id": actor_id,
                "actor_label": actor_label,
                "details": details,
            }
        ],
    )


async def log(
    session: AsyncSession,
    action: str,
    about: Any,
    by: Actor = None,
    *,
    label: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """`record` for a table row: its table name is the object type, its id the object id;
    `by` is the acting person (or their id), `label` names a non-person actor ("cli")."""
    if isinstance(about, Ref):
        object_type, object_id = about.type, about.id
    else:
        object_type, object_id = type(about).__tablename__, about.id
    await record(
        session,
        action=action,
        object_type=object_type,
        object_id=object_id,
        actor_id=by.id if isinstance(by, Person) else by,
        actor_label=label,
        details=details,
    )


async def log_new(
    session: AsyncSession,
    action: str,
    row: Any,
    by: Actor = None,
    *,
    details: dict[str, Any] | None = None,
) -> None:
    """Add a new row, flush it for its id and `log` its creation."""
    session.add(row)
    await session.flush()
    await log(session, action, row, by, details=details)


@dataclass(frozen=True)
class ChainReport:
    rows: int
    broken_id: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.broken_id is None


async def verify(session: AsyncSession, batch: int = 5000) -> ChainReport:
    """Walk the chain in order; report the first row whose link or hash does not hold."""
    prev = GENESIS
    count = 0
    last_id = 0
    while True:
        rows = (
            await session.exec(
                select(AuditLog).where(AuditLog.id > last_id).order_by(AuditLog.id).limit(batch)
            )
        ).all()
        if not rows:
            return ChainReport(count, None, None)
        for row in rows:
            if row.prev_hash != prev:
                return ChainReport(count, row.id, "prev_hash")
            if row_hash(prev, row) != row.hash:
                return ChainReport(count, row.id, "hash")
            prev = row.hash
            count += 1
            last_id = row.id or last_id


async def record_many(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Append several rows to the chain at once (same fields as `record`), in order."""
    if not rows:
        return
    await _lock_chain(session)
    last = (await session.exec(select(AuditLog.hash).order_by(AuditLog.id.desc()).limit(1))).first()
    prev = last or GENESIS
    for fields in rows:
        row = AuditLog(
            at=utcnow(),
            actor_id=fields.get("actor_id"),
            actor_label=fields.get("actor_label", ""),
            action=fields["action"],
            object_type=fields["object_type"],
            object_id=str(fields["object_id"]),
            details=fields.get("details") or {},
            prev_hash=prev,
            hash="",
        )
        row.hash = prev = row_hash(prev, row)
        session.add(row)
    await session.flush()
