"""Steps many tests share: issuing invites and linking a chat the way a person would."""

from __future__ import annotations

from collections.abc import Callable

from storage.db import SessionMaker
from storage.models import Person
from storage.services import accounts, people
from tests.fakes.clock import FakeClock
from tests.fakes.memory import MemoryChat


async def invite_for(
    sessionmaker: SessionMaker, clock: FakeClock, code: str, ttl_days: int = 14
) -> str:
    async with sessionmaker() as session, session.begin():
        person = await people.find_by_code(session, code)
        assert person is not None
        return await accounts.issue_invite(session, person, ttl_days=ttl_days, now=clock())


async def person(sessionmaker: SessionMaker, code: str) -> Person:
    async with sessionmaker() as session:
        found = await people.find_by_code(session, code)
        assert found is not None
        return found


async def linked(
    chat_for: Callable[..., MemoryChat],
    sessionmaker: SessionMaker,
    clock: FakeClock,
    code: str,
    **options: object,
) -> MemoryChat:
    """A chat that has agreed to the notice and linked with a fresh invite code."""
    chat = chat_for(f"user-{code}", **options)
    invite = await invite_for(sessionmaker, clock, code)
    await chat.send("/start")
    await chat.press("Tôi đồng ý")
    replies = await chat.send(invite)
    assert "Đã liên kết" in replies[-1].text, replies[-1].text
    return chat
