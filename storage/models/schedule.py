"""What the bot says first: reminder rules, managers' digest schedules, admin broadcasts.

These rows are the source of truth; the scheduler rebuilds its jobs from them.
"""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from storage.models.base import created_field, time_field


class Audience(StrEnum):
    """Who a reminder goes to, inside its unit subtree."""

    ALL = "all"
    UNREGISTERED = "unregistered"
    NO_EVIDENCE = "no_evidence"
    NO_SELFSCORE = "no_selfscore"
    RETURNED = "returned"


class ScheduleKind(StrEnum):
    ONCE = "once"
    WEEKLY = "weekly"
    RELATIVE = "relative"


class RuleStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    DELETED = "deleted"


class ReminderRule(SQLModel, table=True):
    """A reminder set by a committee member (or admin) for a unit subtree.

    Schedule: `once` at `once_at`; `weekly` on `weekdays` ("0,3" = Monday, Thursday) at
    `time_of_day` ("07:30", Vietnam time); `relative`: `offset_days` after (negative:
    before) the campaign date named by `campaign_date` at `time_of_day`.
    `last_occurrence` is the newest occurrence already fired: an occurrence fires once.
    """

    __tablename__ = "reminder_rule"

    id: int | None = Field(default=None, primary_key=True)
    created_by_id: int = Field(foreign_key="person.id", index=True)
    issuer_role: str = Field(max_length=32)
    unit_id: int = Field(foreign_key="org_unit.id", index=True)
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id")
    audience: str = Field(max_length=16)
    evidence_days: int | None = None
    model_code: str | None = Field(default=None, max_length=16)
    schedule: str = Field(max_length=16)
    once_at: datetime | None = time_field()
    weekdays: str = Field(default="", max_length=32)
    time_of_day: str = Field(default="08:00", max_length=5)
    campaign_date: str | None = Field(default=None, max_length=32)
    offset_days: int = 0
    message: str
    button: str = Field(default="/tiendo", max_length=32)
    status: str = Field(default=RuleStatus.ACTIVE, max_length=16, index=True)
    last_occurrence: datetime | None = time_field()
    created_at: datetime = created_field()
    updated_at: datetime = created_field()


class DigestSetting(SQLModel, table=True):
    """A manager's own digest schedule; managers without a row get the default one."""

    __tablename__ = "digest_setting"

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    weekdays: str = Field(default="0", max_length=32)
    time_of_day: str = Field(default="07:30", max_length=5)
    enabled: bool = True
    last_occurrence: datetime | None = time_field()
    updated_at: datetime = created_field()


class AnnouncementStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class Announcement(SQLModel, table=True):
    """An admin's broadcast: text, optional file, audience; sent through the outbox.

    `audience` is "all", "unit", "role" or "model" with `audience_value` (unit id, role
    name or model code). `progress_message_id` is the admin's message kept up to date.
    """

    __tablename__ = "announcement"

    id: int | None = Field(default=None, primary_key=True)
    created_by_id: int = Field(foreign_key="person.id", index=True)
    chat_account_id: int = Field(foreign_key="chat_account.id")
    text: str
    file_path: str | None = Field(default=None, max_length=255)
    file_name: str | None = Field(default=None, max_length=255)
    file_kind: str | None = Field(default=None, max_length=16)
    file_mime: str | None = Field(default=None, max_length=128)
    audience: str = Field(max_length=16)
    audience_value: str | None = Field(default=None, max_length=64)
    scope_unit_id: int = Field(foreign_key="org_unit.id")
    urgent: bool = False
    status: str = Field(default=AnnouncementStatus.QUEUED, max_length=16, index=True)
    total: int = 0
    progress_message_id: str | None = Field(default=None, max_length=64)
    progress_shown: str | None = Field(default=None, max_length=64)
    created_at: datetime = created_field()
    updated_at: datetime = created_field()
    started_at: datetime | None = time_field()
    finished_at: datetime | None = time_field()
