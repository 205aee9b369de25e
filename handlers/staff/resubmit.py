"""`/dangky` for a returned entry: read the reason, fix the criteria (or send the missing
minutes with /minhchung first) and send the entry again for approval."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from handlers.core import Convo, EntryData, Flow, Turn, choice_id
from handlers.io import Button, Inbound, Reply
from handlers.kit import format as fmt
from handlers.kit.acting import Refused, act
from handlers.kit.entries import entry_label
from handlers.outbound.notify import about, tell_approvers
from handlers.staff import registration
from storage.models import Registration
from storage.services import approvals, campaigns, registrations


class Step(StrEnum):
    PICK = "pick"
    CRITERIA = "criteria"
    CONFIRM = "confirm"


class Data(EntryData):
    chosen: list[str] = Field(default_factory=list)


async def start(msg: Inbound, convo: Convo) -> Turn:
    """`/dangky`: a returned entry is offered for correction first; otherwise a new
    registration."""
    if await approvals.returned_for(convo.session, convo.me):
        return await convo.goto(Step.PICK)
    return await convo.switch(registration.FLOW, msg)


FLOW = Flow(name="resubmit", data_model=Data, start=start)


async def ask_pick(convo: Convo) -> Reply:
    t = convo.t
    lines, buttons = [], []
    for entry in await approvals.returned_for(convo.session, convo.me):
        model, subject = await entry_label(convo, entry)
        reason = await approvals.last_return_reason(convo.session, entry.id or 0)
        lines.append(t.RETURNED_LINE.format(model=model, subject=subject, reason=reason or "—"))
        label = t.BTN_FIX.format(entry=f"{model.split(' · ')[0]} · {subject}")
        buttons.append(Button(fmt.shorten(label), f"fix:{entry.id}"))
    buttons.append(Button(t.BTN_NEW_ENTRY, "new"))
    return convo.ask(t.RESUBMIT_PICK.format(lines="\n".join(lines)), buttons)


@FLOW.step(Step.PICK, ask_pick)
async def on_pick(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "new":
        return await convo.switch(registration.FLOW, msg)
    returned = {e.id: e for e in await approvals.returned_for(convo.session, convo.me)}
    entry_id = choice_id(msg.choice, "fix:")
    if entry_id not in returned:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    data = Data.of(convo)
    data.registration_id = entry_id
    data.chosen = [c.code for c in await _chosen(convo, returned[entry_id])]
    return await convo.goto(Step.CRITERIA)


async def _entry(convo: Convo) -> Registration:
    entry = await convo.session.get(Registration, Data.of(convo).registration_id)
    assert entry is not None
    return entry


async def _chosen(convo: Convo, entry: Registration) -> list:  # type: ignore[type-arg]
    rows = {
        rc.criterion_id for rc in await registrations.chosen_criteria(convo.session, entry.id or 0)
    }
    return [
        c for c in await campaigns.specific_criteria(convo.session, entry.model_id) if c.id in rows
    ]


async def ask_criteria(convo: Convo) -> Reply:
    t = convo.t
    data, entry = Data.of(convo), await _entry(convo)
    criteria = await campaigns.specific_criteria(convo.session, entry.model_id)
    lines, buttons = [], []
    for c in criteria:
        mark = "☑" if c.code in data.chosen else "☐"
        lines.append(
            t.CRITERION_LINE.format(mark=mark, code=c.code, points=c.max_points, title=c.title)
        )
        buttons.append(Button(fmt.shorten(f"{mark} {c.code} · {c.title}", 40), f"t:{c.code}"))
    buttons.append(Button(t.BTN_NEXT, "next"))
    return convo.ask(t.RESUBMIT_CRITERIA.format(lines="\n".join(lines)), buttons)


@FLOW.step(Step.CRITERIA, ask_criteria)
async def on_criteria(msg: Inbound, convo: Convo) -> Turn:
    entry = await _entry(convo)
    codes = [c.code for c in await campaigns.specific_criteria(convo.session, entry.model_id)]
    # No "all" button is offered here, so only presses and "next" arrive.
    return await registration.toggle_criteria(msg, convo, Data.of(convo), codes, Step.CONFIRM)


async def ask_confirm(convo: Convo) -> Reply:
    t = convo.t
    model, subject = await entry_label(convo, await _entry(convo))
    text = t.RESUBMIT_CONFIRM.format(
        model=model, subject=subject, codes=", ".join(Data.of(convo).chosen)
    )
    buttons = [
        Button(t.BTN_RESUBMIT, "send"),
        Button(t.BTN_EDIT_CRITERIA, "edit"),
        Button(t.BTN_CANCEL, "/huy"),
    ]
    return convo.ask(text, buttons)


@FLOW.step(Step.CONFIRM, ask_confirm)
async def on_confirm(msg: Inbound, convo: Convo) -> Turn:
    return await registration.confirm_criteria(msg, convo, Step.CRITERIA, _send)


async def _send(convo: Convo) -> Turn:
    entry = await act(
        convo,
        approvals.resubmit,
        registration_id=Data.of(convo).registration_id or 0,
        criterion_codes=Data.of(convo).chosen,
    )
    if isinstance(entry, Refused):
        return await convo.done(entry.reason)
    await tell_approvers(convo, entry)
    it = await about(convo, entry)
    return await convo.done(convo.t.RESUBMITTED.format(model=it.model, subject=it.subject(convo.t)))
