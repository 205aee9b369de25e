"""The second half in chat: a council vote without quorum then one passing (a member
changing their vote with the receipt), publication to everyone in scope, an upheld
objection reopening review, answers, the final decision, leaderboard, exemplars, the
workbook, and a revocation."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlmodel import select

from handlers.texts import Vi
from storage.models import EntryResult, EntryStatus, Outbox, Person
from tests.fakes.memory import joined
from tests.support.helpers import linked
from tests.support.review_setup import reviewed, status
from tests.test_review_flow import outbox_for

RECEIPT = re.compile(r"Mã phiếu: ([A-Z0-9]{4}-[A-Z0-9]{4})")


async def vote(chat, label: str, choice: str) -> str:
    await chat.send("/binhxet")
    if chat.last.flat_buttons and any(b.label == Vi.BTN_VOTE for b in chat.last.flat_buttons):
        await chat.press(Vi.BTN_VOTE)
    await chat.press(label)
    replies = await chat.press(choice)
    match = RECEIPT.search(joined(replies))
    assert match, joined(replies)
    return match.group(1)


async def test_council_publication_comments_decision(demo, chat_for, sessionmaker, clock):
    a = await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    b = await reviewed(sessionmaker, clock, "HNI0009", "M2", (0.75, 0.77))
    c = await reviewed(
        sessionmaker, clock, "HNI0012", "M3", (0.9, 0.9), approver="HNI0010", fail_gate="G4"
    )
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")
    ha = await linked(chat_for, sessionmaker, clock, "HNI0001")
    yen = await linked(chat_for, sessionmaker, clock, "HNI0011")
    quy = await linked(chat_for, sessionmaker, clock, "HNI0014")
    tung = await linked(chat_for, sessionmaker, clock, "HNI0005")  # Cầu Giấy: recused for A
    thao = await linked(chat_for, sessionmaker, clock, "HNI0008")
    hung = await linked(chat_for, sessionmaker, clock, "HNI0009")
    hanh = await linked(chat_for, sessionmaker, clock, "HNI0003")
    phuong = await linked(chat_for, sessionmaker, clock, "HNI0015")

    # only the excellent entry goes to the council
    replies = await minh.send("/binhxet")
    replies = await minh.press("Mở bỏ phiếu (1")
    assert "1 mô hình" in replies[-1].text
    assert "/binhxet" in str((await outbox_for(sessionmaker, "HNI0014"))[-1]["buttons"])
    assert await status(sessionmaker, a) == EntryStatus.IN_COUNCIL
    assert "Hiện không có phiên" in (await tung.send("/binhxet"))[-1].text  # recused

    # round 1: two of four eligible members vote -> no quorum
    await vote(ha, "M1 ·", "Đồng ý")
    await vote(quy, "M1 ·", "Không đồng ý")
    await minh.send("/binhxet")
    replies = await minh.press("Kết thúc bỏ phiếu")
    assert "2/4 thành viên bỏ phiếu" in replies[-1].text and "không đủ túc số" in replies[-1].text

    # round 2: three vote; one changes their vote with the receipt -> passed
    await minh.send("/binhxet")
    await minh.press("Mở bỏ phiếu (1")
    await vote(ha, "M1 ·", "Đồng ý")
    await vote(quy, "M1 ·", "Đồng ý")
    receipt = await vote(yen, "M1 ·", "Không đồng ý")
    await yen.send("/binhxet")  # also a party committee member (Sóc Sơn): the menu first
    await yen.press(Vi.BTN_VOTE)
    await yen.press("M1 ·")
    replies = await yen.send("ABCD-EFGH")
    assert Vi.WRONG_RECEIPT in joined(replies)
    replies = await yen.send(receipt.lower())
    assert Vi.VOTE_CHANGED in joined(replies)
    await minh.send("/binhxet")
    replies = await minh.press("Kết thúc bỏ phiếu")
    assert "3/4 thành viên bỏ phiếu · đồng ý 3 · không đồng ý 0 → thông qua" in replies[-1].text

    # publication reaches everyone in Hà Nội, with no phone, code or ballot
    await minh.send("/ketqua")
    replies = await minh.press(Vi.BTN_PUBLISH)
    assert "Đã công khai 3 kết quả" in replies[-1].text
    published = (await outbox_for(sessionmaker, "HNI0009"))[-1]
    assert "Bùi Thị Thảo" in published["text"] and "Xuất sắc" in published["text"]
    assert "0900000008" not in published["text"] and "HNI0008" not in published["text"]
    assert published["buttons"] == [[[Vi.BTN_RESULTS, "/ketqua"], [Vi.BTN_COMMENT, "/gopy"]]]
    async with sessionmaker() as session:
        reached = set(
            (
                await session.exec(
                    select(Person.employee_code)
                    .join(Outbox, Outbox.person_id == Person.id)
                    .where(Outbox.source == "publication")
                )
            ).all()
        )
    assert {"HNI0001", "HNI0008", "HNI0009", "HNI0003"} <= reached
    replies = await thao.send("/ketqua")
    assert "Cá nhân Bùi Thị Thảo" in replies[-1].text and "thông qua" in replies[-1].text

    # an upheld objection reopens B; its reviewers confirm and it is published again
    await hung.send("/gopy")
    await hung.press("M2 ·")
    await hung.press(Vi.BTN_KIND_OBJECTION)
    await hung.send("Điểm tiêu chí M2.03 chưa tính biên bản đối thoại quý IV")
    await hung.send("/gopy")
    await hung.press("M1 ·")
    await hung.press(Vi.BTN_KIND_COMMENT)
    await hung.send("Mô hình của chị Thảo rất đáng học tập")
    await minh.send("/ketqua")
    await minh.press(Vi.BTN_FINALIZE)
    await minh.send("125/QĐ-ĐU")
    replies = await minh.send("08/01/2027")
    assert "Thời gian lấy ý kiến đến hết ngày" in replies[-1].text
    await minh.send("/gopy")
    await minh.press("Trả lời góp ý (2)")
    replies = await minh.press("kiến nghị")
    assert "biên bản đối thoại" in replies[-1].text
    await minh.send("Hội đồng xem xét lại tiêu chí M2.03")
    replies = await minh.press(Vi.BTN_UPHOLD)
    assert Vi.ANSWER_SAVED_REOPENED in joined(replies)
    assert await status(sessionmaker, b) == EntryStatus.UNDER_REVIEW
    assert "thẩm định lại" in (await outbox_for(sessionmaker, "HNI0009"))[-1]["text"]
    assert "/thamdinh" in str((await outbox_for(sessionmaker, "HNI0003"))[-1]["buttons"])
    await minh.send("/gopy")
    await minh.press("Trả lời góp ý (1)")
    replies = await minh.press("#2")
    assert "rất đáng học tập" in replies[-1].text and "Đỗ Văn Hưng" not in replies[-1].text
    await minh.send("Cảm ơn đồng chí")
    for reviewer in (hanh, phuong):
        replies = await reviewer.send("/thamdinh")
        await reviewer.press(Vi.BTN_CONFIRM_SCORES)
    assert await status(sessionmaker, b) == EntryStatus.REVIEWED
    await minh.send("/ketqua")
    replies = await minh.press(Vi.BTN_PUBLISH)
    assert "Đã công khai 1 kết quả" in replies[-1].text

    # after the window: the decision
    clock.advance(days=12)
    await minh.send("/ketqua")
    await minh.press(Vi.BTN_FINALIZE)
    await minh.send("125/QĐ-ĐU")
    replies = await minh.send("08/01/2027")
    assert "Đã ghi quyết định cho 3 kết quả; 1 mô hình được công nhận" in replies[-1].text
    assert [await status(sessionmaker, e) for e in (a, b, c)] == [
        EntryStatus.RECOGNIZED,
        EntryStatus.NOT_RECOGNIZED,
        EntryStatus.DISQUALIFIED,
    ]
    assert "Quyết định số 125/QĐ-ĐU" in (await outbox_for(sessionmaker, "HNI0008"))[-1]["text"]

    # leaderboard and exemplars, for anyone
    replies = await hung.send("/bangxephang")
    assert "1. Bưu điện thành phố Hà Nội: 1/2 được công nhận" in replies[-1].text
    assert "M1: 1/1" in replies[-1].text
    await hung.send("/dienhinh")
    replies = await hung.press("M1 · Cá nhân Bùi Thị Thảo")
    assert "Quyết định số 125/QĐ-ĐU ngày 08/01/2027" in replies[0].text
    assert any("[ghi chú]" in r.text for r in replies[1:])

    # the workbook, in chat, for the committee
    replies = await minh.send("/xuatketqua")
    file = replies[0].file
    assert file is not None and file.name == "ket-qua-DVK-2024-DEMO.xlsx"
    book = load_workbook(io.BytesIO(file.data))
    results = book["Kết quả"]
    assert results.freeze_panes == "A2"
    rows = {r[1]: r for r in results.iter_rows(min_row=2, values_only=True)}
    assert rows["Bùi Thị Thảo"][5] == "Xuất sắc" and rows["Bùi Thị Thảo"][10] == "Thông qua"
    assert rows["Bùi Thị Thảo"][12] == "125/QĐ-ĐU"
    votes = list(book["Bỏ phiếu"].iter_rows(min_row=2, values_only=True))
    assert [v[4:10] for v in votes] == [
        (1, 4, 2, 1, 1, "Không đủ túc số"),
        (2, 4, 3, 3, 0, "Thông qua"),
    ]

    # fraud proven later revokes the recognition
    await minh.send("/ketqua")
    await minh.press(Vi.BTN_REVOKE)
    await minh.press("M1 ·")
    replies = await minh.send("Minh chứng M1.05 là ảnh của đơn vị khác")
    assert "Đã hủy công nhận" in replies[-1].text
    assert await status(sessionmaker, a) == EntryStatus.REVOKED
    async with sessionmaker() as session:
        result = await session.get(EntryResult, a)
    assert result.revoke_reason == "Minh chứng M1.05 là ảnh của đơn vị khác"
