"""Showing evidence to someone who judges it: the photo or document itself when the
channel can send files, otherwise a description; notes as their text."""

from __future__ import annotations

from handlers.core import Convo
from handlers.io import FileKind, OutgoingFile, Reply
from handlers.kit import format as fmt
from storage.models import Evidence, EvidenceKind


def evidence_text(convo: Convo, evidence: Evidence) -> str:
    """One line: kind, name, size and caption, or the note itself."""
    t = convo.t
    if evidence.kind == EvidenceKind.NOTE:
        return t.EVIDENCE_NOTE_LINE.format(note=evidence.note or "")
    kind = t.KIND_PHOTO if evidence.kind == EvidenceKind.PHOTO else t.KIND_DOCUMENT
    return t.EVIDENCE_FILE_LINE.format(
        kind=kind,
        name=evidence.file_name or kind,
        size=fmt.size(evidence.size or 0, t),
        caption=evidence.caption or "—",
    )


def evidence_reply(convo: Convo, evidence: Evidence, text: str) -> Reply:
    """The evidence as a message: the file itself with `text` as caption when possible."""
    if evidence.kind == EvidenceKind.NOTE or not evidence.file_path:
        return Reply(f"{text}\n{evidence_text(convo, evidence)}")
    if not convo.caps.files_out:
        return Reply(f"{text}\n{evidence_text(convo, evidence)}")
    try:
        data = convo.deps.files.read(evidence.file_path)
    except OSError:
        return Reply(f"{text}\n{evidence_text(convo, evidence)}")
    kind = FileKind.PHOTO if evidence.kind == EvidenceKind.PHOTO else FileKind.DOCUMENT
    file = OutgoingFile(
        name=evidence.file_name or evidence.file_path.rsplit("/", 1)[-1],
        data=data,
        kind=kind,
        mime=evidence.mime or "application/octet-stream",
    )
    caption = f"{text}\n{evidence.caption}" if evidence.caption else text
    return Reply(caption, file=file)
