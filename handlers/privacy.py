"""`/dulieu`: what the bot holds about the person, and withdrawing consent."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import select

from handlers import format as fmt
from handlers.core import Convo, Flow, StepDef, Turn
from handlers.io import Button, Inbound, Reply
from storage.models import ChatAccount, Evidence, OrgUnit
from storage.services import accounts, org
from storage.services.registrations import visible_registrations


class Step(StrEnum):
    SHOW = "show"
    CONFIRM = "confirm"


class Data(BaseModel):
    pass


async def start(msg: Inbound, convo: Convo) -> Turn:
    return await convo.goto(Step.SHOW)


async def ask_show(convo: Convo) -> Reply:
    """Everything held about the person; party membership is never shown here."""
    t, me, session = convo.t, convo.me, convo.session
    unit = await session.get(OrgUnit, me.unit_id)
    roles = sorted(await org.roles_of(session, me))
    linked = (
        await session.exec(select(ChatAccount.channel).where(ChatAccount.person_id == me.id))
    ).all()
    evidence_count = (
        await session.exec(
            select(func.count()).select_from(Evidence).where(Evidence.sender_id == me.id)
        )
    ).one()
    own = [
        r
        for r in await visible_registrations(session, me)
        if r.person_id == me.id or r.registered_by_id == me.id
    ]
    text = t.MYDATA.format(
        code=me.employee_code,
        name=me.full_name,
        unit=unit.name if unit else "",
        position=me.position or t.NONE,
        phone=me.phone or t.NONE,
        roles=", ".join(t.ROLE_NAMES.get(r, r) for r in roles),
        accounts=", ".join(sorted(linked)) or t.NONE,
        consent=fmt.day(convo.account.consent_at) if convo.account.consent_at else t.NONE,
        registrations=len(own),
        evidence=evidence_count,
    )
    return convo.ask(text, [Button(t.BTN_WITHDRAW, "withdraw"), Button(t.BTN_DONE, "/menu")])


async def on_show(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "withdraw":
        return await convo.goto(Step.CONFIRM)
    return await convo.stay(convo.t.UNKNOWN_INPUT)


async def ask_confirm(convo: Convo) -> Reply:
    t = convo.t
    return convo.ask(
        t.CONFIRM_WITHDRAW, [Button(t.BTN_CONFIRM_WITHDRAW, "yes"), Button(t.BTN_CANCEL, "/huy")]
    )


async def on_confirm(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice != "yes":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    await accounts.withdraw_consent(convo.session, convo.account, convo.now)
    convo.person = None
    convo.flow = convo.step = convo.data = None
    return Turn([Reply(convo.t.WITHDRAWN)], None, None)


FLOW = Flow(
    name="privacy",
    data_model=Data,
    start=start,
    steps={Step.SHOW: StepDef(ask_show, on_show), Step.CONFIRM: StepDef(ask_confirm, on_confirm)},
)
