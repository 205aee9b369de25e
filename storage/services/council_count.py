"""Counting the council's rounds: every open round in the committee member's scope is
closed in a few set-based queries. Only totals are kept; the ballots are then removed
(see `storage.services.council` for the secret-ballot design)."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, func, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import DomainError, PermissionDenied
from storage.models import (
    Ballot,
    Campaign,
    CouncilResult,
    CouncilVote,
    EntryResult,
    OrgUnit,
    Person,
    Registration,
    Role,
    RoleGrant,
    VoteParticipation,
)
from storage.services import scope
from storage.services.campaign_rules import Rules, rules_of
from storage.services.council_seats import open_rounds_in_scope

YES = "yes"
logger = logging.getLogger(__name__)


def decide(members: int, participants: int, votes_for: int, rules: Rules) -> CouncilResult:
    """Quorum on the members, then "more than the share of ALL members" in favour."""
    if members == 0 or participants + 0.01 < rules.quorum_fraction * members:
        return CouncilResult.NO_QUORUM
    if votes_for > rules.approval_fraction * members + 1e-9:
        return CouncilResult.PASSED
    return CouncilResult.NOT_PASSED


async def _counts(session: AsyncSession, ids: list[int]) -> tuple[dict, dict]:  # type: ignore[type-arg]
    yes: dict[int, int] = defaultdict(int)
    cast: dict[int, int] = defaultdict(int)
    people: dict[int, int] = defaultdict(int)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for vote_id, choice, n in (
            await session.exec(
                select(Ballot.vote_id, Ballot.choice, func.count())
                .where(Ballot.vote_id.in_(chunk))
                .group_by(Ballot.vote_id, Ballot.choice)
            )
        ).all():
            cast[vote_id] += n
            yes[vote_id] += n if choice == YES else 0
        for vote_id, n in (
            await session.exec(
                select(VoteParticipation.vote_id, func.count())
                .where(VoteParticipation.vote_id.in_(chunk))
                .group_by(VoteParticipation.vote_id)
            )
        ).all():
            people[vote_id] = n
    return {"yes": yes, "cast": cast}, people


async def _members(
    session: AsyncSession, unit_ids: set[int]
) -> dict[int, list[tuple[Person, str]]]:
    """Each council's active, non-admin members with the path of their own unit."""
    admins = set(
        (await session.exec(select(RoleGrant.person_id).where(RoleGrant.role == Role.ADMIN))).all()
    )
    rows = await session.exec(
        select(RoleGrant.scope_unit_id, Person, OrgUnit.path)
        .join(Person, Person.id == RoleGrant.person_id)
        .join(OrgUnit, OrgUnit.id == Person.unit_id)
        .where(
            RoleGrant.role == Role.COUNCIL_MEMBER,
            RoleGrant.scope_unit_id.in_(unit_ids),
            Person.active,
        )
    )
    found: dict[int, list[tuple[Person, str]]] = defaultdict(list)
    for unit_id, person, path in rows.all():
        if person.id not in admins:
            found[unit_id].append((person, path))
    return found


def _eligible(members: list[tuple[Person, str]], entry: Registration, entry_path: str) -> int:
    """Members without a conflict on the entry (the rule of `scope.conflict_of`)."""
    count = 0
    for person, path in members:
        if person.id in (entry.person_id, entry.registered_by_id):
            continue
        if not scope.paths_conflict(path, entry_path):
            count += 1
    return count


async def close_all(
    session: AsyncSession, *, actor: Person, now: datetime, vote_ids: list[int] | None = None
) -> list[tuple[CouncilVote, Registration]]:
    """Close the open rounds in the actor's scope (or those of `vote_ids`) and record the
    result of each: quorum on the eligible members, then the approval share of all."""
    if not actor.active or not await scope.holds(session, actor, Role.PARTY_COMMITTEE):
        raise PermissionDenied("not_committee")
    rounds = [
        (v, e)
        for v, e in await open_rounds_in_scope(session, actor)
        if vote_ids is None or v.id in vote_ids
    ]
    rounds = await _lock_open(session, rounds)
    if not rounds:
        return []
    ids = [v.id or 0 for v, _ in rounds]
    counts, participants = await _counts(session, ids)
    _require_whole_boxes(rounds, counts["cast"], participants)
    members = await _members(session, {v.council_unit_id for v, _ in rounds})
    units = dict((await session.exec(select(OrgUnit.id, OrgUnit.path))).all())
    rules: dict[int, Rules] = {}
    changes, entries_by_result, logs = [], defaultdict(list), []
    for vote, entry in rounds:
        if entry.campaign_id not in rules:
            campaign = await session.get(Campaign, entry.campaign_id)
            assert campaign is not None
            rules[entry.campaign_id] = rules_of(campaign)
        eligible = _eligible(members[vote.council_unit_id], entry, units[entry.unit_id])
        vote.members, vote.participants = eligible, participants.get(vote.id or 0, 0)
        vote.votes_for = counts["yes"].get(vote.id or 0, 0)
        vote.votes_against = counts["cast"].get(vote.id or 0, 0) - vote.votes_for
        vote.result = decide(eligible, vote.participants, vote.votes_for, rules[entry.campaign_id])
        vote.closed_at, vote.closed_by_id = now, actor.id
        changes.append(vote)
        if vote.result != CouncilResult.NO_QUORUM:
            entries_by_result[vote.result].append(entry.id)
        logs.append(_log(vote, actor))
    await _store(session, ids, entries_by_result)
    await audit.record_many(session, logs)
    return rounds


async def _lock_open(
    session: AsyncSession, rounds: list[tuple[CouncilVote, Registration]]
) -> list[tuple[CouncilVote, Registration]]:
    """Lock the rounds' rows (in id order, as voters lock theirs) and keep those still open:
    a ballot being cast finishes before its round is counted, and none is cast after."""
    if not rounds:
        return []
    ids = sorted(v.id or 0 for v, _ in rounds)
    for start in range(0, len(ids), 500):
        await session.exec(
            select(CouncilVote)
            .where(CouncilVote.id.in_(ids[start : start + 500]))
            .order_by(CouncilVote.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    return [(v, e) for v, e in rounds if v.closed_at is None]


def _require_whole_boxes(
    rounds: list[tuple[CouncilVote, Registration]], cast: dict[int, int], people: dict[int, int]
) -> None:
    """Refuse to count when a round's ballots are not exactly its participants: a lost or
    extra ballot must stop the count loudly, never yield a wrong total."""
    for vote, entry in rounds:
        ballots, voters = cast.get(vote.id or 0, 0), people.get(vote.id or 0, 0)
        if ballots != voters:
            logger.error(
                "council round %s (entry %s, round %s): %s ballots for %s participants; "
                "nothing counted",
                vote.id,
                entry.id,
                vote.round,
                ballots,
                voters,
            )
            raise DomainError(
                "ballot_count_mismatch",
                entry=entry.id,
                round=vote.round,
                ballots=ballots,
                participants=voters,
            )


async def _store(session: AsyncSession, ids: list[int], results: dict[str, list[int]]) -> None:
    await session.flush()
    for start in range(0, len(ids), 500):
        await session.exec(delete(Ballot).where(Ballot.vote_id.in_(ids[start : start + 500])))
    for result, entry_ids in results.items():
        for start in range(0, len(entry_ids), 500):
            await session.exec(
                update(EntryResult)
                .where(EntryResult.registration_id.in_(entry_ids[start : start + 500]))
                .values(council_result=result)
                .execution_options(synchronize_session=False)
            )


def _log(vote: CouncilVote, actor: Person) -> dict[str, object]:
    return {
        "action": "council.close",
        "object_type": "council_vote",
        "object_id": vote.id,
        "actor_id": actor.id,
        "details": {
            "members": vote.members,
            "participants": vote.participants,
            "for": vote.votes_for,
            "against": vote.votes_against,
            "result": vote.result,
        },
    }
