"""Working on one of one's own entries (`/minhchung`, `/chamdiem`): which entries, the
step that asks which one when there are several, and opening the one chosen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from handlers.core import Convo, EntryData, StepDef, Turn
from handlers.io import Inbound, Reply
from handlers.kit.entries import (
    MayWork,
    chosen_id,
    entry_buttons,
    open_entry,
    start_with_entry,
    working_entries,
)
from storage.models import Registration
from storage.services.registrations import Purpose


@dataclass(frozen=True)
class OwnEntries:
    """The person's entries still being worked on that `may` lets them use for `purpose`
    while the campaign's `window` is open; `pick` is the step asking which, `then` where
    the flow goes once one is open (the flow's `EntryData` keeps it)."""

    may: MayWork
    purpose: Purpose
    window: str
    pick: str
    then: Callable[[Convo], Awaitable[Turn]]

    async def of(self, convo: Convo) -> list[Registration]:
        return await working_entries(convo, self.may)

    async def start(self, convo: Convo, none: str) -> Turn:
        """No entry: say `none` and end; one: open it; several: ask which."""
        return await start_with_entry(convo, await self.of(convo), none, self.use, self.pick)

    async def use(self, convo: Convo, registration_id: int) -> Turn:
        """Open the entry, or end the flow saying why it cannot be used now."""
        opened = await open_entry(convo, registration_id, self.purpose, self.window)
        if isinstance(opened, str):
            return await convo.done(opened)
        EntryData.of(convo).registration_id = registration_id
        return await self.then(convo)

    def step(self) -> StepDef:
        """The `pick` step: the entries as buttons; the one pressed is opened."""

        async def ask(convo: Convo) -> Reply:
            return convo.ask(convo.t.PICK_ENTRY, await entry_buttons(convo, await self.of(convo)))

        async def on(msg: Inbound, convo: Convo) -> Turn:
            registration_id = chosen_id(msg.choice)
            if registration_id is None:
                return await convo.stay(convo.t.UNKNOWN_INPUT)
            return await self.use(convo, registration_id)

        return StepDef(ask, on)
