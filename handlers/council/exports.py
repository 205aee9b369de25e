"""The results workbook (openpyxl), drawn from what `storage.services.exports` gathers:
entries, scores per criterion and reviewer (one sheet per model, as the paper tally
sheets are), vote totals, final results, comments and answers. Vietnamese headers,
frozen header rows, set widths. Never a phone number, an employee code, party
membership, a commenter's name or a ballot: rounds give totals only."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.outbound import workbook as xlsx
from handlers.texts import Vi
from storage.models import (
    Campaign,
    CouncilVote,
    Criterion,
    CriterionKind,
    EntryComment,
    Person,
)
from storage.services.campaign_rules import rules_of
from storage.services.exports import Entry, ScoreTable, export_data, export_scope

STATUS = Vi.STATUS  # the workbook is in Vietnamese, as the council's papers are
COUNCIL = {"passed": "Thông qua", "not_passed": "Không thông qua", "no_quorum": "Không đủ túc số"}
SUBJECT = {"individual": "Cá nhân", "collective": "Tập thể"}
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")


def _sheet(workbook: Workbook, title: str, headers: Sequence[str], widths: Sequence[int]):  # type: ignore[no-untyped-def]
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cells.append(cell)
    sheet.append(cells)
    return sheet


def _entries_sheet(workbook: Workbook, entries: list[Entry], self_totals: dict[int, float]) -> None:
    sheet = _sheet(
        workbook,
        "Đăng ký",
        [
            "STT",
            "Mô hình",
            "Đối tượng",
            "Tên tập thể/cá nhân",
            "Đơn vị",
            "Ngày gửi",
            "Trạng thái",
            "Tự chấm",
        ],
        [6, 10, 10, 34, 40, 12, 20, 10],
    )
    for number, e in enumerate(entries, start=1):
        sent = e.registration.submitted_at
        xlsx.append(sheet, [
            number, e.model.code, SUBJECT.get(e.registration.subject_type, ""), e.name,
            e.unit.name, sent.date() if sent else None,
            STATUS.get(e.registration.status, e.registration.status),
            self_totals.get(e.registration.id or 0),
        ])  # fmt: skip


def _score_sheets(
    workbook: Workbook,
    entries: list[Entry],
    criteria: list[Criterion],
    table: ScoreTable,
    names: dict[int, str],
) -> None:
    general = [c for c in criteria if c.kind == CriterionKind.GENERAL]
    by_model: dict[int, list[Entry]] = defaultdict(list)
    for e in entries:
        by_model[e.model.id or 0].append(e)
    for model_entries in by_model.values():
        model = model_entries[0].model
        specific = [c for c in criteria if c.model_id == model.id]
        sheet = _sheet(
            workbook,
            f"Điểm {model.code}",
            ["Tên tập thể/cá nhân", "Đơn vị", "Thành viên thẩm định"]
            + [f"{c.code} (tối đa {c.max_points})" for c in specific]
            + ["Tổng", "Tiêu chí chung không đạt"],
            [30, 34, 24] + [10] * len(specific) + [8, 16],
        )
        for e in model_entries:
            for reviewer_id, scores in table.get(e.registration.id or 0, {}).items():
                points = [scores.get(c.id or 0) for c in specific]
                failed = ", ".join(c.code for c in general if scores.get(c.id or 0) == 0)
                total = round(sum(p for p in points if p is not None), 2)
                xlsx.append(
                    sheet,
                    [
                        e.name,
                        e.unit.name,
                        names.get(reviewer_id, ""),
                        *points,
                        total,
                        failed or None,
                    ],
                )


def _votes_sheet(
    workbook: Workbook,
    entries: dict[int, Entry],
    votes: Iterable[CouncilVote],
    units: dict[int, str],
) -> None:
    sheet = _sheet(
        workbook,
        "Bỏ phiếu",
        ["Mô hình", "Tên tập thể/cá nhân", "Đơn vị", "Hội đồng", "Vòng", "Số thành viên",
         "Số người bỏ phiếu", "Đồng ý", "Không đồng ý", "Kết quả"],
        [10, 30, 34, 30, 7, 12, 14, 9, 12, 16],
    )  # fmt: skip
    for vote in votes:
        e = entries.get(vote.registration_id)
        if e is None:
            continue
        closed = vote.closed_at is not None
        xlsx.append(sheet, [
            e.model.code, e.name, e.unit.name, units.get(vote.council_unit_id, ""), vote.round,
            vote.members if closed else None, vote.participants if closed else None,
            vote.votes_for, vote.votes_against,
            COUNCIL.get(vote.result or "", "Đang bỏ phiếu"),
        ])  # fmt: skip


def _results_sheet(
    workbook: Workbook, entries: list[Entry], campaign: Campaign, codes: dict[int, str]
) -> None:
    rules = rules_of(campaign)
    sheet = _sheet(
        workbook,
        "Kết quả",
        ["Mô hình", "Tên tập thể/cá nhân", "Đơn vị", "Số thành viên chấm", "Điểm thẩm định",
         "Xếp loại", "Tiêu chí chung không đạt", "Chênh lệch giữa thành viên", "Tự chấm",
         "Tự chấm cao hơn thẩm định", "Bình xét", "Trạng thái", "Số quyết định",
         "Ngày quyết định", "Cơ quan ban hành", "Lý do hủy công nhận"],
        [10, 30, 34, 10, 10, 10, 14, 12, 9, 12, 16, 20, 16, 12, 30, 30],
    )  # fmt: skip
    for e in entries:
        r = e.result
        if r is None or r.final_score is None:
            continue
        band = rules.band(r.band)
        over = (r.self_total or 0) - r.final_score
        xlsx.append(sheet, [
            e.model.code, e.name, e.unit.name, r.reviewers, r.final_score,
            band.label if band else "",
            ", ".join(codes.get(int(i), i) for i in r.gates_failed.split(",") if i),
            r.reviewer_gap if (r.reviewer_gap or 0) > rules.discrepancy_points else None,
            r.self_total, round(over, 2) if over > rules.self_gap_flag else None,
            COUNCIL.get(r.council_result or "", ""),
            STATUS.get(e.registration.status, e.registration.status),
            r.decision_number, r.decision_date, r.decision_issuer, r.revoke_reason,
        ])  # fmt: skip


def _comments_sheet(
    workbook: Workbook, entries: dict[int, Entry], comments: Iterable[EntryComment]
) -> None:
    sheet = _sheet(
        workbook,
        "Góp ý",
        ["Mô hình", "Tên tập thể/cá nhân", "Loại", "Nội dung", "Ngày", "Trả lời",
         "Chấp nhận kiến nghị", "Ngày trả lời"],
        [10, 30, 12, 60, 12, 60, 12, 12],
    )  # fmt: skip
    for c in comments:
        e = entries.get(c.registration_id)
        if e is None:
            continue
        upheld = {True: "Có", False: "Không", None: ""}[c.upheld]
        xlsx.append(sheet, [
            e.model.code, e.name, "Kiến nghị" if c.kind == "objection" else "Góp ý", c.text,
            c.created_at.date(), c.answer, upheld,
            c.answered_at.date() if c.answered_at else None,
        ])  # fmt: skip


async def results_workbook(
    session: AsyncSession, campaign: Campaign, *, unit_paths: Sequence[str] | None = None
) -> bytes:
    """The whole workbook as .xlsx bytes; `unit_paths` limits it to those subtrees."""
    data = await export_data(session, campaign, unit_paths=unit_paths)
    by_id = data.by_id
    workbook = Workbook(write_only=True)
    _entries_sheet(workbook, data.entries, data.self_totals)
    _score_sheets(workbook, data.entries, data.criteria, data.scores, data.reviewer_names)
    _votes_sheet(workbook, by_id, data.votes, data.unit_names)
    _results_sheet(workbook, data.entries, campaign, {c.id or 0: c.code for c in data.criteria})
    _comments_sheet(workbook, by_id, data.comments)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def workbook_for(session: AsyncSession, actor: Person, campaign: Campaign) -> bytes:
    """The workbook for a committee member or an admin, limited to the units they hold
    that role over; nobody else may export."""
    paths = await export_scope(session, actor, campaign)
    return await results_workbook(session, campaign, unit_paths=paths)
