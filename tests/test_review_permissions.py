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
from tests.support.review_setup import approve, assign, entry, evidence_all, reviewed

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

Action = Callable[..., Awaitable[object]]


async def check(sessionmaker, allowed: set[str], action: Action, *, refused_only=False) -> None:
    """Try the action as everyone; refused people raise, allowed ones succeed (rolled back).

    Every wrong outcome is collected, so a failure names the action and each person it got
    wrong rather than stopping at the first."""
    wrong: list[str] = []
    for code in EVERYONE:
        async with sessionmaker() as session:
            actor = await people.find_by_code(session, code)
            if code in allowed:
                if not refused_only:
                    try:
                        await action(session, actor)
                    except DomainError as refusal:
                        wrong.append(f"{code} refused ({refusal.code}) but is allowed")
            else:
                try:
                    await action(session, actor)
                except (PermissionDenied, DomainError):
                    pass
                else:
                    wrong.append(f"{code} allowed but should be refused")
            await session.rollback()
    assert not wrong, f"{action.__name__}: " + "; ".join(wrong)


async def test_approval_evidence_assignment_and_scoring(demo, sessionmaker, clock):
    a = await entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01"])
    now = clock()
    managers = {"HNI0007", "HNI0005", "HNI0001"}

    async def do_approve(session, actor):
        return await approvals.approve(session, actor=actor, registration_id=a, now=now)

    async def do_return(session, actor):
        return await approvals.return_entry(
            session, actor=actor, registration_id=a, reason="x", now=now
        )

    await check(sessionmaker, managers, do_approve)
    await check(sessionmaker, managers, do_return)
    await approve(sessionmaker, clock, a, "HNI0007")

    async with sessionmaker() as session, session.begin():
        thao = await people.find_by_code(session, "HNI0008")
        await evidence.add_note(
            session, actor=thao, registration_id=a, criterion_id=1, text="n", channel="m", now=now
        )
        evidence_id = (await session.exec(select(Evidence.id))).one()

    async def do_accept(session, actor):
        return await evidence_review.accept(session, actor=actor, evidence_id=evidence_id, now=now)

    async def do_reject(session, actor):
        return await evidence_review.reject(
            session, actor=actor, evidence_id=evidence_id, reason="x", now=now
        )

    reviewers = {"HNI0003", "HNI0010", "HNI0015"}  # not HNI0006: same unit
    await check(sessionmaker, reviewers, do_accept)
    await check(sessionmaker, reviewers, do_reject)
    async with sessionmaker() as session:
        queues = {
            code: len(
                await evidence_review.queue_for(session, await people.find_by_code(session, code))
            )
            for code in EVERYONE
        }
    assert {code for code, n in queues.items() if n} == reviewers
    await evidence_all(sessionmaker, clock, a, "HNI0008", "HNI0003")

    async def do_assign(session, actor):
        reviewer = await people.find_by_code(session, "HNI0010")
        return await assignments.assign(
            session, actor=actor, registration_id=a, reviewer=reviewer, now=now
        )

    await check(sessionmaker, {"HNI0002", "TCT0002"}, do_assign)
    for code, reason in (
        ("HNI0006", "conflict_same_unit"),
        ("PTO0006", "not_reviewer"),
        ("HNI0004", "not_reviewer"),
        ("HNI0008", "not_reviewer"),
    ):
        async with sessionmaker() as session:
            committee = await people.find_by_code(session, "HNI0002")
            candidate = await people.find_by_code(session, code)
            with pytest.raises(PermissionDenied) as refused:
                await assignments.assign(
                    session, actor=committee, registration_id=a, reviewer=candidate, now=now
                )
            assert refused.value.code == reason
    await assign(sessionmaker, clock, a, "HNI0002", "HNI0003", "HNI0015")
    async with sessionmaker() as session:
        assignment_id = (
            await session.exec(
                select(ReviewAssignment.id)
                .join(Person, Person.id == ReviewAssignment.reviewer_id)
                .where(Person.employee_code == "HNI0003")
            )
        ).one()

    async def do_score(session, actor):
        return await scoring.set_draft(
            session, actor=actor, assignment_id=assignment_id, criterion_id=1, value=5, now=now
        )

    async def do_peek(session, actor):
        return await scoring.peer_view(session, actor, assignment_id)

    await check(sessionmaker, {"HNI0003"}, do_score)
    await check(sessionmaker, set(), do_peek)  # not even the reviewer before submitting


async def test_council_publication_comments_decision_export_phase(demo, sessionmaker, clock):
    a = await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    now = clock()
    committee = {"HNI0002", "TCT0002"}
    async with sessionmaker() as session:
        the_entry = await session.get(Registration, a)

    async def do_open(session, actor):
        return await council.open_round(session, actor=actor, entry=the_entry, now=now)

    await check(sessionmaker, committee, do_open)
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        vote = await council.open_round(session, actor=minh, entry=the_entry, now=now)

    async def do_cast(session, actor):
        return await council.cast(session, actor=actor, vote_id=vote.id, choice="yes", now=now)

    await check(sessionmaker, {"HNI0001", "HNI0002", "HNI0011", "HNI0014"}, do_cast)

    async def do_close(session, actor):
        return await council.close_round(session, actor=actor, vote_id=vote.id, now=now)

    await check(sessionmaker, committee, do_close)
    for code in ("HNI0001", "HNI0002", "HNI0011"):
        async with sessionmaker() as session, session.begin():
            member = await people.find_by_code(session, code)
            await council.cast(session, actor=member, vote_id=vote.id, choice="yes", now=now)
    async with sessionmaker() as session, session.begin():
        await council.close_round(session, actor=minh, vote_id=vote.id, now=now)
        campaign = (await session.exec(select(Campaign))).one()

    async def do_publish(session, actor):
        return await publication.publish(session, actor=actor, campaign=campaign, now=now)

    party = committee | {"HNI0011", "PTO0002"}  # may publish, each only their own scope
    await check(sessionmaker, party, do_publish)
    async with sessionmaker() as session:
        phu_tho = await people.find_by_code(session, "PTO0002")
        assert (
            await publication.publish(session, actor=phu_tho, campaign=campaign, now=now)
        ).entries == []
    async with sessionmaker() as session, session.begin():
        await publication.publish(session, actor=minh, campaign=campaign, now=now)

    async def do_comment(session, actor):
        return await comments.add_comment(
            session, actor=actor, registration_id=a, kind=CommentKind.OBJECTION, text="x", now=now
        )

    hanoi = {c for c in EVERYONE if c.startswith("HNI")}
    await check(sessionmaker, hanoi, do_comment)
    async with sessionmaker() as session, session.begin():
        hung = await people.find_by_code(session, "HNI0009")
        comment = await comments.add_comment(
            session, actor=hung, registration_id=a, kind=CommentKind.COMMENT, text="x", now=now
        )

    async def do_answer(session, actor):
        return await comments.answer(
            session, actor=actor, comment_id=comment.id, text="ok", upheld=None, now=now
        )

    await check(sessionmaker, committee, do_answer)

    async def do_finalize(session, actor):
        return await publication.finalize(
            session, actor=actor, campaign=campaign, number="1", decision_date=now.date(), now=now
        )

    await check(sessionmaker, set(), do_finalize)  # the window is still open for everyone
    async with sessionmaker() as session, session.begin():
        await comments.answer(
            session, actor=minh, comment_id=comment.id, text="ok", upheld=None, now=now
        )
    clock.advance(days=12)
    later = clock()

    async def do_finalize_later(session, actor):
        return await publication.finalize(
            session,
            actor=actor,
            campaign=campaign,
            number="1",
            decision_date=later.date(),
            now=later,
        )

    await check(sessionmaker, committee, do_finalize_later)
    async with sessionmaker() as session, session.begin():
        await publication.finalize(
            session,
            actor=minh,
            campaign=campaign,
            number="1",
            decision_date=later.date(),
            now=later,
        )

    async def do_revoke(session, actor):
        return await publication.revoke(
            session, actor=actor, registration_id=a, reason="gian lận", now=later
        )

    await check(sessionmaker, committee, do_revoke)

    async def do_export(session, actor):
        return await exports.workbook_for(session, actor, campaign)

    admins = {"HNI0004"}
    await check(sessionmaker, party | admins, do_export)

    async def do_phase(session, actor):
        return await phases.advance(session, actor=actor, campaign=campaign, now=later)

    await check(sessionmaker, party, do_phase)
