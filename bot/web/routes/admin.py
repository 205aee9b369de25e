"""Admins: the roster, units and campaign uploads with a preview of every bad row before
anything is written, then the apply; the broadcast composer with a preview of the audience
and live progress; the audit log of one object as a timeline. The same services as the
CLI's importers and `/thongbao`, the same admin checks; no scoring, no ballots here."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select
from starlette.datastructures import UploadFile
from starlette.responses import Response
from starlette.routing import Route

from bot.web.context import Ctx, page
from bot.web.nav import NavItem
from bot.web.uploads import PendingUploads
from handlers.outbound.announcements import broadcast_text
from storage import audit
from storage.errors import NotFound, PermissionDenied
from storage.importers.common import RowError
from storage.models import (
    Announcement,
    AnnouncementStatus,
    AuditLog,
    OrgUnit,
    Person,
    Registration,
    Role,
)
from storage.services import broadcasts, campaigns, imports, org, outbox
from storage.services.reach import reachable
from storage.text import clean_text

ADMIN = frozenset({Role.ADMIN})
NAV = [NavItem("admin", "/console/admin/", ADMIN)]
MAX_UPLOAD = 10 * 2**20  # a roster of 40,000 people is about 3 MB of xlsx
MAX_TEXT = 3000  # as `/thongbao`
PROGRESS_EVERY = 3  # seconds between two refreshes of a broadcast's progress
RECENT = 10
AUDIT_ROWS = 500
UNIT_DEPTH = 2  # the composer offers the admin's units and two levels below
# never shown on the timeline: scores (admins do not see them), chat identifiers
HIDDEN_DETAILS = frozenset({"score", "scores", "choice", "chat_id", "phone", "external_user_id"})
FINISHED = (AnnouncementStatus.DONE, AnnouncementStatus.CANCELLED)


def _uploads(ctx: Ctx) -> PendingUploads:
    return PendingUploads(ctx.console.config.files_dir / "console-uploads")


async def _scopes(ctx: Ctx) -> list[OrgUnit]:
    scopes = await broadcasts.admin_scopes(ctx.db, ctx.me)
    if not scopes:
        raise PermissionDenied("not_admin")
    return scopes


def _kinds(scopes: list[OrgUnit]) -> list[str]:
    """The uploads this admin may make (units and campaign: the corporation's admins)."""
    corporation = any(unit.parent_id is None for unit in scopes)
    return [kind for kind in imports.KINDS if kind == "roster" or corporation]


@page(roles=ADMIN)
async def home(ctx: Ctx) -> Response:
    return await _home(ctx)


async def _home(ctx: Ctx, *, error: str = "", status: int = 200, **values: Any) -> Response:
    scopes = await _scopes(ctx)
    recent = (
        await ctx.db.exec(
            select(Announcement)
            .where(Announcement.created_by_id == ctx.me.id)
            .order_by(col(Announcement.id).desc())
            .limit(RECENT)
        )
    ).all()
    return ctx.render(
        "admin/home.html",
        status,
        kinds=_kinds(scopes),
        suffixes=imports.SUFFIXES,
        limit_mb=MAX_UPLOAD // 2**20,
        recent=recent,
        audit_types=ctx.t.AUDIT_TYPES,
        error=error,
        **values,
    )


# -- uploads ------------------------------------------------------------------------------


def row_message(error: RowError, chat: Any) -> str:
    """The importer's own sentence for a bad row (as the CLI prints it)."""
    template = chat.IMPORT_ERRORS.get(error.code, error.code)
    return str(template.format_map(defaultdict(str, error.params)))


def _kind(ctx: Ctx) -> str:
    kind = str(ctx.request.path_params["kind"])
    if kind not in imports.KINDS:
        raise NotFound("import_kind")
    return kind


async def _read_upload(ctx: Ctx, kind: str) -> tuple[str, bytes] | str:
    """The uploaded file's name and bytes, or the sentence saying why not."""
    assert ctx.form is not None
    upload = ctx.form.get("file")
    suffixes = ", ".join(imports.SUFFIXES[kind])
    if not isinstance(upload, UploadFile) or not upload.filename:
        return ctx.t.UPLOAD_MISSING
    name = clean_text(upload.filename.replace("\\", "/").rsplit("/", 1)[-1])[:120]
    if not name.lower().endswith(imports.SUFFIXES[kind]):
        return ctx.t.UPLOAD_WRONG_TYPE.format(name=name, suffixes=suffixes)
    data = await upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return ctx.t.UPLOAD_TOO_LARGE.format(limit_mb=MAX_UPLOAD // 2**20)
    if not data:
        return ctx.t.UPLOAD_EMPTY.format(name=name)
    return name, data


def _preview(ctx: Ctx, kind: str, name: str, outcome: imports.Outcome, **values: Any) -> Response:
    lines = [(e.line, row_message(e, ctx.chat)) for e in outcome.errors]
    return ctx.render(
        "admin/preview.html",
        200 if outcome.ok else 422,
        kind=kind,
        name=name,
        outcome=outcome,
        lines=lines,
        **values,
    )


@page(roles=ADMIN, max_body=MAX_UPLOAD + 2**16)
async def upload(ctx: Ctx) -> Response:
    """Keep the file under a one-time token and show what applying it would do."""
    kind = _kind(ctx)
    await imports.admin_scopes(ctx.db, ctx.me, kind)
    read = await _read_upload(ctx, kind)
    if isinstance(read, str):
        return await _home(ctx, error=read, status=400)
    name, data = read
    assert ctx.viewer is not None
    store = _uploads(ctx)
    token, path = store.put(
        session_id=ctx.viewer.session.id or 0, kind=kind, name=name, data=data, now=ctx.now
    )
    outcome = await imports.run(ctx.db, kind, path, actor=ctx.me, apply=False)
    if not outcome.ok:  # nothing to apply: fixed files are uploaded again
        store.discard(token)
        token = ""
    return _preview(ctx, kind, name, outcome, token=token)


@page(roles=ADMIN)
async def apply(ctx: Ctx) -> Response:
    """Apply the previewed file: checked again as a whole, written in one transaction."""
    assert ctx.form is not None and ctx.viewer is not None
    kind = _kind(ctx)
    await imports.admin_scopes(ctx.db, ctx.me, kind)
    pending = _uploads(ctx).take(
        ctx.field("token"),
        session_id=ctx.viewer.session.id or 0,
        kind=kind,
        now=ctx.now,
    )
    if pending is None:
        return await _home(ctx, error=ctx.t.UPLOAD_GONE, status=400)
    try:
        outcome = await imports.run(ctx.db, kind, pending.path, actor=ctx.me, apply=True)
    finally:
        pending.discard()
    return _preview(ctx, kind, pending.name, outcome, token="", applied=outcome.ok)


# -- broadcasts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Composed:
    """The composer's fields as sent (shown again), and the request when they are valid."""

    values: dict[str, str]
    request: broadcasts.BroadcastCreate | None
    error: str = ""


async def _units(ctx: Ctx, scopes: list[OrgUnit]) -> list[OrgUnit]:
    found: dict[int | None, OrgUnit] = {}
    for scope in scopes:
        rows = await ctx.db.exec(
            select(OrgUnit)
            .where(
                col(OrgUnit.path).startswith(scope.path),
                OrgUnit.depth <= scope.depth + UNIT_DEPTH,
            )
            .order_by(OrgUnit.path)
        )
        found.update({unit.id: unit for unit in rows.all()})
    return list(found.values())


async def _models(ctx: Ctx) -> list[Any]:
    active = await campaigns.active_campaigns(ctx.db)
    return await campaigns.models_of(ctx.db, active[0].id or 0) if active else []


async def _compose(ctx: Ctx, scopes: list[OrgUnit]) -> Composed:
    """Read and check the composer's form as `/thongbao` checks its answers."""
    fields = ("text", "audience", "unit", "role", "model", "urgent")
    values = {name: ctx.field(name) for name in fields}
    text = values["text"].strip()
    if not text or len(text) > MAX_TEXT:
        return Composed(values, None, ctx.t.BROADCAST_BAD_TEXT)
    audience, value = values["audience"], None
    unit = scopes[0]
    if audience == "unit":
        raw = values["unit"]
        chosen = await ctx.db.get(OrgUnit, int(raw)) if raw.isdigit() else None
        if chosen is None or not any(org.is_within(chosen, scope) for scope in scopes):
            return Composed(values, None, ctx.t.BROADCAST_BAD_AUDIENCE)
        unit = chosen
    elif audience == "role":
        value = values["role"]
        if value not in {str(role) for role in broadcasts.ROLES}:
            return Composed(values, None, ctx.t.BROADCAST_BAD_AUDIENCE)
    elif audience == "model":
        value = values["model"]
        if value not in {m.code for m in await _models(ctx)}:
            return Composed(values, None, ctx.t.BROADCAST_BAD_AUDIENCE)
    elif audience != "all":
        return Composed(values, None, ctx.t.BROADCAST_BAD_AUDIENCE)
    request = broadcasts.BroadcastCreate(
        text=text,
        audience=audience,
        unit_id=unit.id or 0,
        audience_value=value,
        urgent=values["urgent"] == "1",
    )
    return Composed(values, request)


@dataclass(frozen=True)
class Reach:
    people: int
    by_channel: list[tuple[str, int]]
    unreachable: int


async def _reach(ctx: Ctx, request: broadcasts.BroadcastCreate) -> Reach:
    """Who the broadcast would reach now: each person's chosen chat account, by channel."""
    people = await broadcasts.person_ids(ctx.db, request)
    chosen = await outbox.accounts_for(ctx.db, people, now=ctx.now)
    usable = [a for a in chosen.values() if reachable(a, ctx.now)]
    by_channel = sorted(Counter(a.channel for a in usable).items())
    return Reach(len(set(people)), by_channel, len(set(people)) - len(usable))


async def _composer(
    ctx: Ctx, scopes: list[OrgUnit], composed: Composed | None = None, **values: Any
) -> Response:
    status = 400 if composed is not None and composed.error else 200
    return ctx.render(
        "admin/broadcast.html",
        status,
        values=composed.values if composed else {"audience": "all"},
        error=composed.error if composed else "",
        scope=scopes[0],
        units=await _units(ctx, scopes),
        roles=broadcasts.ROLES,
        models=await _models(ctx),
        chat=ctx.chat,
        **values,
    )


@page(roles=ADMIN)
async def composer(ctx: Ctx) -> Response:
    return await _composer(ctx, await _scopes(ctx))


@page(roles=ADMIN)
async def broadcast_preview(ctx: Ctx) -> Response:
    scopes = await _scopes(ctx)
    composed = await _compose(ctx, scopes)
    if composed.request is None:
        return await _composer(ctx, scopes, composed)
    reach = await _reach(ctx, composed.request)
    shown = broadcast_text(ctx.chat, composed.request.text)
    return await _composer(ctx, scopes, composed, reach=reach, shown=shown)


@page(roles=ADMIN)
async def broadcast_send(ctx: Ctx) -> Response:
    """Queue it through the broadcasts service, as `/thongbao` does; then its progress."""
    assert ctx.viewer is not None
    scopes = await _scopes(ctx)
    composed = await _compose(ctx, scopes)
    if composed.request is None:
        return await _composer(ctx, scopes, composed)
    ann = await broadcasts.create(
        ctx.db,
        actor=ctx.me,
        account_id=ctx.viewer.account.id or 0,
        data=composed.request,
        now=ctx.now,
    )
    return ctx.redirect(f"/console/admin/broadcast/{ann.id}")


async def _announcement(ctx: Ctx) -> Announcement:
    """An announcement within the viewer's admin scopes (crafted ids: the 403 page)."""
    number = ctx.path_int()
    ann = await ctx.db.get(Announcement, number) if number < 2**31 else None
    unit = await ctx.db.get(OrgUnit, ann.scope_unit_id) if ann else None
    if ann is None or unit is None:
        raise NotFound("announcement")
    if not await org.has_role_over(ctx.db, ctx.me, [Role.ADMIN], unit):
        raise PermissionDenied("not_admin")
    return ann


async def _progress_values(ctx: Ctx, ann: Announcement) -> dict[str, Any]:
    return {
        "ann": ann,
        "progress": await broadcasts.progress(ctx.db, ann.id or 0),
        "finished": ann.status in FINISHED,
        "every": PROGRESS_EVERY,
    }


@page(roles=ADMIN)
async def broadcast_view(ctx: Ctx) -> Response:
    ann = await _announcement(ctx)
    unit = await ctx.db.get(OrgUnit, ann.scope_unit_id)
    return ctx.render(
        "admin/broadcast_view.html",
        unit=unit,
        shown=broadcast_text(ctx.chat, ann.text),
        chat=ctx.chat,
        **await _progress_values(ctx, ann),
    )


@page(roles=ADMIN)
async def broadcast_progress(ctx: Ctx) -> Response:
    """The figures alone, read from the outbox (HTMX polls it until the broadcast ends)."""
    ann = await _announcement(ctx)
    return ctx.render("admin/_progress.html", **await _progress_values(ctx, ann))


@page(roles=ADMIN)
async def broadcast_cancel(ctx: Ctx) -> Response:
    ann = await _announcement(ctx)
    await broadcasts.cancel(ctx.db, actor=ctx.me, announcement_id=ann.id or 0, now=ctx.now)
    return ctx.redirect(f"/console/admin/broadcast/{ann.id}")


# -- the audit log ------------------------------------------------------------------------


async def _object_unit(ctx: Ctx, kind: str, object_id: str) -> OrgUnit | None:
    """The unit an object belongs to, for the admins of a part of the corporation."""
    if not object_id.isdigit() or int(object_id) >= 2**31:
        return None
    number = int(object_id)
    unit_id: int | None = None
    if kind == "person":
        person = await ctx.db.get(Person, number)
        unit_id = person.unit_id if person else None
    elif kind == "registration":
        entry = await ctx.db.get(Registration, number)
        unit_id = entry.unit_id if entry else None
    elif kind == "announcement":
        ann = await ctx.db.get(Announcement, number)
        unit_id = ann.scope_unit_id if ann else None
    return await ctx.db.get(OrgUnit, unit_id) if unit_id else None


async def _may_see(ctx: Ctx, kind: str, object_id: str) -> None:
    """The corporation's admins see every object's log; an admin of a unit, the people,
    entries and announcements of their subtrees."""
    scopes = await _scopes(ctx)
    if any(unit.parent_id is None for unit in scopes):
        return
    unit = await _object_unit(ctx, kind, object_id)
    if unit is None or not any(org.is_within(unit, scope) for scope in scopes):
        raise PermissionDenied("not_in_scope")


def _details(details: dict[str, Any]) -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in sorted(details.items()) if k not in HIDDEN_DETAILS]


@page(roles=ADMIN)
async def audit_log(ctx: Ctx) -> Response:
    kind = ctx.request.query_params.get("type", "")
    object_id = clean_text(ctx.request.query_params.get("id", ""))[:64]
    if not kind and not object_id:
        return ctx.render("admin/audit.html", kind="", object_id="", rows=None, error="")
    if kind not in ctx.t.AUDIT_TYPES or not object_id:
        return ctx.render(
            "admin/audit.html",
            400,
            kind=kind,
            object_id=object_id,
            rows=None,
            error=ctx.t.AUDIT_BAD_QUERY,
        )
    await _may_see(ctx, kind, object_id)
    rows = (
        await ctx.db.exec(
            select(AuditLog)
            .where(AuditLog.object_type == kind, AuditLog.object_id == object_id)
            .order_by(col(AuditLog.id))
            .limit(AUDIT_ROWS)
        )
    ).all()
    actor_ids = {row.actor_id for row in rows if row.actor_id}
    actors = {
        pid: f"{name} ({code})"
        for pid, name, code in (
            await ctx.db.exec(
                select(Person.id, Person.full_name, Person.employee_code).where(
                    col(Person.id).in_(actor_ids)
                )
            )
        ).all()
    }
    lines = [
        (row, actors.get(row.actor_id or 0, row.actor_label or ctx.t.AUDIT_SYSTEM)) for row in rows
    ]
    return ctx.render(
        "admin/audit.html",
        kind=kind,
        object_id=object_id,
        rows=lines,
        details=_details,
        error="",
    )


@page(roles=ADMIN)
async def audit_verify(ctx: Ctx) -> Response:
    """Walk the whole hash chain (on request: it reads every row)."""
    await _scopes(ctx)
    report = await audit.verify(ctx.db)
    return ctx.render("admin/_chain.html", report=report)


ROUTES = [
    Route("/admin/", home, methods=["GET"]),
    Route("/admin/import/{kind}", upload, methods=["POST"]),
    Route("/admin/import/{kind}/apply", apply, methods=["POST"]),
    Route("/admin/broadcast", composer, methods=["GET"]),
    Route("/admin/broadcast/preview", broadcast_preview, methods=["POST"]),
    Route("/admin/broadcast/send", broadcast_send, methods=["POST"]),
    Route("/admin/broadcast/{id:int}", broadcast_view, methods=["GET"]),
    Route("/admin/broadcast/{id:int}/progress", broadcast_progress, methods=["GET"]),
    Route("/admin/broadcast/{id:int}/cancel", broadcast_cancel, methods=["POST"]),
    Route("/admin/audit", audit_log, methods=["GET"]),
    Route("/admin/audit/verify", audit_verify, methods=["POST"]),
]
