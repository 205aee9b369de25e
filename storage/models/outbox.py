"""The outbox: one row per recipient of a notification, reminder or broadcast."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import created_field, json_field, time_field


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"
    UNREACHABLE = "unreachable"
    CANCELLED = "cancelled"


class Outbox(SQLModel, table=True):
    """A message waiting for (or done with) delivery to one chat account.

    (source, occurrence, chat_account_id) is unique, so firing the same occurrence twice
    never sends twice. `payload` is a serialised reply: text, buttons, optional file.
    """

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("source", "occurrence", "chat_account_id"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=64, index=True)
    occurrence: str = Field(max_length=64)
    chat_account_id: int = Field(foreign_key="chat_account.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    payload: dict[str, Any] = json_field()
    status: str = Field(default=OutboxStatus.PENDING, max_length=16, index=True)
    urgent: bool = False
    not_before: datetime = created_field()
    attempts: int = 0
    last_error: str | None = None
    message_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = created_field()
    sent_at: datetime | None = time_field()
    # A sender claims a row before sending it; another may take it once `lease_until` passed.
    claimed_by: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = time_field()
