"""Signing in to the committee console: one-time links asked for in chat, the Telegram
Mini App's account, and server-side browser sessions with idle and absolute expiry.

Only people whose chat account is still linked with consent, and who are active on the
roster, get (or keep) a session: every request checks it again."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, PermissionDenied
from storage.models import ChatAccount, Person, WebLoginToken, WebSession

LINK_TTL = timedelta(minutes=10)
# A session's last use is written at most this often (not on every page).
SEEN_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=60)
    absolute: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class Viewer:
    """Who a request comes from: the session, its person and the chat account used."""

    session: WebSession
    person: Person
    account: ChatAccount


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def usable(person: Person | None, account: ChatAccount | None) -> bool:
    """Linked to this person, consent given, person active."""
    return (
        person is not None
        and account is not None
        and person.active
        and account.person_id == person.id
        and account.consent_at is not None
    )


async def issue_link(
    session: AsyncSession, account: ChatAccount, *, now: datetime, ttl: timedelta = LINK_TTL
) -> str:
    """A fresh one-time token for the person linked to `account` (valid `ttl`)."""
    person = await session.get(Person, account.person_id) if account.person_id else None
    if not usable(person, account):
        raise PermissionDenied("not_linked")
    assert person is not None
    token = secrets.token_urlsafe(32)
    session.add(
        WebLoginToken(
            token_hash=digest(token),
            person_id=person.id or 0,
            chat_account_id=account.id or 0,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    await audit.log(session, "web.link_issue", person, person, details={"channel": account.channel})
    return token


async def redeem_link(
    session: AsyncSession, token: str, *, now: datetime
) -> tuple[Person, ChatAccount]:
    """Use a one-time token: the conditional update lets exactly one request win."""
    hashed = digest(token)
    result = await session.exec(
        update(WebLoginToken)
        .where(
            WebLoginToken.token_hash == hashed,
            WebLoginToken.used_at.is_(None),
            WebLoginToken.expires_at > now,
        )
        .values(used_at=now)
    )
    if result.rowcount != 1:
        raise InvalidInput("link_unusable")
    row = (
        await session.exec(select(WebLoginToken).where(WebLoginToken.token_hash == hashed))
    ).one()
    person = await session.get(Person, row.person_id)
    account = await session.get(ChatAccount, row.chat_account_id)
    if not usable(person, account):
        raise PermissionDenied("not_linked")
    assert person is not None and account is not None
    return person, account


async def account_of(
    session: AsyncSession, channel: str, external_user_id: str
) -> tuple[Person, ChatAccount]:
    """The person behind a chat account, when it is linked with consent and active."""
    row = (
        await session.exec(
            select(ChatAccount, Person)
            .outerjoin(Person, Person.id == ChatAccount.person_id)
            .where(ChatAccount.channel == channel, ChatAccount.external_user_id == external_user_id)
        )
    ).first()
    account, person = row if row is not None else (None, None)
    if not usable(person, account):
        raise PermissionDenied("not_linked")
    assert person is not None and account is not None
    return person, account


async def start(
    session: AsyncSession,
    person: Person,
    account: ChatAccount,
    *,
    via: str,
    now: datetime,
) -> tuple[str, WebSession]:
    """A new session; returns the secret for the cookie (only its hash is stored)."""
    secret = secrets.token_urlsafe(32)
    row = WebSession(
        session_hash=digest(secret),
        person_id=person.id or 0,
        chat_account_id=account.id or 0,
        csrf_token=secrets.token_urlsafe(32),
        via=via,
        language=account.language,
        created_at=now,
        last_seen_at=now,
    )
    session.add(row)
    await audit.log(
        session, "web.sign_in", person, person, details={"via": via, "channel": account.channel}
    )
    return secret, row


async def resume(
    session: AsyncSession, secret: str, *, now: datetime, policy: SessionPolicy
) -> Viewer | None:
    """The viewer of a live session, or None (unknown, ended, expired, or the person no
    longer linked, consenting or active: such a session is ended at once)."""
    row = (
        await session.exec(
            select(WebSession, Person, ChatAccount)
            .join(Person, Person.id == WebSession.person_id)
            .join(ChatAccount, ChatAccount.id == WebSession.chat_account_id)
            .where(WebSession.session_hash == digest(secret), WebSession.ended_at.is_(None))
        )
    ).first()
    if row is None:
        return None
    web, person, account = row
    expired = now - web.last_seen_at > policy.idle or now - web.created_at > policy.absolute
    if expired or not usable(person, account):
        web.ended_at = now
        return None
    if now - web.last_seen_at >= SEEN_RESOLUTION:
        web.last_seen_at = now
    return Viewer(web, person, account)


async def end(session: AsyncSession, viewer: Viewer, *, now: datetime) -> None:
    viewer.session.ended_at = now
    await audit.log(session, "web.sign_out", viewer.person, viewer.person)
