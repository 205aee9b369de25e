"""Every role tried on every action of review, vote and publication, inside and outside
its scope, on the services themselves: only the allowed people succeed.

Roles in the demo data used here (Hà Nội unless said): staff HNI0009; managers HNI0007
(Nghĩa Tân, the entry's post office), HNI0005 (Cầu Giấy, above it), HNI0001 (province),
HNI0014 (another centre); union HNI0006 (Cầu Giấy, also a reviewer); party committee
HNI0002 (province), HNI0011 (Sóc Sơn), PTO0002 (Phú Thọ), TCT0002 (corporation);
reviewers HNI0003, HNI0010, HNI0015, PTO0006; council HNI0001, HNI0002, HNI0005 (recused:
Cầu Giấy contains the entry), HNI0011, HNI0014, PTO0001; admin HNI0004."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

import pytest
from sqlmodel import select

from handlers.council import exports
from storage.errors import DomainError, PermissionDenied
from storage.models import (
    Campaign,
    CommentKind,
    Evidence,
    Person,
    Registration,
    ReviewAssignment,
)
from storage.services import (
    approvals,
    assignments,
    comments,
    council,
    evidence,
    evidence_review,
    people,
    phases,
    publication,
    scoring,
)
from tests.support.review_setup import approve, assign, comment, entry, evidence_all, reviewed

EVERYONE = [
    "HNI0008",
    "HNI0009",
    "HNI0007",
    "HNI0005",
    "HNI0001",
    "HNI0014",
    "HNI0006",
    "HNI0002",
    "HNI0011",
    "PTO0002",
    "TCT0002",
    "HNI0003",
    "HNI0010",
    "HNI0015",
    "PTO0006",
    "PTO0001",
    "HNI0004",
    "PTO0008",
]


@dataclass
class At:
    """Where the lifecycle stands when an action is tried: the ids the actions need."""

    entry_id: int
    now: datetime
    evidence_id: int = 0
    assignment_id: int = 0
    entry: Registration | None = None
    vote_id: int = 0
    campaign: Campaign | None = None
    comment_id: int = 0
    later: datetime | None = None


Stage = Callable[..., Awaitable[At]]
Action = Callable[[At, object, Person], Awaitable[object]]


async def check(sessionmaker, allowed: set[str], action: Action, at: At) -> None:
    """Try the action as everyone; refused people raise, allowed ones succeed (rolled back).

    Every wrong outcome is collected, so a failure names the action and each person it got
    wrong rather than stopping at the first."""
    wrong: list[str] = []
    for code in EVERYONE:
        async with sessionmaker() as session:
            actor = await people.find_by_code(session, code)
            if code in allowed:
                try:
                    await action(at, session, actor)
                except DomainError as refusal:
                    wrong.append(f"{code} refused ({refusal.code}) but is allowed")
            else:
                try:
                    await action(at, session, actor)
                except (PermissionDenied, DomainError):
                    pass
                else:
                    wrong.append(f"{code} allowed but should be refused")
            await session.rollback()
    assert not wrong, f"{action.__name__}: " + "; ".join(wrong)


# the stages of approval, evidence, assignment and scoring, each built on the one before


async def submitted(sessionmaker, clock) -> At:
    return At(await entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01"]), clock())


async def with_a_note(sessionmaker, clock) -> At:
    at = await submitted(sessionmaker, clock)
    await approve(sessionmaker, clock, at.entry_id, "HNI0007")
    async with sessionmaker() as session, session.begin():
        thao = await people.find_by_code(session, "HNI0008")
        await evidence.add_note(
            session,
            actor=thao,
            registration_id=at.entry_id,
            criterion_id=1,
            text="n",
            channel="m",
            now=at.now,
        )
        at.evidence_id = (await session.exec(select(Evidence.id))).one()
    return at


async def evidenced(sessionmaker, clock) -> At:
    at = await with_a_note(sessionmaker, clock)
    await evidence_all(sessionmaker, clock, at.entry_id, "HNI0008", "HNI0003")
    return at


async def assigned(sessionmaker, clock) -> At:
    at = await evidenced(sessionmaker, clock)
    await assign(sessionmaker, clock, at.entry_id, "HNI0002", "HNI0003", "HNI0015")
    async with sessionmaker() as session:
        at.assignment_id = (
            await session.exec(
                select(ReviewAssignment.id)
                .join(Person, Person.id == ReviewAssignment.reviewer_id)
                .where(Person.employee_code == "HNI0003")
            )
        ).one()
    return at


async def do_approve(at, session, actor):
    return await approvals.approve(session, actor=actor, registration_id=at.entry_id, now=at.now)


async def do_return(at, session, actor):
    return await approvals.return_entry(
        session, actor=actor, registration_id=at.entry_id, reason="x", now=at.now
    )


async def do_accept(at, session, actor):
    return await evidence_review.accept(
        session, actor=actor, evidence_id=at.evidence_id, now=at.now
    )


async def do_reject(at, session, actor):
    return await evidence_review.reject(
        session, actor=actor, evidence_id=at.evidence_id, reason="x", now=at.now
    )


async def do_assign(at, session, actor):
    reviewer = await people.find_by_code(session, "HNI0010")
    return await assignments.assign(
        session, actor=actor, registration_id=at.entry_id, reviewer=reviewer, now=at.now
    )


async def do_score(at, session, actor):
    return await scoring.set_draft(
        session,
        actor=actor,
        assignment_id=at.assignment_id,
        criterion_id=1,
        value=5,
        now=at.now,
    )


async def do_peek(at, session, actor):
    return await scoring.peer_view(session, actor, at.assignment_id)


# the stages of council, publication, comments and decision, each built on the one before


async def reviewed_entry(sessionmaker, clock) -> At:
    entry_id = await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    async with sessionmaker() as session:
        return At(entry_id, clock(), entry=await session.get(Registration, entry_id))


async def round_open(sessionmaker, clock) -> At:
    at = await reviewed_entry(sessionmaker, clock)
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        vote = await council.open_round(session, actor=minh, entry=at.entry, now=at.now)
        at.vote_id = vote.id
    return at


async def round_passed(sessionmaker, clock) -> At:
    at = await round_open(sessionmaker, clock)
    for code in ("HNI0001", "HNI0002", "HNI0011"):
        async with sessionmaker() as session, session.begin():
            member = await people.find_by_code(session, code)
            await council.cast(session, actor=member, vote_id=at.vote_id, choice="yes", now=at.now)
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        await council.close_round(session, actor=minh, vote_id=at.vote_id, now=at.now)
        at.campaign = (await session.exec(select(Campaign))).one()
    return at


async def published(sessionmaker, clock) -> At:
    at = await round_passed(sessionmaker, clock)
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        await publication.publish(session, actor=minh, campaign=at.campaign, now=at.now)
    return at


async def commented(sessionmaker, clock) -> At:
    at = await published(sessionmaker, clock)
    at.comment_id = await comment(sessionmaker, clock, at.entry_id, "HNI0009", "x")
    return at


async def answered(sessionmaker, clock) -> At:
    at = await commented(sessionmaker, clock)
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        await comments.answer(
            session, actor=minh, comment_id=at.comment_id, text="ok", upheld=None, now=at.now
        )
    return at


async def window_closed(sessionmaker, clock) -> At:
    at = await answered(sessionmaker, clock)
    clock.advance(days=12)
    at.later = clock()
    return at


async def decided(sessionmaker, clock) -> At:
    at = await window_closed(sessionmaker, clock)
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        await do_finalize(at, session, minh)
    return at


async def do_open(at, session, actor):
    return await council.open_round(session, actor=actor, entry=at.entry, now=at.now)


async def do_cast(at, session, actor):
    return await council.cast(session, actor=actor, vote_id=at.vote_id, choice="yes", now=at.now)


async def do_close(at, session, actor):
    return await council.close_round(session, actor=actor, vote_id=at.vote_id, now=at.now)


async def do_publish(at, session, actor):
    return await publication.publish(session, actor=actor, campaign=at.campaign, now=at.now)


async def do_comment(at, session, actor):
    return await comments.add_comment(
        session,
        actor=actor,
        registration_id=at.entry_id,
        kind=CommentKind.OBJECTION,
        text="x",
        now=at.now,
    )


async def do_answer(at, session, actor):
    return await comments.answer(
        session, actor=actor, comment_id=at.comment_id, text="ok", upheld=None, now=at.now
    )


async def do_finalize(at, session, actor):
    """The decision, dated the latest time the stage knows (after the window once closed)."""
    when = at.later or at.now
    return await publication.finalize(
        session,
        actor=actor,
        campaign=at.campaign,
        number="1",
        decision_date=when.date(),
        now=when,
    )


async def do_revoke(at, session, actor):
    return await publication.revoke(
        session, actor=actor, registration_id=at.entry_id, reason="gian lận", now=at.later
    )


async def do_export(at, session, actor):
    return await exports.workbook_for(session, actor, at.campaign)


async def do_phase(at, session, actor):
    return await phases.advance(session, actor=actor, campaign=at.campaign, now=at.later)


MANAGERS = {"HNI0007", "HNI0005", "HNI0001"}
REVIEWERS = {"HNI0003", "HNI0010", "HNI0015"}  # not HNI0006: same unit
COMMITTEE = {"HNI0002", "TCT0002"}
PARTY = COMMITTEE | {"HNI0011", "PTO0002"}  # may publish, each only their own scope
ADMINS = {"HNI0004"}
HANOI = {c for c in EVERYONE if c.startswith("HNI")}

MATRIX = [
    pytest.param(submitted, MANAGERS, do_approve, id="approve"),
    pytest.param(submitted, MANAGERS, do_return, id="return"),
    pytest.param(with_a_note, REVIEWERS, do_accept, id="accept-evidence"),
    pytest.param(with_a_note, REVIEWERS, do_reject, id="reject-evidence"),
    pytest.param(evidenced, COMMITTEE, do_assign, id="assign-reviewer"),
    pytest.param(assigned, {"HNI0003"}, do_score, id="score"),
    # not even the reviewer before submitting
    pytest.param(assigned, set(), do_peek, id="peek-at-peer-scores"),
    pytest.param(reviewed_entry, COMMITTEE, do_open, id="open-council-round"),
    pytest.param(round_open, {"HNI0001", "HNI0002", "HNI0011", "HNI0014"}, do_cast, id="vote"),
    pytest.param(round_open, COMMITTEE, do_close, id="close-council-round"),
    pytest.param(round_passed, PARTY, do_publish, id="publish"),
    pytest.param(published, HANOI, do_comment, id="comment"),
    pytest.param(commented, COMMITTEE, do_answer, id="answer-comment"),
    # the window is still open for everyone
    pytest.param(answered, set(), do_finalize, id="finalize-in-the-window"),
    pytest.param(window_closed, COMMITTEE, do_finalize, id="finalize-after-the-window"),
    pytest.param(decided, COMMITTEE, do_revoke, id="revoke"),
    pytest.param(decided, PARTY | ADMINS, do_export, id="export-workbook"),
    pytest.param(decided, PARTY, do_phase, id="advance-phase"),
]


@pytest.mark.parametrize(("stage", "allowed", "action"), MATRIX)
async def test_only_the_allowed_people_may(
    demo, sessionmaker, clock, stage: Stage, allowed: set[str], action: Action
):
    await check(sessionmaker, allowed, action, await stage(sessionmaker, clock))


async def test_the_evidence_queue_is_shown_to_the_reviewers_only(demo, sessionmaker, clock):
    await with_a_note(sessionmaker, clock)
    async with sessionmaker() as session:
        queues = {
            code: len(
                await evidence_review.queue_for(session, await people.find_by_code(session, code))
            )
            for code in EVERYONE
        }
    assert {code for code, n in queues.items() if n} == REVIEWERS


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("HNI0006", "conflict_same_unit"),
        ("PTO0006", "not_reviewer"),
        ("HNI0004", "not_reviewer"),
        ("HNI0008", "not_reviewer"),
    ],
)
async def test_the_committee_cannot_assign_an_unfit_reviewer(
    demo, sessionmaker, clock, code: str, reason: str
):
    at = await evidenced(sessionmaker, clock)
    async with sessionmaker() as session:
        committee = await people.find_by_code(session, "HNI0002")
        candidate = await people.find_by_code(session, code)
        with pytest.raises(PermissionDenied) as refused:
            await assignments.assign(
                session,
                actor=committee,
                registration_id=at.entry_id,
                reviewer=candidate,
                now=at.now,
            )
        assert refused.value.code == reason


async def test_a_party_committee_publishes_nothing_outside_its_scope(demo, sessionmaker, clock):
    at = await round_passed(sessionmaker, clock)
    async with sessionmaker() as session:
        phu_tho = await people.find_by_code(session, "PTO0002")
        assert (
            await publication.publish(session, actor=phu_tho, campaign=at.campaign, now=at.now)
        ).entries == []
