"""Zalo OA tokens: an expired access token is refreshed in the middle of a conversation
with no message lost; the rotated refresh token is stored before the new access token is
used; a failed refresh is loud and keeps the stored token; PKCE login."""

from __future__ import annotations

import logging
from datetime import datetime

import httpx
import pytest

from bot.channels.webhooks import WebhookServer
from bot.channels.zalo_oa.channel import ZaloOAChannel
from bot.channels.zalo_oa.tokens import (
    OATokens,
    OAuthConfig,
    SecretStore,
    TokenRefreshFailed,
    permission_url,
    pkce_pair,
)
from handlers.io import Reply
from handlers.texts import Vi
from tests.fakes.zalo_oa_server import FakeZaloOAServer
from tests.support.zalo_helpers import running
from tests.support.zalo_oa_helpers import (
    APP_ID,
    APP_SECRET,
    OA_USER,
    OAPerson,
    oa_config,
    serve_oa_fake,
)

REFRESH_NAME = f"zalo_oa:{APP_ID}:refresh_token"


@pytest.fixture
def fake():
    yield from serve_oa_fake()


class WatchedStore(SecretStore):
    """The database store, noting how many API calls the fake had seen at each write."""

    def __init__(self, sessionmaker, fake: FakeZaloOAServer) -> None:
        super().__init__(sessionmaker)
        self.fake = fake
        self.writes: list[tuple[int, dict[str, str]]] = []

    async def put(self, values: dict[str, tuple[str, datetime | None]], now: datetime) -> None:
        await super().put(values, now)
        self.writes.append((len(self.fake.calls()), {k: v for k, (v, _) in values.items()}))


async def test_expired_token_is_refreshed_mid_conversation_and_stored_before_use(
    demo, router, clock, fake, sessionmaker, caplog
) -> None:
    store = WatchedStore(sessionmaker, fake)
    server = WebhookServer("127.0.0.1", 0)
    channel = ZaloOAChannel(router, oa_config(fake), clock=clock, store=store)
    async with running(channel, server):
        fake.webhook_url = f"http://127.0.0.1:{server.port}/zalo/oa"
        person = OAPerson(fake, channel)
        assert Vi.PRIVACY_NOTICE in await person.say("/start")
        fake.expire_access_tokens()  # Zalo revokes the token early: -216
        assert Vi.ASK_INVITE_OR_PHONE in await person.tap("Tôi đồng ý")
        assert len(person.seen) == 2  # the text and the phone card: nothing lost
    first, second = store.writes
    new_access = second[1][f"zalo_oa:{APP_ID}:access_token"]
    new_refresh = second[1][REFRESH_NAME]
    calls = fake.calls()
    refused = [
        i
        for i, c in enumerate(calls)
        if c.access_token == first[1][f"zalo_oa:{APP_ID}:access_token"]
    ]
    used = [i for i, c in enumerate(calls) if c.access_token == new_access]
    assert fake.token_requests()[-1] < second[0] <= used[0]  # stored, then used
    assert refused[-1] < fake.token_requests()[-1]
    assert fake.state.refresh[new_refresh] is False  # the newest, still unused
    stored = await SecretStore(sessionmaker).get(REFRESH_NAME)
    assert stored is not None and stored[0] == new_refresh
    assert "refreshing" in caplog.text and new_refresh not in caplog.text


async def test_a_failed_refresh_is_loud_and_keeps_the_stored_token(
    router, fake, sessionmaker, clock, caplog
) -> None:
    config = oa_config(fake)
    http = httpx.AsyncClient()
    oauth = OAuthConfig(APP_ID, APP_SECRET, fake.url, config.refresh_token)
    tokens = OATokens(oauth, http, SecretStore(sessionmaker), clock=clock)
    await tokens.access_token()
    kept = await SecretStore(sessionmaker).get(REFRESH_NAME)
    fake.fail_next("/v4/oa/access_token", -14014, 502, 502, 502, 502)
    for _ in range(2):  # a refused grant, then a server that keeps failing
        with pytest.raises(TokenRefreshFailed):
            await tokens.refresh(stale=tokens._access or "")
    assert await SecretStore(sessionmaker).get(REFRESH_NAME) == kept
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("error -14014" in e for e in errors) and any("ServerError" in e for e in errors)
    assert kept is not None and kept[0] not in caplog.text
    assert await tokens.refresh(stale=tokens._access or "")  # the kept token still works
    await http.aclose()


async def test_sends_without_any_token_fail_as_delivery_errors(router, fake, clock, caplog):
    channel = ZaloOAChannel(router, oa_config(fake, refresh_token=""), clock=clock)
    with pytest.raises(TokenRefreshFailed):
        await channel.tokens.access_token()
    await channel.deliver(OA_USER, [Reply("x")])  # logged, not raised
    assert "zalo-oa-login" in caplog.text
    await channel.close()


async def test_pkce_login_gets_and_stores_the_first_tokens(fake, sessionmaker, clock) -> None:
    oauth = OAuthConfig(APP_ID, APP_SECRET, fake.url)
    verifier, challenge = pkce_pair()
    url = permission_url(oauth, "https://dvk.example.vn/zalo/callback", challenge, "st4te")
    assert url.startswith(f"{fake.url}/v4/oa/permission?app_id={APP_ID}&redirect_uri=https")
    code = fake.authorize(challenge)
    async with httpx.AsyncClient() as http:
        tokens = OATokens(oauth, http, SecretStore(sessionmaker), clock=clock)
        with pytest.raises(TokenRefreshFailed):
            await tokens.exchange_code(code, "a-wrong-verifier")
        code = fake.authorize(challenge)
        await tokens.exchange_code(code, verifier)
    stored = await SecretStore(sessionmaker).get(REFRESH_NAME)
    assert stored is not None and fake.state.refresh[stored[0]] is False


async def test_the_login_command_walks_the_admin_through_pkce(
    fake, engine, database_url, sessionmaker, capsys, monkeypatch
) -> None:
    import argparse
    from urllib.parse import parse_qs, urlsplit

    from bot.app import build_app
    from bot.settings import Settings
    from bot.zalo_login import cmd_zalo_oa_login
    from handlers.texts import Vi

    settings = Settings(
        _env_file=None,
        database_url=database_url,
        zalo_oa_app_id=APP_ID,
        zalo_oa_secret_key=APP_SECRET,
        zalo_oa_oauth_base_url=fake.url,
        zalo_oa_redirect_uri="https://dvk.example.vn/zalo/callback",
    )

    class Admin:
        """Reads the printed address, presses «Cho phép», pastes where Zalo sent them."""

        def readline(self) -> str:
            printed = capsys.readouterr().out
            url = next(w for w in printed.split() if "/v4/oa/permission?" in w)
            challenge = parse_qs(urlsplit(url).query)["code_challenge"][0]
            return f"https://dvk.example.vn/zalo/callback?code={fake.authorize(challenge)}&x=1\n"

    monkeypatch.setattr("sys.stdin", Admin())
    app = await build_app(settings, engine=engine)
    assert await cmd_zalo_oa_login(app, argparse.Namespace(), Vi) == 0
    assert Vi.ZALO_LOGIN_DONE in capsys.readouterr().out
    stored = await SecretStore(sessionmaker).get(REFRESH_NAME)
    assert stored is not None and fake.state.refresh[stored[0]] is False
