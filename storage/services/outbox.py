"""Putting messages in the outbox for people: each goes to the chat account they used
last (the sender drains the outbox under each channel's limits)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ChatAccount, Outbox


async def accounts_for(session: AsyncSession, person_ids: Iterable[int]) -> dict[int, ChatAccount]:
    """For each person, the linked, consenting account they used most recently."""
    ids = list(set(person_ids))
    chosen: dict[int, ChatAccount] = {}
    for start in range(0, len(ids), 1000):
        rows = await session.exec(
            select(ChatAccount).where(
                ChatAccount.person_id.in_(ids[start : start + 1000]),
                ChatAccount.consent_at.is_not(None),
            )
        )
        for account in rows.all():
            current = chosen.get(account.person_id or 0)
            if current is None or _last_used(account) > _last_used(current):
                chosen[account.person_id or 0] = account
    return chosen


def _last_used(account: ChatAccount) -> datetime:
    return account.last_seen_at or account.linked_at or account.created_at


async def enqueue(
    session: AsyncSession,
    *,
    person_ids: Iterable[int],
    payload: dict[str, Any],
    now: datetime,
    source: str = "notify",
    occurrence: str | None = None,
    urgent: bool = False,
    not_before: datetime | None = None,
) -> int:
    """One outbox row per reachable person; a repeated (source, occurrence) adds nothing.

    Returns how many rows were added. People with no linked account are skipped.
    """
    occurrence = occurrence or uuid.uuid4().hex
    accounts = await accounts_for(session, person_ids)
    rows = [
        {
            "source": source,
            "occurrence": occurrence,
            "chat_account_id": account.id,
            "person_id": person_id,
            "payload": payload,
            "status": "pending",
            "urgent": urgent,
            "not_before": not_before or now,
            "attempts": 0,
            "created_at": now,
        }
        for person_id, account in accounts.items()
    ]
    if not rows:
        return 0
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    added = 0
    for start in range(0, len(rows), 1000):
        result = await session.exec(
            insert(Outbox).values(rows[start : start + 1000]).on_conflict_do_nothing()
        )
        added += max(result.rowcount, 0)
    return added
