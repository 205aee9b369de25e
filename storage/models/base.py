"""Shared column helpers and the naming convention that keeps one migration history
valid on SQLite and PostgreSQL."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def created_field() -> Any:
    """A not-null UTC timestamp defaulting to now."""
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def time_field(*, index: bool = False) -> Any:
    """A nullable UTC timestamp."""
    return Field(default=None, sa_type=UTCDateTime, nullable=True, index=index)


def json_field(default_factory: Any = dict) -> Any:
    """A JSON document column."""
    return Field(default_factory=default_factory, sa_column=Column(JSON, nullable=False))


__all__ = ["SQLModel", "created_field", "datetime", "json_field", "time_field"]
