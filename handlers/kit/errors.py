"""Domain refusals from `storage` turned into plain sentences for the person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from handlers.kit import format as fmt
from handlers.texts import Texts
from storage.errors import DomainError, WindowClosed
from storage.models import SubjectType

Values = dict[str, object]
Fill = Callable[[Texts, dict[str, Any], str], Values]


def _model_status(t: Texts, p: dict[str, Any], subject: str) -> Values:
    return {"subject": subject, "model": p["model"], **_status(t, p, subject)}


def _cap(t: Texts, p: dict[str, Any], subject: str) -> Values:
    models = p["models"]
    return {"subject": subject, "count": len(models), "models": ", ".join(models), "cap": p["cap"]}


def _sizes(t: Texts, p: dict[str, Any], subject: str) -> Values:
    return {"size_mb": fmt.points(p["size_mb"], t), "limit_mb": fmt.points(p["limit_mb"], t)}


def _name(t: Texts, p: dict[str, Any], subject: str) -> Values:
    return {"name": p["name"]}


def _status(t: Texts, p: dict[str, Any], subject: str) -> Values:
    return {"status": t.STATUS.get(p["status"], p["status"])}


def _score(t: Texts, p: dict[str, Any], subject: str) -> Values:
    return {"max": p["max"], "step": fmt.points(p["step"], t)}


# Each refusal code: the text key in the catalogues and, for a text with blanks, what
# fills them. Review, vote and publication codes are in `Texts.REVIEW_ERRORS`, the
# windows' in `_window`.
CATALOGUE: dict[str, tuple[str, Fill | None]] = {
    "not_unit_registrant": ("NOT_UNIT_REGISTRANT", None),
    "subject_type_not_allowed": ("SUBJECT_TYPE_NOT_ALLOWED", None),
    "not_your_entry": ("NOT_YOUR_ENTRY", None),
    "not_own_entry": ("NOT_YOUR_ENTRY", None),
    "criterion_not_chosen": ("CRITERION_NOT_CHOSEN", None),
    "no_criteria": ("NEED_ONE_CRITERION", None),
    "all_criteria_required": ("ALL_REQUIRED", None),
    "empty_note": ("EMPTY_NOTE", None),
    "registration": ("NOT_FOUND", None),
    "person_inactive": ("PERSON_INACTIVE", None),
    "documents_not_supported": ("DOCUMENTS_NOT_SUPPORTED", None),
    "download_failed": ("DOWNLOAD_FAILED", None),
    "same_model": ("ALREADY_SAME_MODEL", _model_status),
    "cap_reached": ("CAP_REACHED", _cap),
    "file_too_large": ("FILE_TOO_LARGE", _sizes),
    "file_type_not_allowed": ("FILE_TYPE_NOT_ALLOWED", _name),
    "file_content_mismatch": ("FILE_CONTENT_MISMATCH", _name),
    "entry_locked": ("ENTRY_LOCKED", _status),
    "score_out_of_range": ("SCORE_OUT_OF_RANGE", _score),
    "score_step": ("SCORE_STEP", _score),
}


def describe(error: DomainError, t: Texts, *, subject: str = "") -> str:
    """The sentence for a refusal; unknown codes fall back to a generic one."""
    if isinstance(error, WindowClosed):
        return _window(error, t)
    if error.code in t.REVIEW_ERRORS:
        return _review(error, t)
    if error.code in CATALOGUE:
        key, fill = CATALOGUE[error.code]
        text: str = getattr(t, key)
        return text.format(**fill(t, error.params, subject)) if fill else text
    if error.code in ("permission_denied",) or error.code.startswith("not_"):
        return t.NOT_ALLOWED
    return t.NOT_FOUND


def _review(error: DomainError, t: Texts) -> str:
    """Refusals of review, vote and publication, with their values filled in."""
    values: dict[str, str] = {}
    for key, value in error.params.items():
        if isinstance(value, list | tuple):
            values[key] = ", ".join(str(v) for v in value)
        elif isinstance(value, date):
            values[key] = fmt.day(value)
        else:
            values[key] = str(value)
    template = t.REVIEW_ERRORS[error.code]
    try:
        return template.format(**values)
    except KeyError:
        return template


def _window(error: WindowClosed, t: Texts) -> str:
    p = error.params
    opens, closes = fmt.day(p["opens"]), fmt.day(p["closes"])
    late = error.code == "closed"
    if p["window"] in t.WINDOW_NAMES:
        name = t.WINDOW_NAMES[p["window"]]
        if late:
            return t.WINDOW_CLOSED.format(name=name, closes=closes)
        return t.WINDOW_NOT_YET.format(name=name, opens=opens, closes=closes)
    if p["window"] == "registration":
        return t.REG_CLOSED.format(date=closes) if late else t.REG_NOT_YET.format(date=opens)
    if p["window"] == "evidence":
        return (
            t.EVIDENCE_CLOSED.format(date=closes) if late else t.EVIDENCE_NOT_YET.format(date=opens)
        )
    return (
        t.SELF_CLOSED.format(closes=closes)
        if late
        else t.SELF_NOT_YET.format(opens=opens, closes=closes)
    )


def subject_label(t: Texts, subject_type: str, name: str) -> str:
    template = (
        t.SUBJECT_INDIVIDUAL if subject_type == SubjectType.INDIVIDUAL else (t.SUBJECT_COLLECTIVE)
    )
    return template.format(name=name)


def clock(value: datetime, timezone: str) -> str:
    from zoneinfo import ZoneInfo

    return value.astimezone(ZoneInfo(timezone)).strftime("%H:%M")
