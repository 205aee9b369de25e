"""The invite sheet of a unit: per person not linked yet, the name, a QR code of the
t.me deep link (Telegram links in one tap) and the invite code to type on Zalo."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from bot.web import pdf
from bot.web.texts import Texts
from storage.services.accounts import deep_link
from storage.services.invite_sheets import Sheet

QR_SIZE = 30 * mm
WIDTHS = (10 * mm, 56 * mm, 62 * mm, 52 * mm)  # 180 mm: A4 less 15 mm margins
PADDING = 6 * mm  # the cell's, both sides, and a little air


def invite_sheet(sheet: Sheet, bot_username: str, t: Texts, issued: str, expires: str) -> bytes:
    """The A4 PDF; `issued` and `expires` are local dates as people write them."""
    title = t.SHEET_PDF_TITLE.format(unit=sheet.unit.name)
    story: list[Flowable] = [
        pdf.text(title, 15, bold=True),
        pdf.text(t.SHEET_PDF_ISSUED.format(date=issued, count=len(sheet.lines)), 9),
        Spacer(1, 3 * mm),
        pdf.text(t.SHEET_PDF_HOW.format(expires=expires), 9),
        Spacer(1, 4 * mm),
    ]
    if not sheet.lines:
        story.append(pdf.text(t.SHEET_PDF_EMPTY, 11))
        return pdf.render(story, title=title)
    rows: list[list[object]] = [list(t.SHEET_PDF_COLUMNS)]
    for number, line in enumerate(sheet.lines, start=1):
        link = deep_link(bot_username, line.code)
        rows.append(
            [
                str(number),
                [
                    pdf.text(line.name, 11, bold=True),
                    pdf.text(line.employee_code, 8),
                    pdf.text(sheet.unit.name, 8),
                ],
                [pdf.qr(link, QR_SIZE), pdf.one_line(link, WIDTHS[2] - PADDING, 7, center=True)],
                pdf.text(line.code, 16, bold=True, center=True),
            ]
        )
    story.append(pdf.table(rows, WIDTHS))
    return pdf.render(story, title=title)
