"""Choosing one of a person's entries: labels and buttons shared by several flows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.core import Convo, EntryData, Turn, choice_id
from handlers.io import Button, Inbound
from handlers.kit import errors
from handlers.kit import format as fmt
from storage.errors import DomainError
from storage.models import Campaign, CampaignModel, Person, Registration
from storage.services import campaigns, registrations
from storage.services.progress import subject_name
from storage.services.registrations import WORKING_STATUSES, Purpose

MayWork = Callable[[AsyncSession, Person, Registration], Awaitable[bool]]
UseEntry = Callable[[Convo, int], Awaitable[Turn]]


async def working_entries(convo: Convo, may: MayWork) -> list[Registration]:
    """The person's entries still being worked on that `may` lets them work on."""
    visible = await registrations.visible_registrations(convo.session, convo.me)
    return [
        r for r in visible if r.status in WORKING_STATUSES and await may(convo.session, convo.me, r)
    ]


async def start_with_entry(
    convo: Convo, entries: list[Registration], none: str, use: UseEntry, pick: str
) -> Turn:
    """No entry: say `none` and end; one: go straight to it; several: ask which."""
    if not entries:
        return await convo.done(none)
    if len(entries) == 1:
        return await use(convo, entries[0].id or 0)
    return await convo.goto(pick)


async def entry_label(convo: Convo, registration: Registration) -> tuple[str, str]:
    """("M2 · Dân vận khéo ...", "Cá nhân Bùi Thị Thảo") for a registration."""
    model = await convo.session.get(CampaignModel, registration.model_id)
    name = await subject_name(convo.session, registration)
    model_text = f"{model.code} · {model.short_title}" if model else "?"
    return model_text, errors.subject_label(convo.t, registration.subject_type, name)


async def entry_buttons(convo: Convo, entries: list[Registration]) -> list[Button]:
    buttons = []
    for registration in entries:
        model_text, subject = await entry_label(convo, registration)
        label = convo.t.ENTRY_LABEL.format(model=model_text.split(" · ")[0], subject=subject)
        buttons.append(Button(fmt.shorten(label), f"r:{registration.id}"))
    return buttons


def chosen_id(choice: str | None) -> int | None:
    """The registration id in an "r:<id>" payload."""
    return choice_id(choice, "r:")


async def take_entry(
    msg: Inbound, convo: Convo, then: str, offered: Iterable[Registration] | None = None
) -> Turn:
    """An entry's button: the flow keeps that entry and goes on to `then`. Anything else,
    or an entry no longer among `offered`, asks again."""
    registration_id = chosen_id(msg.choice)
    ids = None if offered is None else {e.id for e in offered}
    if registration_id is None or (ids is not None and registration_id not in ids):
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    EntryData.of(convo).registration_id = registration_id
    return await convo.goto(then)


async def chosen_entry(convo: Convo) -> Registration:
    """The entry the flow keeps (see `take_entry`)."""
    return await convo.row(Registration, EntryData.of(convo).registration_id)


async def open_entry(
    convo: Convo, registration_id: int, purpose: Purpose, window: str
) -> Registration | str:
    """The entry, if this person may use it for `purpose` and the campaign's `window` is
    open today; otherwise the sentence that says why not."""
    try:
        registration = await registrations.get_registration(
            convo.session, convo.me, registration_id, purpose
        )
        campaign = await convo.row(Campaign, registration.campaign_id)
        campaigns.require_window(campaign, convo.now, window)
    except DomainError as exc:
        return errors.describe(exc, convo.t)
    return registration
