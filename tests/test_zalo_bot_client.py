"""The Zalo Bot Platform client on `httpx.MockTransport`: the envelope whatever the HTTP
status, retries on network errors and 5xx, 429s waited out, idle 408s, no token in logs."""

from __future__ import annotations

import logging

import httpx
import pytest

from bot.channels.retry import Backoff, ServerError
from bot.channels.zalo_bot.api import ZaloBotClient, ZaloBotError, parse_envelope
from bot.channels.zalo_common import split_units
from handlers.io import RetryLater
from scheduler.pacing import Pacer

TOKEN = "777:very-secret-token"


def client_for(*answers: object) -> tuple[ZaloBotClient, list[httpx.Request]]:
    """A client whose server gives `answers` in turn (a response, or an exception)."""
    seen: list[httpx.Request] = []
    queue = list(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        assert isinstance(answer, httpx.Response)
        return answer

    async def no_sleep(_: float) -> None:
        return None

    http = httpx.AsyncClient(transport=httpx.MockTransport(handle))
    client = ZaloBotClient(
        TOKEN,
        "https://bot-api.example",
        http=http,
        pacer=Pacer(1000, 1000, 1000),
        backoff=Backoff(first_delay=0, sleep=no_sleep),
        rate_limit_wait=0.001,
        max_rate_limit_tries=3,
    )
    return client, seen


def envelope(status: int, **body: object) -> httpx.Response:
    return httpx.Response(status, json=body)


SENT = envelope(200, ok=True, result={"message_id": "82599fa32f56d00e8941", "date": 1})


def test_the_envelope_is_read_whatever_the_status() -> None:
    assert parse_envelope(envelope(200, ok=True, result={"a": 1})) == {"a": 1}
    with pytest.raises(ZaloBotError) as caught:
        parse_envelope(envelope(404, ok=False, error_code=404, description="Not Found"))
    assert caught.value.code == 404
    with pytest.raises(ZaloBotError) as caught:
        parse_envelope(envelope(200, ok=False, description="Bad Request"))
    assert caught.value.code == 200
    with pytest.raises(ServerError):
        parse_envelope(httpx.Response(502, text="<html>bad gateway</html>"))


async def test_network_errors_and_5xx_are_retried(caplog) -> None:
    caplog.set_level(logging.DEBUG)
    client, seen = client_for(
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        envelope(500, ok=False, error_code=500, description="Internal"),
        SENT,
    )
    assert await client.send_message("u1", "Xin chào") == "82599fa32f56d00e8941"
    assert len(seen) == 4
    assert seen[-1].url.path == f"/bot{TOKEN}/sendMessage"
    assert "very-secret-token" not in caplog.text


async def test_a_429_is_waited_out_then_given_up_as_retry_later() -> None:
    too_many = envelope(429, ok=False, error_code=429, description="Too Many Requests")
    client, seen = client_for(too_many, SENT)
    assert await client.send_message("u1", "a") == "82599fa32f56d00e8941"
    client, seen = client_for(too_many, too_many, too_many)
    with pytest.raises(RetryLater):
        await client.send_message("u1", "a")
    assert len(seen) == 3


async def test_client_errors_are_not_retried() -> None:
    client, seen = client_for(envelope(401, ok=False, error_code=401, description="Unauthorized"))
    with pytest.raises(ZaloBotError) as caught:
        await client.get_me()
    assert caught.value.code == 401 and len(seen) == 1
    assert TOKEN not in str(caught.value)


async def test_an_idle_poll_gives_none() -> None:
    idle = envelope(408, ok=False, error_code=408, description="Request timeout")
    update = {"event_name": "message.text.received", "message": {"message_id": "x"}}
    client, seen = client_for(idle, envelope(200, ok=True, result=update))
    assert await client.get_updates(30) is None
    assert await client.get_updates(30) == update
    assert seen[0].read() == b'{"timeout":"30"}'


def test_texts_are_cut_in_utf16_units() -> None:
    text = "😀" * 1500  # 3,000 units
    pieces = split_units(text, 2000)
    assert all(len(p.encode("utf-16-le")) // 2 <= 2000 for p in pieces)
    assert "".join(pieces) == text
