"""`/chamdiem`: the registrant scores each chosen criterion from 0 to its maximum."""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import select

from handlers.core import Convo, EntryData, Flow, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit import errors
from handlers.kit import format as fmt
from handlers.kit.entries import entry_label
from handlers.kit.entry_step import OwnEntries
from handlers.kit.numbers import parse_score
from handlers.kit.presses import pressed_criterion
from storage.errors import DomainError
from storage.models import Campaign, Criterion, Registration, RegistrationCriterion
from storage.services import evidence as evidence_service
from storage.services import registrations, selfscore
from storage.services.registrations import Purpose


class Step(StrEnum):
    ENTRY = "entry"
    SCORE = "score"
    SUMMARY = "summary"
    PICK = "pick"


class Data(EntryData):
    criterion_id: int | None = None


async def _rows(convo: Convo) -> list[tuple[RegistrationCriterion, Criterion]]:
    result = await convo.session.exec(
        select(RegistrationCriterion, Criterion)
        .join(Criterion, Criterion.id == RegistrationCriterion.criterion_id)
        .where(RegistrationCriterion.registration_id == Data.of(convo).registration_id)
        .order_by(Criterion.position)
    )
    return list(result.all())


async def _next_or_summary(convo: Convo, before: tuple[str, ...] = ()) -> Turn:
    """The first criterion without a score, or the summary when all have one."""
    unscored = [c for rc, c in await _rows(convo) if rc.self_score is None]
    if unscored:
        Data.of(convo).criterion_id = unscored[0].id
        return await convo.goto(Step.SCORE, before=before)
    return await convo.goto(Step.SUMMARY, before=before)


ENTRIES = OwnEntries(
    registrations.may_self_score, Purpose.SELF_SCORE, "self_scoring", Step.ENTRY, _next_or_summary
)


async def start(msg: Inbound, convo: Convo) -> Turn:
    return await ENTRIES.start(convo, convo.t.NO_SELF_ENTRIES)


FLOW = Flow(name="selfscore", data_model=Data, start=start, steps={Step.ENTRY: ENTRIES.step()})


async def _campaign_step(convo: Convo) -> float:
    registration = await convo.session.get(Registration, Data.of(convo).registration_id)
    campaign = await convo.session.get(Campaign, registration.campaign_id if registration else 0)
    return campaign.score_step if campaign else 0.5


async def ask_score(convo: Convo) -> Reply:
    t = convo.t
    rows_ = await _rows(convo)
    index, (row, criterion) = next(
        (i, pair) for i, pair in enumerate(rows_, 1) if pair[1].id == Data.of(convo).criterion_id
    )
    registration_id = Data.of(convo).registration_id or 0
    counts = await evidence_service.counts_by_criterion(convo.session, [registration_id])
    text = t.ASK_SCORE.format(
        index=index,
        count=len(rows_),
        code=criterion.code,
        title=criterion.title,
        max=criterion.max_points,
        guide=criterion.guide or "—",
        evidence=counts[(registration_id, criterion.id or 0)],
        current=fmt.points(row.self_score, t),
        step=fmt.points(await _campaign_step(convo), t),
    )
    return Reply(text)


@FLOW.step(Step.SCORE, ask_score, takes_number=True)
async def on_score(msg: Inbound, convo: Convo) -> Turn:
    t = convo.t
    criterion = await convo.session.get(Criterion, Data.of(convo).criterion_id)
    assert criterion is not None
    value = parse_score(msg.text or "")
    if value is None:
        return await convo.stay(t.SCORE_NOT_NUMBER.format(max=criterion.max_points))
    try:
        async with convo.savepoint():
            await selfscore.set_self_score(
                convo.session,
                actor=convo.me,
                registration_id=Data.of(convo).registration_id or 0,
                criterion_id=criterion.id or 0,
                value=value,
                now=convo.now,
            )
    except DomainError as exc:
        if exc.code.startswith("score_"):
            return await convo.stay(errors.describe(exc, t))
        return await convo.done(errors.describe(exc, t))
    saved = t.SCORE_SAVED.format(code=criterion.code, score=fmt.points(value, t))
    return await _next_or_summary(convo, before=(saved,))


async def _summary_text(convo: Convo) -> tuple[str, float, int]:
    t = convo.t
    registration = await convo.session.get(Registration, Data.of(convo).registration_id)
    assert registration is not None
    campaign = await convo.session.get(Campaign, registration.campaign_id)
    rows_ = await _rows(convo)
    lines = [
        t.SCORE_LINE.format(
            code=c.code,
            max=c.max_points,
            score=fmt.points(rc.self_score, t) if rc.self_score is not None else t.NOT_SCORED,
        )
        for rc, c in rows_
    ]
    total = sum(rc.self_score or 0 for rc, _ in rows_)
    scale = campaign.scale_max if campaign else 100
    model, subject = await entry_label(convo, registration)
    text = t.SELF_SUMMARY.format(
        model=model,
        subject=subject,
        lines="\n".join(lines),
        total=fmt.points(total, t),
        scale=scale,
    )
    return text, total, scale


async def ask_summary(convo: Convo) -> Reply:
    t = convo.t
    text, _, _ = await _summary_text(convo)
    return convo.ask(
        text, [Button(t.BTN_EDIT_SCORE, "edit"), Button(t.BTN_DONE, "done")], per_row=2
    )


@FLOW.step(Step.SUMMARY, ask_summary)
async def on_summary(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "edit":
        return await convo.goto(Step.PICK)
    if msg.choice == "done":
        _, total, scale = await _summary_text(convo)
        return await convo.done(
            convo.t.SELF_DONE.format(total=fmt.points(total, convo.t), scale=scale)
        )
    return await convo.stay(convo.t.UNKNOWN_INPUT)


async def ask_pick(convo: Convo) -> Reply:
    t = convo.t
    buttons = [
        Button(f"{c.code} · {fmt.points(rc.self_score, t)}/{c.max_points}", f"k:{c.code}")
        for rc, c in await _rows(convo)
    ]
    return convo.ask(t.PICK_CRITERION_SCORE, buttons, per_row=2)


@FLOW.step(Step.PICK, ask_pick)
async def on_pick(msg: Inbound, convo: Convo) -> Turn:
    match = pressed_criterion(msg.choice, [c for _, c in await _rows(convo)])
    if match is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).criterion_id = match.id
    return await convo.goto(Step.SCORE)
