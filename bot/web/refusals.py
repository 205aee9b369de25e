"""Refusals a console page shows beside what was asked (a window, a race, a typo), as
opposed to the ones that end on the 403 page (another unit's object)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.web.context import Ctx
from storage.errors import DomainError

T = TypeVar("T")


@dataclass(frozen=True)
class SoftRefusals:
    """Every refusal of the `kinds`, and those of `coded` whose code is one of `codes`."""

    codes: frozenset[str]
    kinds: tuple[type[DomainError], ...]
    coded: type[DomainError] = DomainError

    def shown(self, error: DomainError) -> bool:
        return isinstance(error, self.kinds) or (
            isinstance(error, self.coded) and error.code in self.codes
        )

    async def attempt(
        self, ctx: Ctx, action: Callable[[], Awaitable[T]], *, savepoint: bool = False
    ) -> tuple[T | None, str]:
        """Run a service call: a soft refusal becomes (None, the message to show); any
        other goes on to the 403 page. On a `savepoint`, a soft refusal is rolled back."""
        try:
            if not savepoint:
                return await action(), ""
            async with ctx.db.begin_nested():
                return await action(), ""
        except DomainError as exc:
            if not self.shown(exc):
                raise
            return None, ctx.describe(exc)
