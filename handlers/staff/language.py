"""`/ngonngu`: switch between Vietnamese and English."""

from __future__ import annotations

from enum import StrEnum

from handlers.core import Convo, Flow, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit.presses import pressed
from handlers.texts import LANGUAGES


class Step(StrEnum):
    PICK = "pick"


async def start(msg: Inbound, convo: Convo) -> Turn:
    """`/ngonngu en` switches at once; without an argument, offer the choice."""
    if msg.args and msg.args[0].lower() in LANGUAGES:
        return await _switch(convo, msg.args[0].lower())
    return await convo.goto(Step.PICK)


FLOW = Flow(name="language", start=start)


async def ask_pick(convo: Convo) -> Reply:
    return convo.ask(
        convo.t.PICK_LANGUAGE,
        [Button("🇻🇳 Tiếng Việt", "l:vi"), Button("🇬🇧 English", "l:en")],
        per_row=2,
    )


@FLOW.step(Step.PICK, ask_pick)
async def on_pick(msg: Inbound, convo: Convo) -> Turn:
    language = pressed(msg.choice, "l:", LANGUAGES)
    if language is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    return await _switch(convo, language)


async def _switch(convo: Convo, language: str) -> Turn:
    convo.account.language = language
    convo.t = LANGUAGES[language]
    if convo.person is None:
        return convo.end(convo.t.LANGUAGE_SET)
    return await convo.done(convo.t.LANGUAGE_SET)
