"""The council's secret ballot (`/binhxet`).

Design: who voted and what was voted live in two tables that nothing joins.

* `vote_participation` (round, person) says who has voted, for the quorum and for
  "one member, one ballot". It has no time and no ballot reference.
* `ballot` (round, token hash, choice) says what was voted. It has no person, no time
  and no surrogate id: its key is the SHA-256 of a random receipt code (8 characters,
  about 2^40 values) that is shown once to the voter in the reply and stored nowhere:
  not in the database, not in a button payload or the conversation state (which keeps
  the payloads of the last menu), not in a log line, not in the outbox.
* A member changes their vote by typing the receipt: the ballot it names flips (the
  choice is binary, so "change" needs no new choice to be kept between two messages).
  Without the receipt nobody, the voter included, can find a ballot; a member who lost it
  keeps the vote cast.
* Insertion order: every cast or change deletes the round's ballots and inserts them
  again sorted by token hash, in the same transaction as the participation row. Both
  tables are WITHOUT ROWID on SQLite, so no rowid keeps the order of arrival; on
  PostgreSQL every ballot of the round gets the same new transaction id (xmin) and a new
  physical place in key order, so neither xmin nor ctid singles out the newest ballot.
* One writer per round: casting, changing and closing first lock the round's row, so the
  box is never read by one member while another rewrites it. Closing refuses to count a
  round whose ballots are not exactly its participants (a loud error, never a total).
* Running totals are never kept or shown: while a round is open only the number of
  participants is known. Closing counts the ballots, stores the totals on the round and
  deletes its ballots, so after counting not even an anonymous ballot remains.
* Audit rows say "vote.cast" / "vote.change" with the member and the round, never a
  choice or a receipt.

Left to the operator: a copy of the database taken between two votes, or the raw pages
(SQLite WAL, PostgreSQL dead tuples before vacuum), can show which ballot changed between
copies; the process itself sees a choice while handling the press; a chat platform
carries the pressed button. A round with a single participant, or a unanimous one,
reveals choices through its totals, as any count does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, NotFound, PermissionDenied
from storage.models import (
    Ballot,
    Campaign,
    CouncilVote,
    EntryStatus,
    Person,
    Registration,
    Role,
    VoteParticipation,
)
from storage.services import scope
from storage.services.accounts import new_code, normalise_code
from storage.services.campaign_rules import require_window
from storage.services.council_count import close_all
from storage.services.council_seats import council_for, eligible_members, is_ready
from storage.services.rows import count_where

YES, NO = "yes", "no"


def receipt_hash(vote_id: int, receipt: str) -> str:
    return hashlib.sha256(f"{vote_id}:{normalise_code(receipt)}".encode()).hexdigest()


@dataclass(frozen=True)
class Round:
    vote: CouncilVote
    entry: Registration
    campaign: Campaign


async def lock_round(session: AsyncSession, vote_id: int) -> CouncilVote | None:
    """The round's row, locked until the transaction ends (`FOR UPDATE` on PostgreSQL).

    Every cast, change and close takes it before reading the ballot box, so two members
    voting at once take turns instead of each rewriting the box it read. SQLite needs no
    row lock: its transactions begin IMMEDIATE and sessions take turns (`storage.db`).
    """
    rows = await session.exec(
        select(CouncilVote)
        .where(CouncilVote.id == vote_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return rows.first()


async def _round(session: AsyncSession, vote_id: int, *, lock: bool = False) -> Round:
    vote = await (lock_round(session, vote_id) if lock else session.get(CouncilVote, vote_id))
    entry = await session.get(Registration, vote.registration_id) if vote else None
    campaign = await session.get(Campaign, entry.campaign_id) if entry else None
    if vote is None or entry is None or campaign is None:
        raise NotFound("vote")
    return Round(vote, entry, campaign)


async def _open_round(session: AsyncSession, actor: Person, vote_id: int, now: datetime) -> Round:
    found = await _round(session, vote_id, lock=True)
    if found.vote.closed_at is not None:
        raise PermissionDenied("vote_closed")
    await scope.require_not_admin(session, actor)
    if actor.id not in await eligible_members(session, found.entry, found.vote.council_unit_id):
        raise PermissionDenied("not_council_member")
    require_window(found.campaign, now, "council")
    return found


async def has_voted(session: AsyncSession, vote_id: int, person_id: int) -> bool:
    return await session.get(VoteParticipation, (vote_id, person_id)) is not None


async def participants(session: AsyncSession, vote_id: int) -> int:
    return await count_where(session, VoteParticipation, VoteParticipation.vote_id == vote_id)


async def _rewrite_box(session: AsyncSession, vote_id: int, box: dict[str, str]) -> None:
    """Store the round's ballots again, all of them, in token order."""
    await session.exec(delete(Ballot).where(Ballot.vote_id == vote_id))
    rows = [{"vote_id": vote_id, "token_hash": h, "choice": box[h]} for h in sorted(box)]
    await session.exec(insert(Ballot).values(rows))


async def _box(session: AsyncSession, vote_id: int) -> dict[str, str]:
    rows = await session.exec(
        select(Ballot.token_hash, Ballot.choice).where(Ballot.vote_id == vote_id)
    )
    return dict(rows.all())


async def cast(
    session: AsyncSession, *, actor: Person, vote_id: int, choice: str, now: datetime
) -> str:
    """Record a member's ballot; returns the receipt code, which only the voter gets."""
    if choice not in (YES, NO):
        raise InvalidInput("bad_choice")
    found = await _open_round(session, actor, vote_id, now)
    if await has_voted(session, vote_id, actor.id or 0):
        raise PermissionDenied("already_voted")
    session.add(VoteParticipation(vote_id=vote_id, person_id=actor.id or 0))
    box = await _box(session, vote_id)
    receipt = new_code()
    while receipt_hash(vote_id, receipt) in box:
        receipt = new_code()
    box[receipt_hash(vote_id, receipt)] = choice
    await _rewrite_box(session, vote_id, box)
    await audit.log(session, "vote.cast", found.vote, actor)
    return receipt


async def change(
    session: AsyncSession, *, actor: Person, vote_id: int, receipt: str, now: datetime
) -> None:
    """Turn the ballot named by the receipt to the other choice, until the round closes."""
    found = await _open_round(session, actor, vote_id, now)
    if not await has_voted(session, vote_id, actor.id or 0):
        raise PermissionDenied("not_voted")
    box = await _box(session, vote_id)
    token = receipt_hash(vote_id, receipt)
    if token not in box:
        raise InvalidInput("wrong_receipt")
    box[token] = NO if box[token] == YES else YES
    await _rewrite_box(session, vote_id, box)
    await audit.log(session, "vote.change", found.vote, actor)


async def rounds_for_member(
    session: AsyncSession, member: Person
) -> list[tuple[CouncilVote, Registration, bool]]:
    """Open rounds this member may vote in, and whether they already have."""
    if not await scope.holds(session, member, Role.COUNCIL_MEMBER):
        return []
    rows = await session.exec(
        select(CouncilVote, Registration)
        .join(Registration, Registration.id == CouncilVote.registration_id)
        .where(CouncilVote.closed_at.is_(None))
        .order_by(CouncilVote.id)
    )
    found = []
    for vote, entry in rows.all():
        if member.id in await eligible_members(session, entry, vote.council_unit_id):
            found.append((vote, entry, await has_voted(session, vote.id or 0, member.id or 0)))
    return found


async def open_round(
    session: AsyncSession, *, actor: Person, entry: Registration, now: datetime
) -> CouncilVote:
    """Put one reviewed entry to its council (a new round after one without quorum)."""
    campaign = await session.get(Campaign, entry.campaign_id)
    assert campaign is not None
    await scope.require_role_over(session, actor, [Role.PARTY_COMMITTEE], entry.unit_id)
    require_window(campaign, now, "council")
    entry = await _lock_entry(session, entry.id or 0)
    if await _has_open_round(session, entry.id or 0):
        raise PermissionDenied("round_already_open")
    if not await is_ready(session, entry):
        raise PermissionDenied("not_ready_for_council")
    unit_id = await council_for(session, entry)
    if unit_id is None:
        raise NotFound("no_council")
    previous = (
        await session.exec(
            select(func.max(CouncilVote.round)).where(CouncilVote.registration_id == entry.id)
        )
    ).one() or 0
    vote = CouncilVote(
        registration_id=entry.id or 0,
        council_unit_id=unit_id,
        round=previous + 1,
        opened_by_id=actor.id or 0,
        opened_at=now,
        members=len(await eligible_members(session, entry, unit_id)),
    )
    entry.status, entry.updated_at = EntryStatus.IN_COUNCIL, now
    await audit.log_new(
        session,
        "council.open",
        vote,
        actor,
        details={"registration": entry.id, "round": vote.round, "members": vote.members},
    )
    return vote


async def _lock_entry(session: AsyncSession, registration_id: int) -> Registration:
    """The entry as the database holds it now, its row locked: two committee members
    opening it at once take turns and the second finds the round the first opened."""
    rows = await session.exec(
        select(Registration)
        .where(Registration.id == registration_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    found = rows.first()
    if found is None:
        raise NotFound("registration")
    return found


async def _has_open_round(session: AsyncSession, registration_id: int) -> bool:
    rows = await session.exec(
        select(CouncilVote.id).where(
            CouncilVote.registration_id == registration_id, CouncilVote.closed_at.is_(None)
        )
    )
    return rows.first() is not None


async def close_round(
    session: AsyncSession, *, actor: Person, vote_id: int, now: datetime
) -> CouncilVote:
    """Count one round's ballots, keep only the totals, and record the result."""
    found = await _round(session, vote_id)
    await scope.require_role_over(session, actor, [Role.PARTY_COMMITTEE], found.entry.unit_id)
    if found.vote.closed_at is not None:
        raise PermissionDenied("vote_closed")
    closed = await close_all(session, actor=actor, now=now, vote_ids=[vote_id])
    if not closed:
        raise PermissionDenied("not_in_scope")
    return closed[0][0]
