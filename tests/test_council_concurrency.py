"""The council's ballot box under real concurrency on PostgreSQL: ten members of one round
vote at the same instant, then change their ballots at the same instant, twenty times;
every ballot is counted and every receipt still names its ballot. And a round whose box
lost a ballot is never counted (on any database)."""

from __future__ import annotations

import asyncio
import logging
import random

import pytest
from sqlalchemy import delete, func
from sqlmodel import select

from handlers.kit import errors
from handlers.texts import Vi
from storage.db import SessionMaker
from storage.errors import DomainError
from storage.models import (
    Ballot,
    CouncilVote,
    Person,
    Registration,
    Role,
    RoleGrant,
    VoteParticipation,
)
from storage.services import council, people
from tests.conftest import POSTGRES_URL
from tests.fakes.clock import FakeClock
from tests.support.review_setup import reviewed

MEMBERS = 10
REPEATS = 20


async def _council_of_ten(sessionmaker: SessionMaker, clock: FakeClock) -> tuple[int, list[int]]:
    """One reviewed entry with its first round open, and ten more council members (from a
    unit without a conflict on the entry)."""
    entry_id = await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    async with sessionmaker() as session, session.begin():
        committee = await people.find_by_code(session, "HNI0002")
        peer = await people.find_by_code(session, "HNI0001")
        entry = await session.get(Registration, entry_id)
        vote = await council.open_round(session, actor=committee, entry=entry, now=clock())
        added = [
            Person(employee_code=f"HDX{i:04d}", full_name=f"Thành viên {i}", unit_id=peer.unit_id)
            for i in range(MEMBERS)
        ]
        session.add_all(added)
        await session.flush()
        for person in added:
            session.add(
                RoleGrant(
                    person_id=person.id,
                    role=Role.COUNCIL_MEMBER,
                    scope_unit_id=vote.council_unit_id,
                )
            )
        return vote.id, [p.id for p in added]


async def _at_once(sessionmaker: SessionMaker, member_ids: list[int], act) -> list[object]:
    """Run `act(session, member)` for every member in its own session and transaction,
    all released together by a barrier once each has its transaction open."""
    barrier = asyncio.Barrier(len(member_ids))

    async def one(person_id: int) -> object:
        async with sessionmaker() as session, session.begin():
            member = await session.get(Person, person_id)
            await barrier.wait()
            return await act(session, member)

    return list(await asyncio.gather(*(one(p) for p in member_ids)))


async def _box(sessionmaker: SessionMaker, vote_id: int) -> tuple[int, int, int]:
    """(ballots, ballots for, participants) of a round."""
    async with sessionmaker() as session:
        choices = (await session.exec(select(Ballot.choice).where(Ballot.vote_id == vote_id))).all()
        voters = (
            await session.exec(
                select(func.count())
                .select_from(VoteParticipation)
                .where(VoteParticipation.vote_id == vote_id)
            )
        ).one()
    return len(choices), choices.count(council.YES), voters


async def _next_round(sessionmaker: SessionMaker, clock: FakeClock, vote_id: int) -> int:
    """Close the round (checking its totals) and put the entry to a new one."""
    async with sessionmaker() as session, session.begin():
        committee = await people.find_by_code(session, "HNI0002")
        closed = await council.close_round(session, actor=committee, vote_id=vote_id, now=clock())
        fresh = CouncilVote(
            registration_id=closed.registration_id,
            council_unit_id=closed.council_unit_id,
            round=closed.round + 1,
            opened_by_id=committee.id,
            opened_at=clock(),
        )
        session.add(fresh)
        await session.flush()
        return fresh.id


@pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL: concurrent writers")
async def test_ten_members_voting_and_changing_at_once_lose_no_ballot(
    demo, sessionmaker, clock
) -> None:
    vote_id, members = await _council_of_ten(sessionmaker, clock)
    rng = random.Random(9)
    for _ in range(REPEATS):
        choices = {m: rng.choice([council.YES, council.NO]) for m in members}

        async def cast(session, member, vote_id=vote_id, choices=choices):
            return await council.cast(
                session, actor=member, vote_id=vote_id, choice=choices[member.id], now=clock()
            )

        receipts = dict(zip(members, await _at_once(sessionmaker, members, cast), strict=True))
        yes = list(choices.values()).count(council.YES)
        assert await _box(sessionmaker, vote_id) == (MEMBERS, yes, MEMBERS)

        async def change(session, member, vote_id=vote_id, receipts=receipts):
            await council.change(
                session, actor=member, vote_id=vote_id, receipt=receipts[member.id], now=clock()
            )

        await _at_once(sessionmaker, members, change)  # a lost ballot: "wrong_receipt"
        assert await _box(sessionmaker, vote_id) == (MEMBERS, MEMBERS - yes, MEMBERS)
        previous = vote_id
        vote_id = await _next_round(sessionmaker, clock, vote_id)
        async with sessionmaker() as session:
            counted = await session.get(CouncilVote, previous)
        assert (counted.participants, counted.votes_for) == (MEMBERS, MEMBERS - yes)
        assert counted.votes_against == yes


@pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL: concurrent writers")
async def test_closing_while_members_vote_counts_each_ballot_once(
    demo, sessionmaker, clock
) -> None:
    """The close takes the round's lock too: a ballot lands wholly before the count or is
    refused as "vote closed", never counted as a participant without its ballot."""
    vote_id, members = await _council_of_ten(sessionmaker, clock)
    outcomes: list[object] = []

    async def cast(session, member):
        try:
            return await council.cast(
                session, actor=member, vote_id=vote_id, choice=council.YES, now=clock()
            )
        except DomainError as exc:
            return exc.code

    async def close(session, _member):
        return await council.close_round(session, actor=committee, vote_id=vote_id, now=clock())

    async with sessionmaker() as session:
        committee = await people.find_by_code(session, "HNI0002")
    everyone = [*members, committee.id]

    async def act(session, member):
        return await (close if member.id == committee.id else cast)(session, member)

    outcomes = await _at_once(sessionmaker, everyone, act)
    refused = [o for o in outcomes[:-1] if o == "vote_closed"]
    async with sessionmaker() as session:
        counted = await session.get(CouncilVote, vote_id)
    assert counted.closed_at is not None
    assert counted.participants == counted.votes_for == MEMBERS - len(refused)
    assert await _box(sessionmaker, vote_id) == (0, 0, MEMBERS - len(refused))


async def test_a_round_missing_a_ballot_is_not_counted(demo, sessionmaker, clock, caplog) -> None:
    vote_id, members = await _council_of_ten(sessionmaker, clock)
    for member_id in members[:3]:
        async with sessionmaker() as session, session.begin():
            member = await session.get(Person, member_id)
            await council.cast(
                session, actor=member, vote_id=vote_id, choice=council.YES, now=clock()
            )
    async with sessionmaker() as session, session.begin():  # a ballot goes missing
        token = (await session.exec(select(Ballot.token_hash).limit(1))).one()
        await session.exec(delete(Ballot).where(Ballot.token_hash == token))
    caplog.set_level(logging.ERROR)
    with pytest.raises(DomainError) as raised:
        async with sessionmaker() as session, session.begin():
            committee = await people.find_by_code(session, "HNI0002")
            await council.close_round(session, actor=committee, vote_id=vote_id, now=clock())
    assert raised.value.code == "ballot_count_mismatch"
    told = errors.describe(raised.value, Vi)  # what the committee member reads
    assert told.startswith("Không thể kiểm phiếu") and "2 phiếu nhưng 3 thành viên" in told
    assert "2 ballots for 3 participants" in caplog.text
    async with sessionmaker() as session:
        vote = await session.get(CouncilVote, vote_id)
    assert vote.closed_at is None and vote.votes_for is None
    assert await _box(sessionmaker, vote_id) == (2, 2, 3)
