"""Messages the bot sends first, in each recipient's language, put in the outbox."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.texts import LANGUAGES, Texts, for_language
from storage.services import outbox


async def enqueue_localized(
    session: AsyncSession,
    *,
    person_ids: Sequence[int],
    build: Callable[[Texts], dict[str, Any]],
    default_language: str,
    now: datetime,
    source: str,
    occurrence: str,
    urgent: bool = False,
    not_before: datetime | None = None,
) -> int:
    """One outbox row per reachable person, worded in their account's language."""
    accounts = await outbox.accounts_for(session, person_ids)
    by_language: dict[str, list[int]] = defaultdict(list)
    for person_id, account in accounts.items():
        language = account.language if account.language in LANGUAGES else default_language
        by_language[language].append(person_id)
    added = 0
    for language, ids in by_language.items():
        added += await outbox.enqueue(
            session,
            person_ids=ids,
            payload=build(for_language(language, default_language)),
            now=now,
            source=source,
            occurrence=occurrence,
            urgent=urgent,
            not_before=not_before,
        )
    return added
