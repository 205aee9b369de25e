"""The one strict reader of typed numbers: scores, days, counts, times of day, menu
numbers. A phone types ASCII or full-width digits and "," or "." as the decimal mark;
anything else (superscripts, other scripts' digits, underscores, exponents, signs where
none is asked, thousands of digits) is not a number, and the step says what it wants.

This module imports nothing of the project, so the storage layer reads stored times with
it too."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal

# Full-width forms a Vietnamese or CJK keyboard may produce, mapped to ASCII.
_FULL_WIDTH = {0xFF10 + n: ord("0") + n for n in range(10)} | {
    0xFF0C: ord(","),
    0xFF0E: ord("."),
    0xFF0D: ord("-"),
    0x2212: ord("-"),  # the minus sign
    0xFF1A: ord(":"),
}
MAX_CHARS = 12  # longer than any number a step asks for; refused before any parsing
_DECIMAL = re.compile(r"(-?)([0-9]+)(?:[.,]([0-9]+))?", re.ASCII)
_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)
_CLOCK = re.compile(r"([0-9]{1,2})(?:[:h.]([0-9]{1,2})?)?", re.ASCII)


def ascii_form(raw: str, max_chars: int = MAX_CHARS) -> str | None:
    """The text trimmed, full-width digits and marks made ASCII; None when too long."""
    if len(raw) > max_chars * 4:  # spaces around a number, never a whole page
        return None
    cleaned = raw.strip().translate(_FULL_WIDTH)
    return cleaned if len(cleaned) <= max_chars else None


def parse_decimal(raw: str, *, signed: bool = False) -> Decimal | None:
    """ "7", "7,5", "7.5", "７,５" as an exact decimal; a sign only when `signed`."""
    cleaned = ascii_form(raw)
    found = _DECIMAL.fullmatch(cleaned) if cleaned is not None else None
    if found is None or (found.group(1) and not signed):
        return None
    whole, fraction = found.group(2), found.group(3) or "0"
    value = Decimal(f"{found.group(1)}{whole}.{fraction}")
    return Decimal(0) if value == 0 else value  # never -0


def parse_int(raw: str, low: int, high: int) -> int | None:
    """A whole number from `low` to `high`; a sign is read only when `low` is negative."""
    cleaned = ascii_form(raw)
    if cleaned is None or not _INTEGER.fullmatch(cleaned):
        return None
    if cleaned.startswith("-") and low >= 0:
        return None
    value = int(cleaned)
    return value if low <= value <= high else None


def parse_score(raw: str) -> float | None:
    """A typed score as a float exactly equal to what was typed ("7,5" -> 7.5; "-0" -> 0.0);
    whether it is in range (so "-1" reads, to be told the range) and on the campaign's
    step is the scoring service's check."""
    value = parse_decimal(raw, signed=True)
    return float(value) if value is not None else None


def parse_clock(raw: str) -> time | None:
    """ "7:30", "07:30", "7h30", "7.30", "19h" or "19" as a time of day."""
    cleaned = ascii_form(raw.lower())
    found = _CLOCK.fullmatch(cleaned) if cleaned is not None else None
    if found is None:
        return None
    hours, minutes = int(found.group(1)), int(found.group(2) or 0)
    return time(hours, minutes) if hours < 24 and minutes < 60 else None
