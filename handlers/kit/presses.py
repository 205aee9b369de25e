"""Reading a pressed button whose payload is a prefix and a value ("m:M1", "k:M1.02"):
the value only when it is one the step offered."""

from __future__ import annotations

from collections.abc import Container, Iterable

from storage.models import Criterion


def pressed(choice: str | None, prefix: str, allowed: Container[str]) -> str | None:
    """The value of a "<prefix><value>" press when it is one of `allowed`, else None."""
    if choice is None or not choice.startswith(prefix):
        return None
    value = choice.removeprefix(prefix)
    return value if value in allowed else None


def pressed_criterion(choice: str | None, criteria: Iterable[Criterion]) -> Criterion | None:
    """The criterion whose "k:<code>" button was pressed, if it is one of `criteria`."""
    if choice is None or not choice.startswith("k:"):
        return None
    return next((c for c in criteria if c.code == choice.removeprefix("k:")), None)
