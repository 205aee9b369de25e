"""Everyone with a session: their own entries and progress (as `/tiendo`), the published
results that reached them (as `/ketqua`) and the leaderboard (as `/bangxephang`)."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from bot.web.context import Ctx, page
from bot.web.nav import NavItem
from handlers.kit import errors as chat_errors
from handlers.kit import format as fmt
from storage.models import Role
from storage.services import progress, publication, standings

EVERYONE = frozenset(Role)
NAV = [NavItem("mine", "/console/me/", EVERYONE)]


@page()
async def mine(ctx: Ctx) -> Response:
    entries = await progress.progress_of(ctx.db, ctx.me)
    campaign = await publication.latest_campaign(ctx.db)
    results, by_unit, by_model = [], [], []
    if campaign is not None:
        results = await standings.public_results(ctx.db, ctx.me, campaign)
        by_unit, by_model = await standings.leaderboard(ctx.db, campaign)
    return ctx.render(
        "mine.html",
        entries=entries,
        campaign=campaign,
        results=results,
        by_unit=by_unit,
        by_model=by_model,
        chat=ctx.chat,
        subject=lambda kind, name: chat_errors.subject_label(ctx.chat, kind, name),
        day=fmt.day,
    )


ROUTES = [Route("/me/", mine, methods=["GET"])]
