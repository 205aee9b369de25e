"""Running a service on the person's behalf: inside a savepoint, so that a refusal undoes
whatever the service had written before refusing, and answered with the sentence that
says why."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from handlers.core import Convo
from handlers.kit import errors
from storage.errors import DomainError

T = TypeVar("T")


@dataclass(frozen=True)
class Refused:
    """A service said no: its refusal code and the sentence for the person."""

    code: str
    reason: str


async def act(convo: Convo, service: Callable[..., Awaitable[T]], /, **args: Any) -> T | Refused:
    """`service(session, actor=me, now=now, **args)`, every service that acts for the
    person taking those three; its result, or `Refused` with nothing of it kept."""
    try:
        async with convo.savepoint():
            return await service(convo.session, actor=convo.me, now=convo.now, **args)
    except DomainError as exc:
        return Refused(exc.code, errors.describe(exc, convo.t))
