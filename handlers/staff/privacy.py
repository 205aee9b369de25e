"""`/dulieu`: everything the bot holds about the person (and as a file to keep), and
withdrawing consent, for the person on every linked channel."""

from __future__ import annotations

import json
from enum import StrEnum

from handlers.core import Convo, Flow, Turn
from handlers.io import Button, FileKind, Inbound, OutgoingFile, Reply
from handlers.kit import format as fmt
from storage.services import personal_data


class Step(StrEnum):
    SHOW = "show"
    CONFIRM = "confirm"


FLOW = Flow(name="privacy")


async def ask_show(convo: Convo) -> Reply:
    """A summary of everything held; the full list comes as a file where the channel can
    send one."""
    t, me = convo.t, convo.me
    held = await convo.cached("personal_data", lambda: personal_data.held_about(convo.session, me))
    person = held["person"]
    text = t.MYDATA.format(
        code=me.employee_code,
        name=me.full_name,
        unit=person["unit"] or "",
        position=me.position or t.NONE,
        phone=me.phone or t.NONE,
        roles=", ".join(t.ROLE_NAMES.get(r, r) for r in person["roles"]),
        union=t.YES if person["union_member"] else t.NO,
        accounts=", ".join(sorted(a["channel"] for a in held["chat_accounts"])) or t.NONE,
        consent=fmt.day(convo.account.consent_at) if convo.account.consent_at else t.NONE,
        registrations=len(held["entries"]),
        evidence=len(held["evidence"]),
        messages=len(held["messages_sent"]),
        audit=len(held["audit"]),
    )
    buttons = [Button(t.BTN_MYDATA_FILE, "file")] if convo.caps.files_out else []
    buttons += [Button(t.BTN_WITHDRAW, "withdraw"), Button(t.BTN_DONE, "/menu")]
    return convo.ask(text, buttons)


@FLOW.step(Step.SHOW, ask_show)
async def on_show(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "withdraw":
        return await convo.goto(Step.CONFIRM)
    if msg.choice == "file" and convo.caps.files_out:
        held = await personal_data.held_about(convo.session, convo.me)
        data = json.dumps(held, ensure_ascii=False, indent=2).encode()
        name = f"du-lieu-{convo.me.employee_code}.json"
        file = OutgoingFile(name, data, FileKind.DOCUMENT, "application/json")
        return (await convo.stay()).after(Reply(convo.t.MYDATA_FILE_CAPTION, file=file))
    return await convo.stay(convo.t.UNKNOWN_INPUT)


async def ask_confirm(convo: Convo) -> Reply:
    t = convo.t
    return convo.ask(
        t.CONFIRM_WITHDRAW, [Button(t.BTN_CONFIRM_WITHDRAW, "yes"), Button(t.BTN_CANCEL, "/huy")]
    )


@FLOW.step(Step.CONFIRM, ask_confirm)
async def on_confirm(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice != "yes":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    await personal_data.withdraw(convo.session, convo.account, convo.now)
    convo.person = None
    return convo.end(convo.t.WITHDRAWN)
