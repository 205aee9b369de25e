"""`/thamdinh` → evidence: a reviewer sees each pending piece of evidence (the photo or
document itself) with criterion, sender and date, and accepts or rejects it with a
reason; the sender is told at once."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.core import Convo, Flow, FlowData, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit import errors
from handlers.kit import format as fmt
from handlers.kit.acting import Refused, act
from handlers.kit.entries import entry_label
from handlers.kit.reasons import act_with_reason, ask_with_back
from handlers.outbound.notify import about_entry, message, notify_people
from handlers.review.showfiles import evidence_reply
from storage.models import Criterion, Evidence, Person, Registration
from storage.services import evidence_review


class Step(StrEnum):
    ITEM = "item"
    REASON = "reason"


class Data(FlowData):
    evidence_id: int | None = None
    skipped: list[int] = Field(default_factory=list)


async def _queue(convo: Convo) -> list[Evidence]:
    skipped = set(Data.of(convo).skipped)
    found = await evidence_review.queue_for(convo.session, convo.me)
    return [e for e in found if e.id not in skipped]


async def start(msg: Inbound, convo: Convo) -> Turn:
    return await _next(convo)


async def _next(convo: Convo, *before: str) -> Turn:
    """The oldest evidence still waiting, or the end of the queue."""
    queue = await _queue(convo)
    if not queue:
        return await convo.done(*before, convo.t.EVIDENCE_QUEUE_EMPTY)
    Data.of(convo).evidence_id = queue[0].id
    return await convo.goto(Step.ITEM, before=before)


FLOW = Flow(name="evidence_check", data_model=Data, start=start)


async def ask_item(convo: Convo) -> list[Reply]:
    t, session = convo.t, convo.session
    evidence = await session.get(Evidence, Data.of(convo).evidence_id)
    assert evidence is not None
    entry = await session.get(Registration, evidence.registration_id)
    criterion = await session.get(Criterion, evidence.criterion_id)
    sender = await session.get(Person, evidence.sender_id)
    assert entry is not None and criterion is not None
    model, subject = await entry_label(convo, entry)
    sent = evidence.created_at
    text = t.EVIDENCE_CHECK.format(
        left=len(await _queue(convo)),
        code=criterion.code,
        title=criterion.title,
        model=model,
        subject=subject,
        sender=sender.full_name if sender else "?",
        date=f"{fmt.day(sent)} {errors.clock(sent, convo.deps.timezone)}",
        hint=criterion.evidence_hint or "—",
    )
    buttons = [
        Button(t.BTN_ACCEPT, "ok"),
        Button(t.BTN_REJECT, "no"),
        Button(t.BTN_SKIP, "skip"),
        Button(t.BTN_STOP, "/huy"),
    ]
    return [evidence_reply(convo, evidence, text), convo.ask(t.EVIDENCE_DECIDE, buttons, per_row=2)]


@FLOW.step(Step.ITEM, ask_item)
async def on_item(msg: Inbound, convo: Convo) -> Turn:
    data = Data.of(convo)
    if msg.choice == "skip":
        data.skipped.append(data.evidence_id or 0)
        return await _next(convo)
    if msg.choice == "no":
        return await convo.goto(Step.REASON)
    if msg.choice != "ok":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    accepted = await act(convo, evidence_review.accept, evidence_id=data.evidence_id or 0)
    if isinstance(accepted, Refused):
        data.skipped.append(data.evidence_id or 0)
        return await _next(convo, accepted.reason)
    return await _next(convo, convo.t.EVIDENCE_ACCEPTED)


async def ask_reason(convo: Convo) -> Reply:
    return ask_with_back(convo, convo.t.EVIDENCE_REJECT_REASON)


@FLOW.step(Step.REASON, ask_reason)
async def on_reason(msg: Inbound, convo: Convo) -> Turn:
    evidence_id = Data.of(convo).evidence_id or 0
    return await act_with_reason(
        msg, convo, Step.ITEM, evidence_review.reject, _rejected, evidence_id=evidence_id
    )


async def _rejected(convo: Convo, checked: evidence_review.Checked, reason: str) -> Turn:
    """The sender is told which piece was rejected and why."""
    await tell_rejected(
        convo.session,
        checked,
        actor_id=convo.me.id,
        now=convo.now,
        default_language=convo.deps.default_language,
    )
    return await _next(convo, convo.t.EVIDENCE_REJECTED)


async def tell_rejected(
    session: AsyncSession,
    checked: evidence_review.Checked,
    *,
    actor_id: int | None,
    now: datetime,
    default_language: str,
) -> None:
    """The sender hears why their evidence was rejected, with a button to send more (in
    chat and from the console alike)."""
    criterion = await session.get(Criterion, checked.evidence.criterion_id)
    it = await about_entry(session, checked.entry)
    reason, code = checked.evidence.reason or "", criterion.code if criterion else "?"
    await notify_people(
        session,
        [checked.evidence.sender_id],
        lambda tt: message(
            tt.NOTICE_EVIDENCE_REJECTED.format(
                code=code, model=it.model, subject=it.subject(tt), reason=reason
            ),
            (tt.BTN_EVIDENCE, "/minhchung"),
        ),
        actor_id=actor_id,
        now=now,
        default_language=default_language,
    )
