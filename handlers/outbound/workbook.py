"""Rows for the workbooks we write (openpyxl, write-only): every text is written as the
text it is. Comments, reasons and names are typed by people: one starting with = + - @
would otherwise be a live formula in Excel, and one control character makes openpyxl
refuse the whole file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from storage.text import strip_controls

FORMULA_STARTS = ("=", "+", "-", "@")


def text_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """A cell holding `text` (minus control characters) as a string, never a formula:
    the string type keeps openpyxl from writing a formula, and Excel's "quote prefix" (the
    hidden apostrophe of a cell typed as '=1+1) keeps it text when someone edits the cell."""
    value = strip_controls(text)
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def safe_row(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    """`values` with every text made a `text_cell`; numbers, dates and cells as they are."""
    return [text_cell(sheet, v) if isinstance(v, str) else v for v in values]


def append(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> None:
    sheet.append(safe_row(sheet, values))
