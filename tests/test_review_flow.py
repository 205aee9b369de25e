"""The first half of review in chat: an entry returned and sent again, evidence rejected
and replaced, reviewers appointed (one of the same unit refused), blind scoring, and a
gap that calls a third reviewer."""

from __future__ import annotations

from sqlmodel import select

from handlers.texts import Vi
from storage.models import EntryResult, EntryStatus, Registration
from tests.fakes.memory import Reply, joined
from tests.support.helpers import linked, outbox_for
from tests.support.review_setup import status
from tests.support.samples import JPEG, PDF
from tests.test_registration import register


async def score_sheet(reviewer, values: tuple[str, ...]) -> list[Reply]:
    """/thamdinh, a score typed for each criterion, every gate passed, the sheet submitted:
    the replies to submitting."""
    await reviewer.send("/thamdinh")
    for value in values:
        await reviewer.send(value)
    for _ in range(6):
        await reviewer.press(Vi.BTN_GATE_PASS)
    return await reviewer.press(Vi.BTN_SUBMIT_SCORES)


async def the_entry(sessionmaker) -> Registration:
    async with sessionmaker() as session:
        return (await session.exec(select(Registration))).one()


async def test_returned_resent_evidence_replaced_scored_blind_with_a_third_reviewer(
    demo, chat_for, sessionmaker, clock
):
    thao = await linked(chat_for, sessionmaker, clock, "HNI0008")
    khoa = await linked(chat_for, sessionmaker, clock, "HNI0007")  # manager of her post office
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")  # party committee, Hà Nội
    hanh = await linked(chat_for, sessionmaker, clock, "HNI0003")  # reviewer, province
    tam = await linked(chat_for, sessionmaker, clock, "HNI0010")  # reviewer, Sóc Sơn
    phuong = await linked(chat_for, sessionmaker, clock, "HNI0015")  # reviewer, KTVC

    await register(thao, "M1", criteria=("M1.01", "M1.03"))
    assert "chờ anh/chị duyệt" in (await outbox_for(sessionmaker, "HNI0007"))[-1]["text"]

    # returned with a reason, which Thảo receives at once with a /dangky button
    replies = await khoa.send("/duyet")
    await khoa.press("M1 ·")
    await khoa.press(Vi.BTN_RETURN)
    replies = await khoa.send("Thiếu tiêu chí M1.02 về kế hoạch")
    assert "Đã trả lại" in joined(replies)
    notice = (await outbox_for(sessionmaker, "HNI0008"))[-1]
    assert "Thiếu tiêu chí M1.02" in notice["text"] and notice["buttons"] == [
        [[Vi.BTN_FIX_ENTRY, "/dangky"]]
    ]
    assert await status(sessionmaker, (await the_entry(sessionmaker)).id) == EntryStatus.RETURNED

    # corrected and sent again through /dangky, then approved
    replies = await thao.choose("/dangky")
    assert "Thiếu tiêu chí M1.02" in replies[-1].text
    await thao.press("✏️ Sửa")
    await thao.press("M1.02")
    await thao.press(Vi.BTN_NEXT)
    replies = await thao.press(Vi.BTN_RESUBMIT)
    assert "Đã gửi lại" in replies[-1].text
    await khoa.send("/duyet")
    await khoa.press("M1 ·")
    replies = await khoa.press(Vi.BTN_APPROVE)
    assert "Đã duyệt" in joined(replies)
    assert "đã được duyệt" in (await outbox_for(sessionmaker, "HNI0008"))[-1]["text"]

    # evidence: a note rejected with a reason, replaced by a document, a photo accepted
    await thao.send("/minhchung")
    await thao.press("M1.01")
    await thao.send_file(JPEG, "hop.jpg", caption="Hội nghị triển khai")
    await thao.press("Tiêu chí khác")
    await thao.press("M1.02")
    await thao.send("Có kế hoạch")
    await thao.press(Vi.BTN_DONE)
    replies = await hanh.send("/thamdinh")
    assert replies[0].file is not None and replies[0].file.name == "hop.jpg"
    assert "Bùi Thị Thảo" in replies[0].text and "M1.01" in replies[0].text
    await hanh.press(Vi.BTN_ACCEPT)
    assert "[ghi chú] Có kế hoạch" in hanh.replies[-2].text
    await hanh.press(Vi.BTN_REJECT)
    await hanh.send("Cần bản kế hoạch có chữ ký")
    rejected = (await outbox_for(sessionmaker, "HNI0008"))[-1]
    assert "Cần bản kế hoạch có chữ ký" in rejected["text"]
    assert rejected["buttons"] == [[[Vi.BTN_EVIDENCE, "/minhchung"]]]
    await thao.choose("/minhchung")
    await thao.press("M1.02")
    await thao.send_file(PDF, "kehoach.pdf")
    await thao.press(Vi.BTN_DONE)
    await hanh.send("/thamdinh")
    await hanh.press(Vi.BTN_ACCEPT)

    # Thảo scores herself; reviewers will not see it before submitting
    await thao.send("/chamdiem")
    for value in ("9", "4", "0"):
        await thao.send(value)

    # appointing: same unit refused, then two reviewers from other units
    await minh.send("/phancong")
    await minh.press("M1 ·")
    replies = await minh.send("HNI0006")  # Vũ Thị Ngọc Lan works in Cầu Giấy, above Nghĩa Tân
    assert "cùng đơn vị" in replies[0].text
    assert "Vũ Thị Ngọc Lan" not in [b.label for b in replies[-1].flat_buttons]
    await minh.press("Lê Thị Hạnh")
    replies = await minh.press("Ngô Thanh Tâm")
    assert "Đã phân công Ngô Thanh Tâm" in joined(replies)
    assert (await outbox_for(sessionmaker, "HNI0010"))[-1]["buttons"] == [
        [[Vi.BTN_REVIEW, "/thamdinh"]]
    ]

    # blind scoring: the question shows the rubric, never the self score
    replies = await hanh.send("/thamdinh")
    question = replies[-1].text
    assert "Hướng dẫn:" in question and "tự chấm" not in question.lower()
    assert "Điểm anh/chị đang cho: —" in question
    await hanh.send("10")  # M1.01
    await hanh.send("10")  # M1.02
    replies = await hanh.send("5")  # M1.03 has no accepted evidence: only 0
    assert "chỉ được 0 điểm" in replies[0].text
    await hanh.send("0")
    for _ in range(6):
        await hanh.press(Vi.BTN_GATE_PASS)
    replies = await hanh.press(Vi.BTN_SUBMIT_SCORES)
    assert "Điểm tự chấm của đơn vị: 13 · tổng điểm các thành viên khác: chưa có" in replies[0].text

    replies = await score_sheet(tam, ("2", "2", "0"))
    assert "các thành viên khác: 20" in replies[0].text
    assert "16 điểm, vượt mức" in replies[0].text
    assert "cần phân công thêm" in (await outbox_for(sessionmaker, "HNI0002"))[-1]["text"]
    entry = await the_entry(sessionmaker)
    assert entry.status == EntryStatus.UNDER_REVIEW

    # submitted scores are immutable: a correction is a new version with its reason
    await tam.send("/thamdinh")
    await tam.press(Vi.BTN_CORRECT)
    await tam.press("M1.01")
    await tam.send("1")
    replies = await tam.send("Nhập nhầm")
    assert Vi.SCORE_CORRECTED in joined(replies)
    async with sessionmaker() as session:
        from storage.models import ReviewScore

        versions = (
            await session.exec(select(ReviewScore.version, ReviewScore.score, ReviewScore.reason))
        ).all()
    assert (1, 2.0, None) in versions and (2, 1.0, "Nhập nhầm") in versions

    # the third reviewer, then the final score is the mean of the three
    replies = await minh.choose("/phancong")
    assert "cần thêm 1" in replies[-1].flat_buttons[0].label
    await minh.press("M1 ·")
    await minh.press("Mai Thị Phương")
    replies = await score_sheet(phuong, ("8", "9", "0"))
    assert "điểm thẩm định cuối cùng là 13,33" in replies[0].text  # (20 + 3 + 17) / 3
    entry = await the_entry(sessionmaker)
    async with sessionmaker() as session:
        result = await session.get(EntryResult, entry.id)
    assert entry.status == EntryStatus.REVIEWED
    assert result.final_score == 13.33 and result.band == "chua_dat" and result.reviewers == 3
