"""Zalo OA access tokens (OAuth v4 + PKCE): refreshed before they expire; the refresh
token is single-use and rotates, so each new one is committed to the database BEFORE the
access token that came with it is used; a failed refresh is logged loudly and leaves the
stored token as it was."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from bot.channels.retry import Backoff, ServerError
from handlers.io import DeliveryError
from storage.db import SessionMaker
from storage.services import secrets as stored
from storage.types import utcnow

logger = logging.getLogger(__name__)
REFRESH_LIFETIME = timedelta(days=90)  # "3 months" [doc]


class TokenRefreshFailed(DeliveryError):
    """No usable access token: the refresh failed (the stored refresh token is kept)."""


@dataclass(frozen=True)
class OAuthConfig:
    app_id: str
    secret_key: str
    oauth_base_url: str = "https://oauth.zaloapp.com"
    seed_refresh_token: str = ""
    margin: timedelta = timedelta(minutes=10)


def pkce_pair() -> tuple[str, str]:
    """A code verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def permission_url(config: OAuthConfig, redirect_uri: str, challenge: str, state: str) -> str:
    """Where the OA admin grants the app access; Zalo then calls `redirect_uri?code=...`."""
    query = urlencode(
        {
            "app_id": config.app_id,
            "redirect_uri": redirect_uri,
            "code_challenge": challenge,
            "state": state,
        }
    )
    return f"{config.oauth_base_url.rstrip('/')}/v4/oa/permission?{query}"


class SecretStore:
    """Secrets in the database (`channel_secret`), several written in one transaction."""

    def __init__(self, sessionmaker: SessionMaker) -> None:
        self.sessionmaker = sessionmaker

    async def get(self, name: str) -> tuple[str, datetime | None] | None:
        async with self.sessionmaker() as session:
            row = await stored.get_secret(session, name)
        return (row.value, row.expires_at) if row is not None else None

    async def put(self, values: dict[str, tuple[str, datetime | None]], now: datetime) -> None:
        async with self.sessionmaker() as session, session.begin():
            for name, (value, expires_at) in values.items():
                await stored.put_secret(session, name, value, now=now, expires_at=expires_at)


class OATokens:
    """The OA's tokens for one app, kept in `channel_secret`."""

    def __init__(
        self,
        config: OAuthConfig,
        http: httpx.AsyncClient,
        store: SecretStore,
        *,
        clock: Callable[[], datetime] = utcnow,
        backoff: Backoff | None = None,
    ) -> None:
        self.config = config
        self.http = http
        self.store = store
        self.clock = clock
        self.backoff = backoff or Backoff()
        self._lock = asyncio.Lock()
        self._access: str | None = None
        self._expires: datetime | None = None

    def _name(self, what: str) -> str:
        return f"zalo_oa:{self.config.app_id}:{what}"

    def _fresh(self) -> bool:
        return (
            self._access is not None
            and self._expires is not None
            and self._expires - self.config.margin > self.clock()
        )

    async def access_token(self) -> str:
        """A token valid for a while yet; refreshed first when it is about to expire."""
        if self._fresh():
            assert self._access is not None
            return self._access
        async with self._lock:
            await self._load()
            if not self._fresh():
                await self._refresh()
            assert self._access is not None
            return self._access

    async def refresh(self, stale: str) -> str:
        """A new access token after Zalo refused `stale` (unless another call already
        replaced it)."""
        async with self._lock:
            await self._load()
            if self._access is None or self._access == stale:
                await self._refresh()
            assert self._access is not None
            return self._access

    async def _load(self) -> None:
        """What the database holds (another process may have refreshed already)."""
        row = await self.store.get(self._name("access_token"))
        if row is not None and row[0] != self._access:
            self._access, self._expires = row

    async def _refresh(self) -> None:
        row = await self.store.get(self._name("refresh_token"))
        refresh_token = row[0] if row is not None else self.config.seed_refresh_token
        if not refresh_token:
            logger.error("Zalo OA has no refresh token: run `python -m bot zalo-oa-login`")
            raise TokenRefreshFailed("no refresh token")
        await self._grant({"grant_type": "refresh_token", "refresh_token": refresh_token})

    async def exchange_code(self, code: str, verifier: str) -> None:
        """The first tokens, from the code Zalo gave the redirect URI (PKCE)."""
        async with self._lock:
            await self._grant(
                {"grant_type": "authorization_code", "code": code, "code_verifier": verifier}
            )

    async def _grant(self, form: dict[str, str]) -> None:
        """Ask for tokens; store them (commit) before anyone uses them."""
        try:
            answer = await self.backoff.run(lambda: self._post(form), "Zalo OA token")
        except (httpx.HTTPError, ServerError) as error:
            logger.error(
                "Zalo OA token refresh FAILED (%s); the stored refresh token is kept",
                type(error).__name__,
            )
            raise TokenRefreshFailed(type(error).__name__) from error
        if "access_token" not in answer or "refresh_token" not in answer:
            code, reason = answer.get("error"), answer.get("error_name") or answer.get("message")
            logger.error(
                "Zalo OA token refresh FAILED: error %s (%s); the stored refresh token is kept",
                code,
                reason,
            )
            raise TokenRefreshFailed(f"error {code}")
        now = self.clock()
        expires = now + timedelta(seconds=int(answer.get("expires_in") or 3600))
        await self._save(answer["access_token"], expires, answer["refresh_token"], now)
        self._access, self._expires = answer["access_token"], expires
        logger.info("Zalo OA access token renewed, valid until %s", expires.isoformat())

    async def _save(self, access: str, expires: datetime, refresh: str, now: datetime) -> None:
        values = {
            self._name("refresh_token"): (refresh, now + REFRESH_LIFETIME),
            self._name("access_token"): (access, expires),
        }
        try:
            await self.store.put(values, now)
        except Exception as error:
            # Zalo has already spent the old refresh token: nothing can bring it back, and
            # the new pair is not used, so that no state lives only in memory.
            logger.critical("Zalo OA: the NEW refresh token could not be stored; log in again")
            raise TokenRefreshFailed("the new tokens could not be stored") from error

    async def _post(self, form: dict[str, str]) -> dict[str, Any]:
        response = await self.http.post(
            f"{self.config.oauth_base_url.rstrip('/')}/v4/oa/access_token",
            data={"app_id": self.config.app_id, **form},
            headers={"secret_key": self.config.secret_key},
        )
        if response.status_code >= 500:
            raise ServerError(response.status_code)
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = {"error": response.status_code, "message": "answer is not JSON"}
        return body if isinstance(body, dict) else {"error": response.status_code}
