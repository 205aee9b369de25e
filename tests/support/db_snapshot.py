"""Everything the database holds, to prove a refused or stale action changed nothing.

The router's own bookkeeping (the processed update ids, where each conversation stands,
when an account was last seen) changes with every update and is left out."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import SQLModel

from storage.db import SessionMaker
from storage.models import AuditLog

BOOKKEEPING = {"processed_update", "conversation_state"}
IGNORED_COLUMNS = {("chat_account", "last_seen_at")}
Snapshot = dict[str, list[tuple[Any, ...]]]


async def snapshot(sessionmaker: SessionMaker) -> Snapshot:
    """Every row of every table (ordered by primary key), but the router's bookkeeping."""
    found: Snapshot = {}
    async with sessionmaker() as session:
        connection = await session.connection()
        for table in SQLModel.metadata.sorted_tables:
            if table.name in BOOKKEEPING:
                continue
            columns = [c for c in table.columns if (table.name, c.name) not in IGNORED_COLUMNS]
            rows = await connection.execute(select(*columns).order_by(*table.primary_key.columns))
            found[table.name] = [tuple(row) for row in rows.all()]
    return found


def row_counts(found: Snapshot) -> dict[str, int]:
    return {name: len(rows) for name, rows in found.items()}


def audit_tail(found: Snapshot, n: int = 3) -> list[tuple[Any, ...]]:
    return found[AuditLog.__tablename__][-n:]


def assert_unchanged(before: Snapshot, after: Snapshot) -> None:
    """Row counts first and the audit tail (the clearest failure), then every value."""
    assert row_counts(after) == row_counts(before)
    assert audit_tail(after) == audit_tail(before)
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, f"tables changed: {changed}"
