"""Per-update bookkeeping of the conversation engine: claiming an update id once, and
saving where a conversation stands with optimistic versioning."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, bindparam, text
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ChatAccount, ConversationState
from storage.types import UTCDateTime

# The two statements every update runs, written once: building them through the ORM each
# time cost more than running them.
CLAIM = text(
    "INSERT INTO processed_update (channel, update_id, processed_at) "
    "VALUES (:channel, :update_id, :at) ON CONFLICT DO NOTHING"
).bindparams(bindparam("at", type_=UTCDateTime()))
SAVE_STATE = text(
    "UPDATE conversation_state SET flow = :flow, step = :step, data = :data, menu = :menu, "
    "updated_at = :updated_at, version = :next_version "
    "WHERE chat_account_id = :account AND version = :version"
).bindparams(
    bindparam("data", type_=JSON()),
    bindparam("menu", type_=JSON()),
    bindparam("updated_at", type_=UTCDateTime()),
)


class StaleState(Exception):
    """Another update changed this conversation first; the update is run again."""


async def claim_update(session: AsyncSession, channel: str, update_id: Any, at: datetime) -> bool:
    """Record the update id; False when it was already handled (a redelivery)."""
    result = await session.exec(
        CLAIM, params={"channel": channel, "update_id": update_id, "at": at}
    )
    return result.rowcount == 1


async def save_state(
    session: AsyncSession,
    account: ChatAccount,
    state: ConversationState | None,
    *,
    flow: str | None,
    step: str | None,
    data: dict[str, Any],
    menu: list[str],
    at: datetime,
) -> None:
    """Store where the conversation stands and which buttons are live now; raises
    `StaleState` when another update saved this conversation since it was loaded."""
    values = {"flow": flow, "step": step, "data": data, "menu": menu, "updated_at": at}
    if state is None:
        session.add(ConversationState(chat_account_id=account.id or 0, version=1, **values))
        return
    result = await session.exec(
        SAVE_STATE,
        params={
            **values,
            "account": account.id,
            "version": state.version,
            "next_version": state.version + 1,
        },
    )
    if result.rowcount != 1:
        raise StaleState


async def state_of(session: AsyncSession, account: ChatAccount | None) -> ConversationState | None:
    """The stored conversation state of an account, if any."""
    return await session.get(ConversationState, account.id) if account else None
