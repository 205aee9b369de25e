"""`/minhchung`: choose an entry and a criterion, then send photos, documents or notes."""

from __future__ import annotations

from enum import StrEnum

from handlers.core import Convo, EntryData, Flow, Turn
from handlers.io import Button, FileKind, Inbound, Reply, rows
from handlers.kit import errors
from handlers.kit import format as fmt
from handlers.kit.entries import entry_label
from handlers.kit.entry_step import OwnEntries
from handlers.kit.presses import pressed_criterion
from storage.errors import DomainError
from storage.models import (
    Criterion,
    EvidenceKind,
    Registration,
    SubjectType,
)
from storage.services import campaigns, registrations
from storage.services import evidence as evidence_service
from storage.services.registrations import Purpose


class Step(StrEnum):
    ENTRY = "entry"
    CRITERION = "criterion"
    FILES = "files"


class Data(EntryData):
    criterion_id: int | None = None
    sent: int = 0
    album: str | None = None
    album_count: int = 0
    minutes: bool = False  # the collective's minutes, not evidence for a criterion


async def _ask_criterion(convo: Convo) -> Turn:
    return await convo.goto(Step.CRITERION)


ENTRIES = OwnEntries(
    registrations.may_file_evidence, Purpose.EVIDENCE, "evidence", Step.ENTRY, _ask_criterion
)


async def start(msg: Inbound, convo: Convo) -> Turn:
    return await ENTRIES.start(convo, convo.t.NO_ENTRIES)


FLOW = Flow(name="evidence", data_model=Data, start=start, steps={Step.ENTRY: ENTRIES.step()})


async def _criteria(convo: Convo) -> list[Criterion]:
    return await campaigns.chosen_specific_criteria(
        convo.session, Data.of(convo).registration_id or 0
    )


async def ask_criterion(convo: Convo) -> Reply:
    t = convo.t
    registration_id = Data.of(convo).registration_id or 0
    registration = await convo.session.get(Registration, registration_id)
    assert registration is not None
    model, subject = await entry_label(convo, registration)
    counts = await evidence_service.counts_by_criterion(convo.session, [registration_id])
    buttons = [
        Button(
            t.CRITERION_EVIDENCE_LABEL.format(
                code=c.code, count=counts[(registration_id, c.id or 0)]
            ),
            f"k:{c.code}",
        )
        for c in await _criteria(convo)
    ]
    if registration.subject_type == SubjectType.COLLECTIVE and (
        await registrations.may_file_evidence(convo.session, convo.me, registration, minutes=True)
    ):
        buttons.append(Button(t.BTN_MINUTES, "k:minutes"))
    return convo.ask(
        t.PICK_CRITERION_EVIDENCE.format(model=model, subject=subject),
        [*buttons, Button(t.BTN_CANCEL, "/huy")],
        per_row=2,
    )


@FLOW.step(Step.CRITERION, ask_criterion)
async def on_criterion(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "k:minutes":
        registration = await convo.session.get(Registration, Data.of(convo).registration_id)
        if registration is None or registration.subject_type != SubjectType.COLLECTIVE:
            return await convo.stay(convo.t.UNKNOWN_INPUT)
        Data.of(convo).criterion_id, Data.of(convo).minutes, Data.of(convo).sent = None, True, 0
        return await convo.goto(Step.FILES)
    Data.of(convo).minutes = False
    criterion = pressed_criterion(msg.choice, await _criteria(convo))
    if criterion is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).criterion_id = criterion.id
    Data.of(convo).sent = 0
    return await convo.goto(Step.FILES)


def _files_buttons(convo: Convo) -> tuple[tuple[Button, ...], ...]:
    t = convo.t
    return rows([Button(t.BTN_DONE, "done"), Button(t.BTN_OTHER_CRITERION, "other")], 2)


async def _criterion(convo: Convo) -> Criterion:
    """The chosen criterion; for minutes a stand-in that only carries the label."""
    if Data.of(convo).minutes:
        return Criterion(campaign_id=0, kind="minutes", code=convo.t.MINUTES_CODE, title="")
    criterion = await convo.session.get(Criterion, Data.of(convo).criterion_id)
    assert criterion is not None
    return criterion


async def ask_files(convo: Convo) -> Reply:
    t = convo.t
    if Data.of(convo).minutes:
        return Reply(t.ASK_MINUTES, buttons=_files_buttons(convo))
    c = await _criterion(convo)
    template = t.ASK_FILES if convo.caps.documents_in else t.ASK_FILES_PHOTOS_ONLY
    return Reply(
        template.format(code=c.code, title=c.title, hint=c.evidence_hint or "—"),
        buttons=_files_buttons(convo),
    )


@FLOW.step(Step.FILES, ask_files, accepts_files=True)
async def on_files(msg: Inbound, convo: Convo) -> Turn:
    t = convo.t
    data = Data.of(convo)
    criterion = await _criterion(convo)
    if msg.choice == "done":
        text = (
            t.EVIDENCE_DONE.format(count=data.sent, code=criterion.code)
            if data.sent
            else t.EVIDENCE_NONE_SENT.format(code=criterion.code)
        )
        return await convo.done(text)
    if msg.choice == "other":
        return await convo.goto(Step.CRITERION)
    updates = None
    try:
        async with convo.savepoint():
            if msg.file is not None:
                text = await _save_file(msg, convo, criterion)
                if msg.media_group:
                    text, updates = (
                        _album_text(convo, msg.media_group, criterion.code),
                        (f"album:{msg.media_group}"),
                    )
            elif msg.text is not None:
                await evidence_service.add_note(
                    convo.session,
                    actor=convo.me,
                    registration_id=data.registration_id or 0,
                    criterion_id=criterion.id,
                    text=msg.text,
                    channel=convo.channel,
                    now=convo.now,
                )
                text = t.EVIDENCE_SAVED_NOTE.format(code=criterion.code)
            else:
                return await convo.stay(t.UNKNOWN_INPUT)
    except DomainError as exc:
        return convo.here(Reply(errors.describe(exc, t), buttons=_files_buttons(convo)))
    data.sent += 1
    reply = Reply(text, buttons=_files_buttons(convo), updates=updates)
    return convo.here(reply)


def _album_text(convo: Convo, album: str, code: str) -> str:
    """Photos sent together count up in one message rather than one message each."""
    data = Data.of(convo)
    data.album_count = data.album_count + 1 if data.album == album else 1
    data.album = album
    return convo.t.EVIDENCE_SAVED_ALBUM.format(count=data.album_count, code=code)


async def _save_file(msg: Inbound, convo: Convo, criterion: Criterion) -> str:
    """Check size and type before downloading, then store the file as evidence."""
    t = convo.t
    file = msg.file
    assert file is not None
    if file.kind is FileKind.DOCUMENT and not convo.caps.documents_in:
        raise DomainError("documents_not_supported")
    evidence_service.check_file(convo.deps.limits, size=file.size, mime=file.mime, name=file.name)
    try:
        content = await file.download()
    except OSError as exc:
        raise DomainError("download_failed") from exc
    kind = EvidenceKind.PHOTO if file.kind is FileKind.PHOTO else EvidenceKind.DOCUMENT
    saved = await evidence_service.add_file(
        convo.session,
        convo.deps.files,
        convo.deps.limits,
        actor=convo.me,
        registration_id=Data.of(convo).registration_id or 0,
        criterion_id=criterion.id,
        kind=kind,
        data=content,
        mime=file.mime,
        name=file.name,
        channel=convo.channel,
        channel_file_id=file.file_id,
        caption=msg.caption,
        now=convo.now,
    )
    kind_text = t.KIND_PHOTO if kind is EvidenceKind.PHOTO else t.KIND_DOCUMENT
    return t.EVIDENCE_SAVED_FILE.format(
        kind=kind_text,
        name=file.name or kind_text,
        size=fmt.size(saved.size or 0, t),
        code=criterion.code,
    )
