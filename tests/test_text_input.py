"""Text as real keyboards and HR files send it: decomposed Vietnamese (NFD), double and
trailing spaces, control characters, Excel's numeric phones and Vietnamese headers, all
stored in one form; and the results workbook writes every text as the text it is."""

from __future__ import annotations

import io
import random
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlmodel import select

from bot.demo import UNITS
from handlers.council import exports
from storage.importers.common import ImportFailed
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.models import (
    Campaign,
    EntryComment,
    OrgUnit,
    Person,
)
from storage.services import comments, people
from storage.text import clean_text
from tests.support import review_setup
from tests.support.review_setup import reviewed

NFD = unicodedata.normalize
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Thanh", "Minh", "Quốc"]
GIVEN = ["Hùng", "Thảo", "Dũng", "Hạnh", "Tuấn", "Hường", "Phượng", "Đạt", "Nguyệt", "Khải"]
VI_HEADER = [
    "Mã nhân viên",
    "Họ và tên",
    "Mã đơn vị",
    "Vai trò",
    "Chức vụ",
    "Số điện thoại",
    "Đảng viên",
    "Đoàn viên / Công đoàn viên",
]


def messy(text: str, rng: random.Random) -> str:
    """As an HR export writes it: decomposed, doubled inner spaces, spaces at the edges."""
    if rng.random() < 0.5:
        text = NFD("NFD", text)
    if rng.random() < 0.5:
        text = text.replace(" ", "  ", 1)
    return rng.choice(["", " ", "\u00a0"]) + text + rng.choice(["", "  ", "\t"])


def generated_roster(count: int, seed: int = 9) -> list[tuple[str, str, int]]:
    """(employee code, clean name, 9-digit phone as Excel keeps it) for `count` people."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        rows.append((f"GEN{n:05d}", name, 912_000_000 + n))
    return rows


async def test_an_hr_roster_in_excel_is_stored_composed_single_spaced_with_its_phones(
    sessionmaker, tmp_path
):
    async with sessionmaker() as session, session.begin():
        await import_units(session, UNITS)
    rng = random.Random(12)
    roster = generated_roster(400)
    book = Workbook()
    sheet = book.active
    sheet.append([NFD("NFD", h).upper() if i % 2 else h for i, h in enumerate(VI_HEADER)])
    for code, name, phone in roster:
        position = messy("Nhân viên  bưu cục", rng)
        sheet.append([code, messy(name, rng), "HNI", "staff", position, phone, "Không", "có"])
    path = tmp_path / "nhan-su.xlsx"
    book.save(path)
    assert isinstance(load_workbook(path).active["F2"].value, int)  # a numeric cell, no 0
    async with sessionmaker() as session, session.begin():
        result = await import_roster(session, path)
    assert result.created == len(roster)
    async with sessionmaker() as session:
        stored = {
            p.employee_code: p
            for p in (await session.exec(select(Person).where(Person.unit_id.is_not(None)))).all()
        }
    for code, name, phone in roster:
        person = stored[code]
        assert person.full_name == name  # composed, one space, no edges
        assert person.full_name == NFD("NFC", person.full_name)
        assert person.position == "Nhân viên bưu cục"
        assert person.phone == f"0{phone}"
        assert person.is_union_member  # party membership is read but not stored


async def test_a_csv_roster_restores_phones_and_refuses_what_is_no_mobile_by_line(
    sessionmaker, tmp_path
):
    async with sessionmaker() as session, session.begin():
        await import_units(session, UNITS)
    lines = [
        ",".join(NFD("NFD", h) for h in VI_HEADER),
        f"C1,{NFD('NFD', 'Đỗ  Thị   Hằng ')},HNI,staff,,912345678,x,",
        "C2,Ngô Văn Bình,HNI,staff,,123456789,,",  # 0123456789: not a mobile since 2018
        "C3,Lý Thị Mai,HNI,staff,,0212345678,,",
    ]
    path = tmp_path / "nhan-su.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    with pytest.raises(ImportFailed) as failed:
        async with sessionmaker() as session, session.begin():
            await import_roster(session, path)
    assert [(e.line, e.code) for e in failed.value.errors] == [(3, "bad_phone"), (4, "bad_phone")]
    path.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    async with sessionmaker() as session, session.begin():
        await import_roster(session, path)
    async with sessionmaker() as session:
        person = await people.find_by_code(session, " C1\u200b ")  # a pasted search key
    assert person is not None
    assert (person.full_name, person.phone) == ("Đỗ Thị Hằng", "0912345678")


async def test_units_take_a_vietnamese_header(sessionmaker, tmp_path):
    path = tmp_path / "don-vi.csv"
    path.write_text(
        "Mã đơn vị,TÊN ĐƠN VỊ,Loại,Mã đơn vị cha\n"
        f"ROOT,{NFD('NFD', 'Tổng  công ty Bưu điện ')},corporation,\n"
        "HN,Bưu điện Hà Nội,province_post,ROOT\n",
        encoding="utf-8",
    )
    async with sessionmaker() as session, session.begin():
        result = await import_units(session, path)
    assert result.created == 2
    async with sessionmaker() as session:
        names = (await session.exec(select(OrgUnit.name).order_by(OrgUnit.code))).all()
    assert names == ["Bưu điện Hà Nội", "Tổng công ty Bưu điện"]


@given(st.text())
@example("e\x07\u0301 \u200b\u0301")
def test_clean_text_is_one_composed_line(text):
    cleaned = clean_text(text)
    assert cleaned == unicodedata.normalize("NFC", cleaned)
    assert clean_text(cleaned) == cleaned
    assert "  " not in cleaned and "\n" not in cleaned and cleaned == cleaned.strip()
    assert not any(unicodedata.category(c) == "Cc" for c in cleaned)


def test_multiline_texts_keep_their_lines():
    typed = NFD("NFD", "  Kính gửi   các đồng chí,\r\n\n\n\nHọp lúc  8h.\x07  ")
    assert clean_text(typed, multiline=True) == "Kính gửi các đồng chí,\n\nHọp lúc 8h."


TYPED = ["=1+1", "+SUM(A1)", "-2", "@x", "Chuông\x07 báo\x00", NFD("NFD", "Đề  nghị xem lại ")]
STORED = ["=1+1", "+SUM(A1)", "-2", "@x", "Chuông báo", "Đề nghị xem lại"]


async def test_comments_are_stored_clean_and_exported_as_typed_never_as_formulas(
    demo, sessionmaker, clock
):
    entry_id = await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    now = clock()
    await review_setup.passed_council(
        sessionmaker, clock, entry_id, ("HNI0001", "HNI0002", "HNI0011")
    )
    await review_setup.published(sessionmaker, clock)
    ids = [
        await review_setup.comment(sessionmaker, clock, entry_id, "HNI0009", text) for text in TYPED
    ]
    async with sessionmaker() as session, session.begin():
        minh = await people.find_by_code(session, "HNI0002")
        hung = await people.find_by_code(session, "HNI0009")
        await comments.answer(
            session, actor=minh, comment_id=ids[0], text="@tra  lời\x1b", upheld=None, now=now
        )
        # a row written before input was cleaned: the export must still succeed
        session.add(
            EntryComment(
                registration_id=entry_id, author_id=hung.id, kind="comment", text="=2+2\x01\x0b"
            )
        )
    async with sessionmaker() as session:
        stored = (await session.exec(select(EntryComment.text).order_by(EntryComment.id))).all()
        assert stored[: len(TYPED)] == STORED
        campaign = (await session.exec(select(Campaign))).one()
        data = await exports.results_workbook(session, campaign)
    sheet = load_workbook(io.BytesIO(data))["Góp ý"]
    texts = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in texts] == [*STORED, "=2+2"]
    assert all(c.data_type == "s" for c in texts)  # strings, none a formula
    answer = sheet.cell(row=2, column=6)
    assert (answer.value, answer.data_type) == ("@tra lời", "s")
    assert texts[0].quotePrefix  # Excel keeps it as text when the cell is edited


async def test_the_migration_cleans_text_stored_before(tmp_path):
    from datetime import UTC, datetime

    import sqlalchemy as sa

    from storage import migrate
    from storage.db import create_engine
    from storage.types import UTCDateTime

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    await migrate.upgrade(engine, "0005")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    unit = sa.table(
        "org_unit",
        *(sa.column(c) for c in ("id", "code", "name", "kind", "path", "depth")),
        sa.column("created_at", UTCDateTime()),
    )
    person = sa.table(
        "person",
        *(sa.column(c) for c in ("id", "employee_code", "full_name", "unit_id", "position")),
        *(sa.column(c) for c in ("is_party_member", "is_union_member", "active")),
        sa.column("created_at", UTCDateTime()),
    )
    async with engine.begin() as connection:
        await connection.execute(
            sa.insert(unit).values(
                id=1, code="HN", name=NFD("NFD", " Bưu điện  Hà Nội"), kind="province_post",
                path="/1/", depth=0, created_at=now,
            )
        )  # fmt: skip
        await connection.execute(
            sa.insert(person).values(
                id=1, employee_code="E1", full_name=NFD("NFD", "Nguyễn  Văn Hùng\x07 "),
                unit_id=1, position="", is_party_member=False, is_union_member=False,
                active=True, created_at=now,
            )
        )  # fmt: skip
    await migrate.upgrade(engine)
    async with engine.connect() as connection:
        name = (await connection.execute(sa.text("SELECT full_name FROM person"))).scalar()
        unit_name = (await connection.execute(sa.text("SELECT name FROM org_unit"))).scalar()
    await engine.dispose()
    assert (name, unit_name) == ("Nguyễn Văn Hùng", "Bưu điện Hà Nội")
