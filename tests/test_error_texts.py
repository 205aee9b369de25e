"""Every refusal code raised anywhere in the product has its own text in Vietnamese and English."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from handlers.kit.errors import describe
from handlers.texts import En, Texts, Vi
from storage import errors

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("bot", "handlers", "scheduler", "storage")
RAISED = re.compile(
    r"\b(PermissionDenied|NotFound|WindowClosed|AlreadyExists|InvalidInput|DomainError)"
    r"\(\s*\"([a-z_]+)\""
)
# Values a few messages fill in; every other refusal reads without any.
PARAMS: dict[str, dict[str, object]] = {
    "same_model": {"model": "Mô hình A", "status": "submitted"},
    "cap_reached": {"models": ["Mô hình A", "Mô hình B"], "cap": 2},
    "file_too_large": {"size_mb": 30, "limit_mb": 20},
    "file_type_not_allowed": {"name": "a.exe"},
    "file_content_mismatch": {"name": "a.pdf"},
    "entry_locked": {"status": "approved"},
    "score_out_of_range": {"max": 10, "step": 0.5},
    "score_step": {"max": 10, "step": 0.5},
    "already_assigned": {"name": "Trần Thị B"},
    "ballot_count_mismatch": {"entry": 3, "round": 1, "ballots": 4, "participants": 5},
    "no_accepted_evidence": {"criterion": "TC1"},
    "sheet_incomplete": {"codes": ["TC1", "TC2"]},
    "comment_window_open": {"closes": date(2026, 3, 1)},
    "comments_unanswered": {"count": 2},
}
WINDOW = {"window": "registration", "opens": date(2026, 1, 5), "closes": date(2026, 2, 5)}


def raised_codes() -> list[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            found.update(RAISED.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


def refusal(kind: str, code: str) -> errors.DomainError:
    cls: type[errors.DomainError] = getattr(errors, kind)
    return cls(code, **(WINDOW if kind == "WindowClosed" else PARAMS.get(code, {})))


def generic(kind: str, t: Texts) -> set[str]:
    """The fallback a code of this kind may rightly get: a missing thing is 'not found'."""
    allowed = {t.NOT_ALLOWED} if kind == "PermissionDenied" else set()
    return allowed | ({t.NOT_FOUND} if kind == "NotFound" else set())


def test_the_scan_finds_the_refusals_of_every_kind() -> None:
    kinds = {kind for kind, _ in raised_codes()}
    assert {"PermissionDenied", "NotFound", "InvalidInput", "WindowClosed"} <= kinds
    assert len(raised_codes()) > 50


@pytest.mark.parametrize(("kind", "code"), raised_codes(), ids=lambda v: v)
def test_every_raised_code_has_a_vietnamese_and_an_english_text(kind: str, code: str) -> None:
    texts = {}
    for t in (Vi, En):
        text = describe(refusal(kind, code), t, subject="Nguyễn Văn A")
        assert text.strip(), f"{code}: empty text"
        assert "{" not in text, f"{code}: placeholder left unfilled: {text}"
        if text in {t.NOT_FOUND, t.NOT_ALLOWED}:
            assert text in generic(kind, t), f"{code} ({kind}) falls through to: {text}"
        texts[t] = text
    assert texts[Vi] != texts[En], f"{code}: the English text is the Vietnamese one"
