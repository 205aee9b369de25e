"""`/minhchung`: photos, documents and notes as evidence, and every refusal."""

from __future__ import annotations

import hashlib

from sqlmodel import select

from handlers.io import Capabilities, FileKind
from handlers.texts import Vi
from storage.models import Evidence
from tests.support.helpers import linked
from tests.support.samples import DOCX, EXE, JPEG, PDF
from tests.test_registration import register


async def evidence_chat(chat_for, sessionmaker, clock, code="HNI0008", **options):
    chat = await linked(chat_for, sessionmaker, clock, code, **options)
    await register(chat, "M1")
    await chat.send("/minhchung")
    return chat


async def test_photo_document_and_note_are_stored(demo, chat_for, sessionmaker, clock, files_dir):
    chat = await evidence_chat(chat_for, sessionmaker, clock)
    assert chat.last.text.startswith("Chọn tiêu chí cần gửi minh chứng (M1 ·")
    labels = [b.label for b in chat.last.flat_buttons]
    assert labels[:2] == ["M1.01 · 0 minh chứng", "M1.03 · 0 minh chứng"]
    replies = await chat.press("M1.03")
    assert "Minh chứng cần có: Báo cáo kết quả SXKD" in replies[-1].text
    replies = await chat.send_file(JPEG, "doanhthu.jpg", caption="Doanh thu quý 3")
    assert replies[-1].text.startswith("✅ Đã lưu ảnh «doanhthu.jpg» (2 KB) cho M1.03.")
    replies = await chat.send_file(PDF, "baocao.pdf")
    assert replies[-1].text.startswith("✅ Đã lưu tệp «baocao.pdf»")
    replies = await chat.send("Doanh thu đạt 112% kế hoạch")
    assert replies[-1].text.startswith("✅ Đã lưu ghi chú cho M1.03.")
    replies = await chat.press(Vi.BTN_DONE)
    assert replies[-1].text == "Đã nhận 3 minh chứng cho M1.03 trong lần này."
    async with sessionmaker() as session:
        rows = (await session.exec(select(Evidence).order_by(Evidence.id))).all()
    photo, document, note = rows
    digest = hashlib.sha256(JPEG).hexdigest()
    assert photo.kind == "photo" and photo.sha256 == digest and photo.size == len(JPEG)
    assert photo.file_path == f"{digest[:2]}/{digest}" and photo.mime == "image/jpeg"
    assert photo.caption == "Doanh thu quý 3" and photo.channel_file_id == "f-doanhthu.jpg"
    assert (files_dir / photo.file_path).read_bytes() == JPEG
    assert document.mime == "application/pdf" and document.kind == "document"
    assert note.kind == "note" and note.note == "Doanh thu đạt 112% kế hoạch"
    assert not list(files_dir.rglob(".tmp-*"))


async def test_oversized_file_is_refused_before_download(
    demo, chat_for, sessionmaker, clock, files_dir
):
    chat = await evidence_chat(chat_for, sessionmaker, clock)
    await chat.press("M1.01")
    replies = await chat.send_file(PDF, "big.pdf", size=25 * 1024 * 1024)
    assert replies[0].text == "Tệp quá lớn (25 MB). Anh/chị vui lòng gửi tệp dưới 20 MB."
    assert chat.downloads == 0
    assert not files_dir.exists() or not any(files_dir.rglob("*"))
    async with sessionmaker() as session:
        assert (await session.exec(select(Evidence))).all() == []


async def test_disallowed_and_disguised_files_are_refused(demo, chat_for, sessionmaker, clock):
    chat = await evidence_chat(chat_for, sessionmaker, clock)
    await chat.press("M1.01")
    replies = await chat.send_file(EXE, "setup.exe")
    assert replies[0].text == Vi.FILE_TYPE_NOT_ALLOWED.format(name="setup.exe")
    replies = await chat.send_file(EXE, "hoso.pdf")
    assert replies[0].text == Vi.FILE_CONTENT_MISMATCH.format(name="hoso.pdf")
    replies = await chat.send_file(DOCX, "kehoach.docx")
    assert replies[-1].text.startswith("✅ Đã lưu tệp «kehoach.docx»")
    async with sessionmaker() as session:
        assert len((await session.exec(select(Evidence))).all()) == 1


async def test_file_outside_the_evidence_step_is_not_stored(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    replies = await chat.send_file(JPEG, "anh.jpg")
    assert replies[0].text == Vi.FILE_NOT_EXPECTED
    assert chat.downloads == 0


async def test_no_registration_means_nothing_to_send(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    replies = await chat.send("/minhchung")
    assert replies[-1].text == Vi.NO_ENTRIES


async def test_unit_member_sends_evidence_for_the_collective_entry(
    demo, chat_for, sessionmaker, clock
):
    manager = await linked(chat_for, sessionmaker, clock, "HNI0007")
    await register(manager, "M2", scope="Tập thể", criteria=("M2.02",))
    staff = await linked(chat_for, sessionmaker, clock, "HNI0008")  # same post office
    replies = await staff.send("/minhchung")
    assert "Tập thể Bưu cục Nghĩa Tân" in replies[-1].text
    await staff.press("M2.02")
    await staff.send_file(JPEG, "hoinghi.jpg")
    outsider = await linked(chat_for, sessionmaker, clock, "HNI0009")  # another post office
    replies = await outsider.send("/minhchung")
    assert replies[-1].text == Vi.NO_ENTRIES
    async with sessionmaker() as session:
        evidence = (await session.exec(select(Evidence))).one()
    from tests.support.helpers import person

    assert evidence.sender_id == (await person(sessionmaker, "HNI0008")).id


async def test_channel_without_documents_asks_for_photos_of_pages(
    demo, chat_for, sessionmaker, clock
):
    caps = Capabilities(buttons=False, documents_in=False, contact_sharing=False)
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008", caps=caps)
    await register_typing(chat)
    await chat.send("/minhchung")
    replies = await chat.send("1")
    assert "chụp ảnh từng trang" in replies[-1].text
    replies = await chat.send_file(PDF, "a.pdf", kind=FileKind.DOCUMENT)
    assert replies[0].text == Vi.DOCUMENTS_NOT_SUPPORTED


async def register_typing(chat):
    """Register M1 with criterion M1.01 by typing menu numbers, as on the console."""
    await chat.send("/dangky")
    await chat.send("1")  # M1
    await chat.send("1")  # acknowledge general criteria
    await chat.send("1")  # M1.01
    await chat.send("11")  # continue (9 criteria, select all, continue)
    replies = await chat.send("1")  # submit
    assert replies[-1].text.startswith("✅"), replies[-1].text
