"""`/duyet`: approvers see the entries waiting for them and approve, or return them with
a reason that the registrant receives at once."""

from __future__ import annotations

from enum import StrEnum

from handlers.core import Convo, EntryData, Flow, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit import format as fmt
from handlers.kit.acting import Refused, act
from handlers.kit.entries import chosen_entry, entry_buttons, entry_label, take_entry
from handlers.kit.reasons import act_with_reason, ask_with_back
from handlers.outbound.notify import about, message, notify
from handlers.review.showfiles import evidence_reply
from storage.models import EvidencePurpose, Person, Registration, SubjectType
from storage.services import approvals, evidence_review, scoring


class Step(StrEnum):
    ENTRY = "entry"
    DECIDE = "decide"
    REASON = "reason"


async def start(msg: Inbound, convo: Convo) -> Turn:
    if not await approvals.pending_for(convo.session, convo.me):
        return await convo.done(convo.t.NO_APPROVALS)
    return await convo.goto(Step.ENTRY)


async def _next(convo: Convo, done_text: str) -> Turn:
    """Back to the list while entries wait, or to the main menu."""
    if await approvals.pending_for(convo.session, convo.me):
        return await convo.goto(Step.ENTRY, before=[done_text])
    return await convo.done(done_text, convo.t.NO_MORE_APPROVALS)


FLOW = Flow(name="approval", data_model=EntryData, start=start)


async def ask_entry(convo: Convo) -> Reply:
    pending = await approvals.pending_for(convo.session, convo.me)
    buttons = await entry_buttons(convo, pending)
    return convo.ask(convo.t.APPROVAL_PICK.format(count=len(pending)), buttons)


@FLOW.step(Step.ENTRY, ask_entry)
async def on_entry(msg: Inbound, convo: Convo) -> Turn:
    return await take_entry(msg, convo, Step.DECIDE)


async def ask_decide(convo: Convo) -> list[Reply]:
    """The entry with its criteria, registrant and (for a collective) the minutes."""
    t = convo.t
    entry = await chosen_entry(convo)
    model, subject = await entry_label(convo, entry)
    registrant = await convo.session.get(Person, entry.registered_by_id)
    criteria = [c for c, general in await scoring.criteria_of(convo.session, entry) if not general]
    lines = "\n".join(f"• {c.code} ({c.max_points} đ): {c.title}" for c in criteria)
    text = t.APPROVAL_ENTRY.format(
        model=model,
        subject=subject,
        registrant=registrant.full_name if registrant else "?",
        date=fmt.day(entry.submitted_at or entry.created_at),
        criteria=lines,
    )
    replies: list[Reply] = []
    if entry.subject_type == SubjectType.COLLECTIVE:
        minutes = await evidence_review.evidence_of(
            convo.session, entry.id or 0, purpose=EvidencePurpose.MINUTES
        )
        text += "\n" + (t.MINUTES_COUNT.format(count=len(minutes)) if minutes else t.MINUTES_NONE)
        replies += [evidence_reply(convo, m, t.MINUTES_CAPTION) for m in minutes]
    buttons = [
        Button(t.BTN_APPROVE, "ok"),
        Button(t.BTN_RETURN, "ret"),
        Button(t.BTN_BACK_TO_LIST, "list"),
    ]
    return [*replies, convo.ask(text, buttons)]


@FLOW.step(Step.DECIDE, ask_decide)
async def on_decide(msg: Inbound, convo: Convo) -> Turn:
    t = convo.t
    if msg.choice == "list":
        return await convo.goto(Step.ENTRY)
    if msg.choice == "ret":
        return await convo.goto(Step.REASON)
    if msg.choice != "ok":
        return await convo.stay(t.UNKNOWN_INPUT)
    entry = await act(
        convo, approvals.approve, registration_id=EntryData.of(convo).registration_id or 0
    )
    if isinstance(entry, Refused):
        return await convo.stay(entry.reason)
    it = await about(convo, entry)
    await notify(
        convo,
        {entry.registered_by_id, entry.person_id},
        lambda tt: message(
            tt.NOTICE_APPROVED.format(model=it.model, subject=it.subject(tt)),
            (tt.BTN_EVIDENCE, "/minhchung"),
            (tt.BTN_PROGRESS, "/tiendo"),
        ),
    )
    return await _next(convo, t.APPROVED_OK.format(subject=it.subject(t)))


async def ask_reason(convo: Convo) -> Reply:
    return ask_with_back(convo, convo.t.RETURN_ASK_REASON)


@FLOW.step(Step.REASON, ask_reason)
async def on_reason(msg: Inbound, convo: Convo) -> Turn:
    registration_id = EntryData.of(convo).registration_id or 0
    return await act_with_reason(
        msg, convo, Step.DECIDE, approvals.return_entry, _returned, registration_id=registration_id
    )


async def _returned(convo: Convo, entry: Registration, typed: str) -> Turn:
    """The registrant reads the reason at once."""
    t = convo.t
    it = await about(convo, entry)
    reason = approvals.clean_reason(typed)
    await notify(
        convo,
        {entry.registered_by_id, entry.person_id},
        lambda tt: message(
            tt.NOTICE_RETURNED.format(model=it.model, subject=it.subject(tt), reason=reason),
            (tt.BTN_FIX_ENTRY, "/dangky"),
        ),
    )
    return await _next(convo, t.RETURNED_OK.format(subject=it.subject(t)))
