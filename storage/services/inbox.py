"""The update inbox: updates recorded on arrival and answered from here, oldest first per
person. A row lives from the moment its update is acknowledged until its answer is sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import JSON, bindparam, delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import select as select_model
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import UpdateInbox
from storage.types import UTCDateTime

RECORD = text(
    "INSERT INTO update_inbox (channel, update_id, chat_key, body, received_at) "
    "VALUES (:channel, :update_id, :chat_key, :body, :at) ON CONFLICT DO NOTHING"
).bindparams(bindparam("body", type_=JSON()), bindparam("at", type_=UTCDateTime()))
INBOX = UpdateInbox.__table__  # type: ignore[attr-defined]


class Waiting(NamedTuple):
    """A recorded update still to answer; `replies` once decided (kept before sending)."""

    update_id: int
    body: dict[str, Any]
    replies: list[Any] | None


# The hot path's statements are Core and built once (bound per call), on the worker's
# connection (storage.chat_lock): building them per call cost more than running them.
_MINE = (INBOX.c.channel == bindparam("channel")) & (INBOX.c.chat_key == bindparam("chat_key"))
_OLDEST = select(INBOX.c.update_id, INBOX.c.body, INBOX.c.replies).order_by(INBOX.c.update_id)
NEXT = _OLDEST.where(_MINE).limit(1)
REMOVE = delete(INBOX).where(
    INBOX.c.channel == bindparam("channel"), INBOX.c.update_id == bindparam("done")
)
# PostgreSQL: the removal a CTE, so the query still sees the row and skips it.
REMOVE_THEN_NEXT = (
    _OLDEST.where(_MINE, INBOX.c.update_id != bindparam("done")).limit(1).add_cte(REMOVE.cte())
)
ANY_WAITING = select(INBOX.c.update_id).where(_MINE).limit(1)
KEEP_REPLIES = text(
    "UPDATE update_inbox SET replies = :replies WHERE channel = :channel AND update_id = :id"
).bindparams(bindparam("replies", type_=JSON()))


async def record(
    connection: AsyncConnection,
    *,
    channel: str,
    update_id: int,
    chat_key: str,
    body: dict[str, Any],
    now: datetime,
) -> bool:
    """Keep the update; False when it is already waiting (a redelivery)."""
    result = await connection.execute(
        RECORD,
        {"channel": channel, "update_id": update_id, "chat_key": chat_key, "body": body, "at": now},
    )
    return result.rowcount == 1


async def next_for(connection: AsyncConnection, channel: str, chat_key: str) -> Waiting | None:
    """The person's oldest waiting update (update ids grow in the order Telegram got them)."""
    row = (await connection.execute(NEXT, {"channel": channel, "chat_key": chat_key})).first()
    return Waiting(*row) if row is not None else None


async def done_then_next(
    connection: AsyncConnection, channel: str, chat_key: str, update_id: int
) -> Waiting | None:
    """Remove an answered update and return the person's next one (in one statement on
    PostgreSQL)."""
    params = {"channel": channel, "chat_key": chat_key, "done": update_id}
    if connection.dialect.name != "postgresql":
        await connection.execute(REMOVE, params)
        return await next_for(connection, channel, chat_key)
    row = (await connection.execute(REMOVE_THEN_NEXT, params)).first()
    return Waiting(*row) if row is not None else None


async def has_waiting(connection: AsyncConnection, channel: str, chat_key: str) -> bool:
    params = {"channel": channel, "chat_key": chat_key}
    return (await connection.execute(ANY_WAITING, params)).first() is not None


async def keep_replies(
    session: AsyncSession, channel: str, update_id: int, replies: list[Any]
) -> None:
    """Store the decided answer, in the transaction that saves the conversation."""
    await session.exec(
        KEEP_REPLIES, params={"replies": replies, "channel": channel, "id": update_id}
    )


async def waiting_chats(
    session: AsyncSession, channel: str, *, received_before: datetime, limit: int = 1000
) -> list[str]:
    """People with an update recorded before `received_before` and still not answered."""
    rows = await session.exec(
        select_model(UpdateInbox.chat_key)
        .where(UpdateInbox.channel == channel, UpdateInbox.received_at < received_before)
        .group_by(UpdateInbox.chat_key)
        .order_by(func.min(UpdateInbox.update_id))
        .limit(limit)
    )
    return list(rows.all())
