"""`/dangky`: campaign, model, individual or collective, general criteria, specific
criteria (multi-select with the running total), confirm."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Protocol

from pydantic import Field

from handlers.core import Convo, Flow, FlowData, Turn, choice_id
from handlers.io import Button, Inbound, Reply
from handlers.kit import errors
from handlers.kit import format as fmt
from handlers.outbound.notify import tell_approvers
from storage.errors import DomainError
from storage.models import Campaign, CampaignModel, Criterion, OrgUnit, SubjectType
from storage.services import campaigns, registrations
from storage.services.registrations import Subject


class Step(StrEnum):
    CAMPAIGN = "campaign"
    MODEL = "model"
    SCOPE = "scope"
    GENERAL = "general"
    CRITERIA = "criteria"
    CONFIRM = "confirm"


class Data(FlowData):
    campaign_id: int | None = None
    model_code: str | None = None
    unit_id: int | None = None
    chosen: list[str] = Field(default_factory=list)


async def _campaign(convo: Convo) -> Campaign:
    campaign_id = Data.of(convo).campaign_id
    campaign = await convo.cached(
        ("campaign", campaign_id), lambda: convo.session.get(Campaign, campaign_id)
    )
    assert campaign is not None
    return campaign


async def _model(convo: Convo) -> CampaignModel:
    data = Data.of(convo)
    key = ("model", data.campaign_id, data.model_code)
    model = await convo.cached(
        key,
        lambda: campaigns.find_model(convo.session, data.campaign_id or 0, data.model_code or ""),
    )
    assert model is not None
    return model


async def _criteria(convo: Convo) -> list[Criterion]:
    """The chosen model's specific criteria, in order."""
    model = await _model(convo)
    return await convo.cached(
        ("criteria", model.id), lambda: campaigns.specific_criteria(convo.session, model.id or 0)
    )


def _subject(convo: Convo) -> Subject:
    unit_id = Data.of(convo).unit_id
    if unit_id is None:
        return registrations.individual_subject(convo.me)
    return Subject(SubjectType.COLLECTIVE, unit_id=unit_id)


async def _subject_label(convo: Convo) -> str:
    unit_id = Data.of(convo).unit_id
    if unit_id is None:
        return errors.subject_label(convo.t, SubjectType.INDIVIDUAL, convo.me.full_name)
    unit = await convo.session.get(OrgUnit, unit_id)
    return errors.subject_label(convo.t, SubjectType.COLLECTIVE, unit.name if unit else "")


async def start(msg: Inbound, convo: Convo) -> Turn:
    """Skip the campaign question when only one campaign is running."""
    active = await campaigns.active_campaigns(convo.session)
    if not active:
        return await convo.done(convo.t.NO_CAMPAIGN)
    if len(active) > 1:
        return await convo.goto(Step.CAMPAIGN)
    Data.of(convo).campaign_id = active[0].id
    return await _after_campaign(convo)


async def _after_campaign(convo: Convo) -> Turn:
    try:
        campaigns.require_window(await _campaign(convo), convo.now, "registration")
    except DomainError as exc:
        return await convo.done(errors.describe(exc, convo.t))
    return await convo.goto(Step.MODEL)


FLOW = Flow(name="registration", data_model=Data, start=start)


async def ask_campaign(convo: Convo) -> Reply:
    active = await campaigns.active_campaigns(convo.session)
    return convo.ask(convo.t.PICK_CAMPAIGN, [Button(c.name, f"c:{c.id}") for c in active])


@FLOW.step(Step.CAMPAIGN, ask_campaign)
async def on_campaign(msg: Inbound, convo: Convo) -> Turn:
    active = {f"c:{c.id}": c for c in await campaigns.active_campaigns(convo.session)}
    if msg.choice not in active:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).campaign_id = active[msg.choice].id
    return await _after_campaign(convo)


async def ask_model(convo: Convo) -> Reply:
    t = convo.t
    campaign = await _campaign(convo)
    models = await campaigns.models_of(convo.session, campaign.id or 0)
    lines = [t.MODEL_LINE.format(code=m.code, title=m.short_title) for m in models]
    text = "\n".join([t.PICK_MODEL.format(campaign=campaign.name), *lines])
    buttons = [Button(fmt.shorten(f"{m.code} · {m.short_title}"), f"m:{m.code}") for m in models]
    return convo.ask(text, buttons)


@FLOW.step(Step.MODEL, ask_model)
async def on_model(msg: Inbound, convo: Convo) -> Turn:
    data = Data.of(convo)
    code = (msg.choice or "").removeprefix("m:")
    model = await campaigns.find_model(convo.session, data.campaign_id or 0, code)
    if not (msg.choice or "").startswith("m:") or model is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    data.model_code = model.code
    units = await registrations.units_person_may_register(convo.session, convo.me)
    if units and SubjectType.COLLECTIVE in model.subject_types.split(","):
        return await convo.goto(Step.SCOPE)
    data.unit_id = None
    return await _check_subject(convo)


async def _check_subject(convo: Convo) -> Turn:
    """Tell at once when this subject already has this model, or has reached the cap."""
    try:
        await registrations.check_can_register(
            convo.session,
            actor=convo.me,
            campaign=await _campaign(convo),
            model=await _model(convo),
            subject=_subject(convo),
            now=convo.now,
        )
    except DomainError as exc:
        return await convo.done(errors.describe(exc, convo.t, subject=await _subject_label(convo)))
    return await convo.goto(Step.GENERAL)


async def ask_scope(convo: Convo) -> Reply:
    t = convo.t
    units = await registrations.units_person_may_register(convo.session, convo.me)
    buttons = [Button(t.BTN_INDIVIDUAL, "s:i")]
    buttons += [
        Button(fmt.shorten(t.BTN_COLLECTIVE.format(unit=u.name)), f"s:u:{u.id}") for u in units
    ]
    return convo.ask(t.PICK_SCOPE.format(model=Data.of(convo).model_code), buttons)


@FLOW.step(Step.SCOPE, ask_scope)
async def on_scope(msg: Inbound, convo: Convo) -> Turn:
    data = Data.of(convo)
    if msg.choice == "s:i":
        data.unit_id = None
    elif (unit_id := choice_id(msg.choice, "s:u:")) is not None:
        data.unit_id = unit_id
    else:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    return await _check_subject(convo)


async def ask_general(convo: Convo) -> Reply:
    t = convo.t
    subject_type = _subject(convo).type
    general = await campaigns.general_criteria(
        convo.session, Data.of(convo).campaign_id or 0, subject_type
    )
    lines = "\n".join(f"• {c.code}: {c.title}" for c in general)
    return convo.ask(
        t.GENERAL_CRITERIA.format(lines=lines),
        [Button(t.BTN_ACK, "ok"), Button(t.BTN_CANCEL, "/huy")],
    )


@FLOW.step(Step.GENERAL, ask_general)
async def on_general(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice != "ok":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    campaign = await _campaign(convo)
    if campaign.require_all_criteria:
        criteria = await _criteria(convo)
        Data.of(convo).chosen = [c.code for c in criteria]
    return await convo.goto(Step.CRITERIA)


async def ask_criteria(convo: Convo) -> Reply:
    t = convo.t
    data = Data.of(convo)
    campaign = await _campaign(convo)
    criteria = await _criteria(convo)
    individual = data.unit_id is None
    lines, buttons = [], []
    for c in criteria:
        mark = "☑" if c.code in data.chosen else "☐"
        title = c.individual_reading if individual and c.individual_reading else c.title
        lines.append(
            t.CRITERION_LINE.format(mark=mark, code=c.code, points=c.max_points, title=title)
        )
        if not campaign.require_all_criteria:
            buttons.append(Button(fmt.shorten(f"{mark} {c.code} · {title}", 40), f"t:{c.code}"))
    chosen = [c for c in criteria if c.code in data.chosen]
    total = t.CRITERIA_TOTAL.format(
        count=len(chosen), points=sum(c.max_points for c in chosen), scale=campaign.scale_max
    )
    template = t.PICK_CRITERIA_ALL if campaign.require_all_criteria else t.PICK_CRITERIA
    if not campaign.require_all_criteria:
        buttons.append(Button(t.BTN_ALL, "all"))
    buttons.append(Button(t.BTN_NEXT, "next"))
    return convo.ask(template.format(lines="\n".join(lines), total=total), buttons)


@FLOW.step(Step.CRITERIA, ask_criteria)
async def on_criteria(msg: Inbound, convo: Convo) -> Turn:
    codes = [c.code for c in await _criteria(convo)]
    return await toggle_criteria(msg, convo, Data.of(convo), codes, Step.CONFIRM)


class HasChosen(Protocol):
    chosen: list[str]


async def toggle_criteria(
    msg: Inbound, convo: Convo, data: HasChosen, codes: list[str], then: str
) -> Turn:
    """The multi-select of specific criteria: a press ("t:<code>") switches one, "all"
    (where offered) takes every one, "next" goes on to `then` once one is chosen."""
    choice = msg.choice or ""
    if choice.startswith("t:") and choice[2:] in codes:
        code = choice[2:]
        data.chosen = [c for c in codes if (c in data.chosen) != (c == code)]
        return await convo.stay()
    if choice == "all":
        data.chosen = codes
        return await convo.stay()
    if choice == "next":
        if not data.chosen:
            return await convo.stay(convo.t.NEED_ONE_CRITERION)
        return await convo.goto(then)
    return await convo.stay(convo.t.UNKNOWN_INPUT)


async def ask_confirm(convo: Convo) -> Reply:
    t = convo.t
    data = Data.of(convo)
    campaign, model = await _campaign(convo), await _model(convo)
    criteria = await _criteria(convo)
    points = sum(c.max_points for c in criteria if c.code in data.chosen)
    text = t.CONFIRM_REG.format(
        campaign=campaign.name,
        model=f"{model.code} – {model.short_title}",
        subject=await _subject_label(convo),
        codes=", ".join(data.chosen),
        points=points,
        scale=campaign.scale_max,
    )
    return convo.ask(
        text,
        [
            Button(t.BTN_SUBMIT, "send"),
            Button(t.BTN_EDIT_CRITERIA, "edit"),
            Button(t.BTN_CANCEL, "/huy"),
        ],
    )


async def confirm_criteria(
    msg: Inbound, convo: Convo, back: str, send: Callable[[Convo], Awaitable[Turn]]
) -> Turn:
    """The answer to the summary of the chosen criteria: "edit" goes `back` to them,
    "send" sends the entry through `send`."""
    if msg.choice == "edit":
        return await convo.goto(back)
    if msg.choice != "send":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    return await send(convo)


@FLOW.step(Step.CONFIRM, ask_confirm)
async def on_confirm(msg: Inbound, convo: Convo) -> Turn:
    return await confirm_criteria(msg, convo, Step.CRITERIA, _send)


async def _send(convo: Convo) -> Turn:
    model, label = await _model(convo), await _subject_label(convo)
    try:
        async with convo.savepoint():
            entry = await registrations.create_registration(
                convo.session,
                actor=convo.me,
                campaign=await _campaign(convo),
                model=model,
                subject=_subject(convo),
                criterion_codes=Data.of(convo).chosen,
                now=convo.now,
            )
    except DomainError as exc:
        return await convo.done(errors.describe(exc, convo.t, subject=label))
    await tell_approvers(convo, entry)
    done = convo.t.REG_SUBMITTED.format(model=model.code, subject=label)
    if entry.subject_type == SubjectType.COLLECTIVE:
        done += "\n" + convo.t.REG_NEEDS_MINUTES
    return await convo.done(done)
