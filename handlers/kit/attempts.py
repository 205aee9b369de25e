"""A service call the person may be refused, the shape of most confirming steps: run it
in a savepoint, and on refusal end the conversation with the sentence that says why."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from handlers.core import Convo, Turn
from handlers.kit import errors
from storage.errors import DomainError

T = TypeVar("T")


async def or_refusal(
    convo: Convo, service: Callable[..., Awaitable[T]], *, subject_label: str = "", **values: Any
) -> T | Turn:
    """`service(session, actor=me, now=now, **values)` as every storage operation takes
    them, and what it returns; or, when it raises a `DomainError` (whose writes the
    savepoint undoes), the turn that ends the flow with the refusal, naming `subject_label`.
    Callers hand that turn back as it is: `if isinstance(result, Turn): return result`."""
    try:
        async with convo.savepoint():
            return await service(convo.session, actor=convo.me, now=convo.now, **values)
    except DomainError as exc:
        return await convo.done(errors.describe(exc, convo.t, subject=subject_label))
