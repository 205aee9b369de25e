"""Bringing demo entries to a given point of their lifecycle through the real services,
so a test can start where its flow begins (registered, approved, evidenced, scored)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import select

from storage.db import SessionMaker
from storage.models import Campaign, CommentKind, EntryStatus, Evidence, Registration
from storage.services import (
    approvals,
    assignments,
    campaigns,
    comments,
    council,
    evidence,
    evidence_review,
    org,
    people,
    publication,
    registrations,
    scoring,
)
from storage.services.registrations import Subject, individual_subject
from tests.fakes.clock import FakeClock


async def entry(
    sessionmaker: SessionMaker,
    clock: FakeClock,
    code: str,
    model: str,
    criteria: Sequence[str] | None = None,
    *,
    unit_code: str | None = None,
) -> int:
    """Register an entry (individual, or collective for `unit_code`) with its criteria."""
    async with sessionmaker() as session, session.begin():
        actor = await people.find_by_code(session, code)
        campaign = (await session.exec(select(Campaign))).first()
        assert actor and campaign
        found = await campaigns.find_model(session, campaign.id, model)
        assert found is not None
        chosen = criteria or [c.code for c in await campaigns.specific_criteria(session, found.id)]
        if unit_code is None:
            subject = individual_subject(actor)
        else:
            unit = await org.get_unit_by_code(session, unit_code)
            subject = Subject(registrations.SubjectType.COLLECTIVE, unit_id=unit.id)
        reg = await registrations.create_registration(
            session,
            actor=actor,
            campaign=campaign,
            model=found,
            subject=subject,
            criterion_codes=list(chosen),
            now=clock(),
        )
        return reg.id


async def approve(
    sessionmaker: SessionMaker, clock: FakeClock, entry_id: int, approver: str
) -> None:
    async with sessionmaker() as session, session.begin():
        actor = await people.find_by_code(session, approver)
        await approvals.approve(session, actor=actor, registration_id=entry_id, now=clock())


async def evidence_all(
    sessionmaker: SessionMaker, clock: FakeClock, entry_id: int, sender: str, checker: str
) -> None:
    """A note for every chosen criterion, each accepted by `checker`."""
    await notes(sessionmaker, clock, entry_id, sender)
    async with sessionmaker() as session, session.begin():
        reviewer = await people.find_by_code(session, checker)
        rows = await session.exec(select(Evidence).where(Evidence.registration_id == entry_id))
        for item in rows.all():
            await evidence_review.accept(session, actor=reviewer, evidence_id=item.id, now=clock())


async def notes(sessionmaker: SessionMaker, clock: FakeClock, entry_id: int, sender: str) -> None:
    """A note for every chosen criterion of the entry, sent by `sender` (not yet checked)."""
    async with sessionmaker() as session, session.begin():
        actor = await people.find_by_code(session, sender)
        for rc in await registrations.chosen_criteria(session, entry_id):
            await evidence.add_note(
                session,
                actor=actor,
                registration_id=entry_id,
                criterion_id=rc.criterion_id,
                text=f"Số liệu tiêu chí {rc.criterion_id}",
                channel="memory",
                now=clock(),
            )


async def assign(
    sessionmaker: SessionMaker, clock: FakeClock, entry_id: int, committee: str, *codes: str
) -> None:
    async with sessionmaker() as session, session.begin():
        actor = await people.find_by_code(session, committee)
        for code in codes:
            reviewer = await people.find_by_code(session, code)
            await assignments.assign(
                session, actor=actor, registration_id=entry_id, reviewer=reviewer, now=clock()
            )


async def score(
    sessionmaker: SessionMaker,
    clock: FakeClock,
    entry_id: int,
    reviewer_code: str,
    share: float,
    *,
    fail_gate: str | None = None,
) -> None:
    """Score every criterion at `share` of its maximum (rounded to the step) and submit."""
    async with sessionmaker() as session, session.begin():
        reviewer = await people.find_by_code(session, reviewer_code)
        mine = [
            a for a, e in await assignments.assignments_of(session, reviewer) if e.id == entry_id
        ]
        work = await scoring.job(session, reviewer, mine[0].id, clock())
        for line in await scoring.sheet(session, work):
            if line.general:
                failed = line.criterion.code == fail_gate
                value, reason = (0, "Không đạt") if failed else (1, None)
            else:
                value, reason = round(line.criterion.max_points * share * 2) / 2, None
            await scoring.set_draft(
                session,
                actor=reviewer,
                assignment_id=work.assignment.id,
                criterion_id=line.criterion.id,
                value=value,
                reason=reason,
                now=clock(),
            )
        await scoring.submit(session, actor=reviewer, assignment_id=work.assignment.id, now=clock())


async def status(sessionmaker: SessionMaker, entry_id: int) -> str:
    async with sessionmaker() as session:
        reg = await session.get(Registration, entry_id)
        return reg.status


async def reviewed(
    sessionmaker: SessionMaker,
    clock: FakeClock,
    code: str,
    model: str,
    shares: tuple[float, float],
    *,
    approver: str = "HNI0005",
    fail_gate: str | None = None,
) -> int:
    """An individual entry of `code`, approved, evidenced, scored by two HNI reviewers."""
    entry_id = await entry(sessionmaker, clock, code, model)
    await approve(sessionmaker, clock, entry_id, approver)
    await evidence_all(sessionmaker, clock, entry_id, code, "HNI0003")
    await assign(sessionmaker, clock, entry_id, "HNI0002", "HNI0003", "HNI0015")
    await score(sessionmaker, clock, entry_id, "HNI0003", shares[0], fail_gate=fail_gate)
    await score(sessionmaker, clock, entry_id, "HNI0015", shares[1], fail_gate=fail_gate)
    expected = EntryStatus.DISQUALIFIED if fail_gate else EntryStatus.REVIEWED
    assert await status(sessionmaker, entry_id) == expected
    return entry_id


COUNCIL_VOTERS = ("HNI0001", "HNI0011", "HNI0014")


async def passed_council(
    sessionmaker: SessionMaker,
    clock: FakeClock,
    entry_id: int,
    voters: Sequence[str] = COUNCIL_VOTERS,
) -> None:
    """The party committee (HNI0002) opens a round; each voter votes yes; it closes it."""
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        entry = await session.get(Registration, entry_id)
        vote = await council.open_round(session, actor=minh, entry=entry, now=clock())
        vote_id = vote.id
    for code in voters:
        async with sessionmaker() as session, session.begin():
            member = await people.find_by_code(session, code)
            await council.cast(session, actor=member, vote_id=vote_id, choice="yes", now=clock())
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        await council.close_round(session, actor=minh, vote_id=vote_id, now=clock())


async def published(sessionmaker: SessionMaker, clock: FakeClock) -> None:
    """The party committee (HNI0002) publishes the results it has."""
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        campaign = await publication.latest_campaign(session)
        await publication.publish(session, actor=minh, campaign=campaign, now=clock())


async def decided(
    sessionmaker: SessionMaker, clock: FakeClock, decision_date: date | None = None
) -> None:
    """After the comment window, decision 125/QĐ-ĐU of `decision_date` (the day it is
    taken unless given) for the campaign."""
    clock.advance(days=14)
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        campaign = await publication.latest_campaign(session)
        await publication.finalize(
            session,
            actor=minh,
            campaign=campaign,
            number="125/QĐ-ĐU",
            decision_date=decision_date or clock().date(),
            now=clock(),
        )


async def comment(
    sessionmaker: SessionMaker,
    clock: FakeClock,
    entry_id: int,
    author: str,
    text: str,
    kind: CommentKind = CommentKind.COMMENT,
) -> int:
    """`author` comments on (or objects to) a published entry; the comment's id."""
    async with sessionmaker() as session, session.begin():
        actor = await people.find_by_code(session, author)
        added = await comments.add_comment(
            session, actor=actor, registration_id=entry_id, kind=kind, text=text, now=clock()
        )
        return added.id
