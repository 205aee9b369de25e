"""Steps that ask for a typed reason (a return, a rejection, a correction, an answer),
with a button back to the step before."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from handlers.core import Convo, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit.acting import Refused, act

T = TypeVar("T")


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


async def act_with_reason(
    msg: Inbound,
    convo: Convo,
    back: str,
    service: Callable[..., Awaitable[T]],
    then: Callable[[Convo, T, str], Awaitable[Turn]],
    *,
    refused: Callable[[str], Awaitable[Turn]] | None = None,
    blank_allowed: bool = True,
    **args: Any,
) -> Turn:
    """A step that runs `service` with the reason typed (see `typed_reason` and `act`),
    then goes on with `then(convo, result, reason)`. A refusal's sentence goes to
    `refused`: by default the question is asked again."""
    typed = await typed_reason(msg, convo, back, blank_allowed=blank_allowed)
    if isinstance(typed, Turn):
        return typed
    result = await act(convo, service, reason=typed, **args)
    if isinstance(result, Refused):
        return await (refused or convo.stay)(result.reason)
    return await then(convo, result, typed)
