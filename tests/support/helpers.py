"""Steps many tests share: issuing invites and linking a chat the way a person would."""

from __future__ import annotations

import io
from collections.abc import Callable

from sqlmodel import select

from bot.channels.console import ConsoleChannel
from handlers.router import Router
from storage.db import SessionMaker
from storage.models import Outbox, Person
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


async def console_for(
    router: Router, sessionmaker: SessionMaker, clock: FakeClock, code: str, script: str
) -> str:
    """Link a console account to `code`, type `script` into the console; all it printed."""
    user_id = f"staff:{code}"
    someone = await person(sessionmaker, code)
    async with sessionmaker() as session, session.begin():
        account = await accounts.get_or_create_account(
            session, channel="console", external_user_id=user_id, chat_id=user_id
        )
        await accounts.link(session, account, someone, now=clock(), how="console")
    out = io.StringIO()
    await ConsoleChannel(router, user_id=user_id, stdin=io.StringIO(script), stdout=out).run()
    return out.getvalue()


async def outbox_for(sessionmaker: SessionMaker, code: str) -> list[dict]:
    """The payloads queued for `code`, oldest first."""
    async with sessionmaker() as session:
        rows = await session.exec(
            select(Outbox.payload)
            .join(Person, Person.id == Outbox.person_id)
            .where(Person.employee_code == code)
            .order_by(Outbox.id)
        )
        return list(rows.all())
