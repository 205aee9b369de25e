"""A refusal leaves the database as it was: a service that refuses after writing part
of its work is undone by the savepoint its flow runs it in, whatever it had written."""

from __future__ import annotations

import ast
from pathlib import Path

from sqlmodel import select

from handlers.texts import Vi
from storage.models import (
    Campaign,
    CommentKind,
    EntryStatus,
    OrgUnit,
    Role,
    RoleGrant,
)
from storage.services import comments, people, publication
from tests.fakes.memory import joined
from tests.support.db_snapshot import assert_unchanged, snapshot
from tests.support.helpers import linked
from tests.support.review_setup import comment, reviewed, status


async def _publish(sessionmaker, clock, committee: str = "HNI0002") -> None:
    async with sessionmaker() as session, session.begin():
        actor = await people.find_by_code(session, committee)
        campaign = (await session.exec(select(Campaign))).one()
        done = await publication.publish(session, actor=actor, campaign=campaign, now=clock())
        assert done.entries


async def _object(sessionmaker, clock, entry_id: int, author: str, text: str) -> int:
    return await comment(sessionmaker, clock, entry_id, author, text, CommentKind.OBJECTION)


async def test_upholding_an_objection_on_an_entry_already_reopened_changes_nothing(
    demo, chat_for, sessionmaker, clock
):
    """Two objections on one published entry; while the committee writes its answer to
    the first, the second is upheld and reopens the entry. Upholding the first then
    cannot reopen again: it is refused, and neither the answer, nor the "upheld" flag,
    nor an audit row is kept."""
    b = await reviewed(sessionmaker, clock, "HNI0009", "M2", (0.75, 0.77))
    await _publish(sessionmaker, clock)
    first = await _object(sessionmaker, clock, b, "HNI0009", "Điểm M2.03 chưa tính biên bản")
    second = await _object(sessionmaker, clock, b, "HNI0008", "Thiếu minh chứng quý IV")
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")
    await minh.send("/gopy")
    await minh.press("Trả lời góp ý (2)")
    await minh.press(f"#{first} ")
    await minh.send("Hội đồng xem xét lại tiêu chí M2.03")
    assert minh.button(Vi.BTN_UPHOLD)
    async with sessionmaker() as session, session.begin():  # another committee member
        actor = await people.find_by_code(session, "HNI0002")
        await comments.answer(
            session, actor=actor, comment_id=second, text="Đồng ý", upheld=True, now=clock()
        )
    assert await status(sessionmaker, b) == EntryStatus.UNDER_REVIEW
    before = await snapshot(sessionmaker)
    replies = await minh.press(Vi.BTN_UPHOLD)
    assert Vi.ENTRY_LOCKED.format(status=Vi.STATUS[EntryStatus.UNDER_REVIEW]) in joined(replies)
    assert Vi.ANSWER_SAVED_REOPENED not in joined(replies)
    assert_unchanged(before, await snapshot(sessionmaker))


async def test_opening_rounds_opens_none_when_one_entry_cannot_be_opened(
    demo, chat_for, sessionmaker, clock
):
    """Two excellent entries wait for the council; the second has none (its district has
    no council members). Opening refuses as a whole: the first entry's round is not left
    open behind the committee's back with no council told."""
    a = await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    c = await reviewed(sessionmaker, clock, "HNI0012", "M3", (0.95, 0.95), approver="HNI0010")
    async with sessionmaker() as session, session.begin():
        cgy = (await session.exec(select(OrgUnit).where(OrgUnit.code == "HNI-CGY"))).one()
        grants = await session.exec(select(RoleGrant).where(RoleGrant.role == Role.COUNCIL_MEMBER))
        for grant in grants.all():  # Hà Nội's council now sits for Cầu Giấy only
            grant.scope_unit_id = cgy.id
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")
    await minh.send("/binhxet")
    before = await snapshot(sessionmaker)
    replies = await minh.press("Mở bỏ phiếu (2")
    assert Vi.REVIEW_ERRORS["no_council"] in joined(replies)
    assert_unchanged(before, await snapshot(sessionmaker))
    assert [await status(sessionmaker, e) for e in (a, c)] == [EntryStatus.REVIEWED] * 2


async def test_a_refused_ballot_leaves_the_box_as_it_was(demo, chat_for, sessionmaker, clock):
    """A member votes, then presses the ballot again from a second /binhxet opened before
    the first vote: refused as already voted; nothing is written."""
    await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")
    await minh.send("/binhxet")
    await minh.press("Mở bỏ phiếu (1")
    ha = await linked(chat_for, sessionmaker, clock, "HNI0001")
    ha_phone = await linked(chat_for, sessionmaker, clock, "HNI0001", channel="other")
    for chat in (ha, ha_phone):
        await chat.send("/binhxet")
        await chat.press("M1 ·")
    await ha.press("Đồng ý")
    before = await snapshot(sessionmaker)
    replies = await ha_phone.press("Không đồng ý")
    assert "Mã phiếu" not in joined(replies)
    assert_unchanged(before, await snapshot(sessionmaker))


async def test_deleting_a_reminder_deleted_meanwhile_changes_nothing(
    demo, chat_for, sessionmaker, clock
):
    from tests.test_reminders import create_weekly

    union = await linked(chat_for, sessionmaker, clock, "HNI0003")
    phone = await linked(chat_for, sessionmaker, clock, "HNI0003", channel="other")
    await create_weekly(union)
    await union.press("Lưu nhắc việc")
    for chat in (union, phone):
        await chat.send("/nhacviec")
        await chat.press("Nhắc việc của tôi")
        await chat.press("#1")
        await chat.press("Xóa")
    await union.press("Đúng, xóa")
    before = await snapshot(sessionmaker)
    replies = await phone.press("Đúng, xóa")
    assert "Đã xóa nhắc việc #1" not in joined(replies)
    assert_unchanged(before, await snapshot(sessionmaker))


# Where a flow catches a refusal without a savepoint, and why nothing can be half done.
UNGUARDED = {
    ("broadcast.py", "on_text"): "checks and stores a file: no database write",
    ("core.py", "goto"): "asking a question only reads (what it asks about may be gone)",
    ("entries.py", "open_entry"): "reads the entry and its window",
    ("onboarding.py", "_redeem"): "a wrong invite code must stay counted for the lockout",
    ("registration.py", "_after_campaign"): "checks a date window",
    ("registration.py", "_check_subject"): "reads whether the subject may register",
    ("reminders.py", "on_list"): "reads the rule",
    ("router.py", "_prefetch"): "its own read-only transaction, before the update's",
    ("scoring.py", "_use"): "reads the assignment",
    ("scoring_view.py", "submitted_text"): "reads the other reviewers' totals",
}


def _catches_refusal(node: ast.Try) -> bool:
    return any(h.type is not None and "DomainError" in ast.unparse(h.type) for h in node.handlers)


def _in_savepoint(node: ast.Try) -> bool:
    first = node.body[0]
    return (
        isinstance(first, ast.AsyncWith)
        and len(node.body) == 1
        and any(ast.unparse(item.context_expr) == "convo.savepoint()" for item in first.items)
    )


def test_every_caught_refusal_runs_in_a_savepoint() -> None:
    """A flow that catches a DomainError and goes on would commit what the refusing
    service had written so far; each such call runs in `convo.savepoint()`."""
    unguarded = set()
    for path in sorted(Path("handlers").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                caught = isinstance(node, ast.Try) and _catches_refusal(node)
                if caught and not _in_savepoint(node):
                    unguarded.add((path.name, function.name))
    assert unguarded == set(UNGUARDED)
