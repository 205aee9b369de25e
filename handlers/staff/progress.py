"""`/tiendo`: each entry's status, evidence and self score per criterion, what is missing."""

from __future__ import annotations

from handlers.core import Convo
from handlers.kit import errors
from handlers.kit import format as fmt
from storage.services.progress import EntryProgress, progress_of


async def progress_texts(convo: Convo) -> list[str]:
    """One message per entry, or a hint to register when there is none."""
    t = convo.t
    entries = await progress_of(convo.session, convo.me)
    if not entries:
        return [t.PROGRESS_NONE]
    return [await _entry_text(convo, entry) for entry in entries]


async def _entry_text(convo: Convo, entry: EntryProgress) -> str:
    t = convo.t
    lines = [
        t.PROGRESS_ENTRY.format(
            model=f"{entry.model_code} – {entry.model_title}",
            subject=errors.subject_label(t, entry.subject_type, entry.subject_name),
            status=t.STATUS.get(entry.status, entry.status),
        )
    ]
    lines += [
        t.PROGRESS_LINE.format(
            code=c.code,
            max=c.max_points,
            evidence=c.evidence_count,
            score=fmt.points(c.self_score, t),
        )
        for c in entry.criteria
    ]
    lines.append(
        t.PROGRESS_TOTAL.format(
            total=fmt.points(entry.self_total, t), scale=entry.scale_max, chosen=entry.chosen_max
        )
    )
    if entry.missing_evidence:
        lines.append(t.PROGRESS_MISSING_EVIDENCE.format(codes=", ".join(entry.missing_evidence)))
    if entry.missing_scores:
        lines.append(t.PROGRESS_MISSING_SCORES.format(codes=", ".join(entry.missing_scores)))
    if not entry.missing_evidence and not entry.missing_scores:
        lines.append(t.PROGRESS_COMPLETE)
    return "\n".join(lines)
