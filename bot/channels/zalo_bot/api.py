"""The Zalo Bot Platform API on httpx: `{base}/bot{TOKEN}/{method}`, POST + JSON, answers
in an envelope `{"ok": ..., "result" | "error_code", "description"}` whatever the HTTP
status. Sends are paced; 429s waited out; network errors and 5xx retried with backoff.

The token is part of every URL: it never goes into a log line or an error of ours, and
`bot.logs` blanks it in httpx's own lines.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx

from bot.channels.base import ApiCallHook, ignore_call
from bot.channels.retry import Backoff, ServerError, outcome_of
from bot.logs import protect_http_loggers
from handlers.io import DeliveryError, RetryLater
from scheduler.pacing import Pacer

logger = logging.getLogger(__name__)
IDLE = 408  # getUpdates had nothing to give within its timeout: normal


class ZaloBotError(DeliveryError):
    """The API said no: `code` (HTTP-like: 400, 401, 404, 429...) and its description."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description


def parse_envelope(response: httpx.Response) -> Any:
    """The `result` of an answer, whatever its HTTP status; raises on `ok: false`."""
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict) or "ok" not in body:
        if response.status_code >= 500:
            raise ServerError(response.status_code)
        raise ZaloBotError(response.status_code, "answer without an envelope")
    if body["ok"] is True:
        return body.get("result")
    code = int(body.get("error_code") or response.status_code)
    if code >= 500:
        raise ServerError(code)
    raise ZaloBotError(code, str(body.get("description") or ""))


class ZaloBotClient:
    """One bot token's API. `http` is shared; its base URL is left empty on purpose.
    `on_call` hears the outcome of every request (metrics, readiness)."""

    on_call: ApiCallHook = staticmethod(ignore_call)

    def __init__(
        self,
        token: str,
        base_url: str,
        *,
        http: httpx.AsyncClient,
        pacer: Pacer,
        backoff: Backoff | None = None,
        rate_limit_wait: float = 1.0,
        max_rate_limit_tries: int = 5,
    ) -> None:
        protect_http_loggers()
        self._token = token
        self.base_url = base_url.rstrip("/")
        self.http = http
        self.pacer = pacer
        self.backoff = backoff or Backoff()
        self.rate_limit_wait = rate_limit_wait
        self.max_rate_limit_tries = max_rate_limit_tries

    def _url(self, method: str) -> str:
        return f"{self.base_url}/bot{self._token}/{method}"

    async def call(self, method: str, payload: dict[str, Any], timeout: float | None = None) -> Any:
        """One request, no retries."""
        extra = {"timeout": timeout} if timeout is not None else {}
        try:
            result = parse_envelope(await self.http.post(self._url(method), json=payload, **extra))
        except (httpx.HTTPError, ServerError, ZaloBotError) as error:
            idle = method == "getUpdates" and getattr(error, "code", None) == IDLE
            self.on_call(method, "ok" if idle else outcome_of(error))
            raise
        self.on_call(method, "ok")
        return result

    async def request(
        self, method: str, payload: dict[str, Any], *, chat: str | None = None
    ) -> Any:
        """A call paced per chat and in all, retried on network errors and 5xx, with
        429s waited out (doubling waits); RetryLater when Zalo keeps saying 429."""
        wait = self.rate_limit_wait
        for attempt in range(1, self.max_rate_limit_tries + 1):
            if chat is not None:
                await self.pacer.take(chat)
            try:
                return await self.backoff.run(
                    lambda: self.call(method, payload), f"Zalo bot {method}"
                )
            except ZaloBotError as error:
                if error.code != 429:
                    raise
                logger.warning("Zalo bot %s: 429, waiting %.1f s (try %d)", method, wait, attempt)
                bucket = self.pacer.chat_bucket(chat) if chat else self.pacer.global_bucket
                bucket.pause(wait)
                if chat is None:
                    await self.pacer.global_bucket.take()
                wait *= 2
        raise RetryLater(wait, f"Zalo bot {method}: 429 (quota)")

    async def get_updates(self, timeout: int) -> dict[str, Any] | None:
        """One update, or None when none came within `timeout` seconds (HTTP 408)."""
        try:
            result = await self.call("getUpdates", {"timeout": str(timeout)}, timeout + 10)
        except ZaloBotError as error:
            if error.code == IDLE:
                return None
            raise
        return result if isinstance(result, dict) and result else None

    async def send_message(self, chat_id: str, text: str) -> str:
        result = await self.request("sendMessage", {"chat_id": chat_id, "text": text}, chat=chat_id)
        return str((result or {}).get("message_id", ""))

    async def send_photo(self, chat_id: str, url: str, caption: str | None = None) -> str:
        payload = {"chat_id": chat_id, "photo": url} | ({"caption": caption} if caption else {})
        result = await self.request("sendPhoto", payload, chat=chat_id)
        return str((result or {}).get("message_id", ""))

    async def get_me(self) -> dict[str, Any]:
        return await self.request("getMe", {}) or {}

    async def set_webhook(self, url: str, secret: str) -> Any:
        return await self.request("setWebhook", {"url": url, "secret_token": secret})

    async def delete_webhook(self) -> Any:
        return await self.request("deleteWebhook", {})
