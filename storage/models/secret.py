"""Secrets a channel keeps for itself between runs (a Zalo OA's rotating OAuth tokens)."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models.base import created_field, time_field


class ChannelSecret(SQLModel, table=True):
    """One named secret, e.g. "zalo_oa:<app id>:refresh_token".

    A Zalo OA refresh token is single-use and rotates on every refresh, so it must live
    where every process and every restart sees the newest one: here, not in a file.
    """

    __tablename__ = "channel_secret"

    name: str = Field(max_length=128, primary_key=True)
    value: str
    expires_at: datetime | None = time_field()
    updated_at: datetime = created_field()
