"""Review, council vote, publication and comments: the second half of an entry's life.

The ballot tables follow the secret-ballot design of `storage.services.council`:
`vote_participation` says who has voted (for the quorum), `ballot` says what was voted,
and nothing joins them: no shared id, no person, no timestamp, and on SQLite no rowid
(both are WITHOUT ROWID tables, so rows sit in key order, not insertion order).
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import created_field, time_field


class CouncilResult(StrEnum):
    PASSED = "passed"
    NOT_PASSED = "not_passed"
    NO_QUORUM = "no_quorum"


class CommentKind(StrEnum):
    COMMENT = "comment"
    OBJECTION = "objection"


class ReviewAssignment(SQLModel, table=True):
    """A reviewer appointed to score one entry; `extra` marks a reviewer called for a gap,
    `reopened_at` an upheld objection waiting for the reviewer to confirm or correct."""

    __tablename__ = "review_assignment"
    __table_args__ = (UniqueConstraint("registration_id", "reviewer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True)
    reviewer_id: int = Field(foreign_key="person.id", index=True)
    assigned_by_id: int = Field(foreign_key="person.id")
    extra: bool = False
    assigned_at: datetime = created_field()
    submitted_at: datetime | None = time_field()
    reopened_at: datetime | None = time_field()


class ReviewScore(SQLModel, table=True):
    """One reviewer's score for one criterion. Version 0 is a draft; a submitted version
    (1, 2, ...) is never changed: a correction adds the next version with its reason.
    General (pass/fail) criteria score 1 for pass and 0 for fail."""

    __tablename__ = "review_score"
    __table_args__ = (UniqueConstraint("assignment_id", "criterion_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="review_assignment.id", index=True)
    criterion_id: int = Field(foreign_key="criterion.id")
    version: int = 0
    score: float
    reason: str | None = None
    created_at: datetime = created_field()


class EntryResult(SQLModel, table=True):
    """The computed outcome of an entry: final score, band, gates, council result,
    publication and the final decision. Totals are computed here, never typed."""

    __tablename__ = "entry_result"

    registration_id: int = Field(foreign_key="registration.id", primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    reviewers: int = 0
    final_score: float | None = None
    band: str | None = Field(default=None, max_length=32)
    gates_failed: str = Field(default="", max_length=255)
    reviewer_gap: float | None = None
    self_total: float | None = None
    needs_extra: bool = False
    computed_at: datetime | None = time_field()
    council_result: str | None = Field(default=None, max_length=16)
    published_at: datetime | None = time_field()
    published_by_id: int | None = Field(default=None, foreign_key="person.id")
    scope_unit_id: int | None = Field(default=None, foreign_key="org_unit.id")
    comment_closes: date | None = None
    decision_number: str | None = Field(default=None, max_length=64)
    decision_date: date | None = None
    decision_issuer: str | None = Field(default=None, max_length=255)
    finalized_at: datetime | None = time_field()
    revoked_at: datetime | None = time_field()
    revoke_reason: str | None = None


class CouncilVote(SQLModel, table=True):
    """One round of the council's secret ballot on one entry; totals only after closing."""

    __tablename__ = "council_vote"
    __table_args__ = (UniqueConstraint("registration_id", "round"),)

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True)
    council_unit_id: int = Field(foreign_key="org_unit.id")
    round: int = 1
    opened_by_id: int = Field(foreign_key="person.id")
    opened_at: datetime = created_field()
    closed_by_id: int | None = Field(default=None, foreign_key="person.id")
    closed_at: datetime | None = time_field()
    members: int | None = None
    participants: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    result: str | None = Field(default=None, max_length=16)


class VoteParticipation(SQLModel, table=True):
    """Who has voted in a round (for the quorum); deliberately no time and no ballot."""

    __tablename__ = "vote_participation"
    __table_args__ = ({"sqlite_with_rowid": False},)

    vote_id: int = Field(foreign_key="council_vote.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True)


class Ballot(SQLModel, table=True):
    """What was voted: keyed by the hash of a receipt only the voter holds, no person,
    no time. The rows of a round are rewritten in key order at every vote and removed
    once the round is counted."""

    __tablename__ = "ballot"
    __table_args__ = ({"sqlite_with_rowid": False},)

    vote_id: int = Field(foreign_key="council_vote.id", primary_key=True)
    token_hash: str = Field(max_length=64, primary_key=True)
    choice: str = Field(max_length=8)


class EntryComment(SQLModel, table=True):
    """A comment or objection on a published result, and the committee's answer."""

    __tablename__ = "entry_comment"

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True)
    author_id: int = Field(foreign_key="person.id", index=True)
    kind: str = Field(default=CommentKind.COMMENT, max_length=16)
    text: str
    created_at: datetime = created_field()
    answer: str | None = None
    answered_by_id: int | None = Field(default=None, foreign_key="person.id")
    answered_at: datetime | None = time_field()
    upheld: bool | None = None
