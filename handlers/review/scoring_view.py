"""What a reviewer reads while scoring: the entry list, each criterion with its rubric,
the sheet's summary, the evidence, and (only after submitting) the others' totals."""

from __future__ import annotations

from handlers.core import Convo
from handlers.io import Button, Reply
from handlers.kit import format as fmt
from handlers.kit.entries import entry_label
from handlers.review.showfiles import evidence_reply
from storage.errors import DomainError
from storage.models import EvidenceStatus, Registration, ReviewAssignment, SubjectType
from storage.services import assignments, evidence_review, scoring
from storage.services.finals import Outcome
from storage.services.scoring import Job, Line


async def entry_buttons(
    convo: Convo, jobs: list[tuple[ReviewAssignment, Registration]]
) -> list[Button]:
    t = convo.t
    buttons = []
    for assignment, entry in jobs:
        model, subject = await entry_label(convo, entry)
        if assignment.submitted_at is None:
            state = t.SHEET_DRAFT
        else:
            state = t.SHEET_REOPENED if assignments.is_pending(assignment) else t.SHEET_SUBMITTED
        label = f"{model.split(' · ')[0]} · {subject} ({state})"
        buttons.append(Button(fmt.shorten(label), f"a:{assignment.id}"))
    return buttons


def _title(work: Job, line: Line) -> str:
    individual = work.entry.subject_type == SubjectType.INDIVIDUAL
    reading = line.criterion.individual_reading
    return reading if individual and reading else line.criterion.title


async def line_question(convo: Convo, work: Job, lines: list[Line], criterion_id: int) -> str:
    """The criterion with its rubric and evidence count; never the self score."""
    t = convo.t
    specific = [x for x in lines if not x.general]
    index, line = next((i, x) for i, x in enumerate(specific, 1) if x.criterion.id == criterion_id)
    model, subject = await entry_label(convo, work.entry)
    pending = await evidence_review.evidence_of(
        convo.session, work.entry.id or 0, criterion_id=criterion_id, status=EvidenceStatus.PENDING
    )
    text = t.REVIEW_SCORE_ASK.format(
        model=model,
        subject=subject,
        index=index,
        count=len(specific),
        code=line.criterion.code,
        title=_title(work, line),
        max=line.criterion.max_points,
        method=t.METHODS.get(line.criterion.method, line.criterion.method or "—"),
        guide=line.criterion.guide or "—",
        hint=line.criterion.evidence_hint or "—",
        accepted=line.accepted_evidence,
        pending=len(pending),
        current=fmt.points(line.score, t),
        step=fmt.points(work.campaign.score_step, t),
    )
    if line.accepted_evidence == 0:
        text += "\n" + t.NO_ACCEPTED_EVIDENCE_HINT
    return text


async def summary_text(convo: Convo, work: Job, lines: list[Line]) -> str:
    t = convo.t
    model, subject = await entry_label(convo, work.entry)
    rows = []
    for x in lines:
        if x.general:
            verdict = {None: t.NOT_SCORED, 1: t.GATE_PASSED, 0: t.GATE_FAILED}[x.score]
            rows.append(t.GATE_LINE.format(code=x.criterion.code, verdict=verdict))
        else:
            score = fmt.points(x.score, t) if x.score is not None else t.NOT_SCORED
            rows.append(
                t.SCORE_LINE.format(code=x.criterion.code, score=score, max=x.criterion.max_points)
            )
    total = sum(x.score or 0 for x in lines if not x.general)
    if work.assignment.submitted_at is None:
        state = t.SHEET_DRAFT_NOTE
    elif assignments.is_pending(work.assignment):
        state = t.SHEET_REOPENED_NOTE
    else:
        state = t.SHEET_SUBMITTED_NOTE
    return t.REVIEW_SUMMARY.format(
        model=model, subject=subject, lines="\n".join(rows), total=fmt.points(total, t), state=state
    )


async def evidence_replies(convo: Convo, work: Job, criterion_id: int) -> list[Reply]:
    """The criterion's accepted and pending evidence, one message each."""
    t = convo.t
    found = [
        e
        for e in await evidence_review.evidence_of(
            convo.session, work.entry.id or 0, criterion_id=criterion_id
        )
        if e.status != EvidenceStatus.REJECTED
    ]
    if not found:
        return [Reply(t.NO_EVIDENCE_FOR_CRITERION)]
    return [
        evidence_reply(convo, e, t.EVIDENCE_STATUS_LINE.format(status=t.EVIDENCE_STATUS[e.status]))
        for e in found
    ]


async def submitted_text(convo: Convo, assignment_id: int, outcome: Outcome) -> str:
    """After submitting: the self score and the other reviewers' totals may now be seen."""
    t = convo.t
    try:
        view = await scoring.peer_view(convo.session, convo.me, assignment_id)
    except DomainError:
        return t.SCORES_SUBMITTED
    others = ", ".join(fmt.points(x, t) for x in view.others) or t.NONE_YET
    lines = [
        t.SCORES_SUBMITTED,
        t.PEER_VIEW.format(self_total=fmt.points(view.self_total, t), others=others),
    ]
    if outcome.needs_extra:
        lines.append(t.GAP_CALLS_EXTRA.format(gap=fmt.points(outcome.gap, t)))
    elif outcome.complete:
        lines.append(t.REVIEW_COMPLETE.format(final=fmt.points(outcome.final, t)))
    return "\n".join(lines)
