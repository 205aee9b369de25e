"""Reading and writing channel secrets (see `ChannelSecret`)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ChannelSecret


async def get_secret(session: AsyncSession, name: str) -> ChannelSecret | None:
    return await session.get(ChannelSecret, name)


async def put_secret(
    session: AsyncSession, name: str, value: str, *, now: datetime, expires_at: datetime | None
) -> None:
    """Create or replace the secret `name`."""
    row = await session.get(ChannelSecret, name)
    if row is None:
        session.add(ChannelSecret(name=name, value=value, expires_at=expires_at, updated_at=now))
        return
    row.value, row.expires_at, row.updated_at = value, expires_at, now
