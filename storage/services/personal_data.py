"""A person's personal data (Law 91/2025): everything held about them, as one document,
and withdrawing consent for the person on every channel at once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.models import (
    AuditLog,
    Campaign,
    CampaignModel,
    ChatAccount,
    Consent,
    ConversationState,
    Evidence,
    OrgUnit,
    Outbox,
    Person,
    Registration,
)
from storage.models.outbox import OutboxStatus
from storage.services import org


async def person_accounts(session: AsyncSession, account: ChatAccount) -> list[ChatAccount]:
    """This account and every other account linked to the same person."""
    if account.person_id is None:
        return [account]
    rows = await session.exec(
        select(ChatAccount)
        .where(ChatAccount.person_id == account.person_id)
        .order_by(ChatAccount.id)
    )
    found = list(rows.all())
    return found if any(a.id == account.id for a in found) else [account, *found]


async def withdraw(session: AsyncSession, account: ChatAccount, now: datetime) -> list[int]:
    """Withdraw consent for the person behind `account` on every linked account: consents
    closed, accounts unlinked, their conversations and unsent messages dropped. The
    roster, entries and evidence stay (the movement's records). Returns the account ids.

    The caller's own conversation is cleared by the router after the reply."""
    person_id = account.person_id
    accounts = await person_accounts(session, account)
    ids = [a.id or 0 for a in accounts]
    await session.exec(
        update(Consent)
        .where(Consent.chat_account_id.in_(ids), Consent.withdrawn_at.is_(None))
        .values(withdrawn_at=now)
    )
    others = [i for i in ids if i != account.id]
    if others:
        await session.exec(
            delete(ConversationState).where(ConversationState.chat_account_id.in_(others))
        )
    await session.exec(
        update(Outbox)
        .where(Outbox.chat_account_id.in_(ids), Outbox.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.CANCELLED, last_error="consent withdrawn")
    )
    for each in accounts:
        each.consent_at = None
        each.person_id = None
        each.linked_at = None
    await audit.record_many(
        session,
        [
            {
                "action": "consent.withdraw",
                "object_type": "chat_account",
                "object_id": str(i),
                "actor_id": person_id,
                "details": {"accounts": len(ids)},
            }
            for i in ids
        ],
    )
    return ids


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


async def held_about(session: AsyncSession, person: Person) -> dict[str, Any]:
    """Everything the bot holds about `person`, for them to read or download."""
    unit = await session.get(OrgUnit, person.unit_id)
    accounts = (
        await session.exec(select(ChatAccount).where(ChatAccount.person_id == person.id))
    ).all()
    account_ids = [a.id or 0 for a in accounts]
    consents = (
        await session.exec(
            select(Consent).where(Consent.chat_account_id.in_(account_ids)).order_by(Consent.id)
        )
    ).all()
    entries = (
        await session.exec(
            select(Registration, CampaignModel.code, Campaign.code)
            .join(CampaignModel, CampaignModel.id == Registration.model_id)
            .join(Campaign, Campaign.id == Registration.campaign_id)
            .where(
                or_(Registration.person_id == person.id, Registration.registered_by_id == person.id)
            )
            .order_by(Registration.id)
        )
    ).all()
    evidence = (
        await session.exec(
            select(Evidence).where(Evidence.sender_id == person.id).order_by(Evidence.id)
        )
    ).all()
    messages = (
        await session.exec(
            select(Outbox)
            .where(or_(Outbox.person_id == person.id, Outbox.chat_account_id.in_(account_ids)))
            .order_by(Outbox.id)
        )
    ).all()
    about = [
        (AuditLog.object_type == "person") & (AuditLog.object_id == str(person.id)),
        AuditLog.actor_id == person.id,
    ]
    if account_ids:
        about.append(
            (AuditLog.object_type == "chat_account")
            & AuditLog.object_id.in_([str(i) for i in account_ids])
        )
    audit_rows = (
        await session.exec(select(AuditLog).where(or_(*about)).order_by(AuditLog.id))
    ).all()
    by_id = {a.id: a.channel for a in accounts}
    return {
        "person": {
            "employee_code": person.employee_code,
            "full_name": person.full_name,
            "unit": unit.name if unit else None,
            "position": person.position,
            "phone": person.phone,
            "union_member": person.is_union_member,
            "active": person.active,
            "roles": sorted(str(r) for r in await org.roles_of(session, person)),
        },
        "chat_accounts": [
            {
                "channel": a.channel,
                "user_id": a.external_user_id,
                "language": a.language,
                "linked_at": _when(a.linked_at),
                "consent_at": _when(a.consent_at),
                "last_seen_at": _when(a.last_seen_at),
                "blocked": a.blocked,
                "locked_until": _when(a.locked_until),
            }
            for a in accounts
        ],
        "consents": [
            {
                "channel": by_id.get(c.chat_account_id),
                "notice": c.notice_version,
                "accepted_at": _when(c.accepted_at),
                "withdrawn_at": _when(c.withdrawn_at),
            }
            for c in consents
        ],
        "entries": [
            {
                "id": r.id,
                "campaign": campaign,
                "model": model,
                "subject": r.subject_type,
                "status": r.status,
                "mine": r.person_id == person.id,
                "registered_by_me": r.registered_by_id == person.id,
                "submitted_at": _when(r.submitted_at),
            }
            for r, model, campaign in entries
        ],
        "evidence": [
            {
                "id": e.id,
                "entry": e.registration_id,
                "kind": e.kind,
                "file_name": e.file_name,
                "size": e.size,
                "note": e.note,
                "caption": e.caption,
                "status": e.status,
                "reason": e.reason,
                "sent_at": _when(e.created_at),
            }
            for e in evidence
        ],
        "messages_sent": [
            {
                "at": _when(m.sent_at or m.created_at),
                "channel": by_id.get(m.chat_account_id),
                "source": m.source,
                "status": m.status,
                "text": (m.payload or {}).get("text"),
            }
            for m in messages
        ],
        "audit": [
            {
                "at": _when(row.at),
                "action": row.action,
                "object": f"{row.object_type}:{row.object_id}",
                "by_me": row.actor_id == person.id,
            }
            for row in audit_rows
        ],
    }
