"""A fake Zalo Bot Platform API on 127.0.0.1, built from shared/channels/zalo.md:
`/bot{token}/{method}` over GET or POST with query, form, JSON or multipart parameters,
answers in the envelope with the HTTP status equal to the error code, getUpdates giving
ONE update or 408 when idle, a webhook with its secret header, public media URLs. It
records every call, refuses what the real API refuses, injects 429/5xx/delays, and plays
the users (`user_sends_text`, ...)."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.zalo_base import FakeZaloServer, now_ms

METHODS = {
    "getMe",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "sendMessage",
    "sendPhoto",
    "sendSticker",
    "sendChatAction",
}
TEXT_LIMIT = 2000


def hex20() -> str:
    return secrets.token_hex(10)


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def error(code: int, description: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error_code": code, "description": description}, code)


def ok(result: Any = None) -> JSONResponse:
    return JSONResponse({"ok": True} | ({"result": result} if result is not None else {}))


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str

    @property
    def key(self) -> str:
        return self.method


@dataclass
class Webhook:
    url: str = ""
    secret: str = ""
    updated_at: int = 0
    ever_set: bool = False


@dataclass
class State:
    calls: list[Call] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    updates: deque[dict[str, Any]] = field(default_factory=deque)
    faults: dict[str, deque[int | float]] = field(default_factory=dict)
    media: dict[str, bytes] = field(default_factory=dict)
    users: set[str] = field(default_factory=set)
    webhook: Webhook = field(default_factory=Webhook)


class FakeZaloBotServer(FakeZaloServer):
    """The fake; `route` maps the public https webhook URL to where the bot listens."""

    def __init__(self, token: str = "1459232241454765289:fakeSecretPart") -> None:
        self.tokens = {token}
        self.state = State()
        self.route: dict[str, str] = {}
        self._wake: asyncio.Event | None = None
        self.closing = False
        super().__init__()

    def _app(self, lifespan: Any) -> Starlette:
        routes = [
            Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"]),
            Route("/media/{name}", self._media, methods=["GET"]),
        ]
        return Starlette(routes=routes, lifespan=lifespan)

    def stop(self) -> None:
        self.closing = True
        if self._wake is not None:
            self.server.call_soon(self._wake.set)
        super().stop()

    # -- what tests look at ----------------------------------------------------------------

    def sent_to(self, chat_id: str) -> list[str]:
        with self.lock:
            return [
                s.get("text") or s.get("photo", "")
                for s in self.state.sent
                if s["chat_id"] == chat_id
            ]

    # -- the users -------------------------------------------------------------------------

    def _update(self, user_id: str, event: str, **content: Any) -> dict[str, Any]:
        message = {
            "message_id": hex20(),
            "date": now_ms(),
            "from": {"id": user_id, "display_name": f"User {user_id[:4]}", "is_bot": False},
            "chat": {"id": user_id, "chat_type": "PRIVATE"},
        } | content
        return {"event_name": event, "message": message}

    def user_sends_text(self, user_id: str, text: str) -> dict[str, Any]:
        return self.push(self._update(user_id, "message.text.received", text=text))

    def user_sends_image(self, user_id: str, data: bytes, caption: str | None = None) -> dict:
        name = f"{hex20()}.jpg"
        with self.lock:
            self.state.media[name] = data
        extra = {"caption": caption} if caption else {}
        url = f"{self.url}/media/{name}"
        update = self._update(
            user_id, "message.image.received", photo_url=url, message_type="CHAT_PHOTO", **extra
        )
        return self.push(update)

    def user_sends_unsupported(self, user_id: str) -> dict[str, Any]:
        return self.push(self._update(user_id, "message.unsupported.received"))

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Deliver an update: by webhook when one is set, else queued for getUpdates."""
        with self.lock:
            self.state.users.add(update["message"]["from"]["id"])
            hook = self.state.webhook
            if not hook.url:
                self.state.updates.append(update)
        if hook.url:
            self.post_webhook(update, hook.secret)
        elif self._wake is not None:
            self.server.call_soon(self._wake.set)
        return update

    def push_raw(self, update: dict[str, Any]) -> None:
        """Queue anything at all for getUpdates (updates the bot must skip)."""
        with self.lock:
            self.state.updates.append(update)
        if self._wake is not None:
            self.server.call_soon(self._wake.set)

    def post_webhook(self, body: Any, secret: str | None) -> int:
        """POST like Zalo does (a blocking call: run it with asyncio.to_thread)."""
        headers = {"User-Agent": "Java/17.0.2"}
        if secret is not None:
            headers["X-Bot-Api-Secret-Token"] = secret
        url = self.route.get(self.state.webhook.url, self.state.webhook.url)
        return httpx.post(url, json=body, headers=headers, timeout=10).status_code

    # -- the API ---------------------------------------------------------------------------

    async def _media(self, request: Request) -> Response:
        data = self.state.media.get(request.path_params["name"])
        return Response(data, media_type="image/jpeg") if data else Response(status_code=404)

    async def _params(self, request: Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query_params)
        kind = request.headers.get("content-type", "")
        if "json" in kind:
            body = await request.json()
            params |= body if isinstance(body, dict) else {}
        elif "form" in kind:
            params |= {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        return params

    async def _endpoint(self, request: Request) -> Response:
        token, method = request.path_params["token"], request.path_params["method"]
        params = await self._params(request)
        fault = self._log_call(Call(method, params, token))
        if token not in self.tokens:
            return error(401, "Unauthorized")
        if method not in METHODS:
            return error(404, "Not Found")
        if isinstance(fault, float):  # hangs past the client's timeout, does nothing
            await asyncio.sleep(fault)
            return error(504, "Gateway Timeout")
        if isinstance(fault, int):
            return error(fault, "Too Many Requests" if fault == 429 else "Internal Server Error")
        return await getattr(self, f"_{method}")(params)

    async def _getMe(self, params: dict[str, Any]) -> Response:
        me = {"id": "1459232241454765289", "account_name": "bot.DanVanKheo"}
        return ok(me | {"account_type": "BASIC", "can_join_groups": False})

    async def _getUpdates(self, params: dict[str, Any]) -> Response:
        if self.state.webhook.url:
            return error(400, "Bad Request: webhook is set, delete it to use getUpdates")
        timeout = float(params.get("timeout", 30))
        self._wake = self._wake or asyncio.Event()
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                if self.state.updates:
                    return ok(self.state.updates.popleft())
                self._wake.clear()
            left = deadline - time.monotonic()
            if left <= 0 or self.closing:
                return error(408, "Request timeout")
            try:
                await asyncio.wait_for(self._wake.wait(), left)
            except TimeoutError:
                return error(408, "Request timeout")

    async def _setWebhook(self, params: dict[str, Any]) -> Response:
        url, secret = str(params.get("url", "")), str(params.get("secret_token", ""))
        if not url.startswith("https://") or not 8 <= len(secret) <= 256:
            return error(400, "Bad Request: url must be https and secret_token 8-256 chars")
        with self.lock:
            self.state.webhook = Webhook(url, secret, now_ms(), True)
        return ok({"url": url, "updated_at": self.state.webhook.updated_at})

    async def _deleteWebhook(self, params: dict[str, Any]) -> Response:
        with self.lock:
            self.state.webhook = Webhook(ever_set=self.state.webhook.ever_set)
        return ok({"url": "", "updated_at": now_ms()})

    async def _getWebhookInfo(self, params: dict[str, Any]) -> Response:
        hook = self.state.webhook
        if not hook.ever_set:
            return error(404, "Not Found")
        return ok({"url": hook.url, "updated_at": hook.updated_at})

    def _check_chat(self, params: dict[str, Any]) -> Response | None:
        chat_id = str(params.get("chat_id") or "")
        if not chat_id:
            return error(400, "Bad Request: chat_id is required")
        if chat_id not in self.state.users:
            return error(400, "Bad Request: the user has not messaged the bot")
        return None

    def _record(self, params: dict[str, Any], **what: Any) -> Response:
        with self.lock:
            self.state.sent.append({"chat_id": str(params["chat_id"])} | what)
            self.lock.notify_all()
        return ok({"message_id": hex20(), "date": now_ms()})

    async def _sendMessage(self, params: dict[str, Any]) -> Response:
        refused = self._check_chat(params)
        text = params.get("text")
        if refused is None and (not isinstance(text, str) or not 1 <= units(text) <= TEXT_LIMIT):
            refused = error(400, "Bad Request: text must be 1-2000 characters")
        return refused or self._record(params, text=text)

    async def _sendPhoto(self, params: dict[str, Any]) -> Response:
        refused = self._check_chat(params)
        photo = str(params.get("photo") or "")
        if refused is None and not photo.startswith(("http://", "https://")):
            refused = error(400, "Bad Request: photo must be an image URL")
        return refused or self._record(params, photo=photo, text=params.get("caption"))

    async def _sendSticker(self, params: dict[str, Any]) -> Response:
        return self._check_chat(params) or self._record(params, sticker=params.get("sticker"))

    async def _sendChatAction(self, params: dict[str, Any]) -> Response:
        return self._check_chat(params) or ok()
