"""Domain refusals from `storage` turned into plain sentences for the person."""

from __future__ import annotations

from datetime import date, datetime

from handlers.kit import format as fmt
from handlers.texts import Texts
from storage.errors import DomainError, WindowClosed
from storage.models import SubjectType


def describe(error: DomainError, t: Texts, *, subject: str = "") -> str:
    """The sentence for a refusal; unknown codes fall back to a generic one."""
    p = error.params
    if isinstance(error, WindowClosed):
        return _window(error, t)
    if error.code in t.REVIEW_ERRORS:
        return _review(error, t)
    simple = {
        "not_unit_registrant": t.NOT_UNIT_REGISTRANT,
        "subject_type_not_allowed": t.SUBJECT_TYPE_NOT_ALLOWED,
        "not_your_entry": t.NOT_YOUR_ENTRY,
        "not_own_entry": t.NOT_YOUR_ENTRY,
        "criterion_not_chosen": t.CRITERION_NOT_CHOSEN,
        "no_criteria": t.NEED_ONE_CRITERION,
        "all_criteria_required": t.ALL_REQUIRED,
        "empty_note": t.EMPTY_NOTE,
        "registration": t.NOT_FOUND,
        "person_inactive": t.PERSON_INACTIVE,
        "documents_not_supported": t.DOCUMENTS_NOT_SUPPORTED,
        "download_failed": t.DOWNLOAD_FAILED,
    }
    if error.code in simple:
        return simple[error.code]
    if error.code == "same_model":
        return t.ALREADY_SAME_MODEL.format(
            subject=subject, model=p["model"], status=t.STATUS.get(p["status"], p["status"])
        )
    if error.code == "cap_reached":
        return t.CAP_REACHED.format(
            subject=subject, count=len(p["models"]), models=", ".join(p["models"]), cap=p["cap"]
        )
    if error.code == "file_too_large":
        return t.FILE_TOO_LARGE.format(
            size_mb=fmt.points(p["size_mb"], t), limit_mb=fmt.points(p["limit_mb"], t)
        )
    if error.code == "file_type_not_allowed":
        return t.FILE_TYPE_NOT_ALLOWED.format(name=p["name"])
    if error.code == "file_content_mismatch":
        return t.FILE_CONTENT_MISMATCH.format(name=p["name"])
    if error.code == "entry_locked":
        return t.ENTRY_LOCKED.format(status=t.STATUS.get(p["status"], p["status"]))
    if error.code in ("score_out_of_range", "score_step"):
        template = t.SCORE_OUT_OF_RANGE if error.code == "score_out_of_range" else t.SCORE_STEP
        return template.format(max=p["max"], step=fmt.points(p["step"], t))
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
