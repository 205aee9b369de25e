"""The catalogue: every Vietnamese text has an English one with the same placeholders."""

from __future__ import annotations

import string

from handlers.texts import En, Vi


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def public_names() -> list[str]:
    return [name for name in vars(Vi) if name.isupper()]


def test_english_overrides_every_text_with_the_same_placeholders() -> None:
    for name in public_names():
        assert name in vars(En), f"{name} has no English text"
        vi, en = getattr(Vi, name), getattr(En, name)
        if isinstance(vi, str):
            assert fields(vi) == fields(en), name
        elif isinstance(vi, dict):
            assert vi.keys() == en.keys(), name
            for key in vi:
                assert fields(vi[key]) == fields(en[key]), f"{name}[{key}]"


def test_vietnamese_texts_carry_diacritics() -> None:
    assert "Đã hủy" in Vi.CANCELLED and "sự cố" in Vi.UNEXPECTED_ERROR
