"""Smaller rules of review and publication: working days, the real timeline's windows,
a collective's minutes, a failed general criterion, the demo phases, help and aliases,
and the command-line export."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook
from sqlmodel import select

from bot.demo import CAMPAIGN
from handlers.kit import errors
from handlers.texts import En, Vi
from storage.errors import WindowClosed
from storage.importers.campaign_file import parse_campaign_file
from storage.models import Campaign, EntryResult, EntryStatus
from storage.services.campaign_rules import require_window, rules_of
from storage.services.workdays import last_working_day
from tests.fakes.memory import joined
from tests.support.cli_support import run_bot
from tests.support.helpers import linked
from tests.support.review_setup import approve, assign, entry, evidence_all, status
from tests.support.samples import PDF
from tests.test_registration import register


def test_comment_window_counts_working_days_and_holidays():
    assert last_working_day(date(2024, 12, 26), 5) == date(2025, 1, 2)  # the sample's dates
    assert last_working_day(date(2025, 4, 28), 3) == date(2025, 5, 2)  # 30/4 and 1/5
    assert last_working_day(date(2026, 2, 14), 2) == date(2026, 2, 17)  # Saturday start
    tet = frozenset({date(2026, 2, 16), date(2026, 2, 17)})
    assert last_working_day(date(2026, 2, 16), 2, tet) == date(2026, 2, 19)


def test_rules_and_windows_come_from_the_campaign_file():
    spec = parse_campaign_file(CAMPAIGN)
    campaign = Campaign(code=spec.code, name=spec.name, year=spec.year,
        registration_opens=date(2024, 4, 1), registration_closes=date(2024, 4, 30),
        evidence_deadline=date(2024, 11, 30), self_scoring_opens=date(2024, 12, 1),
        self_scoring_closes=date(2024, 12, 6), config=spec.config)  # fmt: skip
    rules = rules_of(campaign)
    assert (rules.min_reviewers, rules.discrepancy_points, rules.window_days) == (2, 15, 5)
    assert rules.band_for(100).code == "xuat_sac" and rules.band_for(89.99).code == "tot"
    assert [b.code for b in rules.bands if b.to_council] == ["xuat_sac"]
    december = datetime(2024, 12, 10, 3, tzinfo=UTC)
    require_window(campaign, december, "scoring")
    try:
        require_window(campaign, december, "council")
    except WindowClosed as exc:
        text = errors.describe(exc, Vi)
    assert text == "Chưa đến thời gian bình xét (từ 24/12/2024 đến 26/12/2024)."
    try:
        require_window(campaign, datetime(2026, 1, 1, tzinfo=UTC), "approval")
    except WindowClosed as exc:
        assert errors.describe(exc, En) == (
            "The time for approving registrations has ended (15/05/2024)."
        )


async def test_a_collective_needs_its_minutes_before_approval(demo, chat_for, sessionmaker, clock):
    khoa = await linked(chat_for, sessionmaker, clock, "HNI0007")
    lan = await linked(chat_for, sessionmaker, clock, "HNI0006")  # union, Cầu Giấy
    text = await register(khoa, "M2", scope="Tập thể", criteria=("M2.02",))
    assert "biên bản họp" in text
    await lan.send("/duyet")
    await lan.press("M2 ·")
    replies = await lan.press(Vi.BTN_APPROVE)
    assert "cần có biên bản họp" in joined(replies)
    await khoa.send("/minhchung")
    await khoa.press(Vi.BTN_MINUTES)
    await khoa.send_file(PDF, "bienban.pdf")
    await khoa.press(Vi.BTN_DONE)
    await lan.send("/duyet")
    replies = await lan.press("M2 ·")
    assert replies[0].file is not None and replies[0].file.name == "bienban.pdf"
    replies = await lan.press(Vi.BTN_APPROVE)
    assert "Đã duyệt" in joined(replies)


async def test_a_failed_general_criterion_disqualifies_whatever_the_points(
    demo, chat_for, sessionmaker, clock
):
    a = await entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01"])
    await approve(sessionmaker, clock, a, "HNI0007")
    await evidence_all(sessionmaker, clock, a, "HNI0008", "HNI0003")
    await assign(sessionmaker, clock, a, "HNI0002", "HNI0003", "HNI0015")
    for code in ("HNI0003", "HNI0015"):
        chat = await linked(chat_for, sessionmaker, clock, code)
        await chat.send("/thamdinh")
        await chat.send("10")
        for _ in range(3):
            await chat.press(Vi.BTN_GATE_PASS)
        await chat.press(Vi.BTN_GATE_FAIL)  # G4: discipline
        replies = await chat.send("  ")
        assert Vi.REASON_NEEDED in joined(replies)
        await chat.send("Bị kỷ luật khiển trách năm 2024")
        for _ in range(2):
            await chat.press(Vi.BTN_GATE_PASS)
        replies = await chat.press(Vi.BTN_SUBMIT_SCORES)
    assert await status(sessionmaker, a) == EntryStatus.DISQUALIFIED
    async with sessionmaker() as session:
        result = await session.get(EntryResult, a)
    assert result.final_score == 10 and result.gates_failed


async def test_demo_phases_help_and_english_aliases(demo, chat_for, sessionmaker, clock):
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")
    replies = await minh.send("/giaidoan")
    assert "▶ Phát động" in replies[-1].text
    replies = await minh.press("Chuyển sang: Đăng ký")
    assert "«Đăng ký»" in replies[-1].text
    help_text = (await minh.send("/trogiup"))[-1].text
    for command in ("/duyet", "/phancong", "/binhxet", "/ketqua", "/xuatketqua", "/giaidoan"):
        assert command in help_text
    assert "/thamdinh" not in help_text
    staff = await linked(chat_for, sessionmaker, clock, "HNI0009")
    staff_help = (await staff.send("/help"))[-1].text
    assert "/ketqua" in staff_help and "/gopy" in staff_help and "/duyet" not in staff_help
    assert (
        "/thamdinh"
        in (await (await linked(chat_for, sessionmaker, clock, "HNI0003")).send("/help"))[-1].text
    )
    replies = await staff.send("/approve")
    assert replies[-1].text.startswith(Vi.NO_APPROVALS)
    await staff.send("/giaidoan")
    replies = await staff.press("Chuyển sang")
    assert "Việc này dành cho cấp ủy" in replies[-1].text
    async with sessionmaker() as session:
        campaign = (await session.exec(select(Campaign))).one()
    assert campaign.status == "registration_open"


def test_export_results_from_the_command_line(cli_env, tmp_path):
    assert run_bot(cli_env, "demo").returncode == 0
    out = tmp_path / "ket-qua.xlsx"
    done = run_bot(cli_env, "export", "results", "--campaign", "DVK-2024-DEMO", "--out", str(out))
    assert done.returncode == 0, done.stderr
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == ["Đăng ký", "Bỏ phiếu", "Kết quả", "Góp ý"]
    assert [c.value for c in book["Kết quả"][1]][:6] == [
        "Mô hình", "Tên tập thể/cá nhân", "Đơn vị", "Số thành viên chấm", "Điểm thẩm định",
        "Xếp loại",
    ]  # fmt: skip
    missing = run_bot(cli_env, "export", "results", "--campaign", "NOPE", "--out", str(out))
    assert missing.returncode == 1 and "NOPE" in missing.stderr
    assert run_bot(cli_env, "audit", "verify").returncode == 0
