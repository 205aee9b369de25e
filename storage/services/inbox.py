"""The update inbox: updates recorded on arrival and answered from here, oldest first per
person. A row lives from the moment its update is acknowledged until its answer is sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, bindparam, delete, func, text, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import UpdateInbox
from storage.types import UTCDateTime

RECORD = text(
    "INSERT INTO update_inbox (channel, update_id, chat_key, body, received_at) "
    "VALUES (:channel, :update_id, :chat_key, :body, :at) ON CONFLICT DO NOTHING"
).bindparams(bindparam("body", type_=JSON()), bindparam("at", type_=UTCDateTime()))


async def record(
    session: AsyncSession,
    *,
    channel: str,
    update_id: int,
    chat_key: str,
    body: dict[str, Any],
    now: datetime,
) -> bool:
    """Keep the update; False when it is already waiting (a redelivery)."""
    result = await session.exec(
        RECORD,
        params={
            "channel": channel,
            "update_id": update_id,
            "chat_key": chat_key,
            "body": body,
            "at": now,
        },
    )
    return result.rowcount == 1


async def next_for(session: AsyncSession, channel: str, chat_key: str) -> UpdateInbox | None:
    """The person's oldest waiting update (update ids grow in the order Telegram got them)."""
    rows = await session.exec(
        select(UpdateInbox)
        .where(UpdateInbox.channel == channel, UpdateInbox.chat_key == chat_key)
        .order_by(UpdateInbox.update_id)  # type: ignore[arg-type]
        .limit(1)
    )
    return rows.first()


async def keep_replies(
    session: AsyncSession, channel: str, update_id: int, replies: list[Any]
) -> None:
    """Store the decided answer, in the transaction that saves the conversation."""
    await session.exec(
        update(UpdateInbox)
        .where(UpdateInbox.channel == channel, UpdateInbox.update_id == update_id)  # type: ignore[arg-type]
        .values(replies=replies)
    )


async def done(session: AsyncSession, channel: str, update_id: int) -> None:
    await session.exec(
        delete(UpdateInbox).where(
            UpdateInbox.channel == channel,  # type: ignore[arg-type]
            UpdateInbox.update_id == update_id,  # type: ignore[arg-type]
        )
    )


async def waiting_chats(
    session: AsyncSession, channel: str, *, received_before: datetime, limit: int = 1000
) -> list[str]:
    """People with an update recorded before `received_before` and still not answered."""
    rows = await session.exec(
        select(UpdateInbox.chat_key)
        .where(UpdateInbox.channel == channel, UpdateInbox.received_at < received_before)
        .group_by(UpdateInbox.chat_key)
        .order_by(func.min(UpdateInbox.update_id))
        .limit(limit)
    )
    return list(rows.all())


async def has_waiting(session: AsyncSession, channel: str, chat_key: str) -> bool:
    rows = await session.exec(
        select(UpdateInbox.update_id)
        .where(UpdateInbox.channel == channel, UpdateInbox.chat_key == chat_key)
        .limit(1)
    )
    return rows.first() is not None
