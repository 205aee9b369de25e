"""Telegram by webhook: the webhook registered with its secret, updates acknowledged only
once recorded, bad requests refused without a 500, a database outage answered 503 so
Telegram delivers again, and an acknowledged update answered even if its process dies."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import func
from sqlmodel import select

from bot.channels.webhooks import MAX_BODY_BYTES as MAX_BODY
from bot.runner import ALLOWED_UPDATES
from storage.chat_lock import ChatLocks
from storage.db import create_engine, make_sessionmaker
from storage.models import ProcessedUpdate, UpdateInbox
from tests.conftest import POSTGRES_URL
from tests.support.telegram_support import channel_for, running, sees
from tests.support.telegram_webhook_support import SECRET, URL, post, serving, webhook_for


async def count(sessionmaker, table) -> int:
    async with sessionmaker() as session:
        return (await session.exec(select(func.count()).select_from(table))).one()


async def test_webhook_registered_and_updates_answered_once(
    fake_telegram, router, sessionmaker, engine
):
    tg = fake_telegram
    hook = webhook_for(tg, router, sessionmaker, engine)
    async with serving(hook, tg) as server:
        (call,) = tg.calls_to("setWebhook")
        assert call.params["url"] == URL
        assert call.params["secret_token"] == SECRET
        assert json.loads(call.params["allowed_updates"]) == ALLOWED_UPDATES
        assert int(call.params["max_connections"]) == 12
        user = tg.user(501)
        start = user.send_text("/start")
        assert await post(server.port, start) == 200
        await sees(tg, user.chat_id, "91/2025/QH15")
        assert await post(server.port, start) == 200  # Telegram's redelivery
        assert await post(server.port, user.send_text("/trogiup")) == 200
        await tg.wait_for(lambda s: len(s.messages(user.chat_id)) >= 2)
        await hook.finish()
    assert len(tg.messages(user.chat_id)) == 2, tg.texts(user.chat_id)
    assert await count(sessionmaker, UpdateInbox) == 0


async def test_bad_requests_are_refused_and_nothing_is_processed(
    fake_telegram, router, sessionmaker, engine
):
    tg = fake_telegram
    hook = webhook_for(tg, router, sessionmaker, engine)
    user = tg.user(502)
    async with serving(hook, tg) as server:
        port = server.port
        update = user.send_text("/start")
        assert await post(port, update, secret=None) == 401
        assert await post(port, update, secret="wrong") == 403
        assert await post(port, update, secret=SECRET + "x") == 403
        big = b'{"update_id": 1, "message": {"text": "' + b"a" * MAX_BODY + b'"}}'
        assert await post(port, None, raw=big) == 413
        assert await post(port, None, raw=b'{"update_id": 1, "message": ') == 400
        assert await post(port, None, raw=b"\xff\xfe not json") == 400
        assert await post(port, [1, 2]) == 400
        assert await post(port, {"update_id": "7", "message": {}}) == 400
        poll = {"update_id": 10_001, "poll": {"id": "1", "question": "?", "options": []}}
        assert await post(port, poll) == 200  # a kind we do not take: acknowledged, dropped
        assert await count(sessionmaker, UpdateInbox) == 0
        assert await count(sessionmaker, ProcessedUpdate) == 0
        assert tg.messages(user.chat_id) == []
        assert await post(port, update) == 200  # the same update, with the secret
        await sees(tg, user.chat_id, "91/2025/QH15")


async def test_database_outage_refuses_the_update(fake_telegram, router, sessionmaker, engine):
    """No database, no 200: Telegram keeps the update and delivers it again later."""
    tg = fake_telegram
    dead = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/none")
    hook = webhook_for(tg, router, make_sessionmaker(dead), dead)
    user = tg.user(503)
    update = user.send_text("/start")
    try:
        async with serving(hook, tg) as server:
            assert await post(server.port, update) == 503
    finally:
        await dead.dispose()
    hook = webhook_for(tg, router, sessionmaker, engine)
    async with serving(hook, tg) as server:
        assert await post(server.port, update) == 200  # the redelivery, database back
        await sees(tg, user.chat_id, "91/2025/QH15")


async def test_acknowledged_update_is_answered_after_its_process_died(
    fake_telegram, router, sessionmaker, engine
):
    tg = fake_telegram
    dying = webhook_for(tg, router, sessionmaker, engine)
    dying.kick = lambda chat_key: None  # type: ignore[method-assign]  # dies after the 200
    user = tg.user(504)
    async with serving(dying, tg) as server:
        assert await post(server.port, user.send_text("/start")) == 200
    assert await count(sessionmaker, UpdateInbox) == 1
    assert tg.messages(user.chat_id) == []
    other = webhook_for(tg, router, sessionmaker, engine, sweep_seconds=0.001)
    async with serving(other, tg):
        await sees(tg, user.chat_id, "91/2025/QH15")
        await other.finish()
    assert len(tg.messages(user.chat_id)) == 1
    assert await count(sessionmaker, UpdateInbox) == 0


async def test_answer_decided_before_a_crash_is_sent_not_lost(
    fake_telegram, router, sessionmaker, engine
):
    """The process dies after saving the conversation but before sending the answer: the
    next process sends the kept answer (the update is not handled a second time)."""
    tg = fake_telegram
    dying = webhook_for(tg, router, sessionmaker, engine)

    async def crash(*args: object) -> None:
        raise RuntimeError("killed before sending")

    dying.channel.respond = crash  # type: ignore[method-assign]
    user = tg.user(505)
    async with serving(dying, tg) as server:
        assert await post(server.port, user.send_text("/start")) == 200
        await dying.finish()
    async with sessionmaker() as session:
        (row,) = (await session.exec(select(UpdateInbox))).all()
    assert row.replies and "91/2025/QH15" in row.replies[0]["text"]
    assert await count(sessionmaker, ProcessedUpdate) == 1
    other = webhook_for(tg, router, sessionmaker, engine, sweep_seconds=0.001)
    async with serving(other, tg):
        await sees(tg, user.chat_id, "91/2025/QH15")
        await other.finish()
    assert len(tg.messages(user.chat_id)) == 1
    assert tg.messages(user.chat_id)[0].buttons  # the consent buttons came back too


async def test_polling_drops_a_webhook_left_set(fake_telegram, router, sessionmaker):
    """Without TELEGRAM_WEBHOOK_URL the bot long-polls, removing a webhook set before."""
    tg = fake_telegram
    tg.state.webhook = {"url": URL, "secret_token": SECRET, "max_connections": 40}
    user = tg.user(506)
    async with running(channel_for(tg, router, sessionmaker)):
        user.send_text("/start")
        await sees(tg, user.chat_id, "91/2025/QH15")
    assert tg.calls_to("deleteWebhook")
    assert tg.state.webhook == {}


@pytest.mark.skipif(not POSTGRES_URL, reason="the chat lock spans processes on PostgreSQL only")
async def test_chat_lock_is_held_by_one_process_and_not_by_chat(database_url, postgres_schema):
    engines = [create_engine(database_url, schema=postgres_schema) for _ in range(2)]
    try:
        first, second = (ChatLocks(e) for e in engines)
        barrier = asyncio.Barrier(2)
        release = asyncio.Event()

        async def hold(locks: ChatLocks, chat: str) -> bool:
            async with locks.try_hold("telegram", chat) as held:
                await barrier.wait()
                if held:
                    await release.wait()
                return held

        same = [asyncio.create_task(hold(first, "42")), asyncio.create_task(hold(second, "42"))]
        done, _ = await asyncio.wait(same, return_when=asyncio.FIRST_COMPLETED)
        assert [t.result() for t in done] == [False]  # the loser did not wait
        release.set()
        assert sorted(await asyncio.gather(*same)) == [False, True]
        barrier, release = asyncio.Barrier(2), asyncio.Event()
        release.set()
        both = await asyncio.gather(hold(first, "42"), hold(second, "43"))
        assert both == [True, True]  # another person is never held up
    finally:
        for engine in engines:
            await engine.dispose()
