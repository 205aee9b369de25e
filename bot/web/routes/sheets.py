"""Admins: the printable invite sheet of a unit (PDF). Making it issues fresh invite codes
through the same service as `python -m bot invite` (older codes stop working), audited;
so it is a POST with the CSRF token, never a link a crawler could follow."""

from __future__ import annotations

import asyncio

from starlette.responses import Response
from starlette.routing import Route

from bot.web import pdf
from bot.web.botname import BotName
from bot.web.context import Ctx, page
from bot.web.downloads import attachment
from bot.web.nav import NavItem
from bot.web.pdf.invites import invite_sheet
from storage.models import Role
from storage.services import invite_sheets

ADMINS = frozenset({Role.ADMIN})
NAV = [NavItem("sheets", "/console/sheets", ADMINS)]


@page(roles=ADMINS)
async def units(ctx: Ctx) -> Response:
    rows = await invite_sheets.units_for_sheets(ctx.db, ctx.me)
    return ctx.render("sheets.html", rows=rows)


@page(roles=ADMINS)
async def download(ctx: Ctx) -> Response:
    unit_id = ctx.path_int()
    names: BotName = ctx.request.app.state.bot_name
    bot_username = await names.get()
    if bot_username is None:
        return ctx.render("forbidden.html", 503, message=ctx.t.SHEETS_NO_BOT)
    config = ctx.console.config
    sheet = await invite_sheets.issue_sheet(
        ctx.db,
        ctx.me,
        unit_id,
        ttl_days=config.invite_ttl_days,
        now=ctx.now,
        secret=config.invite_secret,
    )
    day = ctx.console.local_time
    # ~10 ms a person: drawn in a worker thread, the event loop keeps serving
    data = await asyncio.to_thread(
        invite_sheet,
        sheet,
        bot_username,
        ctx.t,
        issued=day(ctx.now, "%d/%m/%Y"),
        expires=day(sheet.expires, "%d/%m/%Y"),
    )
    name = f"phieu-moi-{sheet.unit.code}.pdf"
    return attachment(data, pdf.PDF, name)


ROUTES = [
    Route("/sheets", units, methods=["GET"]),
    Route("/sheets/{id:int}.pdf", download, methods=["POST"]),
]
