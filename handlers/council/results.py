"""`/ketqua`: published results for everyone in scope; the party committee publishes
them, records the final decision after the comment window, or revokes a recognition."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from handlers.core import Convo, EntryData, Flow, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit import errors
from handlers.kit import format as fmt
from handlers.kit.acting import Refused, act
from handlers.kit.campaign import latest_campaign
from handlers.kit.entries import entry_buttons, take_entry
from handlers.kit.numbers import ascii_form
from handlers.kit.reasons import act_with_reason, ask_with_back
from handlers.outbound.notify import About, about, message, notify
from handlers.texts import Texts
from storage.models import Campaign, EntryStatus, Registration, Role
from storage.services import publication, scope, standings
from storage.services.standings import PublicResult

SHOWN = 40  # lines of results in one message; the workbook has them all


class Step(StrEnum):
    MENU = "menu"
    NUMBER = "number"
    DATE = "date"
    REVOKE = "revoke"
    REVOKE_REASON = "revoke_reason"


class Data(EntryData):
    number: str | None = None


def result_line(t: Texts, r: PublicResult) -> str:
    """One published result: subject, unit, model, score, band, council and status."""
    return t.RESULT_LINE.format(
        model=r.model_code,
        subject=errors.subject_label(t, r.subject_type, r.subject_name),
        unit=r.unit_name,
        score=fmt.points(r.final_score, t),
        band=r.band or "—",
        council=t.COUNCIL_RESULTS.get(r.council_result or "", "—"),
        status=t.STATUS.get(r.status, r.status),
    )


def results_text(t: Texts, campaign: Campaign, rows: list[PublicResult]) -> str:
    if not rows:
        return t.NO_RESULTS_YET
    lines = [result_line(t, r) for r in rows[:SHOWN]]
    if len(rows) > SHOWN:
        lines.append(t.MORE_RESULTS.format(count=len(rows) - SHOWN))
    closes = [r.comment_closes for r in rows if r.comment_closes and not r.decision_number]
    if closes:
        lines.append(t.COMMENT_UNTIL.format(date=fmt.day(max(closes))))
    decided = next((r for r in rows if r.decision_number), None)
    if decided and decided.decision_date:
        lines.append(
            t.DECISION_LINE.format(
                number=decided.decision_number, date=fmt.day(decided.decision_date)
            )
        )
    return "\n".join([t.RESULTS_HEADER.format(campaign=campaign.name), *lines])


async def start(msg: Inbound, convo: Convo) -> Turn:
    campaign = await publication.latest_campaign(convo.session)
    if campaign is None:
        return await convo.done(convo.t.NO_CAMPAIGN)
    if await scope.holds(convo.session, convo.me, Role.PARTY_COMMITTEE):
        return await convo.goto(Step.MENU)
    rows = await standings.public_results(convo.session, convo.me, campaign)
    return await convo.done(results_text(convo.t, campaign, rows))


FLOW = Flow(name="results", data_model=Data, start=start)


async def ask_menu(convo: Convo) -> Reply:
    t = convo.t
    campaign = await latest_campaign(convo)
    rows = await standings.public_results(convo.session, convo.me, campaign)
    buttons = [
        Button(t.BTN_PUBLISH, "publish"),
        Button(t.BTN_FINALIZE, "final"),
        Button(t.BTN_REVOKE, "revoke"),
        Button(t.BTN_EXPORT, "/xuatketqua"),
        Button(t.BTN_CANCEL, "/huy"),
    ]
    return convo.ask(results_text(t, campaign, rows), buttons, per_row=2)


@FLOW.step(Step.MENU, ask_menu)
async def on_menu(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "publish":
        return await _publish(convo)
    if msg.choice == "final":
        return await convo.goto(Step.NUMBER)
    if msg.choice == "revoke":
        if not await publication.recognized_in_scope(convo.session, convo.me):
            return await convo.stay(convo.t.NOTHING_TO_REVOKE)
        return await convo.goto(Step.REVOKE)
    return await convo.stay(convo.t.UNKNOWN_INPUT)


async def _publish(convo: Convo) -> Turn:
    """Publish what is decided; everyone in the committee's scope receives the list."""
    t = convo.t
    campaign = await latest_campaign(convo)
    done = await act(convo, publication.publish, campaign=campaign)
    if isinstance(done, Refused):
        return await convo.stay(done.reason)
    if not done.entries:
        return await convo.stay(t.NOTHING_TO_PUBLISH.format(waiting=done.waiting))
    rows = [
        r
        for r in await standings.public_results(convo.session, convo.me, campaign)
        if r.registration_id in {e.id for e in done.entries}
    ]
    closes = fmt.day(done.closes) if done.closes else ""
    await notify(
        convo,
        await publication.audience(convo.session, done.scope_unit_ids),
        lambda tt: message(
            "\n".join(
                [tt.NOTICE_PUBLISHED.format(campaign=campaign.name, date=closes)]
                + [result_line(tt, r) for r in rows[:SHOWN]]
                + ([tt.MORE_RESULTS.format(count=len(rows) - SHOWN)] if len(rows) > SHOWN else [])
            ),
            (tt.BTN_RESULTS, "/ketqua"),
            (tt.BTN_COMMENT, "/gopy"),
        ),
        source="publication",
    )
    text = t.PUBLISHED_OK.format(count=len(done.entries), date=closes, waiting=done.waiting)
    return await convo.done(text)


async def ask_number(convo: Convo) -> Reply:
    return ask_with_back(convo, convo.t.ASK_DECISION_NUMBER)


@FLOW.step(Step.NUMBER, ask_number, takes_number=True)
async def on_number(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "back":
        return await convo.goto(Step.MENU)
    if not (msg.text or "").strip():
        return await convo.stay(convo.t.DECISION_NUMBER_NEEDED)
    Data.of(convo).number = msg.text.strip()[:64]
    return await convo.goto(Step.DATE)


async def ask_date(convo: Convo) -> Reply:
    return ask_with_back(convo, convo.t.ASK_DECISION_DATE)


def parse_day(text: str) -> date | None:
    """ "08/01/2025" or "2025-01-08" (ASCII or full-width digits, nothing else)."""
    cleaned = ascii_form(text, max_chars=10)
    if cleaned is None or not cleaned.isascii():
        return None
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


@FLOW.step(Step.DATE, ask_date, takes_number=True)
async def on_date(msg: Inbound, convo: Convo) -> Turn:
    t = convo.t
    if msg.choice == "back":
        return await convo.goto(Step.NUMBER)
    day = parse_day(msg.text or "")
    if day is None:
        return await convo.stay(t.BAD_DATE)
    entries = await act(
        convo,
        publication.finalize,
        campaign=await latest_campaign(convo),
        number=Data.of(convo).number or "",
        decision_date=day,
    )
    if isinstance(entries, Refused):
        return await convo.done(entries.reason)
    await _tell_outcomes(convo, entries, Data.of(convo).number or "", day)
    recognized = sum(1 for e in entries if e.status == EntryStatus.RECOGNIZED)
    return await convo.done(t.FINALIZED_OK.format(count=len(entries), recognized=recognized))


async def _tell_outcomes(convo: Convo, entries: list[Registration], number: str, day: date) -> None:
    for entry in entries:
        it = await about(convo, entry)
        await notify(
            convo,
            {entry.registered_by_id, entry.person_id},
            lambda tt, e=entry, it=it: outcome_notice(tt, e, it, number, day),
        )


def outcome_notice(t: Texts, entry: Registration, it: About, number: str, day: date) -> Reply:
    """The final result, for the registrant and the subject (in the chat and the console)."""
    text = _outcome(t, entry).format(
        model=it.model, subject=it.subject(t), number=number, date=fmt.day(day)
    )
    return message(text, (t.BTN_RESULTS, "/ketqua"))


def _outcome(t: Texts, entry: Registration) -> str:
    if entry.status == EntryStatus.RECOGNIZED:
        return t.NOTICE_RECOGNIZED
    if entry.status == EntryStatus.DISQUALIFIED:
        return t.NOTICE_DISQUALIFIED_FINAL
    return t.NOTICE_NOT_RECOGNIZED


async def ask_revoke(convo: Convo) -> Reply:
    entries = await publication.recognized_in_scope(convo.session, convo.me)
    buttons = await entry_buttons(convo, entries)
    return convo.ask(convo.t.REVOKE_PICK, [*buttons, Button(convo.t.BTN_BACK, "back")])


@FLOW.step(Step.REVOKE, ask_revoke)
async def on_revoke(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "back":
        return await convo.goto(Step.MENU)
    recognized = await publication.recognized_in_scope(convo.session, convo.me)
    return await take_entry(msg, convo, Step.REVOKE_REASON, recognized)


async def ask_revoke_reason(convo: Convo) -> Reply:
    return ask_with_back(convo, convo.t.REVOKE_REASON)


@FLOW.step(Step.REVOKE_REASON, ask_revoke_reason)
async def on_revoke_reason(msg: Inbound, convo: Convo) -> Turn:
    return await act_with_reason(
        msg,
        convo,
        Step.REVOKE,
        publication.revoke,
        _revoked,
        refused=convo.done,
        blank_allowed=False,
        registration_id=Data.of(convo).registration_id or 0,
    )


async def _revoked(convo: Convo, entry: Registration, typed: str) -> Turn:
    t = convo.t
    it = await about(convo, entry)
    reason = " ".join(typed.split())
    await notify(
        convo,
        {entry.registered_by_id, entry.person_id},
        lambda tt: message(
            tt.NOTICE_REVOKED.format(model=it.model, subject=it.subject(tt), reason=reason)
        ),
    )
    return await convo.done(t.REVOKED_OK.format(subject=it.subject(t)))
