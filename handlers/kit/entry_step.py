"""Working on one of one's own entries (`/minhchung`, `/chamdiem`): the step that asks
which one when there are several, and opening the one chosen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers.core import Convo, EntryData, StepDef, Turn
from handlers.io import Inbound, Reply
from handlers.kit.entries import UseEntry, chosen_id, entry_buttons, open_entry
from storage.models import Registration
from storage.services.registrations import Purpose

Entries = Callable[[Convo], Awaitable[list[Registration]]]


def entry_step(entries: Entries, use: UseEntry) -> StepDef:
    """The person's `entries` as buttons; the one pressed goes to `use`."""

    async def ask(convo: Convo) -> Reply:
        return convo.ask(convo.t.PICK_ENTRY, await entry_buttons(convo, await entries(convo)))

    async def on(msg: Inbound, convo: Convo) -> Turn:
        registration_id = chosen_id(msg.choice)
        if registration_id is None:
            return await convo.stay(convo.t.UNKNOWN_INPUT)
        return await use(convo, registration_id)

    return StepDef(ask, on)


async def refused_entry(
    convo: Convo, registration_id: int, purpose: Purpose, window: str
) -> Turn | None:
    """None once the entry is open for `purpose` (the flow's `EntryData` keeps it);
    otherwise the turn that ends the flow saying why not."""
    opened = await open_entry(convo, registration_id, purpose, window)
    if isinstance(opened, str):
        return await convo.done(opened)
    EntryData.of(convo).registration_id = registration_id
    return None
