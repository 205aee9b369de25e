"""`/thamdinh` → scoring: an appointed reviewer scores each criterion with its rubric
shown, judges the general criteria, and submits; nothing of the self score or the other
reviewers is shown before that. A submitted score is corrected by a new version with a
reason."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.core import Convo, Flow, FlowData, Turn, choice_id
from handlers.io import Button, Inbound, Reply
from handlers.kit import errors
from handlers.kit import format as fmt
from handlers.kit.acting import Refused, act
from handlers.kit.numbers import parse_score
from handlers.kit.reasons import ask_with_back, typed_reason
from handlers.outbound.notify import about_entry, message, notify_people
from handlers.review.scoring_view import (
    entry_buttons,
    evidence_replies,
    line_question,
    submitted_text,
    summary_text,
)
from storage.errors import DomainError
from storage.models import EntryStatus, Role
from storage.services import assignments, scope, scoring
from storage.services.scoring import Line


class Step(StrEnum):
    ENTRY = "entry"
    SCORE = "score"
    GATE = "gate"
    GATE_REASON = "gate_reason"
    SUMMARY = "summary"
    PICK = "pick"
    FIX_REASON = "fix_reason"


# Refusals that leave the reviewer on the same question.
STAY_ERRORS = ("score_out_of_range", "score_step", "no_accepted_evidence", "reason_required")


class Data(FlowData):
    assignment_id: int | None = None
    criterion_id: int | None = None
    value: float | None = None


async def _job(convo: Convo) -> scoring.Job:
    """The appointment, for display; the services refuse actions once review is over."""
    return await scoring.job(
        convo.session, convo.me, Data.of(convo).assignment_id or 0, open_only=False
    )


async def _lines(convo: Convo) -> list[Line]:
    return await scoring.sheet(convo.session, await _job(convo))


async def _line(convo: Convo) -> Line:
    lines = await _lines(convo)
    return next(x for x in lines if x.criterion.id == Data.of(convo).criterion_id)


async def start(msg: Inbound, convo: Convo) -> Turn:
    jobs = await assignments.assignments_of(convo.session, convo.me)
    if not jobs:
        return await convo.done(convo.t.NO_ASSIGNMENTS)
    if len(jobs) == 1:
        return await _use(convo, jobs[0][0].id or 0)
    return await convo.goto(Step.ENTRY)


async def _use(convo: Convo, assignment_id: int) -> Turn:
    try:
        work = await scoring.job(convo.session, convo.me, assignment_id, convo.now)
    except DomainError as exc:
        return await convo.done(errors.describe(exc, convo.t))
    Data.of(convo).assignment_id = assignment_id
    if work.assignment.submitted_at is None:
        return await _next_line(convo)
    return await convo.goto(Step.SUMMARY)


async def _next_line(convo: Convo, *before: str) -> Turn:
    """The first line without a draft, or the summary once every line has one."""
    for line in await _lines(convo):
        if line.score is None:
            Data.of(convo).criterion_id = line.criterion.id
            return await convo.goto(Step.GATE if line.general else Step.SCORE, before=before)
    return await convo.goto(Step.SUMMARY, before=before)


FLOW = Flow(name="scoring", data_model=Data, start=start)


async def ask_entry(convo: Convo) -> Reply:
    jobs = await assignments.assignments_of(convo.session, convo.me)
    return convo.ask(convo.t.SCORING_PICK, await entry_buttons(convo, jobs))


@FLOW.step(Step.ENTRY, ask_entry)
async def on_entry(msg: Inbound, convo: Convo) -> Turn:
    mine = {a.id for a, _ in await assignments.assignments_of(convo.session, convo.me)}
    assignment_id = choice_id(msg.choice, "a:")
    if assignment_id is None or assignment_id not in mine:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    return await _use(convo, assignment_id)


async def ask_score(convo: Convo) -> Reply:
    lines = await _lines(convo)
    text = await line_question(convo, await _job(convo), lines, Data.of(convo).criterion_id or 0)
    return convo.ask(text, [Button(convo.t.BTN_SHOW_EVIDENCE, "ev")])


async def _evidence(convo: Convo) -> Turn:
    """Send the criterion's evidence, then ask again."""
    replies = await evidence_replies(convo, await _job(convo), Data.of(convo).criterion_id or 0)
    turn = await convo.stay()
    return turn.after(*replies)


async def _save(convo: Convo, value: float, reason: str | None = None) -> Turn:
    data, t = Data.of(convo), convo.t
    try:
        async with convo.savepoint():
            if data.value is not None or (await _job(convo)).assignment.submitted_at is not None:
                await scoring.correct(
                    convo.session,
                    actor=convo.me,
                    assignment_id=data.assignment_id or 0,
                    criterion_id=data.criterion_id or 0,
                    value=value,
                    reason=reason or "",
                    now=convo.now,
                )
                data.value = None
                return await convo.goto(Step.SUMMARY, before=[t.SCORE_CORRECTED])
            await scoring.set_draft(
                convo.session,
                actor=convo.me,
                assignment_id=data.assignment_id or 0,
                criterion_id=data.criterion_id or 0,
                value=value,
                reason=reason,
                now=convo.now,
            )
    except DomainError as exc:
        if exc.code in STAY_ERRORS:
            return await convo.stay(errors.describe(exc, t))
        return await convo.done(errors.describe(exc, t))
    return await _next_line(convo, t.REVIEW_SCORE_SAVED.format(score=fmt.points(value, t)))


@FLOW.step(Step.SCORE, ask_score, takes_number=True)
async def on_score(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "ev":
        return await _evidence(convo)
    value = parse_score(msg.text or "")
    if value is None:
        line = await _line(convo)
        return await convo.stay(convo.t.SCORE_NOT_NUMBER.format(max=line.criterion.max_points))
    if (await _job(convo)).assignment.submitted_at is not None:
        Data.of(convo).value = value
        return await convo.goto(Step.FIX_REASON)
    return await _save(convo, value)


async def ask_gate(convo: Convo) -> Reply:
    t = convo.t
    line = await _line(convo)
    text = t.GATE_ASK.format(code=line.criterion.code, title=line.criterion.title)
    return convo.ask(text, [Button(t.BTN_GATE_PASS, "pass"), Button(t.BTN_GATE_FAIL, "fail")], 2)


@FLOW.step(Step.GATE, ask_gate)
async def on_gate(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "fail":
        Data.of(convo).value = None
        return await convo.goto(Step.GATE_REASON)
    if msg.choice != "pass":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    if (await _job(convo)).assignment.submitted_at is not None:
        Data.of(convo).value = 1
        return await convo.goto(Step.FIX_REASON)
    return await _save(convo, 1)


async def ask_gate_reason(convo: Convo) -> Reply:
    return ask_with_back(convo, convo.t.GATE_FAIL_REASON)


@FLOW.step(Step.GATE_REASON, ask_gate_reason)
async def on_gate_reason(msg: Inbound, convo: Convo) -> Turn:
    return await _save_with_reason(msg, convo, Step.GATE, 0)


async def _save_with_reason(msg: Inbound, convo: Convo, back: str, value: float) -> Turn:
    """A general criterion not met, or a correction: saved with the reason typed."""
    reason = await typed_reason(msg, convo, back)
    if isinstance(reason, Turn):
        return reason
    return await _save(convo, value, reason)


async def ask_summary(convo: Convo) -> Reply:
    t = convo.t
    work = await _job(convo)
    text = await summary_text(convo, work, await _lines(convo))
    if work.entry.status != EntryStatus.UNDER_REVIEW:
        buttons = [Button(t.BTN_DONE, "/menu")]
    elif work.assignment.submitted_at is None:
        buttons = [Button(t.BTN_SUBMIT_SCORES, "submit"), Button(t.BTN_EDIT_SCORE, "pick")]
    elif assignments.is_pending(work.assignment):
        buttons = [Button(t.BTN_CONFIRM_SCORES, "submit"), Button(t.BTN_CORRECT, "pick")]
    else:
        buttons = [Button(t.BTN_CORRECT, "pick"), Button(t.BTN_DONE, "/menu")]
    return convo.ask(text, buttons, per_row=2)


@FLOW.step(Step.SUMMARY, ask_summary)
async def on_summary(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "pick":
        return await convo.goto(Step.PICK)
    if msg.choice != "submit":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    outcome = await act(convo, scoring.submit, assignment_id=Data.of(convo).assignment_id or 0)
    if isinstance(outcome, Refused):
        return await convo.stay(outcome.reason)
    work = await _job(convo) if outcome.needs_extra else None
    if work is not None:
        await _call_extra(convo, work)
    return await convo.done(await submitted_text(convo, Data.of(convo).assignment_id or 0, outcome))


async def _call_extra(convo: Convo, work: scoring.Job) -> None:
    await call_extra(
        convo.session,
        work,
        actor_id=convo.me.id,
        now=convo.now,
        default_language=convo.deps.default_language,
    )


async def call_extra(
    session: AsyncSession,
    work: scoring.Job,
    *,
    actor_id: int | None,
    now: datetime,
    default_language: str,
) -> None:
    """A gap above the campaign's limit: the committee is asked for another reviewer."""
    it = await about_entry(session, work.entry)
    await notify_people(
        session,
        await scope.people_over(session, Role.PARTY_COMMITTEE, work.entry.unit_id),
        lambda tt: message(
            tt.NOTICE_EXTRA_REVIEWER.format(model=it.model, subject=it.subject(tt)),
            (tt.BTN_ASSIGN, "/phancong"),
        ),
        actor_id=actor_id,
        now=now,
        default_language=default_language,
    )


async def ask_pick(convo: Convo) -> Reply:
    t = convo.t
    buttons = [
        Button(
            f"{x.criterion.code} · {fmt.points(x.score, t)}"
            + ("" if x.general else f"/{x.criterion.max_points}"),
            f"k:{x.criterion.id}",
        )
        for x in await _lines(convo)
    ]
    return convo.ask(t.PICK_CRITERION_SCORE, [*buttons, Button(t.BTN_BACK, "back")], per_row=2)


@FLOW.step(Step.PICK, ask_pick)
async def on_pick(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "back":
        return await convo.goto(Step.SUMMARY)
    choice = msg.choice or ""
    match = next((x for x in await _lines(convo) if choice == f"k:{x.criterion.id}"), None)
    if match is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).criterion_id, Data.of(convo).value = match.criterion.id, None
    return await convo.goto(Step.GATE if match.general else Step.SCORE)


async def ask_fix_reason(convo: Convo) -> Reply:
    return ask_with_back(convo, convo.t.CORRECTION_REASON)


@FLOW.step(Step.FIX_REASON, ask_fix_reason)
async def on_fix_reason(msg: Inbound, convo: Convo) -> Turn:
    return await _save_with_reason(msg, convo, Step.SUMMARY, Data.of(convo).value or 0)
