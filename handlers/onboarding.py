"""First contact: the personal-data notice and consent, then linking by invite code or by
the person's own phone number."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel

from handlers import errors
from handlers.core import Convo, Flow, StepDef, Turn
from handlers.io import Button, Inbound, Reply
from storage.errors import DomainError
from storage.models import OrgUnit, Person
from storage.services import accounts


class Step(StrEnum):
    CONSENT = "consent"
    CODE = "code"


class Data(BaseModel):
    pass


async def start(msg: Inbound, convo: Convo) -> Turn:
    """Notice first; then the invite code; a linked person is greeted."""
    if convo.account.consent_at is None:
        return await convo.goto(Step.CONSENT)
    if convo.person is None:
        return await convo.goto(Step.CODE)
    return await convo.done(convo.t.GREETING.format(name=convo.person.full_name))


async def ask_consent(convo: Convo) -> Reply:
    t = convo.t
    return convo.ask(
        t.PRIVACY_NOTICE, [Button(t.BTN_AGREE, "yes"), Button(t.BTN_DISAGREE, "no")], per_row=2
    )


async def on_consent(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "no":
        convo.flow = convo.step = convo.data = None
        return Turn([Reply(convo.t.CONSENT_DECLINED)], None, None)
    if msg.choice != "yes":
        return await convo.stay(convo.t.CONSENT_NEEDED)
    await accounts.record_consent(convo.session, convo.account, convo.now)
    if convo.person is not None:
        return await convo.done(convo.t.GREETING.format(name=convo.person.full_name))
    return await convo.goto(Step.CODE)


async def ask_code(convo: Convo) -> Reply:
    t = convo.t
    if convo.caps.contact_sharing:
        return Reply(t.ASK_INVITE_OR_PHONE, ask_contact=True)
    return Reply(t.ASK_INVITE)


async def on_code(msg: Inbound, convo: Convo) -> Turn:
    if msg.contact is not None:
        return await _link_by_phone(msg, convo)
    if not msg.text:
        return await convo.stay(convo.t.ASK_INVITE)
    try:
        person = await accounts.redeem_invite(
            convo.session, convo.account, msg.text, now=convo.now, policy=convo.deps.lockout
        )
    except accounts.LockedOut as exc:
        return await _locked(convo, exc)
    except DomainError as exc:
        return await convo.stay(_invite_error(convo, exc))
    return await _linked(convo, person)


def _invite_error(convo: Convo, exc: DomainError) -> str:
    t = convo.t
    if exc.code == "invite_expired":
        return t.INVITE_EXPIRED.format(left=exc.params["attempts_left"])
    if exc.code == "invite_wrong":
        return t.INVITE_WRONG.format(left=exc.params["attempts_left"])
    return errors.describe(exc, t)


async def _locked(convo: Convo, exc: accounts.LockedOut) -> Turn:
    until = exc.params["until"]
    minutes = max(1, round((until - convo.now).total_seconds() / 60))
    text = convo.t.LOCKED_OUT.format(time=errors.clock(until, convo.deps.timezone), minutes=minutes)
    return Turn([Reply(text)], convo.flow.name if convo.flow else None, convo.step)


async def _link_by_phone(msg: Inbound, convo: Convo) -> Turn:
    assert msg.contact is not None
    if not msg.contact.is_own:
        return await convo.stay(convo.t.PHONE_NOT_OWN)
    person = await accounts.find_person_by_phone(convo.session, msg.contact.phone)
    if person is None:
        return await convo.stay(convo.t.PHONE_NO_MATCH)
    await accounts.link(convo.session, convo.account, person, now=convo.now, how="phone")
    return await _linked(convo, person)


async def _linked(convo: Convo, person: Person) -> Turn:
    convo.person = person
    unit = await convo.session.get(OrgUnit, person.unit_id)
    return await convo.done(
        convo.t.LINKED.format(name=person.full_name, unit=unit.name if unit else "")
    )


FLOW = Flow(
    name="onboarding",
    data_model=Data,
    start=start,
    steps={
        Step.CONSENT: StepDef(ask_consent, on_consent),
        Step.CODE: StepDef(ask_code, on_code),
    },
)
