"""The public exemplars page (no sign-in) and the committee's showcase marks: only
standing, published recognitions of consenting people, only the evidence the committee
marked, nothing personal beyond name, unit, model and band; photos served by a public
route that answers 404 for anything else; cache-friendly by ETag."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from handlers.core import Deps
from storage.models import (
    AuditLog,
    ChatAccount,
    Criterion,
    EntryStatus,
    Evidence,
    EvidenceKind,
)
from storage.services import evidence, people, personal_data
from tests.support import review_setup
from tests.support.helpers import linked
from tests.support.samples import JPEG
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import csrf_of, sign_in

PUBLIC = "/console/exemplars"


async def photo_for(sessionmaker, clock, deps: Deps, entry_id: int, sender: str) -> int:
    async with sessionmaker() as session, session.begin():
        actor = await people.find_by_code(session, sender)
        crit = (await session.exec(select(Criterion).where(Criterion.code == "M1.01"))).one()
        item = await evidence.add_file(
            session,
            deps.files,
            deps.limits,
            actor=actor,
            registration_id=entry_id,
            criterion_id=crit.id,
            kind=EvidenceKind.PHOTO,
            data=JPEG,
            mime="image/jpeg",
            name="buoi-tuyen-truyen.jpg",
            channel="memory",
            channel_file_id=None,
            caption="Buổi tuyên truyền tại bưu cục",
            now=clock(),
        )
        return item.id or 0


async def recognized(sessionmaker, clock, deps: Deps, code: str = "HNI0008") -> tuple[int, int]:
    """An individual M1 entry of `code` with a photo and notes (all accepted), scored
    excellent, passed by the council, published and decided: (entry id, photo id)."""
    entry_id = await review_setup.entry(sessionmaker, clock, code, "M1")
    await review_setup.approve(sessionmaker, clock, entry_id, "HNI0005")
    photo_id = await photo_for(sessionmaker, clock, deps, entry_id, code)
    await review_setup.evidence_all(sessionmaker, clock, entry_id, code, "HNI0003")
    await review_setup.assign(sessionmaker, clock, entry_id, "HNI0002", "HNI0003", "HNI0015")
    await review_setup.score(sessionmaker, clock, entry_id, "HNI0003", 0.95)
    await review_setup.score(sessionmaker, clock, entry_id, "HNI0015", 0.97)
    await review_setup.passed_council(sessionmaker, clock, entry_id)
    await review_setup.published(sessionmaker, clock)
    await review_setup.decided(sessionmaker, clock, date(2027, 1, 8))
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.RECOGNIZED
    return entry_id, photo_id


async def mark(client, csrf: str, evidence_id: int, on: bool = True):
    return await client.post(
        f"/console/committee/results/showcase/{evidence_id}",
        data={"csrf": csrf, "on": "1" if on else "0"},
    )


async def withdraw(sessionmaker, clock, code: str) -> None:
    async with sessionmaker() as session, session.begin():
        person = await people.find_by_code(session, code)
        account = (
            await session.exec(select(ChatAccount).where(ChatAccount.person_id == person.id))
        ).first()
        await personal_data.withdraw(session, account, clock())


async def test_the_committee_showcases_evidence_and_the_public_sees_only_that(
    demo, chat_for, sessionmaker, clock, deps, client, client_for
):
    await linked(chat_for, sessionmaker, clock, "HNI0008")  # Bùi Thị Thảo consents
    entry_id, photo_id = await recognized(sessionmaker, clock, deps)
    async with client_for() as visitor:  # no session at all
        page = await visitor.get(PUBLIC)
        assert page.status_code == 200
        assert "Điển hình «Dân vận khéo»" in page.text and "Bùi Thị Thảo" in page.text
        assert "Bưu cục Nghĩa Tân" in page.text or "Cầu Giấy" in page.text
        assert "Xếp loại: Xuất sắc" in page.text and "125/QĐ-ĐU" in page.text
        assert "Minh chứng tiêu biểu sẽ được cập nhật" in page.text
        assert "HNI0008" not in page.text and "Số liệu tiêu chí" not in page.text
        assert f"/console/exemplars/photo/{photo_id}" not in page.text
        assert page.headers["cache-control"] == "public, max-age=300"
        assert "set-cookie" not in page.headers
        assert (await visitor.get(f"{PUBLIC}/photo/{photo_id}")).status_code == 404

    # the committee looks at the accepted evidence and marks the photo and one note
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0002")
    csrf = csrf_of((await client.get("/console/")).text)
    results = await client.get("/console/committee/results")
    assert f'id="pick-{photo_id}"' in results.text
    own = await client.get(f"/console/committee/results/evidence/{photo_id}")
    assert own.status_code == 200 and own.content == JPEG
    assert (await mark(client, csrf, photo_id)).status_code == 303
    async with sessionmaker() as session:
        note = (
            await session.exec(
                select(Evidence).where(
                    Evidence.registration_id == entry_id, Evidence.kind == EvidenceKind.NOTE
                )
            )
        ).first()
        note_id, note_text = note.id, note.note
    assert (await mark(client, csrf, note_id)).status_code == 303
    marked = await client.get("/console/committee/results")
    assert (
        "Đã chọn minh chứng tiêu biểu"
        in (await client.get("/console/committee/results?done=showcase_on")).text
    )
    assert marked.text.count("⭐ Tiêu biểu") >= 2
    async with sessionmaker() as session:
        actions = (await session.exec(select(AuditLog.action))).all()
    assert actions.count("evidence.showcase") == 2

    async with client_for() as visitor:
        page = await visitor.get(PUBLIC)
        assert f'src="/console/exemplars/photo/{photo_id}"' in page.text
        assert "Buổi tuyên truyền tại bưu cục" in page.text and note_text in page.text
        tag = page.headers["etag"]
        again = await visitor.get(PUBLIC, headers={"If-None-Match": tag})
        assert again.status_code == 304
        photo = await visitor.get(f"{PUBLIC}/photo/{photo_id}")
        assert photo.status_code == 200 and photo.content == JPEG
        assert photo.headers["content-type"] == "image/jpeg"
        assert photo.headers["cache-control"].startswith("public")
        cached = await visitor.get(
            f"{PUBLIC}/photo/{photo_id}", headers={"If-None-Match": photo.headers["etag"]}
        )
        assert cached.status_code == 304
        # the note is not a file: no public route serves it
        assert (await visitor.get(f"{PUBLIC}/photo/{note_id}")).status_code == 404
        english = await visitor.get(PUBLIC + "?lang=en")
        assert "“Dân vận khéo” exemplars" in english.text and "Band: " in english.text

    # unmarking takes it off the public page
    assert (await mark(client, csrf, photo_id, on=False)).status_code == 303
    async with client_for() as visitor:
        assert f"/photo/{photo_id}" not in (await visitor.get(PUBLIC)).text
        assert (await visitor.get(f"{PUBLIC}/photo/{photo_id}")).status_code == 404


async def test_only_the_committee_over_the_entry_marks_showcase(
    demo, chat_for, sessionmaker, clock, deps, client
):
    await linked(chat_for, sessionmaker, clock, "HNI0008")
    _, photo_id = await recognized(sessionmaker, clock, deps)
    # Sóc Sơn's committee: not its entry
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0011")
    csrf = csrf_of((await client.get("/console/")).text)
    assert (await mark(client, csrf, photo_id)).status_code == 403
    assert (await client.get(f"/console/committee/results/evidence/{photo_id}")).status_code == 403
    await client.post("/console/logout", data={"csrf": csrf})
    # staff: no committee page at all; nor without the CSRF token
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0009")
    csrf = csrf_of((await client.get("/console/")).text)
    assert (await mark(client, csrf, photo_id)).status_code == 403
    await client.post("/console/logout", data={"csrf": csrf})
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0002")
    assert (await mark(client, "forged", photo_id)).status_code == 403
    async with sessionmaker() as session:
        assert (await session.get(Evidence, photo_id)).showcase is False


async def test_evidence_of_an_entry_not_recognised_cannot_be_showcased(
    demo, chat_for, sessionmaker, clock, deps, client
):
    entry_id = await review_setup.entry(sessionmaker, clock, "HNI0008", "M1")
    await review_setup.approve(sessionmaker, clock, entry_id, "HNI0005")
    photo_id = await photo_for(sessionmaker, clock, deps, entry_id, "HNI0008")
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0002")
    csrf = csrf_of((await client.get("/console/")).text)
    refused = await mark(client, csrf, photo_id)
    assert refused.status_code == 409
    async with sessionmaker() as session:
        assert (await session.get(Evidence, photo_id)).showcase is False


async def test_withdrawn_consent_and_revocation_take_the_exemplar_off(
    demo, chat_for, sessionmaker, clock, deps, client, client_for
):
    await linked(chat_for, sessionmaker, clock, "HNI0008")
    entry_id, photo_id = await recognized(sessionmaker, clock, deps)
    await sign_in(client, chat_for, sessionmaker, clock, "HNI0002")
    csrf = csrf_of((await client.get("/console/")).text)
    assert (await mark(client, csrf, photo_id)).status_code == 303

    async def public_state() -> tuple[bool, int]:
        async with client_for() as visitor:
            page = await visitor.get(PUBLIC)
            photo = await visitor.get(f"{PUBLIC}/photo/{photo_id}")
        return "Bùi Thị Thảo" in page.text, photo.status_code

    assert await public_state() == (True, 200)
    await withdraw(sessionmaker, clock, "HNI0008")
    assert await public_state() == (False, 404)
    # she links again (and so consents again): back on the page
    await linked(chat_for, sessionmaker, clock, "HNI0008")
    assert await public_state() == (True, 200)
    # a revoked recognition is never public again
    revoked = await client.post(
        f"/console/committee/results/revoke/{entry_id}",
        data={"csrf": csrf, "reason": "Minh chứng không trung thực"},
    )
    assert revoked.status_code == 303
    assert await public_state() == (False, 404)


async def test_an_entry_of_someone_who_never_consented_is_not_public(
    demo, chat_for, sessionmaker, clock, deps, client_for
):
    # HNI0008 never opened the bot: the entry is recognised, but nothing of her is shown
    await recognized(sessionmaker, clock, deps)
    async with client_for() as visitor:
        page = await visitor.get(PUBLIC)
    assert page.status_code == 200 and "Bùi Thị Thảo" not in page.text
    assert "Chưa có mô hình nào được công nhận" in page.text
