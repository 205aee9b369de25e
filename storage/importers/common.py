"""Reading tabular files and reporting bad rows by line number."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.text import clean_text, header_key

# canonical column -> the other headers HR files use for it (compared by `header_key`)
Aliases = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class RowError:
    """One problem found in a file: its line (1 = header), a code and the values it names."""

    line: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class ImportFailed(Exception):
    """The file was refused; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = sorted(errors, key=lambda e: e.line)
        super().__init__(f"{len(self.errors)} error(s)")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


async def audit_import(
    session: AsyncSession,
    action: str,
    path: Path,
    result: ImportResult,
    actor_id: int | None,
    actor_label: str,
) -> None:
    """Log a file imported: its name, and how many rows it created and updated."""
    await audit.log(
        session,
        action,
        audit.Ref("file", path.name),
        actor_id,
        label=actor_label,
        details={"created": result.created, "updated": result.updated},
    )


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The cell as one clean line: NFC, single spaces, no edges or control characters."""
        return clean_text(self.values.get(column))


def canonical_header(header: list[str], aliases: Aliases) -> list[str]:
    """Each header cell as its canonical column name when it is one (in English or
    Vietnamese, any case, composed or decomposed, any spacing); others kept as read."""
    names = {header_key(c): c for c in aliases}
    for column, others in aliases.items():
        names.update({header_key(o): column for o in others})
    return [names.get(header_key(h), clean_text(h).lower()) for h in header]


def read_table(path: Path, aliases: Aliases | None = None) -> tuple[list[str], list[Row]]:
    """Header and rows of a CSV (UTF-8, with or without BOM) or XLSX file; `aliases`
    maps other spellings of the header to the canonical column names. A file that is
    not what its name says (a renamed .xls, a CSV in another encoding) is refused on line 1."""
    try:
        if path.suffix.lower() in {".xlsx", ".xlsm"}:
            return _read_xlsx(path, aliases or {})
        text = path.read_bytes().decode("utf-8-sig")
        return _read_csv(text, aliases or {})
    except (UnicodeDecodeError, csv.Error, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ImportFailed([RowError(1, "unreadable_file", {"name": path.name})]) from exc
    except Exception as exc:  # openpyxl's own errors for a zip that is no workbook
        if type(exc).__module__.startswith("openpyxl"):
            raise ImportFailed([RowError(1, "unreadable_file", {"name": path.name})]) from exc
        raise


def _read_csv(text: str, aliases: Aliases) -> tuple[list[str], list[Row]]:
    reader = csv.reader(io.StringIO(text))
    header: list[str] = []
    rows: list[Row] = []
    for index, record in enumerate(reader):
        if index == 0:
            header = canonical_header(record, aliases)
            continue
        if not any(cell.strip() for cell in record):
            continue
        rows.append(Row(reader.line_num, dict(zip(header, record, strict=False))))
    return header, rows


def _read_xlsx(path: Path, aliases: Aliases) -> tuple[list[str], list[Row]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        lines: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
        header = canonical_header([str(h or "") for h in next(lines, ())], aliases)
        rows = []
        for number, record in enumerate(lines, start=2):
            cells = ["" if v is None else _cell_text(v) for v in record]
            if any(c.strip() for c in cells):
                rows.append(Row(number, dict(zip(header, cells, strict=False))))
        return header, rows
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def missing_columns(header: list[str], required: tuple[str, ...]) -> RowError | None:
    missing = [c for c in required if c not in header]
    return RowError(1, "missing_columns", {"columns": ", ".join(missing)}) if missing else None


TRUE_WORDS = {"true", "1", "yes", "y", "x", "có", "co", "đúng"}
FALSE_WORDS = {"false", "0", "no", "n", "", "không", "khong", "sai"}


def parse_bool(raw: str) -> bool | None:
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None
