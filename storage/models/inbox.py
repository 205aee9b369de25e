"""Updates recorded as they arrive by webhook, before they are acknowledged, so one
acknowledged is never lost: any process answers them from here, each person's in order."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index
from sqlmodel import Field, SQLModel

from storage.models.base import created_field, json_field


class UpdateInbox(SQLModel, table=True):
    """One update not yet fully answered; `replies` holds the answer once it is decided
    (saved in the same transaction as the conversation), until it has been sent."""

    __tablename__ = "update_inbox"
    __table_args__ = (Index("ix_update_inbox_chat", "channel", "chat_key", "update_id"),)

    channel: str = Field(max_length=16, primary_key=True)
    update_id: int = Field(
        sa_type=BigInteger, primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    chat_key: str = Field(max_length=64)
    body: dict[str, Any] = json_field()
    replies: list[Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    received_at: datetime = created_field()
