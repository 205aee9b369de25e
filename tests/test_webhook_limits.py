"""What the webhooks take, over real HTTP on 127.0.0.1: a body over 1 MB is refused with
413 before it is read whole; the OA's signature is checked on the raw bytes before the
JSON is parsed; a signed OA event older than the dedupe window (or stamped in the future)
is acknowledged and dropped, so a replay cannot act again once its id is pruned."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import httpx
import pytest
from sqlmodel import select

from bot.channels.webhooks import MAX_BODY_BYTES, WebhookServer
from bot.channels.zalo_bot.channel import ZaloBotChannel
from bot.channels.zalo_oa.channel import SIGNATURE_HEADER, ZaloOAChannel
from storage.models import ChatAccount, ProcessedUpdate
from storage.types import utcnow
from tests.fakes.zalo_bot_server import FakeZaloBotServer
from tests.fakes.zalo_oa_server import FakeZaloOAServer
from tests.support.zalo_helpers import PUBLIC_URL, SECRET, USER, config_for, running, serve_fake
from tests.support.zalo_oa_helpers import OA_USER, oa_config, serve_oa_fake

TWO_MB = 2 * 1024 * 1024


@pytest.fixture
def fake() -> Iterator[FakeZaloOAServer]:
    yield from serve_oa_fake()


@pytest.fixture
async def oa(router, clock, fake) -> AsyncIterator[ZaloOAChannel]:
    server = WebhookServer("127.0.0.1", 0)
    channel = ZaloOAChannel(router, oa_config(fake), clock=clock)
    async with running(channel, server):
        fake.webhook_url = f"http://127.0.0.1:{server.port}/zalo/oa"
        yield channel


async def post(url: str, raw: bytes | AsyncIterator[bytes], signature: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers[SIGNATURE_HEADER] = signature
    async with httpx.AsyncClient(timeout=20) as client:
        return (await client.post(url, content=raw, headers=headers)).status_code


async def nothing_processed(sessionmaker, fake: FakeZaloOAServer, oa: ZaloOAChannel) -> None:
    await oa.dispatcher.drain()
    async with sessionmaker() as session:
        assert (await session.exec(select(ProcessedUpdate))).all() == []
        assert (await session.exec(select(ChatAccount))).all() == []
    assert fake.sent_to(OA_USER) == []


def start_event(fake: FakeZaloOAServer, **fields) -> dict:
    return fake.event("user_send_text", OA_USER, message={"msg_id": "m1", "text": "/start"}) | (
        fields
    )


async def test_a_2_mb_oa_event_is_refused_with_413_and_not_handled(
    demo, oa, fake, sessionmaker
) -> None:
    event = start_event(fake, padding="x" * TWO_MB)  # a well-signed, readable event
    raw = json.dumps(event).encode()
    signature = fake.sign(raw, event["timestamp"])
    assert await post(fake.webhook_url, raw, signature) == 413

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: read until the cap
        for start in range(0, len(raw), 64 * 1024):
            yield raw[start : start + 64 * 1024]

    assert await post(fake.webhook_url, chunks(), signature) == 413
    await nothing_processed(sessionmaker, fake, oa)
    small = start_event(fake, padding="x" * (MAX_BODY_BYTES // 2))
    assert await post_event(fake, small) == 200
    await oa.dispatcher.drain()
    assert len(fake.sent_to(OA_USER)) == 1  # under the cap, the same event is answered


async def test_the_signature_is_checked_on_raw_bytes_before_any_parsing(
    demo, oa, fake, sessionmaker
) -> None:
    timestamp = str(int(utcnow().timestamp() * 1000))
    malformed = b'{"timestamp": "' + timestamp.encode() + b'", "event_name": '
    wrong = fake.sign(malformed, timestamp, key="not-the-oa-secret")
    assert await post(fake.webhook_url, malformed, wrong) == 401  # not 400: never parsed
    assert await post(fake.webhook_url, malformed, None) == 401
    assert await post(fake.webhook_url, malformed, fake.sign(malformed, timestamp)) == 400
    event = start_event(fake)
    raw = json.dumps(event).encode()
    signed_other_time = fake.sign(raw, str(int(event["timestamp"]) + 1))
    assert await post(fake.webhook_url, raw, signed_other_time) == 401
    assert await post(fake.webhook_url, b"{}", fake.sign(b"{}", "")) == 200  # signed, no time
    await nothing_processed(sessionmaker, fake, oa)


async def test_old_and_future_oa_events_are_acknowledged_and_ignored(
    demo, oa, fake, sessionmaker, caplog
) -> None:
    now = utcnow()
    for moment in (now - timedelta(days=8), now - timedelta(days=7), now + timedelta(hours=1)):
        event = start_event(fake, timestamp=str(int(moment.timestamp() * 1000)))
        assert await post_event(fake, event) == 200  # Zalo stops sending it
    await nothing_processed(sessionmaker, fake, oa)
    assert "too_old" in caplog.text and "ahead" in caplog.text
    fresh = start_event(fake, timestamp=str(int((now - timedelta(days=1)).timestamp() * 1000)))
    assert await post_event(fake, fresh) == 200
    await oa.dispatcher.drain()
    assert len(fake.sent_to(OA_USER)) == 1


async def post_event(fake: FakeZaloOAServer, event: dict) -> int:
    """Posted and signed as Zalo does (the fake also notes the person as a follower)."""
    return await asyncio.to_thread(fake.post_event, event)


@pytest.fixture
def bot_fake() -> Iterator[FakeZaloBotServer]:
    yield from serve_fake()


async def test_a_2_mb_zalo_bot_update_is_refused_with_413(
    demo, router, sessionmaker, bot_fake
) -> None:
    config = config_for(bot_fake, webhook_url=PUBLIC_URL, webhook_secret=SECRET)
    server = WebhookServer("127.0.0.1", 0)
    async with running(ZaloBotChannel(router, config), server) as channel:
        url = f"http://127.0.0.1:{server.port}/zalo/bot"
        update = bot_fake._update(USER, "message.text.received", text="/start")
        raw = json.dumps(update | {"padding": "x" * TWO_MB}).encode()
        headers = {"X-Bot-Api-Secret-Token": SECRET}
        async with httpx.AsyncClient(timeout=20) as client:
            assert (await client.post(url, content=raw, headers=headers)).status_code == 413
        await channel.dispatcher.drain()
        async with sessionmaker() as session:
            assert (await session.exec(select(ProcessedUpdate))).all() == []
        assert bot_fake.sent_to(USER) == []
