"""The HTTP side of the fake Bot API: routes, request bodies, and the path of every call.

A call is recorded, delayed by `tg.latency`, checked against the spec, then meets injected
failures, blocked chats and flood limits before its method runs.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.telegram_methods import (
    CHAT_METHODS,
    HANDLERS,
    MESSAGE_METHODS,
    ApiError,
    Params,
    chat_of,
)
from tests.fakes.telegram_state import Call, RateLimited, Upload

if TYPE_CHECKING:
    from tests.fakes.telegram_server import FakeTelegram

BLOCKED = "Forbidden: bot was blocked by the user"
CLIENT_CLOSED = 499  # recorded as the status of a call whose client went away


def build_app(tg: FakeTelegram) -> Starlette:
    async def api(request: Request) -> Response:
        return await _endpoint(tg, request)

    async def download(request: Request) -> Response:
        return await _download(tg, request)

    return Starlette(
        routes=[
            Route("/bot{token}/{method}", api, methods=["GET", "POST"]),
            Route("/file/bot{token}/{file_path:path}", download, methods=["GET"]),
        ]
    )


def too_many_requests(wait: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})


def chat_id_of(params: Params) -> int | None:
    raw = params.get("chat_id")
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None


async def _endpoint(tg: FakeTelegram, request: Request) -> Response:
    try:
        params, bad_body = await _read_params(request), ""
    except ValueError as error:
        params, bad_body = {}, str(error)
    call = Call(request.path_params["method"], params, 0, time.monotonic())
    tg.note(tg.calls, call)
    if tg.latency:
        await asyncio.sleep(tg.latency)  # the simulated network
    try:
        if request.path_params["token"] != tg.token:
            raise ApiError(401, "Unauthorized")
        if bad_body:
            raise ApiError(400, f"Bad Request: {bad_body}")
        status, body = 200, {"ok": True, "result": await _answer_while_connected(tg, call, request)}
    except ApiError as error:
        status, body = error.status, error.body()
    except ClientGone:
        status, body = CLIENT_CLOSED, {}
    with tg.state.lock:
        call.status = status
    tg.state.signal.notify()
    return JSONResponse(body, status_code=status)


class ClientGone(Exception):
    """The bot closed the connection of a long poll (e.g. PTB stopping its updater)."""


async def _answer_while_connected(tg: FakeTelegram, call: Call, request: Request) -> Any:
    """Like `_answer`, but a long poll whose client hung up ends there, as on the real
    server, instead of later counting as a rival poll (409)."""
    if call.method.lower() != "getupdates":
        return await _answer(tg, call)
    answer = asyncio.ensure_future(_answer(tg, call))
    gone = asyncio.ensure_future(_disconnected(request))
    await asyncio.wait({answer, gone}, return_when=asyncio.FIRST_COMPLETED)
    gone.cancel()
    if not answer.done():
        answer.cancel()
        raise ClientGone
    return answer.result()


async def _disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def _download(tg: FakeTelegram, request: Request) -> Response:
    if tg.latency:
        await asyncio.sleep(tg.latency)
    path = request.path_params["file_path"]
    with tg.state.lock:
        stored = tg.state.file_by_path(path)
    if stored is None or request.path_params["token"] != tg.token:
        return JSONResponse(ApiError(404, "Not Found").body(), status_code=404)
    tg.note(tg.downloads, path)
    return Response(stored.data, media_type=stored.mime or "application/octet-stream")


async def _answer(tg: FakeTelegram, call: Call) -> Any:
    """Spec check, then the gate, then the method; returns the call's `result`."""
    shape = tg.spec.method(call.method)
    if shape is None:
        tg.note(tg.violations, f"{call.method}: no such Bot API method")
        raise ApiError(404, "Not Found: method not found")
    call.method = shape.name
    check = tg.spec.check_call(shape.name, call.params)
    for name in check.unknown:
        tg.note(tg.warnings, f"{shape.name}: unknown parameter {name}")
    if not check.ok:
        for problem in check.problems():
            tg.note(tg.violations, f"{shape.name}: {problem}")
        raise ApiError(400, f"Bad Request: {check.problems()[0]}")
    handler = HANDLERS.get(shape.name)
    if handler is None:
        tg.note(tg.unsupported, shape.name)
        raise ApiError(400, f"Bad Request: the fake does not implement {shape.name}")
    _gate(tg, call)
    try:
        result = await handler(tg.state, call.params)
    except ApiError as error:
        tg.note(tg.rejections, f"{shape.name}: {error.description}")
        raise
    if tg.enforce_limits and shape.name in MESSAGE_METHODS:
        with tg.state.lock:
            tg.sent_times.append((time.monotonic(), chat_id_of(call.params) or 0))
    return result


def _gate(tg: FakeTelegram, call: Call) -> None:
    """Injected failures first, then a blocked chat, then Telegram's flood limits."""
    chat = chat_id_of(call.params)
    with tg.state.lock:
        queue = tg.failures.get(call.method.lower())
        if queue:
            error = queue.popleft()
            if error.status == 429 and error.parameters:
                wait = error.parameters["retry_after"]
                tg.rate_limited.append(RateLimited(call.method, chat, call.at, wait, "injected"))
            raise error
        if call.method in CHAT_METHODS:
            chat_of(tg.state, call.params)
            if chat in tg.blocked:
                raise ApiError(403, BLOCKED)
        if tg.enforce_limits and call.method in MESSAGE_METHODS and chat is not None:
            limit = _flood_limit(tg, call, chat, time.monotonic())
            if limit is not None:
                tg.rate_limited.append(limit)
                raise too_many_requests(limit.retry_after)


def _flood_limit(tg: FakeTelegram, call: Call, chat: int, now: float) -> RateLimited | None:
    """A 429 if this message would break a limit, or comes while an earlier 429 holds."""
    for earlier in tg.rate_limited:
        holds = now < earlier.until and earlier.reason != "injected"
        if holds and (earlier.chat_id == chat or earlier.reason == "global"):
            wait = max(1, math.ceil(earlier.until - now))
            return RateLimited(call.method, chat, call.at, wait, earlier.reason)
    sent = tg.sent_times
    while sent and sent[0][0] <= now - max(1.0, tg.chat_window):
        sent.popleft()
    in_second = [at for at, _ in sent if at > now - 1.0]
    if len(in_second) >= tg.messages_per_second:
        wait = max(1, math.ceil(in_second[0] + 1.0 - now))
        return RateLimited(call.method, chat, call.at, wait, "global")
    in_chat = [at for at, c in sent if c == chat and at > now - tg.chat_window]
    if len(in_chat) >= tg.chat_burst:
        wait = max(1, math.ceil(in_chat[0] + tg.chat_window - now))
        return RateLimited(call.method, chat, call.at, wait, "chat")
    return None


async def _read_params(request: Request) -> Params:
    """Query string plus a JSON, urlencoded or multipart body, as the real server accepts."""
    params: Params = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if request.method != "POST" or not content_type:
        return params
    if content_type.startswith("application/json"):
        body = await request.body()
        try:
            data = json.loads(body) if body.strip() else {}
        except json.JSONDecodeError as error:
            raise ValueError(f"can't parse JSON object: {error}") from error
        if not isinstance(data, dict):
            raise ValueError("JSON body is not an object")
        params.update(data)
        return params
    async with request.form(max_part_size=16 * 1024 * 1024) as form:
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                kind = value.content_type or "application/octet-stream"
                params[key] = Upload(value.filename or key, kind, await value.read())
            else:
                params[key] = value
    return params
