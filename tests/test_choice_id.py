"""Button payloads carrying an id ("fix:12") read in one place."""

from __future__ import annotations

import pytest

from handlers.core import choice_id


@pytest.mark.parametrize(
    ("payload", "prefix", "expected"),
    [
        ("fix:12", "fix:", 12),
        ("s:u:7", "s:u:", 7),
        ("r:0", "r:", 0),
        ("r:12", "fix:", None),  # another prefix
        ("r:", "r:", None),  # no id
        ("r:-1", "r:", None),
        ("r:1a", "r:", None),
        ("r:²", "r:", None),  # a digit int() cannot read
        ("r:１２", "r:", None),  # full-width digits are typed text, never a payload
        (None, "r:", None),
        ("new", "fix:", None),
    ],
)
def test_choice_id(payload: str | None, prefix: str, expected: int | None) -> None:
    assert choice_id(payload, prefix) == expected
