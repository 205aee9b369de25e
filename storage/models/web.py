"""The committee console's sign-in: one-time links from `/web`, and browser sessions.
Both are stored only as SHA-256 hashes of their random secrets."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models.base import created_field, time_field


class WebLoginToken(SQLModel, table=True):
    """A single-use sign-in link for one person, asked for on one chat account."""

    __tablename__ = "web_login_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    chat_account_id: int = Field(foreign_key="chat_account.id")
    created_at: datetime = created_field()
    expires_at: datetime = created_field()
    used_at: datetime | None = time_field()


class WebSession(SQLModel, table=True):
    """A signed-in browser: idle and absolute expiry, its CSRF token, how it began."""

    __tablename__ = "web_session"

    id: int | None = Field(default=None, primary_key=True)
    session_hash: str = Field(max_length=64, unique=True, index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    chat_account_id: int = Field(foreign_key="chat_account.id")
    csrf_token: str = Field(max_length=64)
    via: str = Field(max_length=16)
    language: str | None = Field(default=None, max_length=8)
    created_at: datetime = created_field()
    last_seen_at: datetime = created_field()
    ended_at: datetime | None = time_field()
