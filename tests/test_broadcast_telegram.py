"""A broadcast to 2,000 people through the outbox sender and the real Telegram adapter,
against the fake Bot API server enforcing Telegram's limits: everyone gets it once, and
the server never has to answer 429."""

from __future__ import annotations

from sqlalchemy import insert
from sqlmodel import func, select

from handlers.io import Reply
from handlers.outbound.payloads import to_payload
from scheduler.config import ChannelRate
from scheduler.sender import OutboxSender
from storage.models import ChatAccount, Outbox, Person
from storage.services import outbox
from tests.support.scheduling import config_for
from tests.support.telegram_support import channel_for

PEOPLE = 2_000
FIRST = 50_000


async def test_broadcast_to_2000_stays_under_the_limits(
    demo, fake_telegram, router, sessionmaker, clock, files_dir
):
    tg = fake_telegram
    tg.enforce_limits = True
    people = await _telegram_people(sessionmaker, clock)
    for n in range(PEOPLE):
        tg.user(FIRST + n)
    async with sessionmaker() as session, session.begin():
        added = await outbox.enqueue(
            session,
            person_ids=people,
            payload=to_payload(Reply("Thông báo: họp sơ kết 9:00.")),
            now=clock(),
            source="broadcast:1",
            occurrence="1",
            urgent=True,
        )
    assert added == PEOPLE
    channel = channel_for(tg, router, sessionmaker, per_second=29, per_chat_per_second=0.9)
    config = config_for(files_dir, rates={"telegram": ChannelRate(29, 0.9)}, concurrency=8)
    async with channel.application:
        sent = await OutboxSender(sessionmaker, {"telegram": channel}, config, clock).drain_all(
            clock()
        )
    assert sent == PEOPLE
    assert tg.rate_limited == []
    assert all(len(tg.messages(FIRST + n)) == 1 for n in range(PEOPLE))
    async with sessionmaker() as session:
        statuses = dict(
            (await session.exec(select(Outbox.status, func.count()).group_by(Outbox.status))).all()
        )
    assert statuses == {"sent": PEOPLE}


async def _telegram_people(sessionmaker, clock) -> list[int]:
    """2,000 people of the demo's unit with consenting, linked Telegram accounts."""
    async with sessionmaker() as session, session.begin():
        unit_id = (await session.exec(select(Person.unit_id))).first()
        await session.exec(
            insert(Person),
            params=[
                {
                    "employee_code": f"BC{n:05d}",
                    "full_name": f"Nhân viên {n}",
                    "unit_id": unit_id,
                    "position": "",
                    "is_union_member": True,
                    "active": True,
                }
                for n in range(PEOPLE)
            ],
        )
        ids = (
            await session.exec(
                select(Person.id).where(Person.employee_code.startswith("BC")).order_by(Person.id)
            )
        ).all()
        now = clock()
        await session.exec(
            insert(ChatAccount),
            params=[
                {
                    "channel": "telegram",
                    "external_user_id": str(FIRST + n),
                    "chat_id": str(FIRST + n),
                    "person_id": pid,
                    "blocked": False,
                    "linked_at": now,
                    "consent_at": now,
                    "created_at": now,
                }
                for n, pid in enumerate(ids)
            ],
        )
    return list(ids)
