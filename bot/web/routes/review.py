"""Reviewers: the evidence queue (table and gallery, filters, pages), one piece of
evidence with its file, accept / reject / bulk accept, and the blind scoring sheet.
Every action goes through the same services as `/thamdinh` in chat."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.responses import FileResponse, Response
from starlette.routing import Route

from bot.web.context import Ctx, page
from bot.web.nav import NavItem
from bot.web.refusals import SoftRefusals
from handlers.kit.numbers import parse_score
from handlers.review.evidence_check import tell_rejected
from handlers.review.scoring import call_extra
from storage.errors import DomainError, InvalidInput, NotFound, PermissionDenied, WindowClosed
from storage.models import CampaignModel, EntryStatus, EvidenceKind, EvidenceStatus, Role
from storage.services import (
    assignments,
    evidence_queue,
    evidence_review,
    progress,
    scoring,
)
from storage.services.evidence_queue import Filters

REVIEWER = frozenset({Role.REVIEWER})
PER_PAGE = {"table": 50, "gallery": 24}
# Shown in the browser; anything else is downloaded.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "application/pdf"})
# Refusals a reviewer can meet in the normal course (a race, a closed window, a typo):
# shown beside the item, not as the 403 page.
SOFT = SoftRefusals(
    codes=frozenset(
        {
            "evidence_already_checked",
            "entry_locked",
            "already_submitted",
            "not_submitted",
            "no_reviewer_needed",
        }
    ),
    kinds=(InvalidInput, WindowClosed),
    coded=PermissionDenied,
)
NAV = [
    NavItem("review_queue", "/console/review/", REVIEWER),
    NavItem("review_scoring", "/console/review/scoring", REVIEWER),
]


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _filters(ctx: Ctx) -> Filters:
    q = ctx.request.query_params
    status_raw = q.get("status", EvidenceStatus.PENDING)
    status = EvidenceStatus(status_raw) if status_raw in set(EvidenceStatus) else None
    return Filters(
        unit_id=ctx.query_int("unit"),
        model_id=ctx.query_int("model"),
        criterion_id=ctx.query_int("criterion"),
        status=status,
        since=_date(q.get("since", "")),
        until=_date(q.get("until", "")),
    )


def _back(ctx: Ctx) -> str:
    """Where an action returns: the page it came from, if it is a reviewer's page."""
    wanted = ctx.field("next")
    return wanted if wanted.startswith("/console/review/") and "//" not in wanted else ""


def _with(url: str, **query: Any) -> str:
    wanted = {k: v for k, v in query.items() if v not in (None, "")}
    if not wanted:
        return url
    return url + ("&" if "?" in url else "?") + urlencode(wanted)


def _size(ctx: Ctx, size: int | None) -> str:
    size = size or 0
    if size >= 1024 * 1024:
        return ctx.t.SIZE_MB.format(size=f"{size / 1024 / 1024:.1f}")
    return ctx.t.SIZE_KB.format(size=max(1, round(size / 1024)))


def _helpers(ctx: Ctx) -> dict[str, Any]:
    query = dict(ctx.request.query_params)

    def qs(**changes: Any) -> str:
        merged = {**query, **{k: v for k, v in changes.items()}}
        wanted = {k: v for k, v in merged.items() if v not in (None, "")}
        return "?" + urlencode(wanted) if wanted else "?"

    here = ctx.request.url.path + (f"?{ctx.request.url.query}" if ctx.request.url.query else "")
    done = ctx.request.query_params.get("done")
    flash = ctx.t.DONE.get(done or "", "")
    if flash:
        flash = flash.format(count=ctx.request.query_params.get("count", "0"))
    return {
        "qs": qs,
        "here": here,
        "flash": flash,
        "size": lambda n: _size(ctx, n),
        "inline_types": INLINE_TYPES,
        "Kind": EvidenceKind,
    }


@page(roles=REVIEWER)
async def queue(ctx: Ctx) -> Response:
    """The evidence table (or gallery) with its filters, one page at a time."""
    view = "gallery" if ctx.request.query_params.get("view") == "gallery" else "table"
    filters = _filters(ctx)
    found = await evidence_queue.page(
        ctx.db,
        ctx.me,
        filters,
        number=ctx.query_int("page") or 1,
        per_page=PER_PAGE[view],
        tz=ctx.console.config.timezone,
    )
    options = await evidence_queue.choices(ctx.db, ctx.me)
    skipped = ctx.request.query_params.get("skipped", "")
    return ctx.render(
        "review/queue.html",
        view=view,
        found=found,
        filters=filters,
        options=options,
        statuses=list(EvidenceStatus),
        skipped=skipped,
        **_helpers(ctx),
    )


async def _detail(ctx: Ctx, evidence_id: int, *, error: str = "", status: int = 200) -> Response:
    row = await evidence_queue.row_of(ctx.db, ctx.me, evidence_id)
    return ctx.render("review/evidence.html", status, row=row, error=error, **_helpers(ctx))


@page(roles=REVIEWER)
async def evidence(ctx: Ctx) -> Response:
    return await _detail(ctx, ctx.path_int())


@page(roles=REVIEWER)
async def evidence_file(ctx: Ctx) -> Response:
    """The file itself, with the queue's permission: inline when a browser shows it."""
    item = await evidence_queue.viewable(ctx.db, ctx.me, ctx.path_int())
    if not item.file_path:
        raise NotFound("file")
    path = ctx.console.files.path_of(item.file_path)
    if not path.is_file():
        raise NotFound("file")
    mime = item.mime or "application/octet-stream"
    inline = mime in INLINE_TYPES and ctx.request.query_params.get("download") != "1"
    return FileResponse(
        path,
        media_type=mime,
        filename=item.file_name or f"evidence-{item.id}",
        content_disposition_type="inline" if inline else "attachment",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=600"},
    )


async def _row_or_detail(ctx: Ctx, evidence_id: int, done: str, error: str = "") -> Response:
    """After an action: the row again (HTMX), or back where the reviewer was."""
    if ctx.is_htmx:
        row = await evidence_queue.row_of(ctx.db, ctx.me, evidence_id)
        return ctx.render("review/_row.html", row=row, error=error, **_helpers(ctx))
    if error:
        return await _detail(ctx, evidence_id, error=error, status=409)
    return ctx.redirect(_with(_back(ctx) or f"/console/review/evidence/{evidence_id}", done=done))


@page(roles=REVIEWER)
async def accept(ctx: Ctx) -> Response:
    evidence_id = ctx.path_int()
    _, error = await SOFT.attempt(
        ctx,
        lambda: evidence_review.accept(ctx.db, actor=ctx.me, evidence_id=evidence_id, now=ctx.now),
    )
    return await _row_or_detail(ctx, evidence_id, "" if error else "accepted", error)


@page(roles=REVIEWER)
async def reject(ctx: Ctx) -> Response:
    evidence_id = ctx.path_int()
    reason = ctx.field("reason")
    checked, error = await SOFT.attempt(
        ctx,
        lambda: evidence_review.reject(
            ctx.db, actor=ctx.me, evidence_id=evidence_id, reason=reason, now=ctx.now
        ),
    )
    if checked is None:
        return await _row_or_detail(ctx, evidence_id, "", error)
    await tell_rejected(ctx.db, checked, **ctx.teller)
    return await _row_or_detail(ctx, evidence_id, "rejected")


@page(roles=REVIEWER)
async def bulk_accept(ctx: Ctx) -> Response:
    """Accept every selected piece; each on its own savepoint, so one refusal (already
    checked by someone else) does not undo the others. Others' ids are refused as ever."""
    assert ctx.form is not None
    ids = [int(v) for v in ctx.form.getlist("ids") if str(v).isdigit()]
    accepted, reasons = 0, []
    for evidence_id in dict.fromkeys(ids):
        checked, error = await SOFT.attempt(
            ctx,
            lambda evidence_id=evidence_id: evidence_review.accept(
                ctx.db, actor=ctx.me, evidence_id=evidence_id, now=ctx.now
            ),
            savepoint=True,
        )
        if checked is None:
            reasons.append(error)
        else:
            accepted += 1
    back = _back(ctx) or "/console/review/"
    skipped = ctx.t.BULK_SKIPPED.format(
        count=len(reasons), reasons="; ".join(dict.fromkeys(reasons))
    )
    return ctx.redirect(
        _with(back, done="bulk", count=accepted, skipped=skipped if reasons else "")
    )


# -- scoring ---------------------------------------------------------------------------


def _state(assignment: Any) -> str:
    if assignment.submitted_at is None:
        return "draft"
    return "reopened" if assignments.is_pending(assignment) else "submitted"


@page(roles=REVIEWER)
async def scoring_list(ctx: Ctx) -> Response:
    jobs = await assignments.assignments_of(ctx.db, ctx.me)
    items = []
    for assignment, entry in jobs:
        about = await progress.subject_name(ctx.db, entry)
        model = await ctx.db.get(CampaignModel, entry.model_id)
        items.append((assignment, entry, model, about, _state(assignment)))
    return ctx.render("review/scoring_list.html", items=items, **_helpers(ctx))


async def _sheet(
    ctx: Ctx,
    assignment_id: int,
    *,
    errors: dict[int, str] | None = None,
    error: str = "",
    status: int = 200,
) -> Response:
    work = await scoring.job(ctx.db, ctx.me, assignment_id, open_only=False)
    lines = await scoring.sheet(ctx.db, work)
    everything = await evidence_review.evidence_of(ctx.db, work.entry.id or 0)
    shown: dict[int, list[Any]] = defaultdict(list)
    pending: dict[int, int] = defaultdict(int)
    for item in everything:
        if item.status != EvidenceStatus.REJECTED:
            shown[item.criterion_id or 0].append(item)
        if item.status == EvidenceStatus.PENDING:
            pending[item.criterion_id or 0] += 1
    model = await ctx.db.get(CampaignModel, work.entry.model_id)
    subject = await progress.subject_name(ctx.db, work.entry)
    peer = None
    if work.assignment.submitted_at is not None:
        try:
            peer = await scoring.peer_view(ctx.db, ctx.me, assignment_id)
        except DomainError:
            peer = None
    return ctx.render(
        "review/sheet.html",
        status,
        work=work,
        lines=lines,
        evidence=shown,
        pending=pending,
        model=model,
        subject=subject,
        state=_state(work.assignment),
        open=work.entry.status == EntryStatus.UNDER_REVIEW,
        total=sum(x.score or 0 for x in lines if not x.general),
        peer=peer,
        errors=errors or {},
        error=error,
        **_helpers(ctx),
    )


@page(roles=REVIEWER)
async def sheet(ctx: Ctx) -> Response:
    return await _sheet(ctx, ctx.path_int())


@page(roles=REVIEWER)
async def score_line(ctx: Ctx) -> Response:
    """Save one criterion: a draft before submitting, a correction (new version with its
    reason) after."""
    assignment_id = ctx.path_int()
    criterion_id = ctx.path_int("criterion")
    work = await scoring.job(ctx.db, ctx.me, assignment_id, open_only=False)
    value = parse_score(ctx.field("score"))
    reason = ctx.field("reason")
    if value is None:
        return await _sheet(ctx, assignment_id, errors={criterion_id: ctx.t.BAD_NUMBER}, status=422)
    draft = work.assignment.submitted_at is None
    save = scoring.set_draft if draft else scoring.correct
    _, error = await SOFT.attempt(
        ctx,
        lambda: save(
            ctx.db,
            actor=ctx.me,
            assignment_id=assignment_id,
            criterion_id=criterion_id,
            value=value,
            reason=(reason or None) if draft else reason,  # a draft may go without one
            now=ctx.now,
        ),
    )
    if error:
        return await _sheet(ctx, assignment_id, errors={criterion_id: error}, status=422)
    url = _with(f"/console/review/scoring/{assignment_id}", done="draft" if draft else "corrected")
    return ctx.redirect(f"{url}#c{criterion_id}")


@page(roles=REVIEWER)
async def submit(ctx: Ctx) -> Response:
    assignment_id = ctx.path_int()
    outcome, error = await SOFT.attempt(
        ctx, lambda: scoring.submit(ctx.db, actor=ctx.me, assignment_id=assignment_id, now=ctx.now)
    )
    if outcome is None:
        return await _sheet(ctx, assignment_id, error=error, status=422)
    if outcome.needs_extra:
        work = await scoring.job(ctx.db, ctx.me, assignment_id, open_only=False)
        await call_extra(ctx.db, work, **ctx.teller)
    return ctx.redirect(_with(f"/console/review/scoring/{assignment_id}", done="submitted"))


ROUTES = [
    Route("/review/", queue, methods=["GET"]),
    Route("/review/evidence/{id:int}", evidence, methods=["GET"]),
    Route("/review/evidence/{id:int}/file", evidence_file, methods=["GET"]),
    Route("/review/evidence/{id:int}/accept", accept, methods=["POST"]),
    Route("/review/evidence/{id:int}/reject", reject, methods=["POST"]),
    Route("/review/bulk-accept", bulk_accept, methods=["POST"]),
    Route("/review/scoring", scoring_list, methods=["GET"]),
    Route("/review/scoring/{id:int}", sheet, methods=["GET"]),
    Route("/review/scoring/{id:int}/line/{criterion:int}", score_line, methods=["POST"]),
    Route("/review/scoring/{id:int}/submit", submit, methods=["POST"]),
]
