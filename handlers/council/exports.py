"""The results workbook (openpyxl): entries, scores per criterion and reviewer (one sheet
per model, as the paper tally sheets are), vote totals, final results, comments and
answers. Vietnamese headers, frozen header rows, set widths. Never a phone number, an
employee code, party membership, a commenter's name or a ballot: rounds give totals only."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.outbound import workbook as xlsx
from handlers.texts import Vi
from storage import audit
from storage.errors import PermissionDenied
from storage.models import (
    Campaign,
    CampaignModel,
    CouncilVote,
    Criterion,
    CriterionKind,
    EntryComment,
    EntryResult,
    OrgUnit,
    Person,
    Registration,
    RegistrationCriterion,
    ReviewAssignment,
    ReviewScore,
    Role,
)
from storage.services import scope
from storage.services.finals import latest_scores
from storage.services.rules import rules_of

STATUS = Vi.STATUS  # the workbook is in Vietnamese, as the council's papers are
COUNCIL = {"passed": "Thông qua", "not_passed": "Không thông qua", "no_quorum": "Không đủ túc số"}
SUBJECT = {"individual": "Cá nhân", "collective": "Tập thể"}
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")


@dataclass(frozen=True)
class Entry:
    registration: Registration
    model: CampaignModel
    unit: OrgUnit
    name: str
    result: EntryResult | None


async def _entries(
    session: AsyncSession, campaign: Campaign, paths: Sequence[str] | None
) -> list[Entry]:
    rows = await session.exec(
        select(Registration, CampaignModel, OrgUnit, Person.full_name, EntryResult)
        .join(CampaignModel, CampaignModel.id == Registration.model_id)
        .join(OrgUnit, OrgUnit.id == Registration.unit_id)
        .outerjoin(Person, Person.id == Registration.person_id)
        .outerjoin(EntryResult, EntryResult.registration_id == Registration.id)
        .where(Registration.campaign_id == campaign.id)
        .order_by(CampaignModel.position, OrgUnit.path, Registration.id)
    )
    return [
        Entry(reg, model, unit, name or unit.name, result)
        for reg, model, unit, name, result in rows.all()
        if paths is None or scope.within_any(unit.path, paths)
    ]


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


async def _score_rows(
    session: AsyncSession, campaign: Campaign
) -> tuple[dict[int, dict[int, dict[int, float]]], dict[int, str]]:
    """entry -> reviewer -> criterion -> newest submitted score; reviewer names."""
    rows = await session.exec(
        select(
            ReviewScore.assignment_id,
            ReviewScore.criterion_id,
            ReviewScore.version,
            ReviewScore.score,
        )
        .join(ReviewAssignment, ReviewAssignment.id == ReviewScore.assignment_id)
        .join(Registration, Registration.id == ReviewAssignment.registration_id)
        .where(Registration.campaign_id == campaign.id, ReviewScore.version >= 1)
    )
    latest = latest_scores(list(rows.all()))
    owners = dict(
        (
            await session.exec(
                select(ReviewAssignment.id, ReviewAssignment.registration_id)
                .join(Registration, Registration.id == ReviewAssignment.registration_id)
                .where(Registration.campaign_id == campaign.id)
            )
        ).all()
    )
    reviewers = dict(
        (
            await session.exec(
                select(ReviewAssignment.id, ReviewAssignment.reviewer_id).where(
                    ReviewAssignment.id.in_(owners)
                )
            )
        ).all()
    )
    names = dict(
        (
            await session.exec(
                select(Person.id, Person.full_name).where(Person.id.in_(set(reviewers.values())))
            )
        ).all()
    )
    table: dict[int, dict[int, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    for (assignment_id, criterion_id), score in latest.items():
        table[owners[assignment_id]][reviewers[assignment_id]][criterion_id] = score
    return table, names


def _score_sheets(
    workbook: Workbook,
    entries: list[Entry],
    criteria: list[Criterion],
    table: dict[int, dict[int, dict[int, float]]],
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
    entries = await _entries(session, campaign, unit_paths)
    by_id = {e.registration.id or 0: e for e in entries}
    criteria = list(
        (
            await session.exec(
                select(Criterion)
                .where(Criterion.campaign_id == campaign.id)
                .order_by(Criterion.position)
            )
        ).all()
    )
    self_totals = await _self_totals(session, campaign)
    table, names = await _score_rows(session, campaign)
    votes = (
        await session.exec(
            select(CouncilVote).order_by(CouncilVote.registration_id, CouncilVote.round)
        )
    ).all()
    units = dict((await session.exec(select(OrgUnit.id, OrgUnit.name))).all())
    comments = (await session.exec(select(EntryComment).order_by(EntryComment.id))).all()
    workbook = Workbook(write_only=True)
    _entries_sheet(workbook, entries, self_totals)
    _score_sheets(workbook, entries, criteria, table, names)
    _votes_sheet(workbook, by_id, votes, units)
    _results_sheet(workbook, entries, campaign, {c.id or 0: c.code for c in criteria})
    _comments_sheet(workbook, by_id, comments)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def _self_totals(session: AsyncSession, campaign: Campaign) -> dict[int, Any]:
    rows = await session.exec(
        select(RegistrationCriterion.registration_id, func.sum(RegistrationCriterion.self_score))
        .join(Registration, Registration.id == RegistrationCriterion.registration_id)
        .where(Registration.campaign_id == campaign.id)
        .group_by(RegistrationCriterion.registration_id)
    )
    return dict(rows.all())


async def workbook_for(session: AsyncSession, actor: Person, campaign: Campaign) -> bytes:
    """The workbook for a committee member or an admin, limited to the units they hold
    that role over; nobody else may export."""
    roles = [Role.PARTY_COMMITTEE, Role.ADMIN]
    paths = await scope.scope_filter(session, actor, roles)
    if not paths or not actor.active:
        raise PermissionDenied("not_committee")
    await audit.record(
        session,
        action="results.export",
        object_type="campaign",
        object_id=campaign.id,
        actor_id=actor.id,
    )
    return await results_workbook(session, campaign, unit_paths=paths)
