"""The committees' pages: approvals (collective entries need their minutes), appointing
reviewers from other units, council rounds (turnout only, never a ballot), results
(publish, comments, decision, revocation) and the workbook; each refused (403) outside
the committee's scope, crafted ids of other units' objects included."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from storage.models import (
    AuditLog,
    CommentKind,
    CouncilVote,
    EntryComment,
    EntryStatus,
    Outbox,
    Person,
    ReviewAssignment,
)
from storage.services import council, evidence, people
from tests.support import review_setup
from tests.support.helpers import linked
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import csrf_of, link_from_chat, sign_in

# Hà Nội's council for an entry of Cầu Giấy: HNI0005 (Cầu Giấy) is recused.
VOTERS = ("HNI0001", "HNI0011", "HNI0014")


async def outbox_texts(sessionmaker, code: str, source: str | None = None) -> list[str]:
    async with sessionmaker() as session:
        query = (
            select(Outbox.payload)
            .join(Person, Person.id == Outbox.person_id)
            .where(Person.employee_code == code)
        )
        if source:
            query = query.where(Outbox.source == source)
        return [p["text"] for p in (await session.exec(query)).all()]


async def audit_actions(sessionmaker) -> list[str]:
    async with sessionmaker() as session:
        return list((await session.exec(select(AuditLog.action))).all())


async def signed(client, chat_for, sessionmaker, clock, code: str) -> str:
    await sign_in(client, chat_for, sessionmaker, clock, code)
    return csrf_of((await client.get("/console/")).text)


async def post(client, csrf: str, url: str, **data: str):
    return await client.post(url, data={"csrf": csrf, **data})


# -- approvals -------------------------------------------------------------------------


async def test_a_manager_approves_and_returns_with_the_reason(
    demo, chat_for, sessionmaker, clock, client
):
    first = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01"])
    second = await review_setup.entry(sessionmaker, clock, "HNI0009", "M2")
    for code in ("HNI0008", "HNI0009"):  # the registrants, on their phones
        await linked(chat_for, sessionmaker, clock, code)
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0005")
    page = await client.get("/console/committee/approvals")
    assert page.status_code == 200
    assert "2 đăng ký chờ duyệt" in page.text and "Cá nhân Bùi Thị Thảo" in page.text
    assert "M1.01" in page.text and "Đăng ký bởi Bùi Thị Thảo" in page.text
    assert 'href="/console/committee/assign"' not in page.text  # no committee tabs
    english = await client.get("/console/committee/approvals?lang=en")
    assert "2 entries waiting" in english.text and "Individual: Bùi Thị Thảo" in english.text
    await client.get("/console/?lang=vi")  # the choice sticks to the session: back

    answer = await post(client, csrf, f"/console/committee/approvals/{first}/approve")
    assert answer.status_code == 303
    assert await review_setup.status(sessionmaker, first) == EntryStatus.APPROVED
    assert any("đã được duyệt" in t for t in await outbox_texts(sessionmaker, "HNI0008"))

    blank = await post(client, csrf, f"/console/committee/approvals/{second}/return", reason=" ")
    assert blank.status_code == 409 and "lý do" in blank.text.lower()
    assert await review_setup.status(sessionmaker, second) == EntryStatus.SUBMITTED
    reason = "Bổ sung số liệu quý IV"
    back = await post(client, csrf, f"/console/committee/approvals/{second}/return", reason=reason)
    assert back.status_code == 303
    assert await review_setup.status(sessionmaker, second) == EntryStatus.RETURNED
    assert any(reason in t for t in await outbox_texts(sessionmaker, "HNI0009"))
    actions = await audit_actions(sessionmaker)
    assert "registration.approve" in actions and "registration.return" in actions
    done = await client.get("/console/committee/approvals?done=returned")
    assert "Đã trả lại đăng ký" in done.text and "Không có đăng ký nào" in done.text


@pytest.mark.parametrize("code", ["HNI0010", "HNI0008", "HNI0004"])
async def test_approvals_outside_scope_are_refused(
    demo, chat_for, sessionmaker, clock, client, code
):
    entry_id = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01"])
    csrf = await signed(client, chat_for, sessionmaker, clock, code)
    page = await client.get("/console/committee/approvals")
    if code == "HNI0010":  # a manager of Sóc Sơn: the page, without Cầu Giấy's entry
        assert page.status_code == 200 and "Bùi Thị Thảo" not in page.text
    else:  # staff, an admin: no approvals page at all
        assert page.status_code == 403 and "Không có quyền truy cập" in page.text
    for action, data in (("approve", {}), ("return", {"reason": "Thiếu"})):
        url = f"/console/committee/approvals/{entry_id}/{action}"
        refused = await post(client, csrf, url, **data)
        assert refused.status_code == 403 and "Không có quyền truy cập" in refused.text
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.SUBMITTED


async def test_a_collective_entry_needs_its_minutes(demo, chat_for, sessionmaker, clock, client):
    entry_id = await review_setup.entry(
        sessionmaker, clock, "HNI0007", "M1", ["M1.01"], unit_code="HNI-CGY-NTN"
    )
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0002")
    page = await client.get("/console/committee/approvals")
    assert "Tập thể Bưu cục Nghĩa Tân" in page.text and "Chưa có biên bản" in page.text
    refused = await post(client, csrf, f"/console/committee/approvals/{entry_id}/approve")
    assert refused.status_code == 409 and "biên bản" in refused.text
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.SUBMITTED
    async with sessionmaker() as session, session.begin():
        manager = await people.find_by_code(session, "HNI0007")
        await evidence.add_note(
            session,
            actor=manager,
            registration_id=entry_id,
            criterion_id=None,
            text="Biên bản họp chi bộ ngày 05/01",
            channel="memory",
            now=clock(),
        )
    assert "Đã có 1 biên bản" in (await client.get("/console/committee/approvals")).text
    done = await post(client, csrf, f"/console/committee/approvals/{entry_id}/approve")
    assert done.status_code == 303
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.APPROVED


# -- appointing reviewers --------------------------------------------------------------


async def approved_entry(sessionmaker, clock) -> tuple[int, dict[str, int]]:
    entry_id = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1")
    await review_setup.approve(sessionmaker, clock, entry_id, "HNI0005")
    async with sessionmaker() as session:
        rows = await session.exec(select(Person.employee_code, Person.id))
        return entry_id, dict(rows.all())


async def assigned(sessionmaker, entry_id: int) -> set[int]:
    async with sessionmaker() as session:
        rows = await session.exec(
            select(ReviewAssignment.reviewer_id).where(ReviewAssignment.registration_id == entry_id)
        )
        return set(rows.all())


async def test_the_committee_appoints_reviewers_from_other_units_only(
    demo, chat_for, sessionmaker, clock, client
):
    entry_id, ids = await approved_entry(sessionmaker, clock)
    await linked(chat_for, sessionmaker, clock, "HNI0003")
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0002")
    page = await client.get("/console/committee/assign")
    assert page.status_code == 200 and "Đã phân công 0/2" in page.text
    options = re.findall(r'<option value="(\d+)">', page.text)
    assert str(ids["HNI0003"]) in options and str(ids["HNI0010"]) in options
    assert str(ids["HNI0006"]) not in options  # Cầu Giấy's own reviewer is not offered
    # a crafted form naming Cầu Giấy's reviewer: refused by the service, nothing written
    same_unit = await post(
        client, csrf, f"/console/committee/assign/{entry_id}", reviewer=str(ids["HNI0006"])
    )
    assert same_unit.status_code == 409 and "Vũ Thị Ngọc Lan" in same_unit.text
    assert await assigned(sessionmaker, entry_id) == set()
    for code in ("HNI0003", "HNI0010"):
        done = await post(
            client, csrf, f"/console/committee/assign/{entry_id}", reviewer=str(ids[code])
        )
        assert done.status_code == 303
    assert await assigned(sessionmaker, entry_id) == {ids["HNI0003"], ids["HNI0010"]}
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.UNDER_REVIEW
    assert any("thẩm định" in t for t in await outbox_texts(sessionmaker, "HNI0003"))
    after = await client.get("/console/committee/assign?done=assigned&lang=en")
    assert "Reviewer appointed" in after.text and "No entries are waiting" in after.text


@pytest.mark.parametrize("code", ["HNI0011", "HNI0005", "HNI0004"])
async def test_appointing_outside_scope_is_refused(
    demo, chat_for, sessionmaker, clock, client, code
):
    entry_id, ids = await approved_entry(sessionmaker, clock)
    csrf = await signed(client, chat_for, sessionmaker, clock, code)
    page = await client.get("/console/committee/assign")
    if code == "HNI0011":  # Sóc Sơn's committee: the page, without Cầu Giấy's entry
        assert page.status_code == 200 and "Bùi Thị Thảo" not in page.text
    else:
        assert page.status_code == 403
    refused = await post(
        client, csrf, f"/console/committee/assign/{entry_id}", reviewer=str(ids["HNI0003"])
    )
    assert refused.status_code == 403 and "Không có quyền truy cập" in refused.text
    assert await assigned(sessionmaker, entry_id) == set()


# -- council ---------------------------------------------------------------------------


async def cast(sessionmaker, clock, code: str, vote_id: int, choice: str) -> None:
    """A member votes in chat, through the service the `/binhxet` flow calls."""
    async with sessionmaker() as session, session.begin():
        member = await people.find_by_code(session, code)
        await council.cast(session, actor=member, vote_id=vote_id, choice=choice, now=clock())


async def open_vote_id(sessionmaker, entry_id: int) -> int:
    async with sessionmaker() as session:
        rows = await session.exec(
            select(CouncilVote.id).where(
                CouncilVote.registration_id == entry_id, CouncilVote.closed_at.is_(None)
            )
        )
        return rows.one()


async def test_a_council_round_shows_turnout_only_then_the_count(
    demo, chat_for, sessionmaker, clock, client
):
    entry_id = await review_setup.reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    await linked(chat_for, sessionmaker, clock, "HNI0014")
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0002")
    page = await client.get("/console/committee/council")
    assert page.status_code == 200 and f'id="ready-{entry_id}"' in page.text
    opened = await post(client, csrf, f"/console/committee/council/open/{entry_id}")
    assert opened.status_code == 303
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.IN_COUNCIL
    assert any("/binhxet" in str(t) for t in await outbox_texts(sessionmaker, "HNI0014"))
    vote_id = await open_vote_id(sessionmaker, entry_id)
    page = await client.get("/console/committee/council")
    assert "0/4 thành viên đã bỏ phiếu" in page.text
    assert f'hx-get="/console/committee/council/{vote_id}/turnout"' in page.text

    await cast(sessionmaker, clock, "HNI0001", vote_id, council.YES)
    await cast(sessionmaker, clock, "HNI0011", vote_id, council.NO)
    turnout = await client.get(
        f"/console/committee/council/{vote_id}/turnout", headers={"HX-Request": "true"}
    )
    assert turnout.status_code == 200 and "2/4 thành viên đã bỏ phiếu" in turnout.text
    # nothing on the page says who voted or how: no names of voters, no choice
    page = await client.get("/console/committee/council")
    for secret in ("Nguyễn Thị Thu Hà", "Dương Thị Yến", "đồng ý", "Đồng ý", "yes"):
        assert secret not in page.text
    await cast(sessionmaker, clock, "HNI0014", vote_id, council.YES)
    closed = await post(client, csrf, f"/console/committee/council/{vote_id}/close")
    assert closed.status_code == 303
    page = await client.get("/console/committee/council")
    assert "3/4 bỏ phiếu · đồng ý 2 · không đồng ý 1" in page.text
    assert "Không có phiên bỏ phiếu nào đang mở" in page.text
    english = await client.get("/console/committee/council?lang=en")
    assert "3/4 voted · for 2 · against 1" in english.text
    await client.get("/console/?lang=vi")
    after = await client.get(f"/console/committee/council/{vote_id}/turnout")
    assert "hx-trigger" not in after.text  # closed: polling stops
    actions = await audit_actions(sessionmaker)
    assert "council.open" in actions and actions.count("vote.cast") == 3


@pytest.mark.parametrize("code", ["HNI0011", "HNI0004", "HNI0001"])
async def test_council_actions_outside_scope_are_refused(
    demo, chat_for, sessionmaker, clock, client, code
):
    entry_id = await review_setup.reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    minh = await signed(client, chat_for, sessionmaker, clock, "HNI0002")
    await post(client, minh, f"/console/committee/council/open/{entry_id}")
    vote_id = await open_vote_id(sessionmaker, entry_id)
    await client.post("/console/logout", data={"csrf": minh})
    csrf = await signed(client, chat_for, sessionmaker, clock, code)
    for url in (f"/console/committee/council/{vote_id}/turnout",):
        assert (await client.get(url)).status_code == 403
    closed = await post(client, csrf, f"/console/committee/council/{vote_id}/close")
    assert closed.status_code == 403 and "Không có quyền truy cập" in closed.text
    assert await open_vote_id(sessionmaker, entry_id) == vote_id  # still open


# -- results ---------------------------------------------------------------------------


async def counted(sessionmaker, clock, client, csrf: str) -> int:
    """An excellent entry through a passing council round, opened and closed on the page."""
    entry_id = await review_setup.reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    await post(client, csrf, f"/console/committee/council/open/{entry_id}")
    vote_id = await open_vote_id(sessionmaker, entry_id)
    for code in VOTERS:
        await cast(sessionmaker, clock, code, vote_id, council.YES)
    await post(client, csrf, f"/console/committee/council/{vote_id}/close")
    return entry_id


async def test_publish_answer_decide_revoke_and_export(demo, chat_for, sessionmaker, clock, client):
    await linked(chat_for, sessionmaker, clock, "HNI0009")
    minh = await sign_in(client, chat_for, sessionmaker, clock, "HNI0002")
    csrf = csrf_of((await client.get("/console/")).text)
    entry_id = await counted(sessionmaker, clock, client, csrf)
    page = await client.get("/console/committee/results")
    assert page.status_code == 200 and "Chưa có kết quả nào được công khai" in page.text
    published = await post(client, csrf, "/console/committee/results/publish")
    assert published.status_code == 303
    assert "count=1" in published.headers["location"]
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.PUBLISHED
    assert await outbox_texts(sessionmaker, "HNI0009", "publication")
    page = await client.get("/console/committee/results")
    assert f'id="result-{entry_id}"' in page.text and "Xuất sắc" in page.text
    assert "Thời gian lấy ý kiến đến hết ngày" in page.text

    comment_id = await review_setup.comment(
        sessionmaker,
        clock,
        entry_id,
        "HNI0009",
        "Xin xem lại tiêu chí M1.02",
        CommentKind.OBJECTION,
    )
    page = await client.get("/console/committee/results")
    assert "Xin xem lại tiêu chí M1.02" in page.text and "Đỗ Văn Hưng" not in page.text
    url = f"/console/committee/results/comments/{comment_id}/answer"
    no_verdict = await post(client, csrf, url, answer="Đã xem lại")
    assert no_verdict.status_code == 409
    dismissed = await post(client, csrf, url, answer="Điểm đã tính đủ", verdict="down")
    assert dismissed.status_code == 303
    async with sessionmaker() as session:
        assert (await session.get(EntryComment, comment_id)).upheld is False
    assert any("Điểm đã tính đủ" in t for t in await outbox_texts(sessionmaker, "HNI0009"))
    answered = await client.get("/console/committee/results")
    assert f'id="answered-{comment_id}"' in answered.text and "không chấp nhận" in answered.text
    assert f'id="comment-{comment_id}"' not in answered.text  # no longer waiting

    # the decision waits for the window to close
    early = await post(
        client, csrf, "/console/committee/results/finalize", number="125/QĐ-ĐU", date="2027-01-08"
    )
    assert early.status_code == 409 and "lấy ý kiến" in early.text
    clock.advance(days=14)
    path = await link_from_chat(minh)  # the session went idle: a new link from chat
    assert (await client.post(path)).status_code == 303
    csrf = csrf_of((await client.get("/console/")).text)
    final = await post(
        client, csrf, "/console/committee/results/finalize", number="125/QĐ-ĐU", date="2027-01-08"
    )
    assert final.status_code == 303, final.text
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.RECOGNIZED
    page = await client.get("/console/committee/results")
    assert f'id="recognized-{entry_id}"' in page.text and "125/QĐ-ĐU" in page.text

    workbook = await client.get("/console/committee/results.xlsx")
    assert workbook.status_code == 200
    assert "attachment" in workbook.headers["content-disposition"]
    sheets = load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert len(sheets) >= 3

    revoked = await post(
        client, csrf, f"/console/committee/results/revoke/{entry_id}", reason="Minh chứng giả"
    )
    assert revoked.status_code == 303
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.REVOKED
    actions = await audit_actions(sessionmaker)
    for action in (
        "results.publish",
        "comment.answer",
        "results.finalize",
        "results.export",
        "recognition.revoke",
    ):
        assert action in actions
    english = await client.get("/console/committee/results?lang=en")
    assert "Published results" in english.text and "Download the results workbook" in english.text


async def test_results_outside_scope_are_refused(demo, chat_for, sessionmaker, clock, client):
    minh = await signed(client, chat_for, sessionmaker, clock, "HNI0002")
    entry_id = await counted(sessionmaker, clock, client, minh)
    await post(client, minh, "/console/committee/results/publish")
    comment_id = await review_setup.comment(
        sessionmaker, clock, entry_id, "HNI0009", "Rất đáng học tập", CommentKind.COMMENT
    )
    await client.post("/console/logout", data={"csrf": minh})
    # Sóc Sơn's committee: its own (empty) results; Cầu Giấy's comment is not theirs
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0011")
    page = await client.get("/console/committee/results")
    assert page.status_code == 200 and "Rất đáng học tập" not in page.text
    url = f"/console/committee/results/comments/{comment_id}/answer"
    refused = await post(client, csrf, url, answer="Cảm ơn")
    assert refused.status_code == 403
    refused = await post(
        client, csrf, f"/console/committee/results/revoke/{entry_id}", reason="Thử"
    )
    assert refused.status_code == 403
    async with sessionmaker() as session:
        assert (await session.get(EntryComment, comment_id)).answered_at is None
    await client.post("/console/logout", data={"csrf": csrf})
    # staff: no committee page, no workbook; an admin may export but not publish
    await signed(client, chat_for, sessionmaker, clock, "HNI0009")
    assert (await client.get("/console/committee/results")).status_code == 403
    assert (await client.get("/console/committee/results.xlsx")).status_code == 403
    staff = csrf_of((await client.get("/console/")).text)
    await client.post("/console/logout", data={"csrf": staff})
    admin = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    assert (await client.get("/console/committee/results.xlsx")).status_code == 200
    assert (await post(client, admin, "/console/committee/results/publish")).status_code == 403
