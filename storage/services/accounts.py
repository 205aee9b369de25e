"""Chat accounts: first contact, consent, linking by invite code or phone, lockout."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import DomainError, InvalidInput, NotFound
from storage.models import (
    ChannelSecret,
    ChatAccount,
    Consent,
    ConversationState,
    Invite,
    InviteFailure,
    Person,
    ProcessedUpdate,
)
from storage.services.rows import count_where
from storage.types import utcnow

NOTICE_VERSION = "2026-12"  # the notice no longer mentions party membership
# Unambiguous letters and digits: no 0/O, 1/I/L, so a code read aloud is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
# What a Telegram deep link's start parameter may hold: a code "K7QM-4XPD" fits as it is.
DEEP_LINK_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


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


INVITE_KEY_NAME = "invite:hmac_key"


def hash_code(code: str, key: bytes) -> str:
    """HMAC-SHA256 of the normalised code under the server's invite key: a copy of the
    invite table alone cannot be turned back into codes by trying all 31^8 of them."""
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def legacy_hash_code(code: str) -> str:
    """The plain SHA-256 earlier versions stored; still matched until those codes expire."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


async def invite_key(session: AsyncSession, configured: str | None = None) -> bytes:
    """The key invite codes are hashed with: INVITE_SECRET when set, else a random key
    generated on first use and kept in `channel_secret` (every process reads the same)."""
    if configured:
        return configured.encode()
    row = await session.get(ChannelSecret, INVITE_KEY_NAME)
    if row is None:
        await _insert_key_once(session, secrets.token_hex(32))
        row = await session.get(ChannelSecret, INVITE_KEY_NAME, populate_existing=True)
        assert row is not None
    return row.value.encode()


async def _insert_key_once(session: AsyncSession, value: str) -> None:
    """Insert the generated key unless another process did first (then theirs wins)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    await session.exec(
        insert(ChannelSecret)
        .values(name=INVITE_KEY_NAME, value=value, updated_at=utcnow())
        .on_conflict_do_nothing(index_elements=["name"])
    )


def new_code() -> str:
    """A fresh code shown as two groups of four, e.g. "K7QM-4XPD"."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def deep_link(bot_username: str, code: str) -> str:
    """The t.me link that opens the bot with `/start <code>`: linking in one tap."""
    if not DEEP_LINK_PAYLOAD.fullmatch(code):
        raise ValueError("an invite code that is not a deep-link payload")
    return f"https://t.me/{bot_username.lstrip('@')}?start={code}"


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


async def load_conversation(
    session: AsyncSession, *, channel: str, external_user_id: str, chat_id: str
) -> tuple[ChatAccount, Person | None, ConversationState | None]:
    """The account (created on first contact), its person and its conversation state, in
    one query: this runs for every update."""
    row = (
        await session.exec(
            select(ChatAccount, Person, ConversationState)
            .outerjoin(Person, Person.id == ChatAccount.person_id)
            .outerjoin(ConversationState, ConversationState.chat_account_id == ChatAccount.id)
            .where(ChatAccount.channel == channel, ChatAccount.external_user_id == external_user_id)
        )
    ).first()
    if row is None:
        account = await get_or_create_account(
            session, channel=channel, external_user_id=external_user_id, chat_id=chat_id
        )
        return account, None, None
    account, person, state = row
    if account.chat_id != chat_id:
        account.chat_id = chat_id
    return account, person, state


SEEN_RESOLUTION = timedelta(minutes=1)


def mark_seen(account: ChatAccount, now: datetime) -> None:
    """The person wrote: not blocked any more, and seen now (to the minute, to spare a
    write on every update)."""
    if account.blocked:
        account.blocked = False
    if account.last_seen_at is None or now - account.last_seen_at >= SEEN_RESOLUTION:
        account.last_seen_at = now


async def record_consent(session: AsyncSession, account: ChatAccount, now: datetime) -> None:
    """Log that the person accepted the personal-data notice on this account."""
    account.consent_at = now
    session.add(
        Consent(chat_account_id=account.id or 0, notice_version=NOTICE_VERSION, accepted_at=now)
    )
    await audit.log(
        session, "consent.accept", account, account.person_id, details={"notice": NOTICE_VERSION}
    )


async def issue_invite(
    session: AsyncSession,
    person: Person,
    *,
    ttl_days: int,
    now: datetime,
    actor_label: str = "cli",
    actor_id: int | None = None,
    secret: str | None = None,
) -> str:
    """A new single-use code for `person`; older unused codes stop working."""
    await revoke_open_invites(session, person.id or 0, now=now)
    code = new_code()
    session.add(
        Invite(
            code_hash=hash_code(code, await invite_key(session, secret)),
            person_id=person.id or 0,
            created_at=now,
            expires_at=now + timedelta(days=ttl_days),
        )
    )
    await audit.log(session, "invite.issue", person, actor_id, label=actor_label)
    return code


async def revoke_open_invites(session: AsyncSession, person_id: int, *, now: datetime) -> int:
    """Stop every unused code of the person from working (a new code, or linked already)."""
    result = await session.exec(
        update(Invite)
        .where(Invite.person_id == person_id, Invite.used_at.is_(None), Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return result.rowcount


async def check_lockout(
    session: AsyncSession, account: ChatAccount, now: datetime, policy: LockoutPolicy
) -> None:
    if account.locked_until is not None and account.locked_until > now:
        raise LockedOut(until=account.locked_until)


async def _count_failure(
    session: AsyncSession, account: ChatAccount, now: datetime, policy: LockoutPolicy
) -> int:
    session.add(InviteFailure(chat_account_id=account.id or 0, at=now))
    await session.flush()
    recent = await count_where(
        session,
        InviteFailure,
        InviteFailure.chat_account_id == account.id,
        InviteFailure.at > now - policy.window,
    )
    if recent >= policy.attempts:
        account.locked_until = now + policy.lock_for
        await session.exec(
            update(InviteFailure)
            .where(InviteFailure.chat_account_id == account.id)
            .values(at=now - policy.window - timedelta(seconds=1))
        )
        await audit.log(session, "account.locked", account)
        raise LockedOut(until=account.locked_until)
    return policy.attempts - recent


async def redeem_invite(
    session: AsyncSession,
    account: ChatAccount,
    code: str,
    *,
    now: datetime,
    policy: LockoutPolicy,
    secret: str | None = None,
) -> Person:
    """Link the account with the invite's person, or count a wrong try (and lock out).

    The invite is taken with one conditional UPDATE: of two accounts typing the same code
    at once, exactly one gets the row; the other is told the code is wrong.
    """
    await check_lockout(session, account, now, policy)
    hashes = (hash_code(code, await invite_key(session, secret)), legacy_hash_code(code))
    invite = (await session.exec(select(Invite).where(Invite.code_hash.in_(hashes)))).first()
    person = await session.get(Person, invite.person_id) if invite is not None else None
    usable = (
        invite is not None
        and invite.used_at is None
        and invite.revoked_at is None
        and invite.expires_at > now
    )
    if usable and (person is None or not person.active):
        raise NotFound("person_inactive")
    if (
        not usable
        or invite is None
        or person is None
        or not await _take(session, invite, account, now)
    ):
        left = await _count_failure(session, account, now, policy)
        reason = (
            "invite_expired"
            if invite is not None and invite.expires_at <= now and invite.used_at is None
            else "invite_wrong"
        )
        raise InvalidInput(reason, attempts_left=left)
    await link(session, account, person, now=now, how="invite")
    return person


async def _take(session: AsyncSession, invite: Invite, account: ChatAccount, now: datetime) -> bool:
    """Mark the invite used by `account` if nobody has meanwhile; True when this call did."""
    result = await session.exec(
        update(Invite)
        .where(
            Invite.id == invite.id,
            Invite.used_at.is_(None),
            Invite.revoked_at.is_(None),
            Invite.expires_at > now,
        )
        .values(used_at=now, used_by_account_id=account.id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


async def link(
    session: AsyncSession, account: ChatAccount, person: Person, *, now: datetime, how: str
) -> None:
    """Attach the chat account to the person and clear any lockout."""
    account.person_id = person.id
    account.linked_at = now
    account.locked_until = None
    await audit.log(session, "account.link", account, person, details={"how": how})


async def link_by_phone(
    session: AsyncSession, account: ChatAccount, person: Person, *, now: datetime, how: str
) -> None:
    """Link by phone number; the person's open invite code stops working (it is no longer
    needed, and a code lying in a drawer should not link a second account later)."""
    await link(session, account, person, now=now, how=how)
    await revoke_open_invites(session, person.id or 0, now=now)


async def count_unverified_phone(
    session: AsyncSession, account: ChatAccount, now: datetime, policy: LockoutPolicy
) -> None:
    """A phone number the channel could not verify counts as one try in the code lockout,
    matched or not, so the count tells nobody whether the number is on the roster."""
    await check_lockout(session, account, now, policy)
    await _count_failure(session, account, now, policy)


OTP_TTL = timedelta(minutes=10)


def new_otp() -> str:
    """A six-digit one-time code sent to the person's other linked accounts."""
    return f"{secrets.randbelow(10**6):06d}"


def otp_matches(typed: str, expected_hash: str, key: bytes) -> bool:
    return hmac.compare_digest(hash_code(typed, key), expected_hash)


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
