"""Putting messages in the outbox for people: each goes to the chat account they used
last (the sender drains the outbox under each channel's limits), or, when asked, to every
linked account (setting `DELIVER_TO_ALL_CHANNELS`)."""

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
from storage.services.reach import reachable


async def accounts_for(
    session: AsyncSession, person_ids: Iterable[int], *, now: datetime | None = None
) -> dict[int, ChatAccount]:
    """For each person, the linked, consenting account they used most recently.

    Given `now`, an account that cannot be reached now (blocked, or a Zalo OA account out
    of its 7-day window) gives way to the person's most recent reachable one, if any.
    """
    chosen: dict[int, ChatAccount] = {}
    for person_id, accounts in (await linked_accounts(session, person_ids)).items():
        usable = [a for a in accounts if now is None or reachable(a, now)] or accounts
        chosen[person_id] = max(usable, key=_last_used)
    return chosen


async def linked_accounts(
    session: AsyncSession, person_ids: Iterable[int]
) -> dict[int, list[ChatAccount]]:
    """For each person, every linked, consenting account (Telegram, Zalo, ...)."""
    ids = list(set(person_ids))
    found: dict[int, list[ChatAccount]] = {}
    for start in range(0, len(ids), 1000):
        rows = await session.exec(
            select(ChatAccount)
            .where(
                ChatAccount.person_id.in_(ids[start : start + 1000]),
                ChatAccount.consent_at.is_not(None),
            )
            .order_by(ChatAccount.id)
        )
        for account in rows.all():
            found.setdefault(account.person_id or 0, []).append(account)
    return found


def _last_used(account: ChatAccount) -> datetime:
    return account.last_seen_at or account.linked_at or account.created_at


async def _targets(
    session: AsyncSession, person_ids: Iterable[int], *, now: datetime, all_channels: bool
) -> list[tuple[int, ChatAccount]]:
    """(person, account) pairs to write to: the chosen account, or every linked one."""
    if not all_channels:
        return list((await accounts_for(session, person_ids, now=now)).items())
    linked = await linked_accounts(session, person_ids)
    return [(person_id, account) for person_id, accounts in linked.items() for account in accounts]


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
    all_channels: bool = False,
) -> int:
    """One outbox row per reachable person; a repeated (source, occurrence) adds nothing.

    `all_channels` (setting `DELIVER_TO_ALL_CHANNELS`) gives one row per linked account
    instead. Returns how many rows were added. People with no linked account are skipped.
    """
    occurrence = occurrence or uuid.uuid4().hex
    targets = await _targets(session, person_ids, now=now, all_channels=all_channels)
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
        for person_id, account in targets
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
