"""Managers: their unit subtree at a glance (registrations by model and status, evidence
and self-scoring per sub-unit, a chart, who is behind, page by page), the digest's Excel,
and a reminder to those behind as a one-off reminder rule (so the scheduler's quiet
hours and dedupe apply). The page's figures are computed in SQL (`services.dashboard`),
equal to `/baocao`'s; the workbook is the digest's own."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import timedelta

from starlette.responses import Response
from starlette.routing import Route

from bot.web import texts
from bot.web.context import Ctx, page
from bot.web.nav import NavItem
from handlers.outbound.digest_report import workbook as digest_workbook
from handlers.outreach.unit_report import PERIOD
from storage.errors import DomainError, InvalidInput, PermissionDenied
from storage.models import Audience, OrgUnit, Role, ScheduleKind
from storage.services import campaigns, digests, org, reminders
from storage.services.dashboard import Dashboard, managed_unit, summary
from storage.services.digests import Digest, UnitFigures

MANAGER = frozenset({Role.MANAGER})
PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The audiences a manager's page reminds, with the flow each reminder leads to.
REMINDABLE = (Audience.UNREGISTERED, Audience.NO_EVIDENCE)
REMIND_DELAY = timedelta(minutes=1)  # a one-off rule fires on the scheduler's next pass
NAV = [NavItem("manager_dashboard", "/console/manager/", MANAGER)]


async def _digest(ctx: Ctx, unit: OrgUnit) -> Digest | None:
    """The digest's figures for the workbook (the page computes its own in SQL)."""
    active = await campaigns.active_campaigns(ctx.db)
    if not active:
        return None
    snap = await digests.snapshot(ctx.db, active[0].id or 0, ctx.now - PERIOD, root=unit)
    return digests.digest_for(snap, ctx.me.id or 0, unit.id or 0)


def _by_model(scope: UnitFigures) -> tuple[list[str], list[tuple[str, dict[str, int], int]]]:
    """Registrations by model (rows) and status (columns)."""
    statuses: list[str] = []
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for (model, status), count in sorted(scope.entries.items()):
        table[model][status] = count
        if status not in statuses:
            statuses.append(status)
    rows = [(m, counts, sum(counts.values())) for m, counts in sorted(table.items())]
    return statuses, rows


def _bars(board: Dashboard) -> list[tuple[str, float, int, int]]:
    """The chart: share of staff registered in each sub-unit (or the unit itself)."""
    figures = board.children or [board.scope]
    return [(f.name, round(f.share * 100, 1), f.registered, f.staff) for f in figures]


@page(roles=MANAGER)
async def dashboard(ctx: Ctx) -> Response:
    unit, scopes = await managed_unit(ctx.db, ctx.me, ctx.request.query_params.get("unit"))
    active = await campaigns.active_campaigns(ctx.db)
    if not active:
        return ctx.render("manager/dashboard.html", unit=unit, scopes=scopes, digest=None)
    campaign = active[0]
    board = await summary(
        ctx.db,
        unit=unit,
        campaign_id=campaign.id or 0,
        since=ctx.now - PERIOD,
        page=ctx.query_int("page") or 1,
        per_page=PER_PAGE,
    )
    statuses, models = _by_model(board.scope)
    parent = await ctx.db.get(OrgUnit, unit.parent_id) if unit.parent_id else None
    up = parent if parent and any(org.is_within(parent, s) for s in scopes) else None
    may_remind = await reminders.issuer_role(ctx.db, ctx.me, unit) is not None
    done = ctx.request.query_params.get("done", "")
    return ctx.render(
        "manager/dashboard.html",
        unit=unit,
        up=up,
        scopes=scopes,
        campaign=campaign,
        digest=board,
        statuses=statuses,
        models=models,
        bars=_bars(board),
        behind=board.behind,
        behind_total=board.behind_total,
        page=board.page,
        pages=board.pages,
        may_remind=may_remind,
        remindable=REMINDABLE,
        flash=ctx.t.REMIND_DONE.get(done, ""),
        error=ctx.request.query_params.get("error", ""),
        chat=ctx.chat,
    )


@page(roles=MANAGER)
async def digest_file(ctx: Ctx) -> Response:
    """The digest's workbook (units behind, people behind) for the unit asked for."""
    unit, _ = await managed_unit(ctx.db, ctx.me, ctx.request.query_params.get("unit"))
    digest = await _digest(ctx, unit)
    if digest is None:
        raise InvalidInput("no_campaign")
    data = await asyncio.to_thread(digest_workbook, digest, ctx.chat)
    return Response(
        data,
        media_type=XLSX,
        headers={
            "Content-Disposition": f'attachment; filename="bao-cao-{unit.code}.xlsx"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@page(roles=MANAGER)
async def remind(ctx: Ctx) -> Response:
    """A one-off reminder rule to those behind in the unit, signed with the viewer's
    committee role there (the service refuses anyone else, as `/nhacviec` does)."""
    assert ctx.form is not None
    unit, _ = await managed_unit(ctx.db, ctx.me, str(ctx.form.get("unit") or ""))
    audience = str(ctx.form.get("audience") or "")
    if audience not in {str(a) for a in REMINDABLE}:
        raise InvalidInput("bad_audience")
    active = await campaigns.active_campaigns(ctx.db)
    data = reminders.ReminderCreate(
        unit_id=unit.id or 0,
        audience=audience,
        schedule=ScheduleKind.ONCE,
        message=texts.Vi.REMIND_MESSAGES[audience],  # one text for all: the movement's language
        button=reminders.AUDIENCE_BUTTON[Audience(audience)],
        campaign_id=active[0].id if active else None,
        once_at=ctx.now + REMIND_DELAY,
    )
    try:
        async with ctx.db.begin_nested():
            await reminders.create_rule(ctx.db, actor=ctx.me, data=data, now=ctx.now)
    except DomainError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        return ctx.redirect("/console/manager/", unit=unit.id, error=ctx.describe(exc))
    return ctx.redirect("/console/manager/", unit=unit.id, done=audience)


ROUTES = [
    Route("/manager/", dashboard, methods=["GET"]),
    Route("/manager/digest.xlsx", digest_file, methods=["GET"]),
    Route("/manager/remind", remind, methods=["POST"]),
]
