"""Enqueueing messages for people: last-used account, no duplicates, payload round trip."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from handlers.io import Button, Reply, rows
from handlers.outbound.payloads import from_payload, to_payload
from storage.models import Outbox
from storage.services import accounts, outbox
from tests.support.helpers import linked, person


async def test_enqueue_goes_to_the_account_used_last_and_never_twice(
    demo, chat_for, sessionmaker, clock
):
    await linked(chat_for, sessionmaker, clock, "HNI0008")
    thao = await person(sessionmaker, "HNI0008")
    clock.advance(minutes=5)
    async with sessionmaker() as session, session.begin():
        zalo = await accounts.get_or_create_account(
            session, channel="zalo", external_user_id="z1", chat_id="z1"
        )
        await accounts.link(session, zalo, thao, now=clock(), how="invite")
        await accounts.record_consent(session, zalo, clock())
        zalo.last_seen_at = clock() + timedelta(seconds=1)
    payload = to_payload(Reply("Nhắc việc", buttons=rows([Button("Gửi minh chứng", "/minhchung")])))
    for _ in range(2):
        async with sessionmaker() as session, session.begin():
            await outbox.enqueue(
                session,
                person_ids=[thao.id, 999_999],
                payload=payload,
                now=clock(),
                source="rule:1",
                occurrence="2026-11-25T07:00",
            )
    async with sessionmaker() as session:
        row = (await session.exec(select(Outbox))).one()
    assert row.chat_account_id == zalo.id and row.status == "pending"
    assert from_payload(row.payload) == Reply(
        "Nhắc việc", buttons=((Button("Gửi minh chứng", "/minhchung"),),)
    )
