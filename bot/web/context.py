"""What every console page shares: the configuration, the signed-in viewer, the texts,
CSRF checks and the 403 page. A route is an async function of a `Ctx`, wrapped by `page`
(signed-in pages) or `public` (sign-in pages)."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.web import texts
from handlers.kit import errors
from handlers.texts import for_language as chat_texts
from storage.db import SessionMaker
from storage.errors import DomainError, NotFound, PermissionDenied
from storage.files import FileStore
from storage.models import OrgUnit, Role
from storage.services import org, web_sessions
from storage.services.web_sessions import SessionPolicy, Viewer
from storage.types import utcnow

logger = logging.getLogger(__name__)
COOKIE = "dvk_console"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
TEMPLATES = Path(__file__).resolve().parent / "templates"
Handler = Callable[["Ctx"], Awaitable[Response]]


@dataclass(frozen=True)
class WebConfig:
    """The console's settings, taken from `bot.settings.Settings`."""

    base_url: str = ""
    bot_token: str | None = None
    init_data_max_age: timedelta = timedelta(days=1)
    policy: SessionPolicy = field(default_factory=SessionPolicy)
    default_language: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    files_dir: Path = Path("data/files")
    # invite sheets: t.me/<bot_username>?start=<code> (getMe with the token when unset)
    bot_username: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    invite_ttl_days: int = 14
    invite_secret: str | None = None

    @property
    def secure(self) -> bool:
        return self.base_url.startswith("https://")


class Console:
    """The shared state of the console app (on `app.state.console`)."""

    def __init__(
        self,
        sessionmaker: SessionMaker,
        config: WebConfig,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.config = config
        self.clock = clock
        self.files = FileStore(config.files_dir)
        self.zone = ZoneInfo(config.timezone)
        self.templates = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["local"] = self.local_time
        self.templates.filters["points"] = points
        self.templates.globals["points"] = points

    def local_time(self, moment: datetime | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
        return moment.astimezone(self.zone).strftime(fmt) if moment else ""

    def language(self, request: Request, viewer: Viewer | None) -> str:
        wanted = request.query_params.get("lang")
        if wanted in texts.LANGUAGES:
            return wanted
        if viewer is not None:
            return viewer.session.language or viewer.account.language or "vi"
        return self.config.default_language


def points(value: float | None) -> str:
    """A score as people write it here: "7", "7,5"; a dash for none."""
    if value is None:
        return "—"
    return f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class Who:
    """The signed-in person as the page header shows them, read once (so a refusal that
    rolls the transaction back can still show it)."""

    name: str
    unit: str
    csrf: str


@dataclass
class Ctx:
    """One request to a console page."""

    request: Request
    console: Console
    db: AsyncSession
    viewer: Viewer | None
    t: texts.Texts
    now: datetime
    roles: frozenset[Role] = frozenset()
    who: Who | None = None
    form: FormData | None = None

    @property
    def me(self) -> Any:
        assert self.viewer is not None
        return self.viewer.person

    @property
    def teller(self) -> dict[str, Any]:
        """What `handlers.outbound` needs to tell others in the viewer's name: who acts,
        when, and the language of those who chose none."""
        return {
            "actor_id": self.me.id,
            "now": self.now,
            "default_language": self.console.config.default_language,
        }

    @property
    def chat(self) -> Any:
        """The chat's catalogue in the same language (domain words, refusals)."""
        return chat_texts(self.t.LANG, self.console.config.default_language)

    @property
    def is_htmx(self) -> bool:
        return self.request.headers.get("hx-request") == "true"

    def describe(self, error: DomainError) -> str:
        return errors.describe(error, self.chat)

    def render(self, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
        body = self.console.templates.get_template(template).render(
            t=self.t,
            ctx=self,
            who=self.who,
            csrf=self.who.csrf if self.who else "",
            lang=self.t.LANG,
            **values,
        )
        return HTMLResponse(body, status_code=status_code, headers=SECURITY_HEADERS)

    def forbidden(self, message: str | None = None) -> HTMLResponse:
        return self.render("forbidden.html", 403, message=message or self.t.FORBIDDEN)

    def redirect(self, path: str, **query: Any) -> Response:
        """303 to a console path; for HTMX, the same through its HX-Redirect header."""
        wanted = {k: v for k, v in query.items() if v not in (None, "")}
        url = path + ("?" + urlencode(wanted) if wanted else "")
        if self.is_htmx:
            return Response(status_code=204, headers={"HX-Redirect": url})
        return RedirectResponse(url, status_code=303)

    def field(self, name: str) -> str:
        """A field of the posted form, "" when it was not sent."""
        assert self.form is not None
        return str(self.form.get(name) or "")

    def path_int(self, name: str = "id") -> int:
        """A whole number in the page's path (its route matched it as `{name:int}`)."""
        return int(self.request.path_params[name])

    def query_int(self, name: str) -> int | None:
        raw = self.request.query_params.get(name, "")
        return int(raw) if raw.isdigit() else None


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'self'; frame-src 'self'; "
        "script-src 'self'; style-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'self' https://web.telegram.org"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def set_session_cookie(response: Response, console: Console, secret: str) -> None:
    policy = console.config.policy
    response.set_cookie(
        COOKIE,
        secret,
        max_age=int(policy.absolute.total_seconds()),
        path="/console",
        httponly=True,
        samesite="lax",
        secure=console.config.secure,
    )


def clear_session_cookie(response: Response, console: Console) -> None:
    response.delete_cookie(
        COOKIE, path="/console", httponly=True, samesite="lax", secure=console.config.secure
    )


async def csrf_ok(ctx: Ctx) -> bool:
    """The session's token, from the form field or HTMX's header, compared in constant time."""
    assert ctx.viewer is not None and ctx.form is not None
    given = ctx.request.headers.get(CSRF_HEADER) or str(ctx.form.get(CSRF_FIELD) or "")
    return hmac.compare_digest(given.encode(), ctx.viewer.session.csrf_token.encode())


def page(
    *, roles: Iterable[Role] = (), max_body: int | None = None
) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """A signed-in page: the viewer is resumed from the cookie (or sent to sign in), POSTs
    need the CSRF token, and when `roles` are given the viewer must hold one of them.
    A service's refusal becomes the 403 page, its transaction rolled back. A POST whose
    declared size passes `max_body` bytes (an upload) is refused before it is read."""
    wanted = frozenset(roles)

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            console: Console = request.app.state.console
            t: texts.Texts = texts.for_language(console.language(request, None))
            ctx: Ctx | None = None
            try:
                async with console.sessionmaker() as db, db.begin():
                    ctx = await _signed_in(request, console, db)
                    t = ctx.t
                    if ctx.viewer is None:
                        return _sign_in_first(ctx)
                    if request.method == "POST":
                        if max_body is not None and _declared_size(request) > max_body:
                            message = t.UPLOAD_TOO_LARGE.format(limit_mb=max_body // 2**20)
                            return ctx.render(
                                "forbidden.html", 413, message=message, title=t.BAD_INPUT
                            )
                        ctx.form = await request.form()
                        if not await csrf_ok(ctx):
                            return ctx.forbidden(t.CSRF_FAILED)
                    if wanted and not (ctx.roles & wanted):
                        return ctx.forbidden()
                    return await handler(ctx)
            except (PermissionDenied, NotFound) as exc:
                logger.info("console refused %s %s: %s", request.method, request.url.path, exc)
                return _refused(request, console, ctx, t)
            except DomainError as exc:  # bad input a page did not expect: 400, rolled back
                logger.info("console bad input %s %s: %s", request.method, request.url.path, exc)
                if ctx is None:
                    return _refused(request, console, ctx, t)
                message = ctx.describe(exc)
                return ctx.render("forbidden.html", 400, message=message, title=t.BAD_INPUT)

        endpoint.__name__ = handler.__name__
        return endpoint

    return wrap


def _declared_size(request: Request) -> int:
    declared = request.headers.get("content-length", "")
    return int(declared) if declared.isdigit() else 0


def public(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """A page open without a session (signing in); the viewer is set when there is one."""

    async def endpoint(request: Request) -> Response:
        console: Console = request.app.state.console
        async with console.sessionmaker() as db, db.begin():
            ctx = await _signed_in(request, console, db)
            if request.method == "POST":
                ctx.form = await request.form()
            return await handler(ctx)

    endpoint.__name__ = handler.__name__
    return endpoint


async def _signed_in(request: Request, console: Console, db: AsyncSession) -> Ctx:
    now = console.clock()
    secret = request.cookies.get(COOKIE)
    viewer = None
    if secret:
        viewer = await web_sessions.resume(db, secret, now=now, policy=console.config.policy)
    language = console.language(request, viewer)
    if viewer is not None and request.query_params.get("lang") in texts.LANGUAGES:
        viewer.session.language = language
    ctx = Ctx(request, console, db, viewer, texts.for_language(language), now)
    if viewer is not None:
        ctx.roles = frozenset(await org.roles_of(db, viewer.person))
        unit = await db.get(OrgUnit, viewer.person.unit_id)
        ctx.who = Who(viewer.person.full_name, unit.name if unit else "", viewer.session.csrf_token)
    return ctx


def _sign_in_first(ctx: Ctx) -> Response:
    """No (live) session: back to the sign-in page, saying why when a cookie was sent."""
    expired = "1" if ctx.request.cookies.get(COOKIE) else None
    if ctx.request.method == "GET" and not ctx.is_htmx:
        response = ctx.redirect(
            "/console/", expired=expired, lang=ctx.request.query_params.get("lang")
        )
    else:
        response = ctx.render("forbidden.html", 401, message=ctx.t.SESSION_ENDED)
    if expired:
        clear_session_cookie(response, ctx.console)
    return response


def _refused(request: Request, console: Console, ctx: Ctx | None, t: texts.Texts) -> Response:
    """The 403 page after a rollback (the viewer as it was read, for the header)."""
    if ctx is None:
        body = console.templates.get_template("forbidden.html").render(
            t=t, ctx=None, who=None, csrf="", lang=t.LANG, message=t.FORBIDDEN
        )
        return HTMLResponse(body, status_code=403, headers=SECURITY_HEADERS)
    return ctx.forbidden()
