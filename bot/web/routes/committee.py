"""Committees: entries to approve or return, reviewers to appoint, council rounds (open,
turnout, close), results (publish, comments and objections, decision, revocation) and
the results workbook. Every action calls the same services as `/duyet`, `/phancong`,
`/binhxet`, `/ketqua`, `/gopy` and `/xuatketqua` in chat, and tells the same people."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.responses import FileResponse, Response
from starlette.routing import Route

from bot.web import pdf
from bot.web.context import Ctx, page, points
from bot.web.downloads import XLSX, attachment
from bot.web.nav import NavItem
from bot.web.pdf.certificate import certificate as certificate_pdf
from bot.web.refusals import SoftRefusals
from handlers.council import exports
from handlers.council.comments import answered_notice, reopened_notice
from handlers.council.results import outcome_notice, parse_day, result_line
from handlers.kit import errors as chat_errors
from handlers.kit import format as fmt
from handlers.outbound.notify import about_entry, message, notify_people
from handlers.review.assign import assigned_notice
from handlers.texts import Texts
from storage.errors import (
    AlreadyExists,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    WindowClosed,
)
from storage.models import (
    CampaignModel,
    CommentKind,
    CouncilVote,
    EntryComment,
    Evidence,
    EvidenceKind,
    EvidencePurpose,
    OrgUnit,
    Person,
    Registration,
    Role,
    SubjectType,
)
from storage.services import (
    approvals,
    assignments,
    certificates,
    comments,
    console_queries,
    council,
    council_seats,
    evidence_review,
    publication,
    scope,
    scoring,
    showcase,
    standings,
)
from storage.services.progress import subject_name

T = TypeVar("T")
COMMITTEE = frozenset({Role.PARTY_COMMITTEE})
APPROVERS = frozenset({Role.MANAGER, Role.UNION_COMMITTEE, Role.PARTY_COMMITTEE})
EXPORTERS = frozenset({Role.PARTY_COMMITTEE, Role.ADMIN})
TURNOUT_EVERY = 5  # seconds between two turnout refreshes of an open round
# Refusals met in the normal course of work (a window, a race, a typo, a conflict of
# interest): shown on the page. Anything else (another unit's object) is the 403 page.
SOFT = SoftRefusals(
    codes=frozenset(
        {
            "entry_locked",
            "no_reviewer_needed",
            "conflict_same_unit",
            "conflict_own_entry",
            "not_reviewer",
            "admin_excluded",
            "vote_closed",
            "already_answered",
            "comment_window_open",
            "comments_unanswered",
            "nothing_to_finalize",
            "no_council",
        }
    ),
    kinds=(InvalidInput, WindowClosed, AlreadyExists),
)
NAV = [
    NavItem("committee_approvals", "/console/committee/approvals", APPROVERS),
    NavItem("committee_assign", "/console/committee/assign", COMMITTEE),
    NavItem("committee_council", "/console/committee/council", COMMITTEE),
    NavItem("committee_results", "/console/committee/results", COMMITTEE),
]


async def _attempt(ctx: Ctx, action: Callable[[], Awaitable[T]]) -> tuple[T | None, str]:
    """A service call on a savepoint: a soft refusal rolls back what it wrote."""
    return await SOFT.attempt(ctx, action, savepoint=True)


@dataclass(frozen=True)
class Line:
    """An entry as a committee page lists it."""

    entry: Registration
    model: CampaignModel | None
    subject: str
    unit: str

    @property
    def model_code(self) -> str:
        return self.model.code if self.model else "?"

    @property
    def model_title(self) -> str:
        return self.model.short_title if self.model else ""


async def _line(ctx: Ctx, entry: Registration) -> Line:
    model = await ctx.db.get(CampaignModel, entry.model_id)
    name = await subject_name(ctx.db, entry)
    unit = await ctx.db.get(OrgUnit, entry.unit_id)
    subject = chat_errors.subject_label(ctx.chat, entry.subject_type, name)
    return Line(entry, model, subject, unit.name if unit else "")


ErrorPage = Callable[..., Awaitable[Response]]


async def _decide(
    ctx: Ctx,
    decide: Callable[[int], Awaitable[Registration]],
    error_page: ErrorPage,
    notice: Callable[[Texts, Any], Any],
) -> Response | None:
    """A decision on the entry in the path; when it is refused, the page again with
    the reason (409), else None once its registrant and its person have been told."""
    entry_id = ctx.path_int()
    entry, error = await _attempt(ctx, lambda: decide(entry_id))
    if entry is None:
        return await error_page(ctx, error=error, status=409)
    it = await about_entry(ctx.db, entry)
    people = {entry.registered_by_id, entry.person_id}
    await notify_people(ctx.db, people, lambda tt: notice(tt, it), **ctx.teller)
    return None


def _flash(ctx: Ctx) -> str:
    done = ctx.request.query_params.get("done", "")
    text = ctx.t.COMMITTEE_DONE.get(done, "")
    return text.format(count=ctx.request.query_params.get("count", "0")) if text else ""


def _tab(ctx: Ctx, tab: str, status: int, error: str, **values: Any) -> Response:
    """A committee tab: its template, with the refusal (if any) and the done-message."""
    return ctx.render(
        f"committee/{tab}.html", status, error=error, flash=_flash(ctx), tab=tab, **values
    )


# -- approvals -------------------------------------------------------------------------


async def _approvals_page(ctx: Ctx, *, error: str = "", status: int = 200) -> Response:
    items = []
    for entry in await approvals.pending_for(ctx.db, ctx.me):
        line = await _line(ctx, entry)
        registrant = await ctx.db.get(Person, entry.registered_by_id)
        criteria = [c for c, general in await scoring.criteria_of(ctx.db, entry) if not general]
        minutes = []
        if entry.subject_type == SubjectType.COLLECTIVE:
            minutes = await evidence_review.evidence_of(
                ctx.db, entry.id or 0, purpose=EvidencePurpose.MINUTES
            )
        items.append((line, registrant, criteria, minutes))
    return _tab(ctx, "approvals", status, error, items=items, Collective=SubjectType.COLLECTIVE)


approvals_list = page(roles=APPROVERS)(_approvals_page)


@page(roles=APPROVERS)
async def approve(ctx: Ctx) -> Response:
    refused = await _decide(
        ctx,
        lambda entry_id: approvals.approve(
            ctx.db, actor=ctx.me, registration_id=entry_id, now=ctx.now
        ),
        _approvals_page,
        lambda tt, it: message(
            tt.NOTICE_APPROVED.format(model=it.model, subject=it.subject(tt)),
            (tt.BTN_EVIDENCE, "/minhchung"),
            (tt.BTN_PROGRESS, "/tiendo"),
        ),
    )
    return refused or ctx.redirect("/console/committee/approvals", done="approved")


@page(roles=APPROVERS)
async def return_entry(ctx: Ctx) -> Response:
    reason = ctx.field("reason")  # checked by the service; cleaned for the notice once accepted
    refused = await _decide(
        ctx,
        lambda entry_id: approvals.return_entry(
            ctx.db, actor=ctx.me, registration_id=entry_id, reason=reason, now=ctx.now
        ),
        _approvals_page,
        lambda tt, it: message(
            tt.NOTICE_RETURNED.format(
                model=it.model, subject=it.subject(tt), reason=approvals.clean_reason(reason)
            ),
            (tt.BTN_FIX_ENTRY, "/dangky"),
        ),
    )
    return refused or ctx.redirect("/console/committee/approvals", done="returned")


# -- appointing reviewers --------------------------------------------------------------


async def _assign_page(ctx: Ctx, *, error: str = "", status: int = 200) -> Response:
    items = []
    for need in await assignments.needs_for(ctx.db, ctx.me):
        line = await _line(ctx, need.entry)
        people = []
        for person in await assignments.candidates(ctx.db, need.entry):
            unit = await ctx.db.get(OrgUnit, person.unit_id)
            people.append((person, unit.name if unit else ""))
        items.append((need, line, people))
    return _tab(ctx, "assign", status, error, items=items)


assign_list = page(roles=COMMITTEE)(_assign_page)


@page(roles=COMMITTEE)
async def assign(ctx: Ctx) -> Response:
    """Appoint one reviewer; the service refuses anyone of the entry's own unit."""
    entry_id = ctx.path_int()
    raw = ctx.field("reviewer")
    reviewer = await ctx.db.get(Person, int(raw)) if raw.isdigit() else None
    if reviewer is None:
        return await _assign_page(ctx, error=ctx.t.PICK_REVIEWER, status=422)
    done, error = await _attempt(
        ctx,
        lambda: assignments.assign(
            ctx.db, actor=ctx.me, registration_id=entry_id, reviewer=reviewer, now=ctx.now
        ),
    )
    if done is None:
        return await _assign_page(ctx, error=error, status=409)
    entry = await ctx.db.get(Registration, entry_id)
    assert entry is not None
    it = await about_entry(ctx.db, entry)
    await notify_people(ctx.db, [reviewer.id], lambda tt: assigned_notice(tt, it), **ctx.teller)
    return ctx.redirect("/console/committee/assign", done="assigned")


# -- council rounds --------------------------------------------------------------------


async def _council_page(ctx: Ctx, *, error: str = "", status: int = 200) -> Response:
    ready = [await _line(ctx, e) for e in await council_seats.ready_for_council(ctx.db, ctx.me)]
    rounds = [
        (vote, await _line(ctx, entry), await council.participants(ctx.db, vote.id or 0))
        for vote, entry in await council_seats.open_rounds_in_scope(ctx.db, ctx.me)
    ]
    closed = []
    for entry in await _closed_in_scope(ctx):
        last = await council_seats.last_round(ctx.db, entry.id or 0)
        if last is not None and last.closed_at is not None:
            closed.append((last, await _line(ctx, entry)))
    return _tab(
        ctx,
        "council",
        status,
        error,
        ready=ready,
        rounds=rounds,
        closed=closed,
        every=TURNOUT_EVERY,
    )


async def _closed_in_scope(ctx: Ctx) -> list[Registration]:
    """Entries in scope with a closed round (for the totals of the latest count)."""
    return await console_queries.counted_in_scope(ctx.db, ctx.me)


council_list = page(roles=COMMITTEE)(_council_page)


@page(roles=COMMITTEE)
async def council_open(ctx: Ctx) -> Response:
    """Open a round for one entry waiting for the council, and tell its members."""
    entry_id = ctx.path_int()
    entry = await ctx.db.get(Registration, entry_id)
    if entry is None:
        raise NotFound("registration")
    await scope.require_role_over(ctx.db, ctx.me, [Role.PARTY_COMMITTEE], entry.unit_id)
    if entry_id not in {e.id for e in await council_seats.ready_for_council(ctx.db, ctx.me)}:
        return await _council_page(ctx, error=ctx.t.NOT_READY_FOR_COUNCIL, status=409)
    vote, error = await _attempt(
        ctx, lambda: council.open_round(ctx.db, actor=ctx.me, entry=entry, now=ctx.now)
    )
    if vote is None:
        return await _council_page(ctx, error=error, status=409)
    await notify_people(
        ctx.db,
        await council_seats.members_of(ctx.db, vote.council_unit_id),
        lambda tt: message(tt.NOTICE_VOTE_OPEN.format(count=1), (tt.BTN_VOTE, "/binhxet")),
        **ctx.teller,
    )
    return ctx.redirect("/console/committee/council", done="opened")


async def _scoped_round(ctx: Ctx, vote_id: int) -> tuple[CouncilVote, Registration]:
    vote = await ctx.db.get(CouncilVote, vote_id)
    entry = await ctx.db.get(Registration, vote.registration_id) if vote else None
    if vote is None or entry is None:
        raise NotFound("vote")
    await scope.require_role_over(ctx.db, ctx.me, [Role.PARTY_COMMITTEE], entry.unit_id)
    return vote, entry


@page(roles=COMMITTEE)
async def council_turnout(ctx: Ctx) -> Response:
    """How many members have voted (HTMX polls it); nothing else about the ballots."""
    vote, _ = await _scoped_round(ctx, ctx.path_int())
    count = await council.participants(ctx.db, vote.id or 0)
    return ctx.render("committee/_turnout.html", vote=vote, count=count, every=TURNOUT_EVERY)


@page(roles=COMMITTEE)
async def council_close(ctx: Ctx) -> Response:
    vote_id = ctx.path_int()
    await _scoped_round(ctx, vote_id)
    closed, error = await _attempt(
        ctx, lambda: council.close_round(ctx.db, actor=ctx.me, vote_id=vote_id, now=ctx.now)
    )
    if closed is None:
        return await _council_page(ctx, error=error, status=409)
    return ctx.redirect("/console/committee/council", done="closed")


# -- results ---------------------------------------------------------------------------


async def _results_page(ctx: Ctx, *, error: str = "", status: int = 200) -> Response:
    campaign = await publication.latest_campaign(ctx.db)
    rows = await standings.public_results(ctx.db, ctx.me, campaign) if campaign else []
    waiting = await comments.unanswered_for(ctx.db, ctx.me)
    # answered comments of the results this committee member answers for (not others')
    threads: dict[int, list[EntryComment]] = {}
    for row in rows:
        entry = await ctx.db.get(Registration, row.registration_id)
        if entry and await scope.acts_over(ctx.db, ctx.me, [Role.PARTY_COMMITTEE], entry.unit_id):
            threads[row.registration_id] = await comments.comments_on(ctx.db, entry.id or 0)
    recognized = [
        (await _line(ctx, e), await showcase.candidates(ctx.db, e.id or 0))
        for e in await publication.recognized_in_scope(ctx.db, ctx.me)
    ]
    closes = [r.comment_closes for r in rows if r.comment_closes and not r.decision_number]
    return _tab(
        ctx,
        "results",
        status,
        error,
        campaign=campaign,
        rows=rows,
        threads=threads,
        waiting=waiting,
        recognized=recognized,
        closes=max(closes) if closes else None,
        Objection=CommentKind.OBJECTION,
        chat=ctx.chat,
        day=fmt.day,
    )


results = page(roles=COMMITTEE)(_results_page)


async def _campaign(ctx: Ctx) -> Any:
    campaign = await publication.latest_campaign(ctx.db)
    if campaign is None:
        raise NotFound("campaign")
    return campaign


@page(roles=COMMITTEE)
async def publish(ctx: Ctx) -> Response:
    """Publish what is decided; everyone in the committee's scope receives the list."""
    campaign = await _campaign(ctx)
    done, error = await _attempt(
        ctx, lambda: publication.publish(ctx.db, actor=ctx.me, campaign=campaign, now=ctx.now)
    )
    if done is None:
        return await _results_page(ctx, error=error, status=409)
    if not done.entries:
        return await _results_page(
            ctx, error=ctx.chat.NOTHING_TO_PUBLISH.format(waiting=done.waiting), status=409
        )
    ids = {e.id for e in done.entries}
    rows = [
        r
        for r in await standings.public_results(ctx.db, ctx.me, campaign)
        if r.registration_id in ids
    ]
    closes = fmt.day(done.closes) if done.closes else ""
    shown = 40

    def build(tt: Texts) -> Any:
        lines = [tt.NOTICE_PUBLISHED.format(campaign=campaign.name, date=closes)]
        lines += [result_line(tt, r) for r in rows[:shown]]
        if len(rows) > shown:
            lines.append(tt.MORE_RESULTS.format(count=len(rows) - shown))
        return message("\n".join(lines), (tt.BTN_RESULTS, "/ketqua"), (tt.BTN_COMMENT, "/gopy"))

    await notify_people(
        ctx.db,
        await publication.audience(ctx.db, done.scope_unit_ids),
        build,
        source="publication",
        **ctx.teller,
    )
    return ctx.redirect("/console/committee/results", done="published", count=len(done.entries))


@page(roles=COMMITTEE)
async def answer(ctx: Ctx) -> Response:
    """The committee's answer to a comment; an objection is upheld or dismissed."""
    comment_id = ctx.path_int()
    verdict = ctx.field("verdict")
    upheld = {"up": True, "down": False}.get(verdict)
    text = ctx.field("answer")
    done, error = await _attempt(
        ctx,
        lambda: comments.answer(
            ctx.db, actor=ctx.me, comment_id=comment_id, text=text, upheld=upheld, now=ctx.now
        ),
    )
    if done is None:
        return await _results_page(ctx, error=error, status=409)
    entry = await ctx.db.get(Registration, done.registration_id)
    assert entry is not None
    it = await about_entry(ctx.db, entry)
    reply = done.answer or ""
    await notify_people(
        ctx.db,
        [done.author_id],
        lambda tt: answered_notice(tt, it, reply, done.upheld),
        **ctx.teller,
    )
    if done.upheld:
        reviewers = await comments.reviewers_of(ctx.db, entry.id or 0)
        await notify_people(ctx.db, reviewers, lambda tt: reopened_notice(tt, it), **ctx.teller)
    return ctx.redirect(
        "/console/committee/results", done="reopened" if done.upheld else "answered"
    )


@page(roles=COMMITTEE)
async def finalize(ctx: Ctx) -> Response:
    """After the window: the decision's number and date; each registrant hears the outcome."""
    campaign = await _campaign(ctx)
    number = ctx.field("number")
    day = parse_day(ctx.field("date"))
    if day is None:
        return await _results_page(ctx, error=ctx.chat.BAD_DATE, status=422)
    entries, error = await _attempt(
        ctx,
        lambda: publication.finalize(
            ctx.db, actor=ctx.me, campaign=campaign, number=number, decision_date=day, now=ctx.now
        ),
    )
    if entries is None:
        return await _results_page(ctx, error=error, status=409)
    for entry in entries:
        it = await about_entry(ctx.db, entry)
        await notify_people(
            ctx.db,
            {entry.registered_by_id, entry.person_id},
            lambda tt, e=entry, it=it: outcome_notice(tt, e, it, number, day),
            **ctx.teller,
        )
    return ctx.redirect("/console/committee/results", done="finalized", count=len(entries))


@page(roles=COMMITTEE)
async def revoke(ctx: Ctx) -> Response:
    reason = ctx.field("reason")
    text = " ".join(reason.split())
    refused = await _decide(
        ctx,
        lambda entry_id: publication.revoke(
            ctx.db, actor=ctx.me, registration_id=entry_id, reason=reason, now=ctx.now
        ),
        _results_page,
        lambda tt, it: message(
            tt.NOTICE_REVOKED.format(model=it.model, subject=it.subject(tt), reason=text)
        ),
    )
    return refused or ctx.redirect("/console/committee/results", done="revoked")


@page(roles=COMMITTEE)
async def mark_showcase(ctx: Ctx) -> Response:
    """Show (or stop showing) accepted evidence of a recognised entry on the public
    exemplars page; the service checks the committee's scope and writes the audit log."""
    assert ctx.form is not None
    on = ctx.form.get("on") == "1"
    evidence_id = ctx.path_int()
    try:
        async with ctx.db.begin_nested():
            await showcase.set_showcase(ctx.db, actor=ctx.me, evidence_id=evidence_id, on=on)
    except InvalidInput:
        return await _results_page(ctx, error=ctx.t.SHOWCASE_NOT_ALLOWED, status=409)
    except DomainError as exc:
        if not SOFT.shown(exc):
            raise
        return await _results_page(ctx, error=ctx.describe(exc), status=409)
    done = "showcase_on" if on else "showcase_off"
    return ctx.redirect("/console/committee/results", done=done)


@page(roles=COMMITTEE)
async def showcase_file(ctx: Ctx) -> Response:
    """A photo the committee may showcase (an entry of its scope), to choose by looking."""
    item = await ctx.db.get(Evidence, ctx.path_int())
    entry = await ctx.db.get(Registration, item.registration_id) if item else None
    if item is None or entry is None or item.kind != EvidenceKind.PHOTO or not item.file_path:
        raise NotFound("evidence")
    await scope.require_role_over(ctx.db, ctx.me, [Role.PARTY_COMMITTEE], entry.unit_id)
    path = ctx.console.files.path_of(item.file_path)
    if not path.is_file():
        raise NotFound("file")
    return FileResponse(
        path,
        media_type=item.mime or "image/jpeg",
        content_disposition_type="inline",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=600"},
    )


@page(roles=EXPORTERS)
async def workbook(ctx: Ctx) -> Response:
    """The results workbook of the committee's (or admin's) scope, as a download."""
    campaign = await _campaign(ctx)
    data = await exports.workbook_for(ctx.db, ctx.me, campaign)
    return attachment(data, XLSX, f"ket-qua-{campaign.code}.xlsx")


@page(roles=COMMITTEE)
async def certificate(ctx: Ctx) -> Response:
    """The printable certificate of a recognised entry of the committee's scope."""
    try:
        cert = await certificates.certificate(ctx.db, ctx.me, ctx.path_int())
    except PermissionDenied as exc:
        if exc.code != "entry_locked":
            raise
        status = ctx.chat.STATUS.get(exc.params["status"], exc.params["status"])
        return ctx.render(
            "forbidden.html", 409, message=ctx.t.CERT_NOT_RECOGNIZED.format(status=status)
        )
    result = cert.result
    subject = chat_errors.subject_label(ctx.chat, result.subject_type, result.subject_name)
    data = certificate_pdf(cert, ctx.t, subject, points(result.final_score))
    name = f"giay-chung-nhan-{result.registration_id}.pdf"
    return attachment(data, pdf.PDF, name)


ROUTES = [
    Route("/committee/approvals", approvals_list, methods=["GET"]),
    Route("/committee/approvals/{id:int}/approve", approve, methods=["POST"]),
    Route("/committee/approvals/{id:int}/return", return_entry, methods=["POST"]),
    Route("/committee/assign", assign_list, methods=["GET"]),
    Route("/committee/assign/{id:int}", assign, methods=["POST"]),
    Route("/committee/council", council_list, methods=["GET"]),
    Route("/committee/council/open/{id:int}", council_open, methods=["POST"]),
    Route("/committee/council/{id:int}/turnout", council_turnout, methods=["GET"]),
    Route("/committee/council/{id:int}/close", council_close, methods=["POST"]),
    Route("/committee/results", results, methods=["GET"]),
    Route("/committee/results/publish", publish, methods=["POST"]),
    Route("/committee/results/finalize", finalize, methods=["POST"]),
    Route("/committee/results/comments/{id:int}/answer", answer, methods=["POST"]),
    Route("/committee/results/revoke/{id:int}", revoke, methods=["POST"]),
    Route("/committee/results/showcase/{id:int}", mark_showcase, methods=["POST"]),
    Route("/committee/results/evidence/{id:int}", showcase_file, methods=["GET"]),
    Route("/committee/results.xlsx", workbook, methods=["GET"]),
    Route("/committee/results/{id:int}/certificate.pdf", certificate, methods=["GET"]),
]
