"""Deleting what no purpose still needs (Law 91/2025: personal data is kept only as long
as its purpose requires). Run daily by the scheduler leader; each limit is a setting.

Kept on purpose: the roster, entries, evidence, scores, consents (the proof of consent
and of its withdrawal) and the audit chain (the movement's record; rows cannot be taken
out of a hash chain)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    ChatAccount,
    Consent,
    ConversationState,
    Invite,
    InviteFailure,
    Outbox,
    ProcessedUpdate,
)
from storage.models.outbox import OutboxStatus

FINISHED = (
    OutboxStatus.SENT,
    OutboxStatus.FAILED,
    OutboxStatus.BLOCKED,
    OutboxStatus.UNREACHABLE,
    OutboxStatus.CANCELLED,
)


@dataclass(frozen=True)
class RetentionPolicy:
    """Days each kind of row is kept after it stopped serving its purpose."""

    processed_update_days: int = 7  # redeliveries come within minutes; replay window
    outbox_days: int = 90  # a delivered or abandoned message, for the broadcast reports
    invite_days: int = 30  # an expired, used or revoked code; wrong-code tries


async def apply(session: AsyncSession, policy: RetentionPolicy, now: datetime) -> dict[str, int]:
    """Delete what is past its time; returns how many rows of each kind went."""
    removed: dict[str, int] = {}

    async def run(name: str, statement: object) -> None:
        result = await session.exec(statement)  # type: ignore[call-overload]
        removed[name] = max(result.rowcount, 0)

    await run(
        "processed_update",
        delete(ProcessedUpdate).where(
            ProcessedUpdate.processed_at < now - timedelta(days=policy.processed_update_days)
        ),
    )
    await run(
        "outbox",
        delete(Outbox).where(
            Outbox.status.in_([s.value for s in FINISHED]),
            Outbox.created_at < now - timedelta(days=policy.outbox_days),
        ),
    )
    invite_cutoff = now - timedelta(days=policy.invite_days)
    await run(
        "invite",
        delete(Invite).where(
            or_(
                Invite.expires_at < invite_cutoff,
                Invite.used_at < invite_cutoff,
                Invite.revoked_at < invite_cutoff,
            )
        ),
    )
    await run("invite_failure", delete(InviteFailure).where(InviteFailure.at < invite_cutoff))
    withdrawn = (
        select(Consent.chat_account_id)
        .join(ChatAccount, ChatAccount.id == Consent.chat_account_id)
        .where(and_(Consent.withdrawn_at.is_not(None), ChatAccount.consent_at.is_(None)))
    )
    await run(
        "conversation_state",
        delete(ConversationState).where(ConversationState.chat_account_id.in_(withdrawn)),
    )
    return removed
