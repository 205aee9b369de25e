"""The reviewers' pages: queue, gallery, one piece of evidence and its file, accept,
reject (the sender hears why), bulk accept, and the blind scoring sheet; each refused
(403) to people outside the reviewer's rule, crafted ids included."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from storage.models import (
    AuditLog,
    Evidence,
    EvidenceStatus,
    Person,
    ReviewAssignment,
    ReviewScore,
)
from tests.support import review_setup
from tests.support.helpers import outbox_for
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import csrf_of, evidenced_entry, sign_in

# HNI0003 reviews for the province, HNI0010 from Sóc Sơn: both may check an entry of
# Nghĩa Tân (Cầu Giấy). HNI0006 reviews from Cầu Giấy itself (a conflict), PTO0003 is
# a reviewer of another province, HNI0004 an admin, HNI0008 the sender (staff).
MAY = ("HNI0003", "HNI0010")
MAY_NOT = ("HNI0006", "PTO0003", "HNI0004", "HNI0008")


async def status_of(sessionmaker, evidence_id: int) -> str:
    async with sessionmaker() as session:
        return (await session.get(Evidence, evidence_id)).status


@pytest.mark.parametrize("code", MAY)
async def test_reviewers_in_scope_see_the_queue_table_and_gallery(
    demo, chat_for, sessionmaker, clock, client, deps, code
):
    _, ids = await evidenced_entry(sessionmaker, clock, deps)
    await sign_in(client, chat_for, sessionmaker, clock, code)
    table = await client.get("/console/review/")
    assert table.status_code == 200
    assert "4 minh chứng" in table.text and "Bùi Thị Thảo" in table.text
    for key in ("photo", "pdf", "docx", "note"):
        assert f'id="ev-{ids[key]}"' in table.text
    gallery = await client.get("/console/review/?view=gallery")
    assert gallery.status_code == 200 and f"#photo-{ids['photo']}" in gallery.text
    english = await client.get("/console/review/?lang=en")
    assert "Check evidence" in english.text and "4 pieces of evidence" in english.text


@pytest.mark.parametrize("code", MAY_NOT)
async def test_others_see_nothing_and_crafted_ids_are_refused(
    demo, chat_for, sessionmaker, clock, client, deps, code
):
    _, ids = await evidenced_entry(sessionmaker, clock, deps)
    await sign_in(client, chat_for, sessionmaker, clock, code)
    queue = await client.get("/console/review/")
    if code in ("HNI0006", "PTO0003"):  # reviewers, but not of this entry: an empty queue
        assert queue.status_code == 200 and "0 minh chứng" in queue.text
    else:  # not a reviewer at all (or an admin): the page is refused
        assert queue.status_code == 403 and "Không có quyền truy cập" in queue.text
    csrf = csrf_of((await client.get("/console/")).text)
    evidence_id = ids["photo"]
    for url in (
        f"/console/review/evidence/{evidence_id}",
        f"/console/review/evidence/{evidence_id}/file",
    ):
        answer = await client.get(url)
        assert answer.status_code == 403, url
        assert "image/jpeg" not in answer.headers["content-type"]
    for url, data in (
        (f"/console/review/evidence/{evidence_id}/accept", {}),
        (f"/console/review/evidence/{evidence_id}/reject", {"reason": "Không rõ"}),
        ("/console/review/bulk-accept", {"ids": [str(evidence_id)]}),
    ):
        answer = await client.post(url, data={"csrf": csrf, **data})
        assert answer.status_code == 403, url
    assert await status_of(sessionmaker, evidence_id) == EvidenceStatus.PENDING


async def test_files_are_served_inline_or_as_downloads(
    demo, chat_for, sessionmaker, clock, client, deps
):
    _, ids = await evidenced_entry(sessionmaker, clock, deps)
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    photo = await client.get(f"/console/review/evidence/{ids['photo']}/file")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    assert photo.headers["content-disposition"].startswith("inline")
    assert photo.headers["x-content-type-options"] == "nosniff"
    pdf = await client.get(f"/console/review/evidence/{ids['pdf']}/file")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("inline") and pdf.content.startswith(
        b"%PDF"
    )
    docx = await client.get(f"/console/review/evidence/{ids['docx']}/file")
    assert docx.headers["content-disposition"].startswith("attachment")
    assert "ke-hoach.docx" in docx.headers["content-disposition"]
    download = await client.get(f"/console/review/evidence/{ids['pdf']}/file?download=1")
    assert download.headers["content-disposition"].startswith("attachment")
    page = await client.get(f"/console/review/evidence/{ids['pdf']}")
    assert '<object class="pdf"' in page.text
    note = await client.get(f"/console/review/evidence/{ids['note']}/file")
    assert note.status_code == 403  # a note has no file


async def test_accept_and_reject_tell_the_sender(demo, chat_for, sessionmaker, clock, client, deps):
    from tests.support.helpers import linked

    _, ids = await evidenced_entry(sessionmaker, clock, deps)
    await linked(chat_for, sessionmaker, clock, "HNI0008")  # the sender, on her phone
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    csrf = csrf_of((await client.get("/console/review/")).text)
    accepted = await client.post(
        f"/console/review/evidence/{ids['photo']}/accept",
        data={"csrf": csrf, "next": "/console/review/?status=pending"},
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"] == "/console/review/?status=pending&done=accepted"
    assert "Đã chấp nhận minh chứng" in (await client.get(accepted.headers["location"])).text
    assert await status_of(sessionmaker, ids["photo"]) == EvidenceStatus.ACCEPTED

    empty = await client.post(
        f"/console/review/evidence/{ids['pdf']}/reject", data={"csrf": csrf, "reason": "  "}
    )
    assert empty.status_code == 409 and "Vui lòng gõ lý do" in empty.text
    assert await status_of(sessionmaker, ids["pdf"]) == EvidenceStatus.PENDING
    rejected = await client.post(
        f"/console/review/evidence/{ids['pdf']}/reject",
        data={"csrf": csrf, "reason": "Biên bản thiếu chữ ký"},
    )
    assert rejected.status_code == 303
    assert await status_of(sessionmaker, ids["pdf"]) == EvidenceStatus.REJECTED
    told = [payload["text"] for payload in await outbox_for(sessionmaker, "HNI0008")]
    assert any("Biên bản thiếu chữ ký" in text and "M1.01" in text for text in told)

    again = await client.post(
        f"/console/review/evidence/{ids['photo']}/accept", data={"csrf": csrf}
    )
    assert again.status_code == 409 and "đã được kiểm tra" in again.text
    async with sessionmaker() as session:
        actions = (await session.exec(select(AuditLog.action))).all()
    assert actions.count("evidence.accept") == 1 and actions.count("evidence.reject") == 1


async def test_accept_with_htmx_swaps_the_row(demo, chat_for, sessionmaker, clock, client, deps):
    _, ids = await evidenced_entry(sessionmaker, clock, deps)
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    csrf = csrf_of((await client.get("/console/review/")).text)
    answer = await client.post(
        f"/console/review/evidence/{ids['note']}/accept",
        headers={"HX-Request": "true", "X-CSRF-Token": csrf},
    )
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith(f'<tr class="item" id="ev-{ids["note"]}"')
    assert "Đã chấp nhận" in answer.text and "/accept" not in answer.text


async def test_bulk_accept_of_a_selection(demo, chat_for, sessionmaker, clock, client, deps):
    _, ids = await evidenced_entry(sessionmaker, clock, deps)
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0010")
    csrf = csrf_of((await client.get("/console/review/")).text)
    chosen = [ids["photo"], ids["note"]]
    answer = await client.post(
        "/console/review/bulk-accept",
        data={"csrf": csrf, "ids": [str(i) for i in chosen], "next": "/console/review/"},
    )
    assert answer.status_code == 303 and "done=bulk&count=2" in answer.headers["location"]
    assert "Đã chấp nhận 2 minh chứng" in (await client.get(answer.headers["location"])).text
    for key, expected in (("photo", "accepted"), ("note", "accepted"), ("pdf", "pending")):
        assert await status_of(sessionmaker, ids[key]) == expected


async def test_bulk_accept_with_a_crafted_id_of_another_unit_accepts_nothing(
    demo, chat_for, sessionmaker, clock, client, deps
):
    _, ids = await evidenced_entry(sessionmaker, clock, deps)
    _, theirs = await evidenced_entry(sessionmaker, clock, deps, code="HNI0012", approver="HNI0010")
    # HNI0012 works in Sóc Sơn, HNI0010's own district: a crafted id of their own unit
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0010")  # reviewer of Sóc Sơn
    csrf = csrf_of((await client.get("/console/review/")).text)
    answer = await client.post(
        "/console/review/bulk-accept",
        data={"csrf": csrf, "ids": [str(ids["photo"]), str(theirs["photo"])]},
    )
    assert answer.status_code == 403
    assert await status_of(sessionmaker, ids["photo"]) == EvidenceStatus.PENDING
    assert await status_of(sessionmaker, theirs["photo"]) == EvidenceStatus.PENDING


async def test_filters_and_pages(demo, chat_for, sessionmaker, clock, client, deps):
    from storage.services import evidence, people
    from tests.support.review_setup import entry

    entry_id, _ = await evidenced_entry(sessionmaker, clock, deps)
    other = await entry(sessionmaker, clock, "HNI0009", "M2")
    await review_setup.approve(sessionmaker, clock, other, "HNI0005")
    async with sessionmaker() as session, session.begin():
        hung = await people.find_by_code(session, "HNI0009")
        chosen = await review_setup.registrations.chosen_criteria(session, other)
        for n in range(60):
            await evidence.add_note(
                session,
                actor=hung,
                registration_id=other,
                criterion_id=chosen[0].criterion_id,
                text=f"Ghi chú số {n}",
                channel="memory",
                now=clock(),
            )
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    first = await client.get("/console/review/")
    assert "64 minh chứng · trang 1/2" in first.text and first.text.count('class="item"') == 50
    second = await client.get("/console/review/?page=2")
    assert second.text.count('class="item"') == 14
    async with sessionmaker() as session:
        m1 = (await session.get(review_setup.Registration, entry_id)).model_id
    by_model = await client.get(f"/console/review/?model={m1}")
    assert "4 minh chứng" in by_model.text
    by_criterion = await client.get(
        f"/console/review/?criterion={chosen[0].criterion_id}&status=all"
    )
    assert "60 minh chứng" in by_criterion.text
    accepted = await client.get("/console/review/?status=accepted")
    assert "0 minh chứng" in accepted.text
    day = clock().date().isoformat()
    assert "64 minh chứng" in (await client.get(f"/console/review/?since={day}&until={day}")).text
    assert "0 minh chứng" in (await client.get("/console/review/?until=2020-01-01")).text
    async with sessionmaker() as session:
        cgy = await review_setup.org.get_unit_by_code(session, "HNI-CGY-DVG")
    assert "60 minh chứng" in (await client.get(f"/console/review/?unit={cgy.id}")).text


# -- scoring ----------------------------------------------------------------------------


async def scored_setup(sessionmaker, clock, deps) -> tuple[int, dict[str, int]]:
    """The entry with every piece of evidence accepted, HNI0003 and HNI0015 appointed."""
    entry_id, ids = await evidenced_entry(sessionmaker, clock, deps)
    async with sessionmaker() as session, session.begin():
        hanh = await review_setup.people.find_by_code(session, "HNI0010")
        for evidence_id in ids.values():
            await review_setup.evidence_review.accept(
                session, actor=hanh, evidence_id=evidence_id, now=clock()
            )
    await review_setup.assign(sessionmaker, clock, entry_id, "HNI0002", "HNI0003", "HNI0015")
    async with sessionmaker() as session:
        rows = await session.exec(
            select(ReviewAssignment.id, Person.employee_code).join(
                Person, Person.id == ReviewAssignment.reviewer_id
            )
        )
        return entry_id, {code: aid for aid, code in rows.all()}


async def test_scoring_sheet_blind_draft_submit_and_correct(
    demo, chat_for, sessionmaker, clock, client, deps
):
    _, mine = await scored_setup(sessionmaker, clock, deps)
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    listing = await client.get("/console/review/scoring")
    assert f"/console/review/scoring/{mine['HNI0003']}" in listing.text
    assert f"/console/review/scoring/{mine['HNI0015']}" not in listing.text
    url = f"/console/review/scoring/{mine['HNI0003']}"
    sheet = await client.get(url)
    assert sheet.status_code == 200 and "M1.01" in sheet.text and "M1.03" in sheet.text
    assert "Chấm độc lập" in sheet.text and "Sau khi nộp: điểm tự chấm" not in sheet.text
    csrf = csrf_of(sheet.text)
    async with sessionmaker() as session:
        lines = await review_setup.scoring.sheet(
            session,
            await review_setup.scoring.job(
                session,
                await review_setup.people.find_by_code(session, "HNI0003"),
                mine["HNI0003"],
                open_only=False,
            ),
        )
    over = lines[0]
    bad = await client.post(
        f"{url}/line/{over.criterion.id}",
        data={"csrf": csrf, "score": str(over.criterion.max_points + 1)},
    )
    assert bad.status_code == 422 and "notice error" in bad.text
    word = await client.post(f"{url}/line/{over.criterion.id}", data={"csrf": csrf, "score": "bảy"})
    assert word.status_code == 422 and "Vui lòng nhập điểm là một số" in word.text
    early = await client.post(f"{url}/submit", data={"csrf": csrf})
    assert early.status_code == 422 and "Còn tiêu chí chưa chấm" in early.text
    for line in lines:
        value = "1" if line.general else str(line.criterion.max_points // 2).replace(".", ",")
        saved = await client.post(
            f"{url}/line/{line.criterion.id}", data={"csrf": csrf, "score": value}
        )
        assert saved.status_code == 303, saved.text
        assert saved.headers["location"].endswith(f"done=draft#c{line.criterion.id}")
    submitted = await client.post(f"{url}/submit", data={"csrf": csrf})
    assert submitted.status_code == 303
    after = await client.get(submitted.headers["location"])
    assert "Đã nộp phiếu chấm" in after.text and "Sau khi nộp: điểm tự chấm" in after.text
    first = lines[0].criterion
    no_reason = await client.post(f"{url}/line/{first.id}", data={"csrf": csrf, "score": "1"})
    assert no_reason.status_code == 422 and "Vui lòng gõ lý do" in no_reason.text
    fixed = await client.post(
        f"{url}/line/{first.id}", data={"csrf": csrf, "score": "1", "reason": "Nhập nhầm"}
    )
    assert fixed.status_code == 303, re.findall(r"notice error.{0,200}", fixed.text)
    assert "done=corrected" in fixed.headers["location"]
    async with sessionmaker() as session:
        versions = (
            await session.exec(
                select(ReviewScore.version, ReviewScore.reason).where(
                    ReviewScore.assignment_id == mine["HNI0003"],
                    ReviewScore.criterion_id == first.id,
                )
            )
        ).all()
    assert sorted(versions) == [(1, None), (2, "Nhập nhầm")]


async def test_a_sheet_of_another_reviewer_is_refused(
    demo, chat_for, sessionmaker, clock, client, deps
):
    _, mine = await scored_setup(sessionmaker, clock, deps)
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    theirs = f"/console/review/scoring/{mine['HNI0015']}"
    assert (await client.get(theirs)).status_code == 403
    csrf = csrf_of((await client.get("/console/")).text)
    assert (await client.post(f"{theirs}/submit", data={"csrf": csrf})).status_code == 403
    assert (
        await client.post(f"{theirs}/line/1", data={"csrf": csrf, "score": "1"})
    ).status_code == 403


async def test_the_sheet_never_shows_the_self_score_or_other_reviewers_before_submitting(
    demo, chat_for, sessionmaker, clock, client, deps
):
    from storage.models import RegistrationCriterion

    entry_id, mine = await scored_setup(sessionmaker, clock, deps)
    async with sessionmaker() as session, session.begin():
        for rc in (
            await session.exec(
                select(RegistrationCriterion).where(
                    RegistrationCriterion.registration_id == entry_id
                )
            )
        ).all():
            rc.self_score = 3.5  # a value no reviewer line shows
    await review_setup.score(sessionmaker, clock, entry_id, "HNI0015", 0.25)
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0003")
    sheet = await client.get(f"/console/review/scoring/{mine['HNI0003']}")
    assert "3,5" not in sheet.text and "3.5" not in sheet.text
    async with sessionmaker() as session:
        theirs = (
            await session.exec(
                select(ReviewScore.score).where(ReviewScore.assignment_id == mine["HNI0015"])
            )
        ).all()
    for value in {v for v in theirs if v not in (0, 1)}:
        assert f'value="{value:g}"'.replace(".", ",") not in sheet.text
