"""The hash-chained audit log: every change recorded; tampering found at its row."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import select

from storage import audit
from storage.models import AuditLog
from tests.support.helpers import linked
from tests.support.samples import JPEG
from tests.test_registration import register


async def test_every_state_change_is_audited_and_the_chain_verifies(
    demo, chat_for, sessionmaker, clock
):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    await chat.through_menu("/minhchung", "M1.01")
    await chat.send_file(JPEG, "a.jpg")
    await chat.send("/chamdiem")
    await chat.send("5")
    async with sessionmaker() as session:
        actions = (await session.exec(select(AuditLog.action).order_by(AuditLog.id))).all()
        report = await audit.verify(session)
    for action in (
        "units.import",
        "roster.import",
        "campaign.load",
        "invite.issue",
        "consent.accept",
        "account.link",
        "registration.submit",
        "evidence.add",
        "self_score.set",
    ):
        assert action in actions
    assert report.ok and report.rows == len(actions)


async def test_a_tampered_row_is_reported_with_its_id(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    async with sessionmaker() as session, session.begin():
        target = (
            await session.exec(select(AuditLog).where(AuditLog.action == "registration.submit"))
        ).one()
        await session.exec(
            update(AuditLog).where(AuditLog.id == target.id).values(details={"model": "M4"})
        )
    async with sessionmaker() as session:
        report = await audit.verify(session)
    assert not report.ok and report.broken_id == target.id and report.reason == "hash"


async def test_a_deleted_row_breaks_the_link_of_the_next(demo, sessionmaker):
    async with sessionmaker() as session, session.begin():
        rows = (await session.exec(select(AuditLog).order_by(AuditLog.id))).all()
        await session.delete(rows[1])
    async with sessionmaker() as session:
        report = await audit.verify(session)
    assert report.broken_id == rows[2].id and report.reason == "prev_hash"
