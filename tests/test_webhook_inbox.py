"""The webhook inbox's workers: people served by arrival when workers are short, and the
pool's one-round-trip ping still replacing a connection the server dropped."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from storage.chat_lock import ChatLocks
from storage.db import create_engine
from storage.services import inbox
from storage.types import utcnow
from tests.conftest import POSTGRES_URL
from tests.support.telegram_webhook_support import serving, webhook_for


async def test_a_busy_worker_takes_people_by_arrival(fake_telegram, router, sessionmaker, engine):
    """One worker, one person with three updates waiting and another with one: the other
    person is answered after the first person's first update, not after all three."""
    tg = fake_telegram
    hook = webhook_for(tg, router, sessionmaker, engine, workers=1)
    first, second = tg.user(611), tg.user(612)
    waiting = [first.send_text("/trogiup") for _ in range(3)] + [second.send_text("/trogiup")]
    async with serving(hook, tg):
        async with ChatLocks(engine, sessionmaker).link() as link:
            for update in waiting:
                sender = update["message"]["from"]["id"]
                await link.run(
                    lambda c, u=update, s=sender: inbox.record(
                        c, channel="telegram", update_id=u["update_id"], chat_key=str(s),
                        body=u, now=utcnow(),
                    )
                )  # fmt: skip
        hook.kick(str(first.user_id))
        hook.kick(str(second.user_id))
        await hook.finish()
    chats = [int(call.params["chat_id"]) for call in tg.calls_to("sendMessage")]
    assert chats == [first.chat_id, second.chat_id, first.chat_id, first.chat_id]


@pytest.mark.skipif(not POSTGRES_URL, reason="a PostgreSQL server dropping a connection")
async def test_a_connection_the_server_dropped_is_replaced(database_url, postgres_schema):
    """The pool pings each connection before use (in one round trip, outside a
    transaction): a connection the server ended, as in a restart, is replaced."""
    engine = create_engine(database_url, schema=postgres_schema)
    other = create_engine(database_url, schema=postgres_schema)
    try:
        async with engine.connect() as connection:
            before = await connection.scalar(text("SELECT pg_backend_pid()"))
        async with other.connect() as connection:
            ended = await connection.scalar(
                text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": before}
            )
        assert ended
        async with engine.connect() as connection:
            after = await connection.scalar(text("SELECT pg_backend_pid()"))
        assert after != before
    finally:
        await engine.dispose()
        await other.dispose()
