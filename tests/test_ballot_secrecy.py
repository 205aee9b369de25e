"""The secret ballot: no service, table, export, message, log line or admin command lets
anyone recover an individual ballot.

The main test runs the same vote twice with the choices of two members swapped (same
totals) and compares everything the system holds or says afterwards: every table (less
random and time columns), every reply to every chat, every outbox message, the audit
log, the log lines, the workbook and what the services return. If any of it depended on
who voted what, the two runs would differ."""

from __future__ import annotations

import io
import logging
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import DateTime, text
from sqlmodel import SQLModel, select

from bot.demo import load_demo
from handlers.council import exports
from handlers.texts import Vi
from storage import audit
from storage.errors import PermissionDenied
from storage.models import (
    Ballot,
    Campaign,
    ConversationState,
    CouncilVote,
    Role,
    RoleGrant,
    VoteParticipation,
)
from storage.services import council, org, people
from storage.services.clock import local_date
from storage.types import UTCDateTime
from tests.support.helpers import linked
from tests.support.review_setup import reviewed
from tests.test_council_flow import vote

RANDOM = {"hash", "prev_hash", "code_hash", "token_hash", "occurrence", "update_id"}
# Update ids come from a global counter; channel_secret holds the invite key, random per
# database like the code hashes.
SKIPPED_TABLES = {"processed_update", "channel_secret"}
RECEIPT = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")
# The application's own log lines, at every level (driver debug lines carry addresses).
OUR_LOGGERS = {"bot", "handlers", "storage", "scheduler"}


async def dump(sessionmaker) -> dict[str, list[str]]:
    """Every table, rows sorted, without random or time columns."""
    found: dict[str, list[str]] = {}
    async with sessionmaker() as session:
        for table in SQLModel.metadata.sorted_tables:
            if table.name in SKIPPED_TABLES:
                continue
            keep = [
                c
                for c in table.columns
                if c.name not in RANDOM and not isinstance(c.type, DateTime | UTCDateTime)
            ]
            rows = (await session.exec(select(*keep))).all()
            found[table.name] = sorted(repr(tuple(r)) for r in rows)
    return found


async def reset(engine, sessionmaker, clock) -> None:
    """An empty database again, with the demo data."""
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(SQLModel.metadata.sorted_tables):
                await connection.execute(table.delete())
    async with sessionmaker() as session, session.begin():
        await load_demo(session, local_date(clock(), "Asia/Ho_Chi_Minh"))


async def run_vote(chat_for, sessionmaker, clock, choices: tuple[str, str, str], caplog):
    """One excellent entry, a round, three ballots (one changed twice), the close."""
    start = clock.current
    await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    chats = {
        code: await linked(chat_for, sessionmaker, clock, code)
        for code in ("HNI0002", "HNI0001", "HNI0014", "HNI0011", "HNI0004")
    }
    minh, admin = chats["HNI0002"], chats["HNI0004"]
    await minh.send("/binhxet")
    await minh.press("Mở bỏ phiếu (1")
    await vote(chats["HNI0001"], "M1 ·", choices[0])
    await vote(chats["HNI0014"], "M1 ·", choices[1])
    yen = chats["HNI0011"]
    await yen.send("/binhxet")
    await yen.press(Vi.BTN_VOTE)
    await yen.press("M1 ·")
    receipt = RECEIPT.search((await yen.press(choices[2]))[0].text).group(0)
    for _ in range(2):  # changes their mind, then back
        await yen.send("/binhxet")
        await yen.press(Vi.BTN_VOTE)
        await yen.press("M1 ·")
        await yen.send(receipt)
    seen: dict[str, object] = {"open": await dump(sessionmaker)}
    async with sessionmaker() as session:
        members = {}
        for code in ("HNI0001", "HNI0014", "HNI0011", "HNI0002", "HNI0004"):
            person = await people.find_by_code(session, code)
            rounds = await council.rounds_for_member(session, person)
            members[code] = [(v.id, e.id, voted) for v, e, voted in rounds]
        seen["services_open"] = members
        seen["participants"] = await council.participants(session, 1)
    await admin.send("/binhxet")
    await admin.send("/trogiup")
    await minh.send("/binhxet")
    await minh.press("Kết thúc bỏ phiếu")
    await admin.send("/ketqua")
    replies = await admin.send("/xuatketqua")
    book = load_workbook(io.BytesIO(replies[0].file.data))
    seen["workbook"] = {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book}
    async with sessionmaker() as session:
        campaign = (await session.exec(select(Campaign))).one()
        cli = load_workbook(io.BytesIO(await exports.results_workbook(session, campaign)))
        seen["cli_workbook"] = [[list(r) for r in s.iter_rows(values_only=True)] for s in cli]
        seen["audit_ok"] = (await audit.verify(session)).ok
    seen["closed"] = await dump(sessionmaker)
    seen["replies"] = {
        code: [RECEIPT.sub("XXXX-XXXX", r.text) for r in chat.replies]
        for code, chat in chats.items()
    }
    seen["logs"] = [
        RECEIPT.sub("XXXX-XXXX", r.getMessage())
        for r in caplog.records
        if r.name.split(".")[0] in OUR_LOGGERS
    ]
    clock.current = start
    return seen


async def test_swapping_two_ballots_changes_nothing_anyone_can_see(
    demo, engine, chat_for, sessionmaker, clock, caplog
):
    caplog.set_level(logging.DEBUG)
    first = await run_vote(
        chat_for, sessionmaker, clock, ("Đồng ý", "Không đồng ý", "Đồng ý"), caplog
    )
    caplog.clear()
    await reset(engine, sessionmaker, clock)
    second = await run_vote(
        chat_for, sessionmaker, clock, ("Không đồng ý", "Đồng ý", "Đồng ý"), caplog
    )
    assert first["audit_ok"] and second["audit_ok"]
    assert "· đồng ý 2 · không đồng ý 1" in "\n".join(first["replies"]["HNI0002"])
    for key in first:
        assert first[key] == second[key], key


async def test_ballots_carry_no_person_no_time_and_no_arrival_order(
    demo, engine, chat_for, sessionmaker, clock
):
    assert {c.name for c in Ballot.__table__.columns} == {"vote_id", "token_hash", "choice"}
    assert {c.name for c in VoteParticipation.__table__.columns} == {"vote_id", "person_id"}
    await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")
    await minh.send("/binhxet")
    await minh.press("Mở bỏ phiếu (1")
    for code, choice in (("HNI0001", "Đồng ý"), ("HNI0014", "Không đồng ý"), ("HNI0011", "Đồng ý")):
        chat = await linked(chat_for, sessionmaker, clock, code)
        await vote(chat, "M1 ·", choice)
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            with pytest.raises(Exception, match="rowid"):
                await connection.execute(text("SELECT rowid FROM ballot"))
            stored = (await connection.execute(text("SELECT token_hash FROM ballot"))).scalars()
        else:
            stored = (
                await connection.execute(text("SELECT token_hash FROM ballot ORDER BY ctid"))
            ).scalars()
        stored = list(stored)
        xmins = set()
        if engine.dialect.name == "postgresql":
            xmins = set((await connection.execute(text("SELECT xmin::text FROM ballot"))).scalars())
    assert len(stored) == 3 and stored == sorted(stored)  # key order, not arrival order
    assert len(xmins) <= 1  # on PostgreSQL every ballot was rewritten by the last vote
    async with sessionmaker() as session:
        states = (await session.exec(select(ConversationState))).all()
    for state in states:  # the round at most, never a choice or a receipt
        assert set(state.data) <= {"vote_id"} or state.flow != "council", state.data
        assert not {str(v) for v in state.data.values()} & {"yes", "no"}
    await minh.send("/binhxet")
    await minh.press("Kết thúc bỏ phiếu")
    async with sessionmaker() as session:
        assert (await session.exec(select(Ballot))).all() == []  # counted, then removed
        closed = (await session.exec(select(CouncilVote))).one()
    assert (closed.votes_for, closed.votes_against, closed.participants) == (2, 1, 3)


async def test_admins_cannot_vote_and_no_service_returns_a_choice(
    demo, chat_for, sessionmaker, clock
):
    await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")
    await minh.send("/binhxet")
    await minh.press("Mở bỏ phiếu (1")
    async with sessionmaker() as session, session.begin():
        admin = await people.find_by_code(session, "HNI0004")
        hanoi = await org.get_unit_by_code(session, "HNI")
        session.add(RoleGrant(person_id=admin.id, role=Role.COUNCIL_MEMBER, scope_unit_id=hanoi.id))
    async with sessionmaker() as session, session.begin():
        admin = await people.find_by_code(session, "HNI0004")
        with pytest.raises(PermissionDenied):
            await council.cast(session, actor=admin, vote_id=1, choice="yes", now=clock())
        assert await council.rounds_for_member(session, admin) == []
    public = [name for name in dir(council) if not name.startswith("_")]
    assert "ballots" not in public and "choice_of" not in public
