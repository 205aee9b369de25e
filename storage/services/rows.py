"""Row operations every service needs: counting matches, inserting what a unique
constraint may refuse (two people acting at once)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import AlreadyExists


async def add_unique(session: AsyncSession, row: SQLModel, refusal: AlreadyExists) -> None:
    """Insert `row` in a savepoint; when the database refuses it as a duplicate, raise
    `refusal` and leave the caller's transaction usable."""
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError as exc:
        raise refusal from exc


async def count_where(session: AsyncSession, table: type[SQLModel], *conditions: Any) -> int:
    """How many rows of `table` meet all `conditions`."""
    rows = await session.exec(select(func.count()).select_from(table).where(*conditions))
    return rows.one()
