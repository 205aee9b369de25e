"""First contact: the personal-data notice and consent, then linking by invite code or by
the person's own phone number.

A phone number the channel vouches for (Telegram's contact button, the sender's own
number) links at once. One the person could have typed (the Zalo OA "share information"
card) only says who they claim to be: the link then also needs the invite code, or a
one-time code sent to the accounts that person has already linked elsewhere."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from handlers.core import Convo, Flow, FlowData, Turn
from handlers.io import Button, Inbound, Reply
from handlers.kit import errors
from handlers.outbound import link_notices
from handlers.texts import Texts
from storage.errors import DomainError
from storage.models import OrgUnit, Person
from storage.services import accounts


class Step(StrEnum):
    CONSENT = "consent"
    CODE = "code"
    CONFIRM_PHONE = "confirm_phone"


class Data(FlowData):
    # After an unverified phone number matched someone: who, and the one-time code's hash.
    phone_person_id: int | None = None
    otp_hash: str | None = None
    otp_expires: datetime | None = None
    # The invite code a t.me/<bot>?start=<code> link brought, kept while the notice is read.
    deep_code: str | None = None


def deep_link_code(msg: Inbound) -> str | None:
    """The invite code of `/start <code>` (a deep link opened, or the line typed)."""
    if msg.command != "start" or not msg.args:
        return None
    return " ".join(msg.args)


async def start(msg: Inbound, convo: Convo) -> Turn:
    """Notice first; then the invite code (the deep link's, when one was opened); a linked
    person is greeted."""
    code = deep_link_code(msg)
    if convo.account.consent_at is None:
        convo.data = Data(deep_code=code)
        return await convo.goto(Step.CONSENT)
    if convo.person is None:
        convo.step = Step.CODE
        return await _redeem(code, convo) if code else await convo.goto(Step.CODE)
    return await convo.done(convo.t.GREETING.format(name=convo.person.full_name))


FLOW = Flow(name="onboarding", data_model=Data, start=start)


async def ask_consent(convo: Convo) -> Reply:
    t = convo.t
    return convo.ask(
        t.PRIVACY_NOTICE, [Button(t.BTN_AGREE, "yes"), Button(t.BTN_DISAGREE, "no")], per_row=2
    )


@FLOW.step(Step.CONSENT, ask_consent)
async def on_consent(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "no":
        return convo.end(convo.t.CONSENT_DECLINED)
    if msg.choice != "yes":
        return await convo.stay(convo.t.CONSENT_NEEDED)
    await accounts.record_consent(convo.session, convo.account, convo.now)
    if convo.person is not None:
        return await convo.done(convo.t.GREETING.format(name=convo.person.full_name))
    code = convo.data.deep_code if isinstance(convo.data, Data) else None
    convo.step = Step.CODE
    return await _redeem(code, convo) if code else await convo.goto(Step.CODE)


async def ask_code(convo: Convo) -> Reply:
    t = convo.t
    if convo.caps.contact_sharing:
        return Reply(t.ASK_INVITE_OR_PHONE, ask_contact=True)
    return Reply(t.ASK_INVITE)


@FLOW.step(Step.CODE, ask_code)
async def on_code(msg: Inbound, convo: Convo) -> Turn:
    if msg.contact is not None:
        return await _link_by_phone(msg, convo)
    if not msg.text:
        return await convo.stay(convo.t.ASK_INVITE)
    return await _redeem(msg.text, convo)


async def _redeem(text: str, convo: Convo) -> Turn:
    try:
        person = await accounts.redeem_invite(
            convo.session,
            convo.account,
            text,
            now=convo.now,
            policy=convo.deps.lockout,
            secret=convo.deps.invite_secret,
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
    return convo.here(Reply(text))


async def _link_by_phone(msg: Inbound, convo: Convo) -> Turn:
    assert msg.contact is not None
    if not msg.contact.is_own:
        return await convo.stay(convo.t.PHONE_NOT_OWN)
    if not msg.contact.verified:
        return await _unverified_phone(msg.contact.phone, convo)
    person = await accounts.find_person_by_phone(convo.session, msg.contact.phone)
    if person is None:
        return await convo.stay(convo.t.PHONE_NO_MATCH)
    await accounts.link_by_phone(convo.session, convo.account, person, now=convo.now, how="phone")
    return await _linked(convo, person)


async def _unverified_phone(phone: str, convo: Convo) -> Turn:
    """Count the try, and if the number is someone's, send that person's other accounts a
    one-time code. The reply is the same either way: it does not say who owns a number."""
    try:
        await accounts.count_unverified_phone(
            convo.session, convo.account, convo.now, convo.deps.lockout
        )
    except accounts.LockedOut as exc:
        return await _locked(convo, exc)
    data = Data()
    person = await accounts.find_person_by_phone(convo.session, phone)
    if person is not None and person.id is not None:
        otp = accounts.new_otp()
        key = await accounts.invite_key(convo.session, convo.deps.invite_secret)
        data = Data(
            phone_person_id=person.id,
            otp_hash=accounts.hash_code(otp, key),
            otp_expires=convo.now + accounts.OTP_TTL,
        )
        channel = convo.channel

        def build(t: Texts) -> str:
            return t.LINK_OTP.format(channel=link_notices.channel_name(t, channel), code=otp)

        await link_notices.to_other_accounts(convo, person.id, build, source="link.otp")
    convo.data = data
    return await convo.goto(Step.CONFIRM_PHONE)


async def ask_confirm_phone(convo: Convo) -> Reply:
    return Reply(convo.t.PHONE_CONFIRM)


@FLOW.step(Step.CONFIRM_PHONE, ask_confirm_phone)
async def on_confirm_phone(msg: Inbound, convo: Convo) -> Turn:
    """The one-time code from another account, or the invite code (either proves it)."""
    if msg.contact is not None:
        return await _link_by_phone(msg, convo)
    if not msg.text:
        return await convo.stay(convo.t.PHONE_CONFIRM_HINT)
    data = convo.data
    assert isinstance(data, Data)
    if (
        data.otp_hash is not None
        and data.phone_person_id is not None
        and data.otp_expires is not None
        and convo.now < data.otp_expires
    ):
        try:
            await accounts.check_lockout(
                convo.session, convo.account, convo.now, convo.deps.lockout
            )
        except accounts.LockedOut as exc:
            return await _locked(convo, exc)
        key = await accounts.invite_key(convo.session, convo.deps.invite_secret)
        if accounts.otp_matches(msg.text, data.otp_hash, key):
            person = await convo.session.get(Person, data.phone_person_id)
            if person is not None and person.active:
                await accounts.link_by_phone(
                    convo.session, convo.account, person, now=convo.now, how="phone_otp"
                )
                return await _linked(convo, person)
    return await _redeem(msg.text, convo)


async def _linked(convo: Convo, person: Person) -> Turn:
    convo.person = person
    if person.id is not None:
        await link_notices.tell_new_link(convo, person.id)
    unit = await convo.session.get(OrgUnit, person.unit_id)
    return await convo.done(
        convo.t.LINKED.format(name=person.full_name, unit=unit.name if unit else "")
    )
