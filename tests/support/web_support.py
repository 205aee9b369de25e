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
from tests.support.helpers import linked

BASE = "https://console.example.vn"
BOT_TOKEN = "123456:console-test-token"
LINK = re.compile(r"https://console\.example\.vn(/console/login/[A-Za-z0-9_-]+)")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}


@pytest.fixture
def deps(files_dir: Path) -> Deps:
    """The chat's deps with the console switched on (so `/web` answers with a link)."""
    return Deps.for_dir(files_dir, max_bytes=20 * 1024 * 1024, allowed=ALLOWED, web_base_url=BASE)


@pytest.fixture
def web_config(files_dir: Path) -> WebConfig:
    return WebConfig(base_url=BASE, bot_token=BOT_TOKEN, files_dir=files_dir)


@pytest.fixture
def web_asgi(sessionmaker: SessionMaker, web_config: WebConfig, clock: FakeClock) -> Starlette:
    return Starlette(routes=[Mount("/console", console_app(sessionmaker, web_config, clock))])


@pytest.fixture
def client_for(web_asgi: Starlette) -> Callable[[], httpx.AsyncClient]:
    """A fresh client (its own cookie jar) each call."""

    def make() -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=web_asgi), base_url=BASE)

    return make


@pytest.fixture
async def client(client_for: Callable[[], httpx.AsyncClient]) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for() as client:
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


async def browser_sign_in(
    browser, server: str, chat: MemoryChat, *, viewport=PHONE, greeting: str | None = None
):
    """A new browser context signed in the way a person does: `/web` in chat, the link
    opened, «Đăng nhập» pressed; waits for «Xin chào, <greeting>» when given.
    Returns the context (its cookies carry the session) and the page."""
    context = await browser.new_context(viewport=viewport, locale="vi-VN")
    page = await context.new_page()
    await page.goto(server + await link_from_chat(chat))
    await page.get_by_role("button", name="Đăng nhập").click()
    if greeting is not None:
        await page.get_by_role("heading", name=f"Xin chào, {greeting}").wait_for()
    return context, page


async def same_session_page(browser, signed_in, url: str, *, viewport=DESKTOP):
    """A page on another screen size sharing the signed-in context's session, opened at url."""
    other = await browser.new_context(viewport=viewport, locale="vi-VN")
    await other.add_cookies(await signed_in.cookies())
    page = await other.new_page()
    await page.goto(url)
    return page


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


async def evidenced_entry(
    sessionmaker: SessionMaker,
    clock: FakeClock,
    deps: Deps,
    *,
    code: str = "HNI0008",
    approver: str = "HNI0005",
    photo: bytes = b"",
) -> tuple[int, dict[str, int]]:
    """An approved M1 entry of `code` (M1.01, M1.03) with a photo and a PDF for M1.01, a
    Word file and a note for M1.03, all waiting to be checked."""
    from sqlmodel import select

    from storage.models import Criterion, EvidenceKind
    from storage.services import evidence, people
    from tests.support import review_setup
    from tests.support.samples import DOCX, JPEG, PDF

    entry_id = await review_setup.entry(sessionmaker, clock, code, "M1", ["M1.01", "M1.03"])
    await review_setup.approve(sessionmaker, clock, entry_id, approver)
    ids: dict[str, int] = {}
    async with sessionmaker() as session, session.begin():
        actor = await people.find_by_code(session, code)
        assert actor is not None
        crit = {c.code: c.id for c in (await session.exec(select(Criterion))).all() if c.code}
        files = [
            ("photo", "M1.01", EvidenceKind.PHOTO, photo or JPEG, "image/jpeg", "hop-to.jpg"),
            ("pdf", "M1.01", EvidenceKind.DOCUMENT, PDF, "application/pdf", "bien-ban.pdf"),
            (
                "docx",
                "M1.03",
                EvidenceKind.DOCUMENT,
                DOCX,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "ke-hoach.docx",
            ),
        ]
        for key, criterion, kind, data, mime, name in files:
            item = await evidence.add_file(
                session,
                deps.files,
                deps.limits,
                actor=actor,
                registration_id=entry_id,
                criterion_id=crit[criterion],
                kind=kind,
                data=data,
                mime=mime,
                name=name,
                channel="memory",
                channel_file_id=None,
                caption=f"Minh chứng {key}",
                now=clock(),
            )
            ids[key] = item.id or 0
        note = await evidence.add_note(
            session,
            actor=actor,
            registration_id=entry_id,
            criterion_id=crit["M1.03"],
            text="Đã tổ chức 3 buổi tuyên truyền",
            channel="memory",
            now=clock(),
        )
        ids["note"] = note.id or 0
    return entry_id, ids


__all__ = ["client", "client_for", "deps", "web_asgi", "web_config"]  # the fixtures
