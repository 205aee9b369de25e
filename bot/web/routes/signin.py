"""Signing in and out: the home page (or the sign-in page), the Telegram Mini App's
initData, the one-time links from `/web`, sign-out."""

from __future__ import annotations

import logging

from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.web import initdata
from bot.web.context import Ctx, clear_session_cookie, page, public, set_session_cookie
from bot.web.nav import NavItem, visible
from storage.errors import DomainError, PermissionDenied
from storage.models import ChatAccount, Person
from storage.services import web_sessions

logger = logging.getLogger(__name__)
NAV: list[NavItem] = []


@public
async def home(ctx: Ctx) -> Response:
    """The viewer's links by role, or the sign-in page (which signs in a Mini App)."""
    if ctx.viewer is None:
        expired = ctx.request.query_params.get("expired") == "1"
        out = ctx.request.query_params.get("out") == "1"
        return ctx.render("signin.html", expired=expired, out=out)
    items = visible(ctx.request.app.state.nav, ctx.roles)
    return ctx.render("home.html", items=items)


async def _begin(ctx: Ctx, person: Person, account: ChatAccount, via: str) -> str:
    secret, _ = await web_sessions.start(ctx.db, person, account, via=via, now=ctx.now)
    return secret


@public
async def telegram(ctx: Ctx) -> Response:
    """POST initData from the Mini App: a session for the linked Telegram account."""
    config = ctx.console.config
    raw = ctx.field("init_data")
    if not config.bot_token:
        return JSONResponse({"ok": False, "message": ctx.t.SIGN_IN_REFUSED}, status_code=403)
    try:
        user = initdata.validate(
            raw, config.bot_token, now=ctx.now, max_age=config.init_data_max_age
        )
    except initdata.InitDataError as exc:
        logger.info("Mini App sign-in refused: %s", exc)
        return JSONResponse({"ok": False, "message": ctx.t.SIGN_IN_REFUSED}, status_code=403)
    try:
        person, account = await web_sessions.account_of(ctx.db, "telegram", str(user.id))
    except PermissionDenied:
        return JSONResponse({"ok": False, "message": ctx.t.SIGN_IN_NOT_LINKED}, status_code=403)
    secret = await _begin(ctx, person, account, "telegram")
    response = JSONResponse({"ok": True, "next": "/console/"})
    set_session_cookie(response, ctx.console, secret)
    return response


@public
async def link(ctx: Ctx) -> Response:
    """GET shows a button, POST uses the link: a link preview never spends it."""
    token = ctx.request.path_params["token"]
    if ctx.request.method == "GET":
        return ctx.render("link.html", token=token)
    try:
        person, account = await web_sessions.redeem_link(ctx.db, token, now=ctx.now)
    except PermissionDenied:
        return ctx.render("signin.html", 403, error=ctx.t.SIGN_IN_NOT_LINKED)
    except DomainError:
        return ctx.render("signin.html", 403, error=ctx.t.LINK_UNUSABLE)
    secret = await _begin(ctx, person, account, "link")
    response = ctx.redirect("/console/")
    set_session_cookie(response, ctx.console, secret)
    return response


@page()
async def sign_out(ctx: Ctx) -> Response:
    assert ctx.viewer is not None
    await web_sessions.end(ctx.db, ctx.viewer, now=ctx.now)
    response = ctx.redirect("/console/", out="1")
    clear_session_cookie(response, ctx.console)
    return response


ROUTES = [
    Route("/", home, methods=["GET"]),
    Route("/auth/telegram", telegram, methods=["POST"]),
    Route("/login/{token}", link, methods=["GET", "POST"]),
    Route("/logout", sign_out, methods=["POST"]),
]
