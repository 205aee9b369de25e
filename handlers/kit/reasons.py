"""Steps that ask for a typed reason (a return, a rejection, a correction, an answer),
with a button back to the step before."""

from __future__ import annotations

from handlers.core import Convo, Turn
from handlers.io import Button, Inbound, Reply


def ask_with_back(convo: Convo, question: str) -> Reply:
    return convo.ask(question, [Button(convo.t.BTN_BACK, "back")])


async def typed_reason(
    msg: Inbound, convo: Convo, back: str, *, blank_allowed: bool = False
) -> str | Turn:
    """The text typed, or the turn to take instead: the back button goes to step `back`,
    anything but text (or, unless `blank_allowed`, only spaces) asks again. Where blank
    text is allowed, the service refuses it with its own sentence."""
    if msg.choice == "back":
        return await convo.goto(back)
    if msg.text is None or (not blank_allowed and not msg.text.strip()):
        return await convo.stay(convo.t.REASON_NEEDED)
    return msg.text
