"""Text as people type it and HR files carry it, made one canonical form before it is stored
or compared: Unicode NFC (a decomposed "Nguyễn" from a Mac or an old keyboard becomes the
same bytes as a composed one), no control or invisible characters, single spaces, no spaces
at the edges. Multi-line texts keep their line breaks."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and line breaks (handled as white space), DEL, and the
# invisible marks that turn up in pasted text (zero-width space, word joiner, BOM).
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")  # white space other than a line break
_BLANK_LINES = re.compile(r"\n{3,}")
_SLASH = re.compile(r" ?/ ?")


def strip_controls(text: str) -> str:
    """`text` without control and invisible characters (line breaks and tabs kept)."""
    return _INVISIBLE.sub("", text)


def clean_text(text: str | None, *, multiline: bool = False) -> str:
    """NFC, controls removed, runs of spaces made one, edges stripped. A single-line text
    (names, reasons, codes) has every line break made a space; a multi-line one (broadcasts,
    notes) keeps its lines, each cleaned, with at most one blank line in a row."""
    if not text:
        return ""
    # controls go first: one between a letter and its accent would otherwise block composing
    text = unicodedata.normalize("NFC", strip_controls(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        return " ".join(text.split())
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def header_key(text: str) -> str:
    """A column header as compared: NFC, case-folded, underscores as spaces, single spaces,
    none around a slash ("Đoàn viên / Công đoàn viên" = "đoàn viên/công đoàn viên")."""
    folded = " ".join(clean_text(text).casefold().replace("_", " ").split())
    return _SLASH.sub("/", folded)
