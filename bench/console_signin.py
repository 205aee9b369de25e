"""The console benchmarks' sign-in: a linked chat account for a person and a web session
on it, as `/web` would give them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ChatAccount, Person
from storage.services import web_sessions


async def signed_in(session: AsyncSession, person: Person, now: datetime) -> str:
    """The session cookie's secret for `person`."""
    account = ChatAccount(
        channel="bench",
        external_user_id="1",
        chat_id="1",
        person_id=person.id,
        consent_at=now,
        linked_at=now,
    )
    session.add(account)
    await session.flush()
    secret, _ = await web_sessions.start(session, person, account, via="bench", now=now)
    return secret
