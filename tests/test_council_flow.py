"""The second half in chat: a council vote without quorum then one passing (a member
changing their vote with the receipt), publication to everyone in scope, an upheld
objection reopening review, answers, the final decision, leaderboard, exemplars, the
workbook, and a revocation."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from handlers.texts import Vi
from storage.models import EntryResult, EntryStatus, Outbox, Person
from tests.fakes.memory import MemoryChat, Reply, joined
from tests.support.helpers import linked, outbox_for
from tests.support.review_setup import reviewed, status

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


@dataclass
class Story:
    """Three reviewed entries and the people of the story, each with a linked chat; every
    stage records the replies its tests look at in `seen`, under the stage's words."""

    a: int
    b: int
    c: int
    minh: MemoryChat
    ha: MemoryChat
    yen: MemoryChat
    quy: MemoryChat
    tung: MemoryChat
    thao: MemoryChat
    hung: MemoryChat
    hanh: MemoryChat
    phuong: MemoryChat
    seen: dict[str, list[Reply]] = field(default_factory=dict)


@pytest.fixture
async def story(demo, chat_for, sessionmaker, clock) -> Story:
    a = await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    b = await reviewed(sessionmaker, clock, "HNI0009", "M2", (0.75, 0.77))
    c = await reviewed(
        sessionmaker, clock, "HNI0012", "M3", (0.9, 0.9), approver="HNI0010", fail_gate="G4"
    )
    codes = {
        "minh": "HNI0002",
        "ha": "HNI0001",
        "yen": "HNI0011",
        "quy": "HNI0014",
        "tung": "HNI0005",  # Cầu Giấy: recused for A
        "thao": "HNI0008",
        "hung": "HNI0009",
        "hanh": "HNI0003",
        "phuong": "HNI0015",
    }
    chats = {
        name: await linked(chat_for, sessionmaker, clock, code) for name, code in codes.items()
    }
    return Story(a, b, c, **chats)


async def close_round(s: Story) -> list[Reply]:
    await s.minh.send("/binhxet")
    return await s.minh.press("Kết thúc bỏ phiếu")


async def record_decision(s: Story) -> list[Reply]:
    """The committee enters decision 125/QĐ-ĐU of 08/01/2027 for the published results."""
    await s.minh.send("/ketqua")
    await s.minh.press(Vi.BTN_FINALIZE)
    await s.minh.send("125/QĐ-ĐU")
    return await s.minh.send("08/01/2027")


async def open_comment(s: Story, waiting: str, which: str) -> list[Reply]:
    """The committee opens one of the comments `waiting` for an answer."""
    await s.minh.send("/gopy")
    await s.minh.press(waiting)
    return await s.minh.press(which)


async def opened(s: Story) -> None:
    """Only the excellent entry goes to the council."""
    await s.minh.send("/binhxet")
    s.seen["opened"] = await s.minh.press("Mở bỏ phiếu (1")
    s.seen["recused"] = await s.tung.send("/binhxet")


async def without_quorum(s: Story) -> None:
    """Round 1: two of four eligible members vote."""
    await opened(s)
    await vote(s.ha, "M1 ·", "Đồng ý")
    await vote(s.quy, "M1 ·", "Không đồng ý")
    s.seen["round 1"] = await close_round(s)


async def passed(s: Story) -> None:
    """Round 2: three vote; one changes their vote with the receipt."""
    await without_quorum(s)
    await s.minh.send("/binhxet")
    await s.minh.press("Mở bỏ phiếu (1")
    await vote(s.ha, "M1 ·", "Đồng ý")
    await vote(s.quy, "M1 ·", "Đồng ý")
    receipt = await vote(s.yen, "M1 ·", "Không đồng ý")
    await s.yen.send("/binhxet")  # also a party committee member (Sóc Sơn): the menu first
    await s.yen.press(Vi.BTN_VOTE)
    await s.yen.press("M1 ·")
    s.seen["wrong receipt"] = await s.yen.send("ABCD-EFGH")
    s.seen["vote changed"] = await s.yen.send(receipt.lower())
    s.seen["round 2"] = await close_round(s)


async def published(s: Story) -> None:
    await passed(s)
    await s.minh.send("/ketqua")
    s.seen["published"] = await s.minh.press(Vi.BTN_PUBLISH)
    s.seen["thao's results"] = await s.thao.send("/ketqua")


async def commented(s: Story) -> None:
    """An objection to B and a comment on A, then the committee sets the decision in the
    window: it is told when the window ends."""
    await published(s)
    for model, kind, text in (
        ("M2 ·", Vi.BTN_KIND_OBJECTION, "Điểm tiêu chí M2.03 chưa tính biên bản đối thoại quý IV"),
        ("M1 ·", Vi.BTN_KIND_COMMENT, "Mô hình của chị Thảo rất đáng học tập"),
    ):
        await s.hung.send("/gopy")
        await s.hung.press(model)
        await s.hung.press(kind)
        await s.hung.send(text)
    s.seen["decision in the window"] = await record_decision(s)


async def objection_upheld(s: Story) -> None:
    await commented(s)
    s.seen["objection"] = await open_comment(s, "Trả lời góp ý (2)", "kiến nghị")
    await s.minh.send("Hội đồng xem xét lại tiêu chí M2.03")
    s.seen["upheld"] = await s.minh.press(Vi.BTN_UPHOLD)


async def republished(s: Story) -> None:
    """The comment answered; B's reviewers confirm and it is published again."""
    await objection_upheld(s)
    s.seen["comment"] = await open_comment(s, "Trả lời góp ý (1)", "#2")
    await s.minh.send("Cảm ơn đồng chí")
    for reviewer in (s.hanh, s.phuong):
        await reviewer.send("/thamdinh")
        await reviewer.press(Vi.BTN_CONFIRM_SCORES)


async def decided(s: Story, clock) -> None:
    """After the window: the decision."""
    await republished(s)
    await s.minh.send("/ketqua")
    s.seen["published again"] = await s.minh.press(Vi.BTN_PUBLISH)
    clock.advance(days=12)
    s.seen["decision"] = await record_decision(s)


async def test_only_the_excellent_entry_goes_to_the_council(story, sessionmaker):
    await opened(story)
    assert "1 mô hình" in story.seen["opened"][-1].text
    assert "/binhxet" in str((await outbox_for(sessionmaker, "HNI0014"))[-1]["buttons"])
    assert await status(sessionmaker, story.a) == EntryStatus.IN_COUNCIL
    assert "Hiện không có phiên" in story.seen["recused"][-1].text  # recused


async def test_a_round_with_two_of_four_votes_has_no_quorum(story):
    await without_quorum(story)
    replies = story.seen["round 1"]
    assert "2/4 thành viên bỏ phiếu" in replies[-1].text and "không đủ túc số" in replies[-1].text


async def test_a_member_changes_their_vote_with_the_receipt_and_the_round_passes(story):
    await passed(story)
    assert Vi.WRONG_RECEIPT in joined(story.seen["wrong receipt"])
    assert Vi.VOTE_CHANGED in joined(story.seen["vote changed"])
    assert (
        "3/4 thành viên bỏ phiếu · đồng ý 3 · không đồng ý 0 → thông qua"
        in story.seen["round 2"][-1].text
    )


async def test_publication_reaches_everyone_in_scope_without_phone_code_or_ballot(
    story, sessionmaker
):
    await published(story)
    assert "Đã công khai 3 kết quả" in story.seen["published"][-1].text
    published_message = (await outbox_for(sessionmaker, "HNI0009"))[-1]
    assert "Bùi Thị Thảo" in published_message["text"] and "Xuất sắc" in published_message["text"]
    assert "0900000008" not in published_message["text"]
    assert "HNI0008" not in published_message["text"]
    assert published_message["buttons"] == [
        [[Vi.BTN_RESULTS, "/ketqua"], [Vi.BTN_COMMENT, "/gopy"]]
    ]
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
    replies = story.seen["thao's results"]
    assert "Cá nhân Bùi Thị Thảo" in replies[-1].text and "thông qua" in replies[-1].text


async def test_a_decision_in_the_comment_window_only_says_when_it_ends(story):
    await commented(story)
    assert "Thời gian lấy ý kiến đến hết ngày" in story.seen["decision in the window"][-1].text


async def test_an_upheld_objection_reopens_review(story, sessionmaker):
    await objection_upheld(story)
    assert "biên bản đối thoại" in story.seen["objection"][-1].text
    assert Vi.ANSWER_SAVED_REOPENED in joined(story.seen["upheld"])
    assert await status(sessionmaker, story.b) == EntryStatus.UNDER_REVIEW
    assert "thẩm định lại" in (await outbox_for(sessionmaker, "HNI0009"))[-1]["text"]
    assert "/thamdinh" in str((await outbox_for(sessionmaker, "HNI0003"))[-1]["buttons"])


async def test_a_comment_is_answered_without_its_author_and_review_is_confirmed_again(
    story, sessionmaker
):
    await republished(story)
    replies = story.seen["comment"]
    assert "rất đáng học tập" in replies[-1].text and "Đỗ Văn Hưng" not in replies[-1].text
    assert await status(sessionmaker, story.b) == EntryStatus.REVIEWED


async def test_the_decision_after_the_window_recognizes_the_passed_entry(
    story, sessionmaker, clock
):
    await decided(story, clock)
    assert "Đã công khai 1 kết quả" in story.seen["published again"][-1].text
    assert (
        "Đã ghi quyết định cho 3 kết quả; 1 mô hình được công nhận"
        in story.seen["decision"][-1].text
    )
    assert [await status(sessionmaker, e) for e in (story.a, story.b, story.c)] == [
        EntryStatus.RECOGNIZED,
        EntryStatus.NOT_RECOGNIZED,
        EntryStatus.DISQUALIFIED,
    ]
    assert "Quyết định số 125/QĐ-ĐU" in (await outbox_for(sessionmaker, "HNI0008"))[-1]["text"]


async def test_anyone_sees_the_leaderboard_and_the_exemplars(story, clock):
    await decided(story, clock)
    replies = await story.hung.send("/bangxephang")
    assert "1. Bưu điện thành phố Hà Nội: 1/2 được công nhận" in replies[-1].text
    assert "M1: 1/1" in replies[-1].text
    await story.hung.send("/dienhinh")
    replies = await story.hung.press("M1 · Cá nhân Bùi Thị Thảo")
    assert "Quyết định số 125/QĐ-ĐU ngày 08/01/2027" in replies[0].text
    assert any("[ghi chú]" in r.text for r in replies[1:])


async def test_the_committee_gets_the_workbook_in_chat(story, clock):
    await decided(story, clock)
    replies = await story.minh.send("/xuatketqua")
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


async def test_fraud_proven_later_revokes_the_recognition(story, sessionmaker, clock):
    await decided(story, clock)
    await story.minh.send("/ketqua")
    await story.minh.press(Vi.BTN_REVOKE)
    await story.minh.press("M1 ·")
    replies = await story.minh.send("Minh chứng M1.05 là ảnh của đơn vị khác")
    assert "Đã hủy công nhận" in replies[-1].text
    assert await status(sessionmaker, story.a) == EntryStatus.REVOKED
    async with sessionmaker() as session:
        result = await session.get(EntryResult, story.a)
    assert result.revoke_reason == "Minh chứng M1.05 là ảnh của đơn vị khác"
