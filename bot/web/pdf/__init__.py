"""Printable PDFs (invite sheets, certificates) with reportlab: the vendored DejaVu fonts
(the PDF base fonts have no Vietnamese letters), A4 pages, titles, tables and QR codes.
The fonts ship in `fonts/` so a container or a fresh machine needs nothing installed."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
PDF = "application/pdf"
INK = colors.HexColor("#1f2a44")
RULE = colors.HexColor("#9aa5b8")


@cache
def register_fonts() -> None:
    """Register the Unicode fonts once per process."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)


def style(
    size: float = 10, *, bold: bool = False, center: bool = False, **more: object
) -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle(
        f"s{size}{bold}{center}",
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        leading=size * 1.3,
        textColor=INK,
        alignment=TA_CENTER if center else 0,
        **more,  # type: ignore[arg-type]
    )


def text(value: str, size: float = 10, *, bold: bool = False, center: bool = False) -> Paragraph:
    """A paragraph of plain text (escaped: names are data, not markup)."""
    return Paragraph(escape(value), style(size, bold=bold, center=center))


def one_line(value: str, width: float, size: float = 8, *, center: bool = False) -> Paragraph:
    """Text kept on one line within `width`, in a smaller font when it is long (a link
    broken over two lines would be copied wrong)."""
    register_fonts()
    fits = width / max(pdfmetrics.stringWidth(value, REGULAR, 1), 1)
    return text(value, min(size, fits), center=center)


class QrCode(Flowable):
    """A QR code of `value`, `size` wide, error correction M (survives a smudged printout).
    Encoded once and drawn as one filled path (reportlab's widget encodes twice and draws
    a shape per run: 30 times slower on a sheet of a hundred people)."""

    BORDER = 2  # quiet-zone modules around the code

    def __init__(self, value: str, size: float = 30 * mm) -> None:
        super().__init__()
        self.value = value
        self.width = self.height = size
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(value)
        code.make()
        self.modules: list[list[bool]] = [[bool(dark) for dark in row] for row in code.modules]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.modules) + 2 * self.BORDER
        box = self.width / count
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.height - (r + self.BORDER + 1) * box
            c = 0
            for dark, run in groupby(row):
                length = len(list(run))
                if dark:
                    path.rect((c + self.BORDER) * box, y, length * box, box * 1.02)
                c += length
        self.canv.drawPath(path, stroke=0, fill=1)


def qr(data: str, size: float = 30 * mm) -> QrCode:
    return QrCode(data, size)


def table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    header: bool = True,
    ruled: bool = True,
) -> Table:
    """A table (ruled unless told); with `header`, the first row is bold, shaded and
    repeated on each page."""
    register_fonts()
    grid = Table(list(map(list, rows)), colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 9),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, RULE))
    if header:
        commands += [
            ("FONT", (0, 0), (-1, 0), BOLD, 9),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf3")),
        ]
    grid.setStyle(TableStyle(commands))
    return grid


def render(
    story: Sequence[Flowable],
    *,
    title: str,
    wide: bool = False,
    margin: float = 15 * mm,
    page: Callable[[Canvas, Any], None] | None = None,
) -> bytes:
    """The flowables as an A4 PDF (landscape with `wide`), titled in its metadata; `page`
    draws on every page (a frame) before the flowables."""
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4) if wide else A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author="Dân vận khéo",
    )
    if page is None:
        doc.build(list(story))
    else:
        doc.build(list(story), onFirstPage=page, onLaterPages=page)
    return out.getvalue()
