"""A service call the person may be refused, the shape of most confirming steps: run it
in a savepoint, and on refusal end the conversation with the sentence that says why."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from handlers.core import Convo, Turn
from handlers.kit import errors
from storage.errors import DomainError

T = TypeVar("T")


async def or_refusal(convo: Convo, work: Awaitable[T], *, subject: str = "") -> T | Turn:
    """What `work` returns, or (when it raises a `DomainError`, whose writes the savepoint
    undoes) the turn that ends the flow with the refusal; `subject` names the entry in it.
    Callers return the turn as it is: `if isinstance(result, Turn): return result`."""
    try:
        async with convo.savepoint():
            return await work
    except DomainError as exc:
        return await convo.done(errors.describe(exc, convo.t, subject=subject))
