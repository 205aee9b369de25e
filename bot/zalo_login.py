"""`python -m bot zalo-oa-login`: the OA admin grants the app access (OAuth v4 + PKCE);
the first access and refresh tokens are stored in the database, where the OA channel
keeps rotating them."""

from __future__ import annotations

import argparse
import secrets
import sys
from urllib.parse import parse_qs, urlsplit

import httpx

from bot.app import App
from bot.channels.zalo_oa.tokens import (
    OATokens,
    OAuthConfig,
    SecretStore,
    TokenRefreshFailed,
    permission_url,
    pkce_pair,
)
from handlers.texts import Texts


def code_from(answer: str) -> str:
    """The code from the pasted callback address, or the code itself."""
    answer = answer.strip()
    if "code=" in answer:
        return parse_qs(urlsplit(answer).query).get("code", [""])[0]
    return answer


async def cmd_zalo_oa_login(app: App, args: argparse.Namespace, t: Texts) -> int:
    settings = app.settings
    if not settings.zalo_oa_configured or not settings.zalo_oa_redirect_uri:
        print(t.ZALO_LOGIN_NEEDS, file=sys.stderr)
        return 2
    secret = settings.zalo_oa_secret_key.get_secret_value() if settings.zalo_oa_secret_key else ""
    oauth = OAuthConfig(settings.zalo_oa_app_id.strip(), secret, settings.zalo_oa_oauth_base_url)
    verifier, challenge = pkce_pair()
    url = permission_url(oauth, settings.zalo_oa_redirect_uri, challenge, secrets.token_urlsafe(8))
    print(t.ZALO_LOGIN_OPEN.format(url=url))
    code = code_from(sys.stdin.readline())
    async with httpx.AsyncClient(timeout=30) as http:
        tokens = OATokens(oauth, http, SecretStore(app.sessionmaker))
        try:
            await tokens.exchange_code(code, verifier)
        except TokenRefreshFailed:
            print(t.ZALO_LOGIN_FAILED, file=sys.stderr)
            return 1
    print(t.ZALO_LOGIN_DONE)
    return 0
