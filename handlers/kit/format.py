"""Numbers, dates and sizes written the way each language writes them."""

from __future__ import annotations

from datetime import date, datetime

from handlers.io import menu_key
from handlers.texts import Texts


def points(value: float | None, t: Texts) -> str:
    """7.5 -> "7,5" in Vietnamese; whole numbers without decimals."""
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if t.DECIMAL_COMMA else text


def number(value: int, t: Texts) -> str:
    """40000 -> "40.000" in Vietnamese, "40,000" in English."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if t.DECIMAL_COMMA else grouped


def day(value: date | datetime) -> str:
    """Dates as dd/mm/yyyy, the way Vietnamese offices write them."""
    return value.strftime("%d/%m/%Y")


def size(num_bytes: int, t: Texts) -> str:
    if num_bytes < 1024 * 1024:
        return f"{max(1, round(num_bytes / 1024))} KB"
    return f"{points(round(num_bytes / 1024 / 1024, 1), t)} MB"


def choices(count: int, t: Texts, *, lettered: bool = False) -> str:
    """ "1, 2 hoặc 3" for a numbered menu of three; "a, b hoặc c" for a lettered one."""
    numbers = [menu_key(n, lettered=lettered) for n in range(1, count + 1)]
    if count == 1:
        return numbers[0]
    return f"{', '.join(numbers[:-1])} {t.OR} {numbers[-1]}"


def shorten(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
