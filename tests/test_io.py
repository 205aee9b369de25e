"""The channel-neutral interface: parsing typed lines, numbers, splitting long texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.io import Inbound, parse_number_choice, split_text


def test_commands_are_parsed_with_arguments_and_bot_names() -> None:
    msg = Inbound.from_text("telegram", "1", "1", "/NgonNgu@dvk_bot en")
    assert msg.command == "ngonngu" and msg.args == ("en",)
    assert Inbound.from_text("c", "1", "1", "xin chào").text == "xin chào"
    assert Inbound.from_text("c", "1", "1", "/").text == "/"


def test_an_inbound_carries_exactly_one_thing() -> None:
    with pytest.raises(ValueError):
        Inbound("c", "1", "1", text="a", choice="b")
    with pytest.raises(ValueError):
        Inbound("c", "1", "1")


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1", 1),
        (" 2 ", 2),
        ("３", 3),
        ("4.", 4),
        ("12", 12),
        ("a", None),
        ("", None),
        ("1,5", None),
        ("-1", None),
    ],
)
def test_typed_numbers(typed: str, number: int | None) -> None:
    assert parse_number_choice(typed) == number


@given(st.text(alphabet="ab \n", max_size=3000), st.integers(min_value=5, max_value=400))
def test_split_text_keeps_every_character_under_the_limit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert all(len(p) <= limit for p in pieces)
    if len(text) > limit:
        assert "".join(pieces).replace("\n", "") == text.replace("\n", "")
    else:
        assert pieces == [text]


def test_split_text_prefers_line_breaks() -> None:
    text = "\n".join(f"dòng {i}" for i in range(1000))
    pieces = split_text(text, 2000)
    assert all(p.startswith("dòng") for p in pieces)
    assert "\n".join(pieces) == text


def test_typed_text_never_carries_nul() -> None:
    msg = Inbound.from_text("c", "1", "1", "HNI\x000015")
    assert msg.text == "HNI0015"
    assert Inbound("c", "1", "1", location=None, text="", caption="a\x00b").caption == "ab"
