"""Two outbox senders at once (a leader that has not yet noticed it lost the lock, and the
new one) never send the same row; the rows of a sender that died go out once its lease
has ended, and a sender whose lease was taken over does not send what it held."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, insert
from sqlmodel import select

from handlers.io import Reply
from handlers.outbound.payloads import to_payload
from scheduler.config import ChannelRate
from scheduler.sender import OutboxSender
from storage.db import create_engine, make_sessionmaker
from storage.models import ChatAccount, Outbox
from tests.fakes.sender import FakeSender
from tests.support.scheduling import config_for

CHATS = 50


async def fill(sessionmaker, clock, rows: int) -> None:
    """`rows` pending messages spread over CHATS memory chats; message i says "m<i>"."""
    async with sessionmaker() as session, session.begin():
        await session.exec(
            insert(ChatAccount).values(
                [
                    {
                        "channel": "memory",
                        "external_user_id": f"u{n}",
                        "chat_id": f"u{n}",
                        "blocked": False,
                        "created_at": clock(),
                    }
                    for n in range(CHATS)
                ]
            )
        )
        ids = (await session.exec(select(ChatAccount.id).order_by(ChatAccount.id))).all()
        await session.exec(
            insert(Outbox).values(
                [
                    {
                        "source": "notify",
                        "occurrence": f"o{i}",
                        "chat_account_id": ids[i % CHATS],
                        "payload": to_payload(Reply(f"m{i}")),
                        "status": "pending",
                        "urgent": False,
                        "not_before": clock(),
                        "attempts": 0,
                        "created_at": clock(),
                    }
                    for i in range(rows)
                ]
            )
        )


def sender(sessionmaker, channel: FakeSender, clock, files_dir) -> OutboxSender:
    config = config_for(files_dir, rates={"memory": ChannelRate(400, 400)}, lease_seconds=60)
    return OutboxSender(sessionmaker, {"memory": channel}, config, clock)


def texts(channel: FakeSender) -> Counter[str]:
    return Counter(reply.text for _, reply in channel.sent)


async def statuses(sessionmaker) -> dict[str, int]:
    async with sessionmaker() as session:
        rows = await session.exec(select(Outbox.status, func.count()).group_by(Outbox.status))
        return dict(rows.all())


async def test_two_senders_at_once_send_each_row_exactly_once(
    database_url, postgres_schema, sessionmaker, clock, files_dir
):
    """Each sender has its own engine (its own connections): on PostgreSQL their claims
    really run at the same time; on SQLite they queue on the database's write lock."""
    await fill(sessionmaker, clock, 2000)
    other_engine = create_engine(database_url, schema=postgres_schema)
    channel = FakeSender()
    first = sender(sessionmaker, channel, clock, files_dir)
    second = sender(make_sessionmaker(other_engine), channel, clock, files_dir)
    try:
        handled = await asyncio.gather(first.drain_all(clock()), second.drain_all(clock()))
    finally:
        await other_engine.dispose()
    counts = texts(channel)
    assert len(counts) == 2000 and set(counts.values()) == {1}, counts.most_common(3)
    assert sum(handled) == 2000 and min(handled) > 0  # both took part
    assert await statuses(sessionmaker) == {"sent": 2000}


async def test_a_dead_senders_rows_go_out_once_its_lease_ends(sessionmaker, clock, files_dir):
    await fill(sessionmaker, clock, 30)
    channel = FakeSender()
    dead = sender(sessionmaker, FakeSender(), clock, files_dir)
    _, held = await dead._claim("memory", clock())  # claims, then its process dies
    assert len(held) == 30
    survivor = sender(sessionmaker, channel, clock, files_dir)
    assert await survivor.drain_all(clock()) == 0 and channel.sent == []
    clock.advance(seconds=59)
    assert await survivor.drain_all(clock()) == 0
    clock.advance(seconds=1)
    assert await survivor.drain_all(clock()) == 30
    assert set(texts(channel).values()) == {1} and len(texts(channel)) == 30


async def test_a_sender_whose_lease_was_taken_over_does_not_send(sessionmaker, clock, files_dir):
    await fill(sessionmaker, clock, 10)
    stalled_channel, channel = FakeSender(), FakeSender()
    stalled = sender(sessionmaker, stalled_channel, clock, files_dir)
    claim, held = await stalled._claim("memory", clock())
    clock.advance(seconds=61)  # stalled past its lease: another sender takes the rows
    assert await sender(sessionmaker, channel, clock, files_dir).drain_all(clock()) == 10
    gate = asyncio.Semaphore(1)
    await stalled._deliver_chat("memory", held, gate, clock(), claim)
    assert stalled_channel.sent == [] and len(texts(channel)) == 10


async def test_a_live_sender_renews_its_lease_and_keeps_its_rows(sessionmaker, clock, files_dir):
    await fill(sessionmaker, clock, 4)
    slow_channel, other_channel = FakeSender(), FakeSender()
    slow = sender(sessionmaker, slow_channel, clock, files_dir)
    claim, held = await slow._claim("memory", clock())
    clock.advance(seconds=45)  # past half the lease: the next send renews it first
    gate = asyncio.Semaphore(1)
    await slow._deliver_chat("memory", held[:1], gate, clock(), claim)
    clock.advance(seconds=30)  # the first lease would have ended; the renewed one holds
    assert await sender(sessionmaker, other_channel, clock, files_dir).drain_all(clock()) == 0
    await slow._deliver_chat("memory", held[1:], gate, clock(), claim)
    assert other_channel.sent == [] and len(texts(slow_channel)) == 4
    assert clock() - claim.until < timedelta(0)
