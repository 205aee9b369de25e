"""An in-memory channel: a test talks to the router like a person on a phone."""

from __future__ import annotations

import itertools
import mimetypes
from pathlib import Path

from handlers.io import (
    Button,
    Capabilities,
    FileKind,
    Inbound,
    IncomingFile,
    Reply,
    SharedContact,
)
from handlers.router import Router

CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit on callback data
BUTTONS = Capabilities(buttons=True, documents_in=True, files_out=True, contact_sharing=True)
_update_ids = itertools.count(1)


class MemoryChat:
    """One person's chat; every call returns the replies of that single update."""

    def __init__(
        self,
        router: Router,
        user_id: str = "u1",
        *,
        channel: str = "memory",
        caps: Capabilities = BUTTONS,
    ) -> None:
        self.router = router
        self.user_id = user_id
        self.channel = channel
        self.caps = caps
        self.replies: list[Reply] = []
        self.downloads = 0

    async def _deliver(self, msg: Inbound) -> list[Reply]:
        replies = await self.router.handle(msg, self.caps)
        for reply in replies:  # what Telegram would refuse, whichever flow produced it
            for button in reply.flat_buttons:
                size = len(button.payload.encode())
                assert 1 <= size <= CALLBACK_DATA_LIMIT, f"payload {button.payload!r}: {size} B"
        self.replies.extend(replies)
        return replies

    def _inbound(self, **content: object) -> Inbound:
        return Inbound(
            self.channel, self.user_id, self.user_id, update_id=str(next(_update_ids)), **content
        )  # type: ignore[arg-type]

    async def send(self, text: str) -> list[Reply]:
        msg = Inbound.from_text(
            self.channel, self.user_id, self.user_id, text, update_id=str(next(_update_ids))
        )
        return await self._deliver(msg)

    def button(self, label: str) -> Button:
        """The button of the newest menu whose label is `label` (or contains it)."""
        menu = next((r for r in reversed(self.replies) if r.buttons), None)
        assert menu is not None, "no menu shown"
        buttons = menu.flat_buttons
        exact = [b for b in buttons if b.label == label]
        found = exact or [b for b in buttons if label in b.label]
        assert found, f"no button {label!r} in {[b.label for b in buttons]}"
        return found[0]

    async def press(self, label: str) -> list[Reply]:
        return await self.choose(self.button(label).payload)

    async def through_menu(self, command: str, *labels: str) -> list[Reply]:
        """Send `command`, then press each label in turn on the menu the one before brought;
        the replies to the last."""
        replies = await self.send(command)
        for label in labels:
            replies = await self.press(label)
        return replies

    async def choose(self, payload: str) -> list[Reply]:
        return await self._deliver(self._inbound(choice=payload))

    async def send_file(
        self,
        data: bytes,
        name: str,
        *,
        mime: str | None = None,
        kind: FileKind | None = None,
        size: int | None = None,
        caption: str | None = None,
    ) -> list[Reply]:
        kind = kind or (
            FileKind.PHOTO if Path(name).suffix.lower() in {".jpg", ".png"} else FileKind.DOCUMENT
        )

        async def download() -> bytes:
            self.downloads += 1
            return data

        file = IncomingFile(
            kind=kind,
            file_id=f"f-{name}",
            name=name,
            mime=mime or mimetypes.guess_type(name)[0],
            size=len(data) if size is None else size,
            download=download,
        )
        return await self._deliver(self._inbound(file=file, caption=caption))

    async def share_contact(
        self, phone: str, *, own: bool = True, verified: bool | None = None
    ) -> list[Reply]:
        """Like Telegram's contact button by default (own number = verified); pass
        `verified=False` for a number typed into a form (the Zalo OA card)."""
        contact = SharedContact(phone, own, own if verified is None else verified)
        return await self._deliver(self._inbound(contact=contact))

    @property
    def last(self) -> Reply:
        return self.replies[-1]

    async def say(self, text: str) -> str:
        """Send and return the joined texts of the replies."""
        return joined(await self.send(text))


def joined(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)
