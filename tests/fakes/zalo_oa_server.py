"""A fake Zalo OA Open API v3 and OAuth v4 server on 127.0.0.1, built from
shared/channels/zalo.md: consultation messages with the access token in a header,
uploads, query buttons, the request_user_info card, the 7-day window (-230), single-use
rotating refresh tokens, and users whose events it signs and posts to the bot's webhook.
Every call is recorded; 5xx, Zalo error codes and delays can be injected."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import secrets
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.zalo_base import FakeZaloServer, now_ms
from tests.fakes.zalo_oa_checks import check_message

DAY_MS = 24 * 3600 * 1000


def zalo_error(code: int, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message})


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    access_token: str | None

    @property
    def key(self) -> str:
        return self.path


@dataclass
class OAState:
    calls: list[Call] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    access: set[str] = field(default_factory=set)
    refresh: dict[str, bool] = field(default_factory=dict)  # token -> already used
    codes: dict[str, str] = field(default_factory=dict)  # code -> challenge
    last_seen: dict[str, int] = field(default_factory=dict)  # user -> ms
    uploads: dict[str, str] = field(default_factory=dict)  # token/attachment id -> name
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    faults: dict[str, deque[int | float]] = field(default_factory=dict)


class FakeZaloOAServer(FakeZaloServer):
    name = "the fake Zalo OA"

    def __init__(self, app_id: str, secret_key: str, oa_secret_key: str) -> None:
        self.app_id, self.secret_key, self.oa_secret_key = app_id, secret_key, oa_secret_key
        self.state = OAState()
        self.webhook_url = ""
        super().__init__()

    def _app(self, lifespan: Any) -> Starlette:
        routes = [
            Route("/v4/oa/access_token", self._token, methods=["POST"]),
            Route("/v3.0/oa/message/cs", self._send, methods=["POST"]),
            Route("/v2.0/oa/upload/{kind}", self._upload, methods=["POST"]),
            Route("/v2.0/oa/getoa", self._getoa, methods=["GET"]),
            Route("/media/{name}", self._media, methods=["GET"]),
        ]
        return Starlette(routes=routes, lifespan=lifespan)

    # -- tokens ----------------------------------------------------------------------------

    def issue_refresh_token(self) -> str:
        token = "rt-" + secrets.token_urlsafe(24)
        with self.lock:
            self.state.refresh[token] = False
        return token

    def authorize(self, challenge: str) -> str:
        """The OA admin grants access: a code for the redirect URI."""
        code = "code-" + secrets.token_urlsafe(12)
        with self.lock:
            self.state.codes[code] = challenge
        return code

    def expire_access_tokens(self) -> None:
        with self.lock:
            self.state.access.clear()

    def token_requests(self) -> list[int]:
        """Indexes in `calls` of the token requests."""
        with self.lock:
            return [i for i, c in enumerate(self.state.calls) if c.path == "/v4/oa/access_token"]

    # -- what tests look at ----------------------------------------------------------------

    def sent_to(self, user_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [s["message"] for s in self.state.sent if s["recipient"]["user_id"] == user_id]

    def idle(self, user_id: str, days: float) -> None:
        with self.lock:
            self.state.last_seen[user_id] = now_ms() - int(days * DAY_MS)

    # -- users -----------------------------------------------------------------------------

    def host(self, data: bytes, name: str, mime: str) -> str:
        key = secrets.token_hex(8) + "-" + name
        with self.lock:
            self.state.media[key] = (data, mime)
        return f"{self.url}/media/{key}"

    def event(self, name: str, user_id: str, **fields: Any) -> dict[str, Any]:
        return {
            "app_id": self.app_id,
            "event_name": name,
            "sender": {"id": user_id},
            "recipient": {"id": "2091929128182"},
            "timestamp": str(now_ms()),
            "user_id_by_app": "55" + user_id,
        } | fields

    def sign(self, raw: bytes, timestamp: str, key: str | None = None) -> str:
        mac = self.app_id.encode() + raw + timestamp.encode() + (key or self.oa_secret_key).encode()
        return "mac=" + hashlib.sha256(mac).hexdigest()

    def post_event(self, event: dict[str, Any], signature: str | None = "good") -> int:
        """POST a signed event to the bot as Zalo does (blocking: use asyncio.to_thread)."""
        raw = json.dumps(event, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if signature == "good":
            signature = self.sign(raw, event["timestamp"])
        if signature is not None:
            headers["X-ZEvent-Signature"] = signature
        if str(event.get("event_name", "")).startswith(("user_", "follow")):
            with self.lock:
                self.state.last_seen[event["sender"]["id"]] = now_ms()
        return httpx.post(self.webhook_url, content=raw, headers=headers, timeout=10).status_code

    # -- the API ---------------------------------------------------------------------------

    async def _fault(self, fault: int | float | None) -> Response | None:
        """Faults on OA paths: negative int = Zalo error, 5xx = HTTP status, float = delay."""
        if isinstance(fault, float):
            await asyncio.sleep(fault)
            return Response(status_code=504)
        if isinstance(fault, int):
            return Response(status_code=fault) if fault >= 500 else zalo_error(fault, "injected")
        return None

    async def _token(self, request: Request) -> Response:
        form = dict(await request.form())
        fault = self._log_call(Call("/v4/oa/access_token", form, None))
        if (refused := await self._fault(fault)) is not None:
            return refused
        if (
            request.headers.get("secret_key") != self.secret_key
            or form.get("app_id") != self.app_id
        ):
            return JSONResponse({"error": -14002, "error_name": "Invalid app or secret key"})
        with self.lock:
            if not self._grant_ok(form):
                return JSONResponse({"error": -14014, "error_name": "Invalid grant"})
            access, refresh = "at-" + secrets.token_urlsafe(24), "rt-" + secrets.token_urlsafe(24)
            self.state.access.add(access)
            self.state.refresh[refresh] = False
        return JSONResponse(
            {"access_token": access, "refresh_token": refresh, "expires_in": "90000"}
        )

    def _grant_ok(self, form: dict[str, Any]) -> bool:
        if form.get("grant_type") == "refresh_token":
            token = str(form.get("refresh_token"))
            if self.state.refresh.get(token) is not False:
                return False  # unknown or already used: single use
            self.state.refresh[token] = True
            return True
        if form.get("grant_type") == "authorization_code":
            challenge = self.state.codes.pop(str(form.get("code")), None)
            digest = hashlib.sha256(str(form.get("code_verifier")).encode()).digest()
            return challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        return False

    def _token_ok(self, request: Request) -> bool:
        with self.lock:
            return request.headers.get("access_token") in self.state.access

    async def _send(self, request: Request) -> Response:
        body = await request.json()
        fault = self._log_call(
            Call("/v3.0/oa/message/cs", body, request.headers.get("access_token"))
        )
        if (refused := await self._fault(fault)) is not None:
            return refused
        if not self._token_ok(request):
            return zalo_error(-216, "Access token is invalid")
        user_id = str((body.get("recipient") or {}).get("user_id") or "")
        with self.lock:
            seen = self.state.last_seen.get(user_id)
            if seen is None:
                return zalo_error(-213, "User has not followed the OA")
            if now_ms() - seen > 7 * DAY_MS:
                return zalo_error(-230, "User has not interacted with the OA in 7 days")
            problem = check_message(body.get("message"), self.state.uploads)
            if problem:
                return zalo_error(-201, problem)
            self.state.sent.append(body)
            self.lock.notify_all()
        return JSONResponse(
            {"error": 0, "data": {"message_id": secrets.token_hex(16), "user_id": user_id}}
        )

    async def _getoa(self, request: Request) -> Response:
        """The OA's profile (Open API v2 `getoa`), for the bot's readiness probe."""
        fault = self._log_call(Call("/v2.0/oa/getoa", {}, request.headers.get("access_token")))
        if (refused := await self._fault(fault)) is not None:
            return refused
        if not self._token_ok(request):
            return zalo_error(-216, "Access token is invalid")
        return JSONResponse({"error": 0, "data": {"oa_id": self.app_id, "name": "Fake OA"}})

    async def _upload(self, request: Request) -> Response:
        kind = request.path_params["kind"]
        form = await request.form()
        upload = form.get("file")
        self._log_call(
            Call(f"/v2.0/oa/upload/{kind}", {"file": getattr(upload, "filename", None)}, None)
        )
        if not self._token_ok(request):
            return zalo_error(-216, "Access token is invalid")
        if upload is None or isinstance(upload, str):
            return zalo_error(-201, "file is missing")
        data = await upload.read()
        allowed = (
            ("application/pdf", "application/msword")
            if kind == "file"
            else ("image/jpeg", "image/png")
        )
        if upload.content_type not in allowed or len(data) > 5 * 1024 * 1024:
            return zalo_error(-201, "file type or size not allowed")
        key = secrets.token_hex(12)
        with self.lock:
            self.state.uploads[key] = upload.filename or ""
        return JSONResponse(
            {"error": 0, "data": {"token" if kind == "file" else "attachment_id": key}}
        )

    async def _media(self, request: Request) -> Response:
        found = self.state.media.get(request.path_params["name"])
        return Response(found[0], media_type=found[1]) if found else Response(status_code=404)
