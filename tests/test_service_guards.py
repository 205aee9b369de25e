"""The services check for themselves what the menus check: a round is opened only for an
entry ready for its council and without an open round; evidence (a collective's minutes
above all) is filed only by the entry's registrants, not by members of the units below."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from storage.db import SessionMaker
from storage.errors import DomainError
from storage.models import CouncilVote, Evidence, Registration, RegistrationCriterion
from storage.services import council, evidence, people
from tests.fakes.clock import FakeClock
from tests.support.review_setup import approve, entry, reviewed


async def _open(sessionmaker: SessionMaker, clock: FakeClock, entry_id: int) -> CouncilVote:
    async with sessionmaker() as session, session.begin():
        committee = await people.find_by_code(session, "HNI0002")
        found = await session.get(Registration, entry_id)
        return await council.open_round(session, actor=committee, entry=found, now=clock())


async def _rounds(sessionmaker: SessionMaker) -> int:
    async with sessionmaker() as session:
        return (await session.exec(select(func.count()).select_from(CouncilVote))).one()


async def test_a_round_is_opened_only_for_an_entry_ready_for_the_council(
    demo, sessionmaker, clock
) -> None:
    waiting = await entry(sessionmaker, clock, "HNI0008", "M1")
    await approve(sessionmaker, clock, waiting, "HNI0005")  # approved, not reviewed
    good = await reviewed(sessionmaker, clock, "HNI0009", "M2", (0.75, 0.77))  # not excellent
    for entry_id in (waiting, good):
        with pytest.raises(DomainError) as refused:
            await _open(sessionmaker, clock, entry_id)
        assert refused.value.code == "not_ready_for_council"
    assert await _rounds(sessionmaker) == 0


async def test_a_second_round_is_not_opened_while_one_is_open(demo, sessionmaker, clock) -> None:
    excellent = await reviewed(
        sessionmaker, clock, "HNI0012", "M1", (0.95, 0.97), approver="HNI0010"
    )
    await _open(sessionmaker, clock, excellent)
    with pytest.raises(DomainError) as refused:
        await _open(sessionmaker, clock, excellent)
    assert refused.value.code == "round_already_open"
    assert await _rounds(sessionmaker) == 1


async def _collective(sessionmaker: SessionMaker, clock: FakeClock, by: str, unit: str) -> int:
    entry_id = await entry(sessionmaker, clock, by, "M2", ("M2.02",), unit_code=unit)
    return entry_id


async def _file(
    sessionmaker: SessionMaker, clock: FakeClock, code: str, entry_id: int, *, minutes: bool
) -> Evidence:
    async with sessionmaker() as session, session.begin():
        actor = await people.find_by_code(session, code)
        criterion = (
            await session.exec(
                select(RegistrationCriterion.criterion_id).where(
                    RegistrationCriterion.registration_id == entry_id
                )
            )
        ).first()
        return await evidence.add_note(
            session,
            actor=actor,
            registration_id=entry_id,
            criterion_id=None if minutes else criterion,
            text="Biên bản họp ngày 01/03" if minutes else "Số liệu",
            channel="memory",
            now=clock(),
        )


async def _evidence(sessionmaker: SessionMaker) -> list[tuple[int, int | None]]:
    async with sessionmaker() as session:
        rows = await session.exec(select(Evidence.sender_id, Evidence.criterion_id))
        return list(rows.all())


async def test_members_of_a_unit_below_file_no_evidence_for_its_collective_entry(
    demo, sessionmaker, clock
) -> None:
    district = await _collective(sessionmaker, clock, "HNI0005", "HNI-CGY")  # Cầu Giấy
    for minutes in (True, False):  # HNI0008 works at Nghĩa Tân, a post office below it
        with pytest.raises(DomainError) as refused:
            await _file(sessionmaker, clock, "HNI0008", district, minutes=minutes)
        assert refused.value.code == "not_your_entry"
    assert await _evidence(sessionmaker) == []
    await _file(sessionmaker, clock, "HNI0006", district, minutes=True)  # its union committee
    await _file(sessionmaker, clock, "HNI0005", district, minutes=False)  # who registered it
    assert len(await _evidence(sessionmaker)) == 2


async def test_a_collective_s_minutes_come_from_its_registrants_only(
    demo, sessionmaker, clock
) -> None:
    office = await _collective(sessionmaker, clock, "HNI0007", "HNI-CGY-NTN")  # Nghĩa Tân
    await _file(sessionmaker, clock, "HNI0008", office, minutes=False)  # its own staff: yes
    with pytest.raises(DomainError) as refused:
        await _file(sessionmaker, clock, "HNI0008", office, minutes=True)
    assert refused.value.code == "not_your_entry"
    await _file(sessionmaker, clock, "HNI0007", office, minutes=True)  # its manager
    async with sessionmaker() as session:
        staff = await people.find_by_code(session, "HNI0008")
        manager = await people.find_by_code(session, "HNI0007")
    kinds = sorted((s, c is None) for s, c in await _evidence(sessionmaker))
    assert kinds == sorted([(staff.id, False), (manager.id, True)])
