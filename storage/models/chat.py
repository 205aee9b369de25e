"""Chat accounts, how they get linked to people, and their conversation state."""

from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import created_field, json_field, time_field


class ChatAccount(SQLModel, table=True):
    """One person's account on one channel (Telegram, Zalo, console)."""

    __tablename__ = "chat_account"
    __table_args__ = (UniqueConstraint("channel", "external_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    external_user_id: str = Field(max_length=64)
    chat_id: str = Field(max_length=64)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    language: str | None = Field(default=None, max_length=8)
    blocked: bool = False
    locked_until: datetime | None = time_field()
    linked_at: datetime | None = time_field()
    consent_at: datetime | None = time_field()
    last_seen_at: datetime | None = time_field()
    created_at: datetime = created_field()


class Consent(SQLModel, table=True):
    """The record of a personal-data notice accepted (or withdrawn) on an account."""

    __tablename__ = "consent"

    id: int | None = Field(default=None, primary_key=True)
    chat_account_id: int = Field(foreign_key="chat_account.id", index=True)
    notice_version: str = Field(max_length=16)
    accepted_at: datetime = created_field()
    withdrawn_at: datetime | None = time_field()


class Invite(SQLModel, table=True):
    """A single-use invite code, stored only as its SHA-256 hash."""

    __tablename__ = "invite"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True, index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    created_at: datetime = created_field()
    expires_at: datetime = created_field()
    used_at: datetime | None = time_field()
    used_by_account_id: int | None = Field(default=None, foreign_key="chat_account.id")
    revoked_at: datetime | None = time_field()


class InviteFailure(SQLModel, table=True):
    """A wrong invite code typed on an account, counted for the lockout."""

    __tablename__ = "invite_failure"

    id: int | None = Field(default=None, primary_key=True)
    chat_account_id: int = Field(foreign_key="chat_account.id", index=True)
    at: datetime = created_field()


class ConversationState(SQLModel, table=True):
    """Where an account is in a conversation; survives restarts."""

    __tablename__ = "conversation_state"

    chat_account_id: int = Field(foreign_key="chat_account.id", primary_key=True)
    flow: str | None = Field(default=None, max_length=32)
    step: str | None = Field(default=None, max_length=32)
    data: dict[str, Any] = json_field()
    menu: list[str] = json_field(list)
    version: int = 0
    updated_at: datetime = created_field()


class ProcessedUpdate(SQLModel, table=True):
    """An update already handled; a redelivery with the same id is ignored."""

    __tablename__ = "processed_update"

    channel: str = Field(max_length=16, primary_key=True)
    update_id: str = Field(max_length=64, primary_key=True)
    processed_at: datetime = created_field()
