"""The Zalo OA Open API v3 on httpx: consultation messages (`/v3.0/oa/message/cs`) and
uploads, with the access token in a header. Answers are `{"error": 0, "data": ...}`;
a non-zero error is a failure: -216 bad or expired token (refresh, then once more), -32
rate limit (wait, then again), -230 the person is outside the 7-day window."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bot.channels.base import ApiCallHook, ignore_call
from bot.channels.retry import Backoff, ServerError, outcome_of
from bot.channels.zalo_oa.tokens import OATokens
from handlers.io import DeliveryError, OutsideWindow, RecipientBlocked, RetryLater
from scheduler.pacing import Pacer

logger = logging.getLogger(__name__)
TOKEN_INVALID = -216
RATE_LIMITED = -32
OUTSIDE_WINDOW = -230
NOT_FOLLOWING = -213  # [?] "user has not followed the OA": treated as gone
REFUSALS = {RATE_LIMITED: "429", NOT_FOLLOWING: "403"}


class ZaloOAError(DeliveryError):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


def parse_answer(response: httpx.Response) -> dict[str, Any]:
    """`data` of a successful answer; ZaloOAError (or ServerError for 5xx) otherwise."""
    if response.status_code >= 500:
        raise ServerError(response.status_code)
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ZaloOAError(response.status_code, "answer is not JSON") from None
    if not isinstance(body, dict):
        raise ZaloOAError(response.status_code, "unexpected answer")
    code = int(body.get("error") or 0)
    if code != 0:
        raise ZaloOAError(code, str(body.get("message") or ""))
    data = body.get("data")
    return data if isinstance(data, dict) else {}


class ZaloOAClient:
    """`on_call` hears the outcome of every request (metrics, readiness)."""

    on_call: ApiCallHook = staticmethod(ignore_call)

    def __init__(
        self,
        base_url: str,
        *,
        http: httpx.AsyncClient,
        tokens: OATokens,
        pacer: Pacer,
        backoff: Backoff | None = None,
        rate_limit_wait: float = 1.0,
        max_rate_limit_tries: int = 5,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http
        self.tokens = tokens
        self.pacer = pacer
        self.backoff = backoff or Backoff()
        self.rate_limit_wait = rate_limit_wait
        self.max_rate_limit_tries = max_rate_limit_tries

    async def _authorised(
        self, what: str, call: Callable[[str], Awaitable[httpx.Response]]
    ) -> dict[str, Any]:
        """Call with the access token; a refused token is refreshed once and tried again."""

        async def attempt(token: str) -> dict[str, Any]:
            try:
                data = parse_answer(await call(token))
            except (httpx.HTTPError, ServerError, ZaloOAError) as error:
                self.on_call(what, outcome_of(error, REFUSALS))
                raise
            self.on_call(what, "ok")
            return data

        token = await self.tokens.access_token()
        try:
            return await self.backoff.run(lambda: attempt(token), what)
        except ZaloOAError as error:
            if error.code != TOKEN_INVALID:
                raise
            logger.warning("Zalo OA %s: access token refused (-216), refreshing", what)
        token = await self.tokens.refresh(stale=token)
        return await self.backoff.run(lambda: attempt(token), what)

    async def send(self, user_id: str, message: dict[str, Any]) -> str:
        """A consultation message to one person, paced; its message id."""
        body = {"recipient": {"user_id": user_id}, "message": message}
        wait = self.rate_limit_wait

        async def post(token: str) -> httpx.Response:
            return await self.http.post(
                f"{self.base_url}/v3.0/oa/message/cs", json=body, headers={"access_token": token}
            )

        for attempt in range(1, self.max_rate_limit_tries + 1):
            await self.pacer.take(user_id)
            try:
                data = await self._authorised("message/cs", post)
                return str(data.get("message_id", ""))
            except ZaloOAError as error:
                self._raise_for(error)
                logger.warning("Zalo OA: rate limited (-32), waiting %.1f s (%d)", wait, attempt)
                self.pacer.chat_bucket(user_id).pause(wait)
                wait *= 2
        raise RetryLater(wait, "Zalo OA rate limit (-32)")

    @staticmethod
    def _raise_for(error: ZaloOAError) -> None:
        """Turn Zalo's refusals into what the outbox understands; -32 falls through."""
        if error.code == OUTSIDE_WINDOW:
            raise OutsideWindow(str(error)) from error
        if error.code == NOT_FOLLOWING:
            raise RecipientBlocked(str(error)) from error
        if error.code != RATE_LIMITED:
            raise error

    async def get_oa(self) -> dict[str, Any]:
        """The OA's own profile: a cheap call that proves the token and the API work."""

        async def get(token: str) -> httpx.Response:
            return await self.http.get(
                f"{self.base_url}/v2.0/oa/getoa", headers={"access_token": token}
            )

        return await self._authorised("getoa", get)

    async def upload(self, kind: str, name: str, data: bytes, mime: str) -> dict[str, Any]:
        """Upload a file (`kind` "file": PDF/DOC) or an image (`kind` "image")."""

        async def post(token: str) -> httpx.Response:
            return await self.http.post(
                f"{self.base_url}/v2.0/oa/upload/{kind}",
                files={"file": (name, data, mime)},
                headers={"access_token": token},
            )

        return await self._authorised(f"upload/{kind}", post)
