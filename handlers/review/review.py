"""`/thamdinh`: a reviewer's two queues, evidence to check and entries to score."""

from __future__ import annotations

from enum import StrEnum

from handlers.core import Convo, Flow, Turn
from handlers.io import Button, Inbound, Reply
from handlers.review import evidence_check, scoring
from storage.models import Role
from storage.services import assignments, evidence_review, scope


class Step(StrEnum):
    MENU = "menu"


async def _counts(convo: Convo) -> tuple[int, int]:
    evidence = await evidence_review.queue_for(convo.session, convo.me)
    jobs = await assignments.assignments_of(convo.session, convo.me)
    return len(evidence), len(jobs)


async def start(msg: Inbound, convo: Convo) -> Turn:
    """Straight to the only queue with work, or offer both."""
    if not await scope.holds(convo.session, convo.me, Role.REVIEWER):
        return await convo.done(convo.t.NOT_REVIEWER)
    evidence, jobs = await _counts(convo)
    if not evidence and not jobs:
        return await convo.done(convo.t.NOTHING_TO_REVIEW)
    if evidence and not jobs:
        return await convo.switch(evidence_check.FLOW, msg)
    if jobs and not evidence:
        return await convo.switch(scoring.FLOW, msg)
    return await convo.goto(Step.MENU)


FLOW = Flow(name="review", start=start)


async def ask_menu(convo: Convo) -> Reply:
    t = convo.t
    evidence, jobs = await _counts(convo)
    buttons = [
        Button(t.BTN_CHECK_EVIDENCE.format(count=evidence), "ev"),
        Button(t.BTN_SCORE_ENTRIES.format(count=jobs), "sc"),
    ]
    return convo.ask(t.REVIEW_MENU, buttons)


@FLOW.step(Step.MENU, ask_menu)
async def on_menu(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "ev":
        return await convo.switch(evidence_check.FLOW, msg)
    if msg.choice == "sc":
        return await convo.switch(scoring.FLOW, msg)
    return await convo.stay(convo.t.UNKNOWN_INPUT)
