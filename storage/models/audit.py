"""The audit log: every state change, each row chained to the previous by hash."""

from datetime import datetime
from typing import Any

from sqlmodel import Field, SQLModel

from storage.models.base import created_field, json_field


class AuditLog(SQLModel, table=True):
    """Who did what to which object, when; `hash` covers this row and `prev_hash`."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = created_field()
    actor_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    actor_label: str = Field(default="", max_length=64)
    action: str = Field(max_length=64, index=True)
    object_type: str = Field(max_length=32)
    object_id: str = Field(max_length=64)
    details: dict[str, Any] = json_field()
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)
