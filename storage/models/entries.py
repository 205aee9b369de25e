"""Entries (registrations), the criteria they chose with self scores, and evidence."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import created_field, time_field


class SubjectType(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


class EntryStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    IMPLEMENTING = "implementing"
    SELF_SCORED = "self_scored"
    UNDER_REVIEW = "under_review"
    REVIEWED = "reviewed"
    IN_COUNCIL = "in_council"
    PUBLISHED = "published"
    RECOGNIZED = "recognized"
    NOT_RECOGNIZED = "not_recognized"
    WITHDRAWN = "withdrawn"
    DISQUALIFIED = "disqualified"
    REVOKED = "revoked"


class EvidenceKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"
    NOTE = "note"


class EvidenceStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class EvidencePurpose(StrEnum):
    CRITERION = "criterion"
    MINUTES = "minutes"


class Registration(SQLModel, table=True):
    """One subject x one model x one campaign.

    `subject_key` ("p:<person id>" or "u:<unit id>") makes "one entry per model per
    subject" a database constraint; `unit_id` keeps the unit as it was when registered.
    """

    __tablename__ = "registration"
    __table_args__ = (UniqueConstraint("campaign_id", "model_id", "subject_key"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    model_id: int = Field(foreign_key="campaign_model.id", index=True)
    subject_type: str = Field(max_length=16)
    subject_key: str = Field(max_length=32, index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    unit_id: int = Field(foreign_key="org_unit.id", index=True)
    registered_by_id: int = Field(foreign_key="person.id")
    status: str = Field(default=EntryStatus.SUBMITTED, max_length=16, index=True)
    general_ack_at: datetime | None = time_field()
    submitted_at: datetime | None = time_field()
    self_scored_at: datetime | None = time_field()
    created_at: datetime = created_field()
    updated_at: datetime | None = time_field()


class RegistrationCriterion(SQLModel, table=True):
    """A specific criterion an entry chose, with its self score."""

    __tablename__ = "registration_criterion"
    __table_args__ = (UniqueConstraint("registration_id", "criterion_id"),)

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True)
    criterion_id: int = Field(foreign_key="criterion.id", index=True)
    self_score: float | None = None
    self_scored_at: datetime | None = time_field()


class Evidence(SQLModel, table=True):
    """A photo, document or note sent for one criterion of an entry, or the minutes
    showing a collective agreed to its entry (`purpose` "minutes", no criterion)."""

    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True)
    criterion_id: int | None = Field(default=None, foreign_key="criterion.id", index=True)
    purpose: str = Field(default=EvidencePurpose.CRITERION, max_length=16)
    sender_id: int = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=16)
    file_path: str | None = Field(default=None, max_length=255)
    sha256: str | None = Field(default=None, max_length=64)
    size: int | None = None
    mime: str | None = Field(default=None, max_length=128)
    file_name: str | None = Field(default=None, max_length=255)
    channel: str | None = Field(default=None, max_length=16)
    channel_file_id: str | None = Field(default=None, max_length=255)
    caption: str | None = None
    note: str | None = None
    status: str = Field(default=EvidenceStatus.PENDING, max_length=16, index=True)
    reviewer_id: int | None = Field(default=None, foreign_key="person.id")
    reason: str | None = None
    reviewed_at: datetime | None = time_field()
    # marked by the committee to show on the public exemplars page (recognised entries)
    showcase: bool = False
    created_at: datetime = created_field()
