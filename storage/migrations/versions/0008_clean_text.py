"""clean text: names, positions, comments and notes stored before input was normalised
are rewritten in the one form new input takes (NFC, single spaces, no control characters)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A copy of storage.text.clean_text as it was when this ran: migrations keep their own code.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _clean(text: str, multiline: bool) -> str:
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        return " ".join(text.split())
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# table -> (column, multi-line?); a value that would clean to nothing is left as it is
COLUMNS = {
    "person": (("full_name", False), ("position", False)),
    "org_unit": (("name", False),),
    "entry_comment": (("text", False), ("answer", False)),
    "evidence": (("note", True),),
}


def upgrade() -> None:
    bind = op.get_bind()
    for table, columns in COLUMNS.items():
        names = [name for name, _ in columns]
        rows = bind.execute(sa.text(f"SELECT id, {', '.join(names)} FROM {table}")).all()
        for row in rows:
            changes = {}
            for index, (name, multiline) in enumerate(columns, start=1):
                value = row[index]
                cleaned = _clean(value, multiline) if isinstance(value, str) else ""
                if cleaned and cleaned != value:
                    changes[name] = cleaned
            if changes:
                sets = ", ".join(f"{name} = :{name}" for name in changes)
                bind.execute(
                    sa.text(f"UPDATE {table} SET {sets} WHERE id = :id"),
                    {**changes, "id": row[0]},
                )


def downgrade() -> None:
    """Nothing to undo: the cleaned text means what the stored text meant."""
