"""The console over httpx: the app mounted at /console as on the real server, https so
the Secure cookie is sent, and signing in the way a person does (`/web` in chat)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from bot.web import initdata
from bot.web.app import console_app
from bot.web.context import WebConfig
from handlers.core import Deps
from storage.db import SessionMaker
from tests.conftest import ALLOWED
from tests.fakes.clock import FakeClock
from tests.fakes.memory import MemoryChat
from tests.helpers import linked

BASE = "https://console.example.vn"
BOT_TOKEN = "123456:console-test-token"
LINK = re.compile(r"https://console\.example\.vn(/console/login/[A-Za-z0-9_-]+)")


@pytest.fixture
def deps(files_dir: Path) -> Deps:
    """The chat's deps with the console switched on (so `/web` answers with a link)."""
    return Deps.for_dir(
        files_dir, max_bytes=20 * 1024 * 1024, allowed=ALLOWED, web_base_url=BASE
    )


@pytest.fixture
def web_config(files_dir: Path) -> WebConfig:
    return WebConfig(base_url=BASE, bot_token=BOT_TOKEN, files_dir=files_dir)


@pytest.fixture
def web_asgi(sessionmaker: SessionMaker, web_config: WebConfig, clock: FakeClock) -> Starlette:
    return Starlette(routes=[Mount("/console", console_app(sessionmaker, web_config, clock))])


@pytest.fixture
def browser_for(web_asgi: Starlette) -> Callable[[], httpx.AsyncClient]:
    """A fresh browser (its own cookie jar) each call."""

    def make() -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=web_asgi), base_url=BASE)

    return make


@pytest.fixture
async def browser(browser_for: Callable[[], httpx.AsyncClient]) -> AsyncIterator[httpx.AsyncClient]:
    async with browser_for() as client:
        yield client


async def link_from_chat(chat: MemoryChat) -> str:
    """`/web` in chat, and the path of the link it answers with."""
    replies = await chat.send("/web")
    found = LINK.search(replies[-1].text)
    assert found, replies[-1].text
    return found.group(1)


async def sign_in(
    client: httpx.AsyncClient,
    chat_for: Callable[..., MemoryChat],
    sessionmaker: SessionMaker,
    clock: FakeClock,
    code: str,
) -> MemoryChat:
    """Link a chat for `code`, ask `/web`, follow the link: the client is signed in."""
    chat = await linked(chat_for, sessionmaker, clock, code)
    path = await link_from_chat(chat)
    assert (await client.get(path)).status_code == 200
    answer = await client.post(path)
    assert answer.status_code == 303 and answer.headers["location"] == "/console/", answer.text
    return chat


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def init_data(
    user_id: int, *, token: str = BOT_TOKEN, auth_date: int | None = None, **extra: str
) -> str:
    """initData as Telegram signs it for a Mini App opened by `user_id`."""
    fields = {
        "query_id": "AAH-test",
        "user": json.dumps({"id": user_id, "first_name": "Hà", "language_code": "vi"}),
        "auth_date": str(auth_date if auth_date is not None else int(time.time())),
        **extra,
    }
    fields["hash"] = initdata.sign(fields, token)
    return urlencode(fields)
