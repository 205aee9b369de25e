"""Recognition certificates: the committee over a recognised entry downloads its PDF (name,
unit, model, score band, campaign, decision, issuer, in Vietnamese with diacritics or in
English); not recognised yet or revoked: 409; other committees, other roles: 403."""

from __future__ import annotations

import io

from pypdf import PdfReader

from storage.models import EntryStatus
from tests.support import review_setup
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import csrf_of, link_from_chat, sign_in
from tests.test_web_committee import counted, post, signed


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


async def recognised(client, chat_for, sessionmaker, clock) -> tuple[int, str]:
    """An entry of Nghĩa Tân recognised by Hà Nội's committee (HNI0002, signed in)."""
    minh = await sign_in(client, chat_for, sessionmaker, clock, "HNI0002")
    csrf = csrf_of((await client.get("/console/")).text)
    entry_id = await counted(sessionmaker, clock, client, csrf)
    url = f"/console/committee/results/{entry_id}/certificate.pdf"
    assert (await client.get(url)).status_code == 409  # counted, not yet published
    await post(client, csrf, "/console/committee/results/publish")
    published = await client.get(url)
    assert published.status_code == 409 and "Đã công khai" in published.text
    clock.advance(days=14)
    assert (await client.post(await link_from_chat(minh))).status_code == 303
    csrf = csrf_of((await client.get("/console/")).text)
    final = await post(
        client, csrf, "/console/committee/results/finalize", number="125/QĐ-ĐU", date="2027-01-08"
    )
    assert final.status_code == 303, final.text
    assert await review_setup.status(sessionmaker, entry_id) == EntryStatus.RECOGNIZED
    return entry_id, csrf


async def test_the_committee_prints_the_certificate_of_a_recognised_entry(
    demo, chat_for, sessionmaker, clock, client
):
    entry_id, csrf = await recognised(client, chat_for, sessionmaker, clock)
    url = f"/console/committee/results/{entry_id}/certificate.pdf"
    page = await client.get("/console/committee/results")
    assert f'href="{url}"' in page.text and "Tải giấy chứng nhận (PDF)" in page.text
    answer = await client.get(url)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert f"giay-chung-nhan-{entry_id}.pdf" in answer.headers["content-disposition"]
    text = pdf_text(answer.content)
    for part in (
        "GIẤY CHỨNG NHẬN",
        "Điển hình «Dân vận khéo»",
        "Cá nhân Bùi Thị Thảo",
        "Đơn vị: Bưu cục Nghĩa Tân",
        "Mô hình M1:",
        "Xếp loại: Xuất sắc",
        "Theo Quyết định số 125/QĐ-ĐU ngày 08/01/2027",
        "Ngày 08 tháng 01 năm 2027",
        "TM. Bưu điện thành phố Hà Nội",
    ):
        assert part in text, part
    assert "0900000008" not in text and "HNI0008" not in text  # nothing personal beyond that

    english = pdf_text((await client.get(url + "?lang=en")).content)
    assert "CERTIFICATE OF RECOGNITION" in english and "Individual: Bùi Thị Thảo" in english
    assert "Band: Xuất sắc" in english and "By decision No. 125/QĐ-ĐU of 08/01/2027" in english

    # revoked: no certificate any more
    await post(client, csrf, f"/console/committee/results/revoke/{entry_id}", reason="Giả mạo")
    revoked = await client.get(url + "?lang=vi")  # the session went English above
    assert revoked.status_code == 409 and "Bị hủy công nhận" in revoked.text


async def test_others_get_no_certificate(demo, chat_for, sessionmaker, clock, client):
    entry_id, csrf = await recognised(client, chat_for, sessionmaker, clock)
    url = f"/console/committee/results/{entry_id}/certificate.pdf"
    assert (
        await client.get("/console/committee/results/999999/certificate.pdf")
    ).status_code == 403
    await client.post("/console/logout", data={"csrf": csrf})
    # Sóc Sơn's committee (another unit's entry), an admin, a manager, the entrant herself
    for code in ("HNI0011", "HNI0004", "HNI0005", "HNI0008"):
        other = await signed(client, chat_for, sessionmaker, clock, code)
        refused = await client.get(url)
        assert refused.status_code == 403, code
        assert "Không có quyền truy cập" in refused.text and b"%PDF" not in refused.content
        await client.post("/console/logout", data={"csrf": other})
