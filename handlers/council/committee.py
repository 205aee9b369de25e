"""Committee tools: `/xuatketqua` sends the results workbook; `/giaidoan` moves the demo
campaign to its next phase."""

from __future__ import annotations

from enum import StrEnum

from handlers.core import Convo, Flow, Turn
from handlers.council import exports
from handlers.io import Button, FileKind, Inbound, OutgoingFile, Reply
from handlers.kit import errors
from handlers.kit.acting import Refused, act
from handlers.kit.campaign import latest_campaign
from storage.errors import DomainError
from storage.services import phases, publication

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def export_start(msg: Inbound, convo: Convo) -> Turn:
    """The workbook as a document, for the committee's (or admin's) scope."""
    t = convo.t
    campaign = await publication.latest_campaign(convo.session)
    if campaign is None:
        return await convo.done(t.NO_CAMPAIGN)
    if not convo.caps.files_out:
        return await convo.done(t.EXPORT_NO_FILES.format(code=campaign.code))
    try:
        async with convo.savepoint():
            data = await exports.workbook_for(convo.session, convo.me, campaign)
    except DomainError as exc:
        return await convo.done(errors.describe(exc, t))
    name = f"ket-qua-{campaign.code}.xlsx"
    file = OutgoingFile(name=name, data=data, kind=FileKind.DOCUMENT, mime=XLSX)
    turn = await convo.done(t.EXPORT_READY)
    return turn.after(Reply(t.EXPORT_CAPTION.format(campaign=campaign.name), file=file))


EXPORT = Flow(name="export", start=export_start)


class Step(StrEnum):
    CONFIRM = "confirm"


async def phase_start(msg: Inbound, convo: Convo) -> Turn:
    campaign = await publication.latest_campaign(convo.session)
    if campaign is None or not campaign.is_demo:
        return await convo.done(convo.t.PHASE_DEMO_ONLY)
    return await convo.goto(Step.CONFIRM)


PHASE = Flow(name="phase", start=phase_start)


async def ask_confirm(convo: Convo) -> Reply:
    t = convo.t
    campaign = await latest_campaign(convo)
    target = phases.next_phase(campaign.status)
    lines = [
        ("▶ " if p == campaign.status else "   ") + t.PHASE_NAMES.get(p, p) for p in phases.PHASES
    ]
    text = t.PHASE_SHOW.format(campaign=campaign.name, lines="\n".join(lines))
    if target is None:
        return convo.ask(text + "\n" + t.PHASE_LAST, [Button(t.BTN_DONE, "/menu")])
    label = t.BTN_NEXT_PHASE.format(phase=t.PHASE_NAMES.get(target, target))
    return convo.ask(
        text + "\n" + t.PHASE_HINTS.get(target, ""),
        [Button(label, "next"), Button(t.BTN_CANCEL, "/huy")],
    )


@PHASE.step(Step.CONFIRM, ask_confirm)
async def on_confirm(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice != "next":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    campaign = await latest_campaign(convo)
    target = await act(convo, phases.advance, campaign=campaign)
    if isinstance(target, Refused):
        return await convo.done(target.reason)
    return await convo.done(
        convo.t.PHASE_MOVED.format(phase=convo.t.PHASE_NAMES.get(target, target))
    )
