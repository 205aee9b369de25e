"""A manager's digest as messages: a text that fits one message, a chart of progress by
sub-unit (PNG, Vietnamese labels) and, when the lists are long, an Excel file.
Used by `/baocao` and by the scheduler's weekly digests."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date

from handlers.io import FileKind, OutgoingFile, Reply
from handlers.kit import format as fmt
from handlers.texts import Texts
from storage.services.digests import Digest, PersonBehind, UnitFigures

TOP_UNITS = 5
TOP_PEOPLE = 10
CHART_BARS = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def percent(figures: UnitFigures) -> str:
    return f"{round(figures.share * 100)}%"


def digest_text(digest: Digest, t: Texts, start: date, end: date) -> str:
    """The digest's figures in one message (under 2,000 characters, Zalo's limit)."""
    s = digest.scope
    by_model: dict[str, dict[str, int]] = defaultdict(dict)
    for (model, status), count in sorted(s.entries.items()):
        by_model[model][status] = count
    models = [
        t.DIGEST_MODEL_LINE.format(
            model=model,
            count=sum(counts.values()),
            statuses=", ".join(f"{t.STATUS.get(st, st)} {n}" for st, n in counts.items()),
        )
        for model, counts in by_model.items()
    ] or [t.DIGEST_NO_ENTRIES]
    lines = [
        t.DIGEST_HEADER.format(unit=s.name, start=fmt.day(start), end=fmt.day(end)),
        t.DIGEST_STAFF.format(staff=s.staff, registered=s.registered, share=percent(s)),
        t.DIGEST_MODELS,
        *models,
        t.DIGEST_EVIDENCE.format(count=s.evidence_period),
        t.DIGEST_SELFSCORE.format(done=s.self_scored, working=s.working),
        t.DIGEST_WAITING.format(approvals=s.waiting_approval, evidence=s.waiting_evidence),
    ]
    lagging = [u for u in digest.lagging_units if u.share < 1][:TOP_UNITS]
    if lagging:
        lines.append(t.DIGEST_LAGGING)
        lines += [
            t.DIGEST_UNIT_LINE.format(
                unit=fmt.shorten(u.name, 40),
                share=percent(u),
                registered=u.registered,
                staff=u.staff,
            )
            for u in lagging
        ]
    if digest.people_behind:
        lines.append(t.DIGEST_PEOPLE.format(count=len(digest.people_behind)))
        lines += [_person_line(p, t) for p in digest.people_behind[:TOP_PEOPLE]]
    if needs_workbook(digest):
        lines.append(t.DIGEST_SEE_FILE)
    return "\n".join(lines)


def _person_line(person: PersonBehind, t: Texts) -> str:
    state = t.DIGEST_NOT_REGISTERED if not person.registered else t.DIGEST_NO_EVIDENCE
    return t.DIGEST_PERSON_LINE.format(
        name=person.name, unit=fmt.shorten(person.unit, 30), state=state
    )


def needs_workbook(digest: Digest) -> bool:
    return len(digest.people_behind) > TOP_PEOPLE or len(digest.lagging_units) > TOP_UNITS


def chart_png(digest: Digest, t: Texts) -> bytes:
    """Horizontal bars: share of staff registered in each sub-unit (or the unit itself)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    bars = sorted(digest.children or [digest.scope], key=lambda f: f.share)[:CHART_BARS]
    bars.reverse()
    figure = Figure(figsize=(8, 1.2 + 0.35 * len(bars)), dpi=100)
    axes = figure.subplots()
    labels = [fmt.shorten(f.name, 38) for f in bars]
    values = [round(f.share * 100, 1) for f in bars]
    axes.barh(labels, values, color="#1f77b4")
    for y, value in enumerate(values):
        axes.text(min(value + 1, 92), y, f"{value:g}%", va="center", fontsize=8)
    axes.set_xlim(0, 100)
    axes.set_xlabel(t.CHART_XLABEL)
    axes.set_title(t.CHART_TITLE.format(unit=fmt.shorten(digest.scope.name, 50)), fontsize=10)
    axes.tick_params(axis="y", labelsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def workbook(digest: Digest, t: Texts) -> bytes:
    """Every lagging unit and every person behind, one sheet each."""
    from openpyxl import Workbook

    from handlers.outbound import workbook as xlsx

    book = Workbook(write_only=True)
    units = book.create_sheet(t.XLSX_UNITS_SHEET)
    units.append(list(t.XLSX_UNITS_HEADER))
    for u in digest.lagging_units:
        xlsx.append(
            units, [u.name, u.staff, u.registered, round(u.share * 100, 1), u.evidence_period]
        )
    people = book.create_sheet(t.XLSX_PEOPLE_SHEET)
    people.append(list(t.XLSX_PEOPLE_HEADER))
    for p in digest.people_behind:
        state = t.DIGEST_NOT_REGISTERED if not p.registered else t.DIGEST_NO_EVIDENCE
        xlsx.append(people, [p.name, p.unit, state, p.evidence])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def digest_replies(
    digest: Digest, t: Texts, start: date, end: date, *, files: bool = True
) -> list[Reply]:
    """The text, then the chart and (when lists are long) the workbook."""
    replies = [Reply(digest_text(digest, t, start, end))]
    if not files:
        return replies
    chart = OutgoingFile("tien-do.png", chart_png(digest, t), FileKind.PHOTO, "image/png")
    replies.append(Reply(t.CHART_CAPTION, file=chart))
    if needs_workbook(digest):
        book = OutgoingFile("bao-cao.xlsx", workbook(digest, t), FileKind.DOCUMENT, XLSX)
        replies.append(Reply(t.XLSX_CAPTION, file=book))
    return replies
