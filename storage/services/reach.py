"""Who can be reached where: channels that may only write within a window after the
person's last message (a Zalo Official Account: 7 days), and who is out of it.

For the outbox: `outbox.accounts_for` passes over an account out of its window when the
person has another; a Zalo OA `Sender` raises `OutsideWindow` for a person out of the
window (that outbox row is marked `unreachable`, and the report counts it).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ChatAccount

ZALO_OA = "zalo_oa"
# Channels that may write to a person only this long after the person's last interaction.
WINDOWS: dict[str, timedelta] = {ZALO_OA: timedelta(days=7)}


def within_window(account: ChatAccount, now: datetime) -> bool:
    """True when the account's channel may write to it now (no window, or inside it)."""
    window = WINDOWS.get(account.channel)
    if window is None:
        return True
    return account.last_seen_at is not None and now - account.last_seen_at < window


def reachable(account: ChatAccount, now: datetime) -> bool:
    """Not blocked and inside its channel's window."""
    return not account.blocked and within_window(account, now)


async def chat_account(session: AsyncSession, channel: str, chat_id: str) -> ChatAccount | None:
    """The account behind a chat on a channel (private chats: one account)."""
    rows = await session.exec(
        select(ChatAccount).where(ChatAccount.channel == channel, ChatAccount.chat_id == chat_id)
    )
    return rows.first()
