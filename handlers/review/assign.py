"""`/phancong`: the party committee appoints reviewers from other units to each entry,
including the extra reviewer a large gap calls for; a conflict of interest is refused."""

from __future__ import annotations

from enum import StrEnum

from handlers.core import Convo, EntryData, Flow, Turn, choice_id
from handlers.io import Button, Inbound, Reply
from handlers.kit import format as fmt
from handlers.kit.acting import Refused, act
from handlers.kit.entries import chosen_entry, entry_label, take_entry
from handlers.outbound.notify import About, about, message, notify
from handlers.texts import Texts
from storage.models import OrgUnit, Person
from storage.services import assignments, people


class Step(StrEnum):
    ENTRY = "entry"
    REVIEWER = "reviewer"


async def start(msg: Inbound, convo: Convo) -> Turn:
    if not await assignments.needs_for(convo.session, convo.me):
        return await convo.done(convo.t.NO_ASSIGNMENTS_NEEDED)
    return await convo.goto(Step.ENTRY)


FLOW = Flow(name="assign", data_model=EntryData, start=start)


async def ask_entry(convo: Convo) -> Reply:
    t = convo.t
    buttons = []
    for need in await assignments.needs_for(convo.session, convo.me):
        model, subject = await entry_label(convo, need.entry)
        template = t.NEED_EXTRA_LABEL if need.extra else t.NEED_LABEL
        label = template.format(
            entry=f"{model.split(' · ')[0]} · {subject}", assigned=need.assigned, needed=need.needed
        )
        buttons.append(Button(fmt.shorten(label, 56), f"r:{need.entry.id}"))
    return convo.ask(t.ASSIGN_PICK_ENTRY, buttons)


@FLOW.step(Step.ENTRY, ask_entry)
async def on_entry(msg: Inbound, convo: Convo) -> Turn:
    waiting = [n.entry for n in await assignments.needs_for(convo.session, convo.me)]
    return await take_entry(msg, convo, Step.REVIEWER, waiting)


async def ask_reviewer(convo: Convo) -> Reply:
    t = convo.t
    entry = await chosen_entry(convo)
    need = await assignments.need_of(convo.session, entry)
    model, subject = await entry_label(convo, entry)
    buttons = []
    for person in await assignments.candidates(convo.session, entry):
        unit = await convo.session.get(OrgUnit, person.unit_id)
        label = f"{person.full_name} · {unit.name if unit else ''}"
        buttons.append(Button(fmt.shorten(label, 56), f"p:{person.id}"))
    text = t.ASSIGN_PICK_REVIEWER.format(
        model=model,
        subject=subject,
        assigned=need.assigned if need else 0,
        needed=need.needed if need else 0,
    )
    if not buttons:
        text += "\n" + t.NO_CANDIDATES
    return convo.ask(text, [*buttons, Button(t.BTN_BACK_TO_LIST, "list")])


async def _reviewer(convo: Convo, msg: Inbound) -> Person | None:
    choice = msg.choice or ""
    if (person_id := choice_id(choice, "p:")) is not None:
        return await convo.session.get(Person, person_id)
    if msg.text:
        return await people.find_by_code(convo.session, msg.text)
    return None


@FLOW.step(Step.REVIEWER, ask_reviewer)
async def on_reviewer(msg: Inbound, convo: Convo) -> Turn:
    t = convo.t
    if msg.choice == "list":
        return await convo.goto(Step.ENTRY)
    reviewer = await _reviewer(convo, msg)
    if reviewer is None:
        return await convo.stay(t.NO_SUCH_PERSON if msg.text else t.UNKNOWN_INPUT)
    entry = await chosen_entry(convo)
    result = await act(convo, assignments.assign, registration_id=entry.id or 0, reviewer=reviewer)
    if isinstance(result, Refused):
        return await convo.stay(result.reason)
    it = await about(convo, entry)
    await notify(convo, [reviewer.id], lambda tt: assigned_notice(tt, it))
    done = t.ASSIGNED_OK.format(name=reviewer.full_name, subject=it.subject(t))
    if await assignments.need_of(convo.session, entry):
        return await convo.goto(Step.REVIEWER, before=[done])
    if await assignments.needs_for(convo.session, convo.me):
        return await convo.goto(Step.ENTRY, before=[done])
    return await convo.done(done)


def assigned_notice(t: Texts, it: About) -> Reply:
    """For the reviewer just appointed (in the chat and the console)."""
    return message(
        t.NOTICE_ASSIGNED.format(model=it.model, subject=it.subject(t)),
        (t.BTN_REVIEW, "/thamdinh"),
    )
