"""The admins' pages: uploads previewed with every bad row (line and reason) before
anything is written, then applied once through the importers; the broadcast composer with
its audience and live progress from the outbox; the audit timeline of one object. Never
for anyone else, never outside an admin's units."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select

from bot.web.routes import admin
from storage.models import (
    Announcement,
    AuditLog,
    Campaign,
    OrgUnit,
    Outbox,
    Person,
    Role,
    RoleGrant,
)
from tests.support.helpers import linked
from tests.support.scheduling import make_bot
from tests.support.web_support import *  # noqa: F403  (the console's fixtures)
from tests.support.web_support import csrf_of, sign_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["Mã nhân viên", "Họ và tên", "Mã đơn vị", "Vai trò", "Chức vụ", "Số điện thoại"]
TABLES = (Person, RoleGrant, OrgUnit, Campaign, AuditLog, Announcement, Outbox)


def workbook(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_ROWS = [
    ["HNI0100", "Nguyễn Văn Mới", "HNI-CGY-NTN", "staff", "Bưu tá", "0912345678"],
    ["HNI0008", "Bùi Thị Thảo", "HNI-CGY-NTN", "staff", "Giao dịch viên chính", "0900000008"],
]
BAD_ROWS = [
    ["HNI0101", "Trần Thị Sai", "HNI-XYZ", "staff", "Bưu tá", ""],
    ["HNI0102", "Lê Văn Lỗi", "HNI-CGY", "giamdoc", "Bưu tá", "12345"],
]


async def counts(sessionmaker) -> dict[str, int]:
    async with sessionmaker() as session:
        return {
            table.__name__: (await session.exec(select(func.count()).select_from(table))).one()
            for table in TABLES
        }


async def signed(client, chat_for, sessionmaker, clock, code: str) -> str:
    await sign_in(client, chat_for, sessionmaker, clock, code)
    return csrf_of((await client.get("/console/")).text)


async def grant_corporation_admin(sessionmaker, code: str) -> None:
    async with sessionmaker() as session, session.begin():
        person = (await session.exec(select(Person).where(Person.employee_code == code))).one()
        top = (await session.exec(select(OrgUnit).where(OrgUnit.code == "VNPOST"))).one()
        session.add(
            RoleGrant(person_id=person.id, role=Role.ADMIN, scope_unit_id=top.id, source="test")
        )


async def upload(client, csrf: str, kind: str, name: str, data: bytes, mime: str = XLSX):
    return await client.post(
        f"/console/admin/import/{kind}", data={"csrf": csrf}, files={"file": (name, data, mime)}
    )


def token_of(html: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', html)
    assert found, "no apply button"
    return found.group(1)


async def test_an_admin_sees_the_admin_pages_in_both_languages(
    demo, chat_for, sessionmaker, clock, client
):
    await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    home = await client.get("/console/")
    assert 'href="/console/admin/"' in home.text and "🛠 Quản trị" in home.text
    page = await client.get("/console/admin/")
    assert page.status_code == 200 and 'id="upload-roster"' in page.text
    assert 'id="upload-units"' not in page.text  # a province's admin: the roster only
    assert "Nhập dữ liệu từ tệp" in page.text and "Nhật ký kiểm toán" in page.text
    for path in ("/console/admin/broadcast", "/console/admin/audit"):
        assert (await client.get(path)).status_code == 200
    english = await client.get("/console/admin/?lang=en")
    assert "Load data from a file" in english.text and "Staff roster" in english.text
    # admins never score nor see ballots: no such links here
    for path in ("/console/admin/", "/console/admin/broadcast", "/console/admin/audit"):
        text = (await client.get(path)).text
        assert "/console/review/" not in text and "/console/committee/council" not in text


@pytest.mark.parametrize("code", ["HNI0008", "HNI0001", "HNI0002", "HNI0003"])
async def test_no_admin_no_page(demo, chat_for, sessionmaker, clock, client, code):
    csrf = await signed(client, chat_for, sessionmaker, clock, code)
    assert 'href="/console/admin/"' not in (await client.get("/console/")).text
    before = await counts(sessionmaker)
    for path in (
        "/console/admin/",
        "/console/admin/broadcast",
        "/console/admin/audit?type=person&id=1",
        "/console/admin/broadcast/1",
        "/console/admin/broadcast/1/progress",
    ):
        page = await client.get(path)
        assert page.status_code == 403 and "Không có quyền truy cập" in page.text, path
    sent = await upload(client, csrf, "roster", "ds.xlsx", workbook(GOOD_ROWS))
    assert sent.status_code == 403
    for path, data in (
        ("/console/admin/import/roster/apply", {"token": "x" * 32}),
        ("/console/admin/broadcast/send", {"text": "Xin chào", "audience": "all"}),
        ("/console/admin/broadcast/1/cancel", {}),
        ("/console/admin/audit/verify", {}),
    ):
        assert (await client.post(path, data={"csrf": csrf, **data})).status_code == 403, path
    assert await counts(sessionmaker) == before


async def test_a_roster_preview_lists_every_bad_row_and_writes_nothing(
    demo, chat_for, sessionmaker, clock, client, files_dir
):
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    before = await counts(sessionmaker)
    bad = await upload(client, csrf, "roster", "ds-loi.xlsx", workbook(GOOD_ROWS + BAD_ROWS))
    assert bad.status_code == 422
    assert "3 dòng lỗi. Chưa ghi gì." in bad.text
    assert "không có đơn vị «HNI-XYZ» (hãy nhập danh sách đơn vị trước)" in bad.text
    assert "vai trò «giamdoc» không hợp lệ" in bad.text
    assert "số điện thoại «12345» không phải số di động Việt Nam" in bad.text
    lines = re.findall(r'data-label="Dòng">(\d+)<', bad.text)
    assert lines == ["4", "5", "5"]
    assert 'name="token"' not in bad.text  # nothing to apply
    assert await counts(sessionmaker) == before
    assert list((files_dir / "console-uploads").iterdir()) == []  # not kept either

    good = await upload(client, csrf, "roster", "ds.xlsx", workbook(GOOD_ROWS))
    assert good.status_code == 200
    assert "Nếu áp dụng: 1 mới, 1 thay đổi, 0 giữ nguyên" in good.text
    assert await counts(sessionmaker) == before  # the preview wrote nothing
    token = token_of(good.text)
    assert "ds.xlsx" not in token and len(token) == 32
    missing_csrf = await client.post("/console/admin/import/roster/apply", data={"token": token})
    assert missing_csrf.status_code == 403 and "mã bảo vệ" in missing_csrf.text
    assert await counts(sessionmaker) == before

    applied = await client.post(
        "/console/admin/import/roster/apply", data={"csrf": csrf, "token": token}
    )
    assert applied.status_code == 200
    assert "Đã nhập «ds.xlsx»: 1 mới, 1 thay đổi, 0 giữ nguyên" in applied.text
    after = await counts(sessionmaker)
    assert after["Person"] == before["Person"] + 1
    assert after["AuditLog"] == before["AuditLog"] + 1
    async with sessionmaker() as session:
        thao = (await session.exec(select(Person).where(Person.employee_code == "HNI0008"))).one()
        anh = (await session.exec(select(Person).where(Person.employee_code == "HNI0004"))).one()
        row = (await session.exec(select(AuditLog).order_by(AuditLog.id.desc()))).first()
    assert thao.position == "Giao dịch viên chính"
    assert (row.action, row.actor_id, row.object_id) == ("roster.import", anh.id, "ds.xlsx")
    again = await client.post(
        "/console/admin/import/roster/apply", data={"csrf": csrf, "token": token}
    )
    assert again.status_code == 400 and "đã được áp dụng" in again.text  # one time only
    assert await counts(sessionmaker) == after


async def test_bad_files_get_a_clear_message(demo, chat_for, sessionmaker, clock, client):
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    before = await counts(sessionmaker)
    wrong = await upload(client, csrf, "roster", "ds.pdf", b"%PDF-1.4", "application/pdf")
    assert wrong.status_code == 400
    assert "Tệp «ds.pdf» không đúng loại: chỉ nhận .xlsx, .csv." in wrong.text
    fake = await upload(client, csrf, "roster", "ds.xlsx", b"this is no workbook at all")
    assert fake.status_code == 422 and "tệp «ds.xlsx» không đọc được" in fake.text
    latin = await upload(client, csrf, "roster", "ds.csv", "Mã,Tên\nA,Hà".encode("latin-1"))
    assert latin.status_code == 422 and "không đọc được" in latin.text
    headers = await upload(
        client, csrf, "roster", "ds.xlsx", workbook([["x", "y"]], header=["Tên", "Tuổi"])
    )
    assert headers.status_code == 422
    assert "thiếu cột employee_code, full_name, unit_code, role" in headers.text
    empty = await upload(client, csrf, "roster", "ds.xlsx", b"")
    assert empty.status_code == 400 and "Tệp «ds.xlsx» trống." in empty.text
    none = await client.post("/console/admin/import/roster", data={"csrf": csrf})
    assert none.status_code == 400 and "Chưa chọn tệp" in none.text
    big = await upload(client, csrf, "roster", "ds.xlsx", b"0" * (admin.MAX_UPLOAD + 2**17))
    assert big.status_code == 413 and "Tệp quá lớn: tối đa 10 MB." in big.text
    unknown = await upload(client, csrf, "people", "ds.xlsx", workbook(GOOD_ROWS))
    assert unknown.status_code == 403
    assert await counts(sessionmaker) == before


async def test_a_province_admin_loads_only_their_own_people(
    demo, chat_for, sessionmaker, clock, client
):
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    before = await counts(sessionmaker)
    rows = [
        ["PTO0100", "Người Phú Thọ", "PTO-VTI", "staff", "Bưu tá", ""],
        ["PTO0008", "Trần Thị Bích", "HNI-CGY", "staff", "Giao dịch viên", ""],
    ]
    page = await upload(client, csrf, "roster", "ds.xlsx", workbook(rows))
    assert page.status_code == 422
    assert "đơn vị «PTO-VTI» nằm ngoài phạm vi quản trị của anh/chị" in page.text
    assert "nhân viên PTO0008 hiện thuộc đơn vị ngoài phạm vi quản trị" in page.text
    units = "unit_code,name,kind,parent_code\nHNI-NEW,Bưu cục Mới,post_office,HNI-CGY\n"
    refused = await upload(client, csrf, "units", "dv.csv", units.encode(), "text/csv")
    assert refused.status_code == 403
    assert await counts(sessionmaker) == before


async def test_the_corporation_admin_previews_and_applies_units_and_a_campaign(
    demo, chat_for, sessionmaker, clock, client
):
    await grant_corporation_admin(sessionmaker, "HNI0004")
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    page = await client.get("/console/admin/?lang=en")
    assert 'id="upload-units"' in page.text and 'id="upload-campaign"' in page.text
    before = await counts(sessionmaker)
    units = (
        "unit_code,name,kind,parent_code\n"
        "HNI-NEW,Bưu cục Mới,post_office,HNI-CGY\n"
        "HNI-BAD,Bưu cục Lạc,post_office,HNI-NOWHERE\n"
    )
    bad = await upload(client, csrf, "units", "dv.csv", units.encode(), "text/csv")
    assert bad.status_code == 422 and "Line" in bad.text
    assert "unit HNI-BAD: parent unit «HNI-NOWHERE» not found" in bad.text
    good_units = units.splitlines()[:2]
    good = await upload(client, csrf, "units", "dv.csv", "\n".join(good_units).encode(), "text/csv")
    assert "Applying it: 1 new, 0 changed, 0 unchanged" in good.text
    assert await counts(sessionmaker) == before
    applied = await client.post(
        "/console/admin/import/units/apply", data={"csrf": csrf, "token": token_of(good.text)}
    )
    assert "1 new" in applied.text
    assert (await counts(sessionmaker))["OrgUnit"] == before["OrgUnit"] + 1

    from bot.demo import CAMPAIGN

    yaml_text = CAMPAIGN.read_text(encoding="utf-8")
    campaign = await upload(client, csrf, "campaign", "pt.yaml", yaml_text.encode(), "text/yaml")
    assert campaign.status_code == 200 and "Applying it: 1 new, 0 changed" in campaign.text
    assert (await counts(sessionmaker))["Campaign"] == before["Campaign"]  # a preview
    broken = yaml_text.replace("max_points:", "max_points: -", 1)
    bad_yaml = await upload(client, csrf, "campaign", "pt.yaml", broken.encode(), "text/yaml")
    assert bad_yaml.status_code == 422 and "Line" in bad_yaml.text
    xlsx_campaign = await upload(client, csrf, "campaign", "pt.xlsx", workbook(GOOD_ROWS))
    assert xlsx_campaign.status_code == 400 and "only .yaml, .yml" in xlsx_campaign.text


async def test_an_upload_is_applied_only_by_the_session_that_made_it(
    demo, chat_for, sessionmaker, clock, client, client_for
):
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    good = await upload(client, csrf, "roster", "ds.xlsx", workbook(GOOD_ROWS))
    token = token_of(good.text)
    async with client_for() as other:
        other_csrf = await signed(other, chat_for, sessionmaker, clock, "PTO0004")
        before = await counts(sessionmaker)
        stolen = await other.post(
            "/console/admin/import/roster/apply", data={"csrf": other_csrf, "token": token}
        )
        assert stolen.status_code == 400 and "hết hạn" in stolen.text
    for crafted in ("../../../etc/passwd", token + "x", ""):
        page = await client.post(
            "/console/admin/import/roster/apply", data={"csrf": csrf, "token": crafted}
        )
        assert page.status_code == 400
    other_kind = await client.post(
        "/console/admin/import/units/apply", data={"csrf": csrf, "token": token}
    )
    assert other_kind.status_code == 403  # a province's admin loads no units
    assert await counts(sessionmaker) == before
    mine = await client.post(
        "/console/admin/import/roster/apply", data={"csrf": csrf, "token": token}
    )
    assert mine.status_code == 200 and "1 mới" in mine.text


async def test_the_broadcast_composer_previews_queues_and_follows_progress(
    demo, chat_for, sessionmaker, clock, client, files_dir
):
    await linked(chat_for, sessionmaker, clock, "HNI0008")
    await linked(chat_for, sessionmaker, clock, "HNI0009")
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    form = {"csrf": csrf, "text": "Mời dự hội nghị phát động.", "audience": "all"}
    preview = await client.post("/console/admin/broadcast/preview", data=form)
    assert preview.status_code == 200
    assert "Người nhận: 15 người" in preview.text
    assert "qua thử nghiệm: 3" in preview.text  # the two staff and the admin, linked in chat
    assert "Không gửi được (chưa liên kết bot, đã chặn bot hoặc quá hạn Zalo): 12" in preview.text
    assert "📢 Thông báo\nMời dự hội nghị phát động." in preview.text
    assert (await counts(sessionmaker))["Announcement"] == 0
    units = {u.code: u.id for u in await all_units(sessionmaker)}
    by_unit = await client.post(
        "/console/admin/broadcast/preview",
        data={**form, "audience": "unit", "unit": str(units["HNI-CGY-NTN"])},
    )
    assert "Người nhận: 2 người" in by_unit.text
    by_role = await client.post(
        "/console/admin/broadcast/preview", data={**form, "audience": "role", "role": "manager"}
    )
    assert "Người nhận: 5 người" in by_role.text
    for bad in (
        {**form, "audience": "unit", "unit": str(units["PTO"])},
        {**form, "audience": "role", "role": "council_member"},
        {**form, "audience": "everyone"},
        {**form, "text": " "},
        {**form, "text": "x" * 3001},
    ):
        refused = await client.post("/console/admin/broadcast/send", data=bad)
        assert refused.status_code == 400 and 'role="alert"' in refused.text
    assert (await counts(sessionmaker))["Announcement"] == 0

    sent = await client.post("/console/admin/broadcast/send", data=form)
    assert sent.status_code == 303
    path = sent.headers["location"]
    ann_id = int(path.rsplit("/", 1)[-1])
    view = await client.get(path)
    assert "Đang chờ gửi" in view.text and "hx-get" in view.text
    bot = make_bot(sessionmaker, clock, files_dir)
    await bot.runner.sync(clock())
    queued = await client.get(f"{path}/progress", headers={"HX-Request": "true"})
    assert "Đã xử lý 0/3" in queued.text
    await bot.sender.drain(clock())
    await bot.runner.broadcasts.track(clock(), force=True)
    done = await client.get(f"{path}/progress", headers={"HX-Request": "true"})
    assert "Đã xử lý 3/3" in done.text and "Đã gửi xong" in done.text
    assert "hx-get" not in done.text  # no more polling
    assert re.search(r'id="progress-sent"><strong>3<', done.text)
    async with sessionmaker() as session:
        actions = (
            await session.exec(select(AuditLog.action).where(AuditLog.object_id == str(ann_id)))
        ).all()
    assert "broadcast.create" in actions


async def test_another_provinces_broadcast_is_refused(
    demo, chat_for, sessionmaker, clock, client, client_for
):
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    form = {"csrf": csrf, "text": "Thông báo của Hà Nội.", "audience": "all"}
    path = (await client.post("/console/admin/broadcast/send", data=form)).headers["location"]
    async with client_for() as other:
        other_csrf = await signed(other, chat_for, sessionmaker, clock, "PTO0004")
        assert (await other.get(path)).status_code == 403
        assert (await other.get(f"{path}/progress")).status_code == 403
        stop = await other.post(f"{path}/cancel", data={"csrf": other_csrf})
        assert stop.status_code == 403
        for crafted in ("/console/admin/broadcast/999999", "/console/admin/broadcast/99999999999"):
            assert (await other.get(crafted)).status_code == 403
    async with sessionmaker() as session:
        ann = (await session.exec(select(Announcement))).one()
    assert ann.status == "queued"
    stopped = await client.post(f"{path}/cancel", data={"csrf": csrf})
    assert stopped.status_code == 303
    assert "Đã dừng" in (await client.get(path)).text


async def test_the_audit_timeline_of_one_object(demo, chat_for, sessionmaker, clock, client):
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    form = {"csrf": csrf, "text": "Thông báo kiểm toán.", "audience": "all"}
    path = (await client.post("/console/admin/broadcast/send", data=form)).headers["location"]
    ann_id = path.rsplit("/", 1)[-1]
    await client.post(f"{path}/cancel", data={"csrf": csrf})
    page = await client.get(f"/console/admin/audit?type=announcement&id={ann_id}")
    assert page.status_code == 200
    assert f"Nhật ký · Thông báo #{ann_id}" in page.text
    actions = re.findall(r"<strong>([a-z_.]+)</strong>", page.text)
    assert actions == ["broadcast.create", "broadcast.cancel"]
    assert "Phạm Đức Anh (HNI0004)" in page.text and "audience: all" in page.text
    english = await client.get(f"/console/admin/audit?type=announcement&id={ann_id}&lang=en")
    assert f"Audit log · Announcement #{ann_id}" in english.text
    await client.get("/console/?lang=vi")
    async with sessionmaker() as session:
        people = {p.employee_code: p.id for p in (await session.exec(select(Person))).all()}
    thao = await client.get(f"/console/admin/audit?type=person&id={people['HNI0008']}")
    assert thao.status_code == 200 and "Chưa có dòng nhật ký nào" in thao.text
    for crafted in (
        f"type=person&id={people['PTO0008']}",  # another province's person
        "type=person&id=99999999999",
        "type=campaign&id=1",  # the corporation's: its admins only
        "type=file&id=ds.xlsx",
    ):
        assert (await client.get(f"/console/admin/audit?{crafted}")).status_code == 403, crafted
    bad = await client.get("/console/admin/audit?type=ballot&id=1")
    assert bad.status_code == 400 and "Loại đối tượng hoặc mã số không hợp lệ." in bad.text
    chain = await client.post("/console/admin/audit/verify", headers={"X-CSRF-Token": csrf})
    assert chain.status_code == 200 and "Nhật ký toàn vẹn" in chain.text
    assert (await client.post("/console/admin/audit/verify")).status_code == 403  # no CSRF
    async with sessionmaker() as session, session.begin():
        row = (await session.exec(select(AuditLog).order_by(AuditLog.id))).first()
        row.action = "tampered"
    broken = await client.post("/console/admin/audit/verify", headers={"X-CSRF-Token": csrf})
    assert "Nhật ký bị sửa đổi từ dòng" in broken.text


async def test_the_corporation_admin_sees_every_objects_log(
    demo, chat_for, sessionmaker, clock, client
):
    await grant_corporation_admin(sessionmaker, "HNI0004")
    csrf = await signed(client, chat_for, sessionmaker, clock, "HNI0004")
    good = await upload(client, csrf, "roster", "ds.xlsx", workbook(GOOD_ROWS))
    await client.post(
        "/console/admin/import/roster/apply", data={"csrf": csrf, "token": token_of(good.text)}
    )
    page = await client.get("/console/admin/audit?type=file&id=ds.xlsx")
    assert page.status_code == 200 and "roster.import" in page.text
    assert "created: 1" in page.text and "updated: 1" in page.text
    assert (await client.get("/console/admin/audit?type=campaign&id=1")).status_code == 200


async def all_units(sessionmaker) -> list[OrgUnit]:
    async with sessionmaker() as session:
        return list((await session.exec(select(OrgUnit))).all())
