"""Chat accounts: first contact, consent, linking by invite code or phone, lockout."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import DomainError, InvalidInput, NotFound
from storage.models import ChatAccount, Consent, Invite, InviteFailure, Person, ProcessedUpdate

NOTICE_VERSION = "2026-01"
# Unambiguous letters and digits: no 0/O, 1/I/L, so a code read aloud is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


@dataclass(frozen=True)
class LockoutPolicy:
    attempts: int = 5
    window: timedelta = timedelta(minutes=15)
    lock_for: timedelta = timedelta(minutes=15)


class LockedOut(DomainError):
    """Too many wrong codes; params carry `until`."""

    code = "locked_out"


def normalise_code(raw: str) -> str:
    """Upper case, without spaces or dashes, so "k7qm-4xpd" equals "K7QM4XPD"."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_code() -> str:
    """A fresh code shown as two groups of four, e.g. "K7QM-4XPD"."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_phone(raw: str) -> str | None:
    """Vietnamese mobile numbers as ten digits starting with 0 (+84 912... -> 0912...)."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) == 9 and not digits.startswith("0"):
        digits = "0" + digits
    return digits if len(digits) == 10 and digits.startswith("0") else None


async def find_account(
    session: AsyncSession, channel: str, external_user_id: str
) -> ChatAccount | None:
    rows = await session.exec(
        select(ChatAccount).where(
            ChatAccount.channel == channel, ChatAccount.external_user_id == external_user_id
        )
    )
    return rows.first()


async def get_or_create_account(
    session: AsyncSession, *, channel: str, external_user_id: str, chat_id: str
) -> ChatAccount:
    """The account for this channel user, created on first contact with no personal data."""
    account = await find_account(session, channel, external_user_id)
    if account is None:
        account = ChatAccount(channel=channel, external_user_id=external_user_id, chat_id=chat_id)
        session.add(account)
        await session.flush()
    elif account.chat_id != chat_id:
        account.chat_id = chat_id
    return account


async def record_consent(session: AsyncSession, account: ChatAccount, now: datetime) -> None:
    """Log that the person accepted the personal-data notice on this account."""
    account.consent_at = now
    session.add(
        Consent(chat_account_id=account.id or 0, notice_version=NOTICE_VERSION, accepted_at=now)
    )
    await audit.record(
        session,
        action="consent.accept",
        object_type="chat_account",
        object_id=account.id,
        actor_id=account.person_id,
        details={"notice": NOTICE_VERSION},
    )


async def withdraw_consent(session: AsyncSession, account: ChatAccount, now: datetime) -> None:
    """Unlink the account; the roster itself stays (the router clears the conversation)."""
    person_id = account.person_id
    await session.exec(
        update(Consent)
        .where(Consent.chat_account_id == account.id, Consent.withdrawn_at.is_(None))
        .values(withdrawn_at=now)
    )
    account.consent_at = None
    account.person_id = None
    account.linked_at = None
    await audit.record(
        session,
        action="consent.withdraw",
        object_type="chat_account",
        object_id=account.id,
        actor_id=person_id,
    )


async def issue_invite(
    session: AsyncSession,
    person: Person,
    *,
    ttl_days: int,
    now: datetime,
    actor_label: str = "cli",
) -> str:
    """A new single-use code for `person`; older unused codes stop working."""
    await session.exec(
        update(Invite)
        .where(Invite.person_id == person.id, Invite.used_at.is_(None), Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    code = new_code()
    session.add(
        Invite(
            code_hash=hash_code(code),
            person_id=person.id or 0,
            created_at=now,
            expires_at=now + timedelta(days=ttl_days),
        )
    )
    await audit.record(
        session,
        action="invite.issue",
        object_type="person",
        object_id=person.id,
        actor_label=actor_label,
    )
    return code


async def _check_lockout(
    session: AsyncSession, account: ChatAccount, now: datetime, policy: LockoutPolicy
) -> None:
    if account.locked_until is not None and account.locked_until > now:
        raise LockedOut(until=account.locked_until)


async def _count_failure(
    session: AsyncSession, account: ChatAccount, now: datetime, policy: LockoutPolicy
) -> int:
    session.add(InviteFailure(chat_account_id=account.id or 0, at=now))
    await session.flush()
    recent = (
        await session.exec(
            select(func.count())
            .select_from(InviteFailure)
            .where(
                InviteFailure.chat_account_id == account.id,
                InviteFailure.at > now - policy.window,
            )
        )
    ).one()
    if recent >= policy.attempts:
        account.locked_until = now + policy.lock_for
        await session.exec(
            update(InviteFailure)
            .where(InviteFailure.chat_account_id == account.id)
            .values(at=now - policy.window - timedelta(seconds=1))
        )
        await audit.record(
            session, action="account.locked", object_type="chat_account", object_id=account.id
        )
        raise LockedOut(until=account.locked_until)
    return policy.attempts - recent


async def redeem_invite(
    session: AsyncSession,
    account: ChatAccount,
    code: str,
    *,
    now: datetime,
    policy: LockoutPolicy,
) -> Person:
    """Link the account with the invite's person, or count a wrong try (and lock out)."""
    await _check_lockout(session, account, now, policy)
    invite = (await session.exec(select(Invite).where(Invite.code_hash == hash_code(code)))).first()
    usable = (
        invite is not None
        and invite.used_at is None
        and invite.revoked_at is None
        and invite.expires_at > now
    )
    if not usable or invite is None:
        left = await _count_failure(session, account, now, policy)
        reason = (
            "invite_expired"
            if invite is not None and invite.expires_at <= now and (invite.used_at is None)
            else "invite_wrong"
        )
        raise InvalidInput(reason, attempts_left=left)
    person = await session.get(Person, invite.person_id)
    if person is None or not person.active:
        raise NotFound("person_inactive")
    invite.used_at = now
    invite.used_by_account_id = account.id
    await link(session, account, person, now=now, how="invite")
    return person


async def link(
    session: AsyncSession, account: ChatAccount, person: Person, *, now: datetime, how: str
) -> None:
    """Attach the chat account to the person and clear any lockout."""
    account.person_id = person.id
    account.linked_at = now
    account.locked_until = None
    await audit.record(
        session,
        action="account.link",
        object_type="chat_account",
        object_id=account.id,
        actor_id=person.id,
        details={"how": how},
    )


async def find_person_by_phone(session: AsyncSession, raw_phone: str) -> Person | None:
    """The one active person with this phone number, or None (none or several)."""
    phone = normalise_phone(raw_phone)
    if phone is None:
        return None
    people = (await session.exec(select(Person).where(Person.phone == phone, Person.active))).all()
    return people[0] if len(people) == 1 else None


async def set_blocked(session: AsyncSession, *, channel: str, chat_id: str, blocked: bool) -> int:
    """Mark the accounts of a chat as blocked (the person blocked the bot) or not."""
    result = await session.exec(
        update(ChatAccount)
        .where(ChatAccount.channel == channel, ChatAccount.chat_id == chat_id)
        .values(blocked=blocked)
    )
    return result.rowcount


async def prune_processed_updates(session: AsyncSession, *, before: datetime) -> int:
    """Forget update ids older than `before`; redeliveries come within minutes."""
    result = await session.exec(
        delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
    )
    return result.rowcount
