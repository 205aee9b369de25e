"""The recognition certificate of an entry: A4 landscape, framed, Vietnamese first."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from bot.web import pdf
from bot.web.texts import Texts
from storage.services.certificates import Certificate

GOLD = pdf.colors.HexColor("#b8860b")


def certificate(cert: Certificate, t: Texts, subject: str, score: str) -> bytes:
    """`subject` as the chat words it ("Cá nhân …"), `score` as people write it ("9,6")."""
    result = cert.result
    decided = cert.decision_date
    title = t.CERT_TITLE.format(subject=subject)
    story: list[Flowable] = [
        pdf.text(cert.issuer.upper(), 13, bold=True, center=True),
        Spacer(1, 10 * mm),
        pdf.text(t.CERT_HEADING, 30, bold=True, center=True),
        pdf.text(t.CERT_MOVEMENT, 16, center=True),
        Spacer(1, 8 * mm),
        pdf.text(t.CERT_CERTIFIES.format(issuer=cert.issuer), 12, center=True),
        Spacer(1, 3 * mm),
        pdf.text(subject, 22, bold=True, center=True),
        Spacer(1, 2 * mm),
        pdf.text(t.CERT_UNIT.format(unit=result.unit_name), 12, center=True),
        pdf.text(
            t.CERT_MODEL.format(code=result.model_code, title=result.model_title), 12, center=True
        ),
        pdf.text(t.CERT_SCORE.format(score=score, band=result.band or "—"), 12, center=True),
        pdf.text(t.CERT_CAMPAIGN.format(campaign=cert.campaign_name), 12, center=True),
    ]
    if cert.decision_number and decided is not None:
        day = decided.strftime("%d/%m/%Y")
        story.append(
            pdf.text(t.CERT_DECISION.format(number=cert.decision_number, date=day), 11, center=True)
        )
    story.append(Spacer(1, 10 * mm))
    signature = []
    if decided is not None:
        signature.append(
            pdf.text(
                t.CERT_PLACE_DATE.format(
                    day=f"{decided.day:02d}", month=f"{decided.month:02d}", year=decided.year
                ),
                10,
                center=True,
            )
        )
    signature += [
        pdf.text(t.CERT_SIGNER.format(issuer=cert.issuer), 11, bold=True, center=True),
        pdf.text(t.CERT_SIGN_HINT, 9, center=True),
    ]
    story.append(pdf.table([["", signature]], (140 * mm, 110 * mm), header=False, ruled=False))
    return pdf.render(story, title=title, wide=True, margin=22 * mm, page=_frame)


def _frame(canvas: Canvas, _doc: object) -> None:
    """A double gold frame around the page."""
    width, height = landscape(A4)
    canvas.saveState()
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(3)
    canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(14 * mm, 14 * mm, width - 28 * mm, height - 28 * mm)
    canvas.restoreState()
