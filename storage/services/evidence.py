"""Evidence: files and notes for one chosen criterion of an entry."""

from __future__ import annotations

import mimetypes
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import audit
from storage.errors import InvalidInput, PermissionDenied
from storage.files import FileStore, content_matches
from storage.models import (
    Evidence,
    EvidenceKind,
    EvidencePurpose,
    Person,
    RegistrationCriterion,
    SubjectType,
)
from storage.services.registrations import Purpose, may_file_evidence, working_entry
from storage.text import clean_text

MB = 1024 * 1024


@dataclass(frozen=True)
class FileLimits:
    max_bytes: int
    allowed_mimes: frozenset[str]


def resolve_mime(mime: str | None, name: str | None) -> str:
    """The declared type, or the one the file name suggests."""
    if mime and mime != "application/octet-stream":
        return mime.lower()
    guessed = mimetypes.guess_type(name or "")[0]
    return (guessed or "application/octet-stream").lower()


def check_file(limits: FileLimits, *, size: int | None, mime: str | None, name: str | None) -> str:
    """Refuse a file that is too large or of a type not allowed; return its MIME type."""
    resolved = resolve_mime(mime, name)
    if size is not None and size > limits.max_bytes:
        raise InvalidInput(
            "file_too_large", size_mb=round(size / MB, 1), limit_mb=round(limits.max_bytes / MB, 1)
        )
    if resolved not in limits.allowed_mimes:
        raise InvalidInput("file_type_not_allowed", name=name or resolved)
    return resolved


async def _entry_for_evidence(
    session: AsyncSession,
    actor: Person,
    registration_id: int,
    criterion_id: int | None,
    now: datetime,
) -> None:
    """Refuse evidence the actor may not add; no criterion means a collective's minutes."""
    registration, _ = await working_entry(
        session, actor, registration_id, Purpose.EVIDENCE, "evidence", now
    )
    if criterion_id is None:
        if registration.subject_type != SubjectType.COLLECTIVE:
            raise InvalidInput("minutes_collective_only")
        if not await may_file_evidence(session, actor, registration, minutes=True):
            raise PermissionDenied("not_your_entry")
        return
    chosen = await session.exec(
        select(RegistrationCriterion.id).where(
            RegistrationCriterion.registration_id == registration_id,
            RegistrationCriterion.criterion_id == criterion_id,
        )
    )
    if chosen.first() is None:
        raise InvalidInput("criterion_not_chosen")


async def add_file(
    session: AsyncSession,
    store: FileStore,
    limits: FileLimits,
    *,
    actor: Person,
    registration_id: int,
    criterion_id: int | None,
    kind: EvidenceKind,
    data: bytes,
    mime: str | None,
    name: str | None,
    channel: str,
    channel_file_id: str | None,
    caption: str | None,
    now: datetime,
) -> Evidence:
    """Store a photo or document (content-addressed) and record it against the criterion
    (or, with no criterion, as the minutes of a collective entry)."""
    await _entry_for_evidence(session, actor, registration_id, criterion_id, now)
    resolved = check_file(limits, size=len(data), mime=mime, name=name)
    if not content_matches(resolved, data[:16]):
        raise InvalidInput("file_content_mismatch", name=name or resolved)
    stored = store.put(data)
    evidence = Evidence(
        registration_id=registration_id,
        criterion_id=criterion_id,
        kind=kind,
        file_path=stored.relative_path,
        sha256=stored.sha256,
        size=stored.size,
        mime=resolved,
        file_name=name,
        channel=channel,
        channel_file_id=channel_file_id,
        caption=caption,
        created_at=now,
    )
    return await _add(
        session, actor, evidence, {"kind": kind, "sha256": stored.sha256, "size": stored.size}
    )


async def add_note(
    session: AsyncSession,
    *,
    actor: Person,
    registration_id: int,
    criterion_id: int | None,
    text: str,
    channel: str,
    now: datetime,
) -> Evidence:
    """Record a written note (figures, a link, a description) as evidence."""
    await _entry_for_evidence(session, actor, registration_id, criterion_id, now)
    text = clean_text(text, multiline=True)
    if not text:
        raise InvalidInput("empty_note")
    evidence = Evidence(
        registration_id=registration_id,
        criterion_id=criterion_id,
        kind=EvidenceKind.NOTE,
        note=text[:4000],
        channel=channel,
        created_at=now,
    )
    return await _add(session, actor, evidence, {"kind": "note"})


async def _add(
    session: AsyncSession, actor: Person, evidence: Evidence, details: dict[str, object]
) -> Evidence:
    """Save the actor's new evidence (its purpose from its criterion) and audit it."""
    evidence.sender_id = actor.id or 0
    evidence.purpose = (
        EvidencePurpose.MINUTES if evidence.criterion_id is None else EvidencePurpose.CRITERION
    )
    where = {"registration": evidence.registration_id, "criterion": evidence.criterion_id}
    await audit.log_new(session, "evidence.add", evidence, actor, details=where | details)
    return evidence


async def counts_by_criterion(
    session: AsyncSession, registration_ids: Iterable[int]
) -> Counter[tuple[int, int]]:
    """How many pieces of evidence each (entry, criterion) has."""
    rows = await evidence_counts(session, registration_ids, Evidence.status != "rejected")
    return Counter({(reg, crit): n for reg, crit, n in rows})


async def evidence_counts(
    session: AsyncSession, registration_ids: Iterable[int], condition: Any
) -> list[tuple[int, int | None, int]]:
    """(entry, criterion, pieces) for the entries' evidence that meets `condition`."""
    ids = list(registration_ids)
    if not ids:
        return []
    rows = await session.exec(
        select(Evidence.registration_id, Evidence.criterion_id, func.count())
        .where(Evidence.registration_id.in_(ids), condition)
        .group_by(Evidence.registration_id, Evidence.criterion_id)
    )
    return list(rows.all())
