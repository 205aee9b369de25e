"""The movement's public page of recognised exemplars (no sign-in), for the corporation's
portal, website and groups: names, units, models, score bands and the evidence the
committee marked as showcase; the showcase photos themselves. Both are the same for
every visitor (no session is read, nothing personal is on them), so caches and proxies
may keep them for a few minutes and revalidate by ETag."""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from bot.web import texts
from bot.web.context import SECURITY_HEADERS, Console, Ctx
from bot.web.nav import NavItem
from handlers.kit import errors as chat_errors
from handlers.kit import format as fmt
from storage.models import Role
from storage.services import publication, showcase

PAGE_MAX_AGE = 300  # seconds a cache may keep the page before revalidating
PHOTO_MAX_AGE = 600
NAV = [NavItem("exemplars", "/console/exemplars", frozenset(Role))]


def _cached(request: Request, response: Response, etag: str, max_age: int) -> Response:
    """Public caching by ETag: 304 when the visitor's copy is current."""
    tag = f'"{etag}"'
    headers = {"ETag": tag, "Cache-Control": f"public, max-age={max_age}"}
    if tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return response


async def page(request: Request) -> Response:
    console: Console = request.app.state.console
    wanted = request.query_params.get("lang")
    t = texts.for_language(wanted if wanted in texts.LANGUAGES else None,
                           console.config.default_language)  # fmt: skip
    async with console.sessionmaker() as db, db.begin():
        ctx = Ctx(request, console, db, None, t, console.clock())
        campaign = await publication.latest_campaign(db)
        items = await showcase.exemplars(db, campaign) if campaign else []
        response = ctx.render(
            "exemplars.html",
            campaign=campaign,
            items=items,
            subject=lambda kind, name: chat_errors.subject_label(ctx.chat, kind, name),
            day=fmt.day,
            public_page=True,
        )
    digest = hashlib.sha256(bytes(response.body)).hexdigest()[:32]
    return _cached(request, response, digest, PAGE_MAX_AGE)


async def photo(request: Request) -> Response:
    """A showcase photo of a standing recognition; anything else is 404 (the same answer
    whether the evidence does not exist or may not be shown)."""
    console: Console = request.app.state.console
    async with console.sessionmaker() as db:
        item = await showcase.public_photo(db, int(request.path_params["id"]))
    path = console.files.path_of(item.file_path) if item and item.file_path else None
    if item is None or path is None or not path.is_file():
        return Response(texts.Vi.NOT_FOUND_TITLE, status_code=404, headers=SECURITY_HEADERS)
    response = FileResponse(
        path,
        media_type=item.mime or "image/jpeg",
        content_disposition_type="inline",
        headers={"X-Content-Type-Options": "nosniff"},
    )
    return _cached(request, response, item.sha256 or str(item.id), PHOTO_MAX_AGE)


ROUTES = [
    Route("/exemplars", page, methods=["GET"]),
    Route("/exemplars/photo/{id:int}", photo, methods=["GET"]),
]
