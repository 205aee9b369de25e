"""The console channel: lines from stdin, replies on stdout, buttons as `[1] label` (or
`[a] label` where the question takes a typed number)."""

from __future__ import annotations

import asyncio
import mimetypes
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from handlers.io import (
    Capabilities,
    FileKind,
    Inbound,
    IncomingFile,
    Reply,
    menu_key,
    split_text,
)
from handlers.kit import format as fmt
from handlers.router import Router
from handlers.texts import for_language

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic"}
CHANNEL = "console"


class ConsoleChannel:
    """One console user; typing a number presses the matching button."""

    name = CHANNEL
    capabilities = Capabilities(
        buttons=False, documents_in=True, files_out=True, contact_sharing=False, max_text=4096
    )

    def __init__(
        self,
        router: Router,
        *,
        user_id: str,
        stdin: TextIO = sys.stdin,
        stdout: TextIO = sys.stdout,
    ) -> None:
        self.router = router
        self.user_id = user_id
        self.stdin = stdin
        self.stdout = stdout
        self.sent = 0

    async def run(self, *, greet: bool = True) -> None:
        """Read lines until end of input; each line is one update."""
        if greet:
            await self.say("/start")
        while True:
            line = await asyncio.to_thread(self.stdin.readline)
            if not line:
                return
            if line.strip():
                if self.stdin is not sys.stdin or not sys.stdin.isatty():
                    self.stdout.write(f"> {line.rstrip()}\n")
                await self.say(line.rstrip("\n"))

    async def say(self, line: str) -> list[Reply]:
        """Send one typed line to the bot and print its replies."""
        msg = self.parse(line)
        replies = await self.router.handle(msg, self.capabilities)
        await self.send(self.user_id, replies)
        return replies

    def parse(self, line: str) -> Inbound:
        stripped = line.strip()
        if stripped.startswith("/file"):
            parts = stripped.split(maxsplit=2)
            if len(parts) >= 2:
                return self._file(parts[1], parts[2] if len(parts) > 2 else None)
        return Inbound.from_text(CHANNEL, self.user_id, self.user_id, line)

    def _file(self, raw_path: str, caption: str | None) -> Inbound:
        path = Path(raw_path).expanduser()
        kind = FileKind.PHOTO if path.suffix.lower() in PHOTO_SUFFIXES else FileKind.DOCUMENT
        size = path.stat().st_size if path.is_file() else 0

        async def download() -> bytes:
            return await asyncio.to_thread(path.read_bytes)

        file = IncomingFile(
            kind=kind,
            file_id=f"console:{path.name}",
            name=path.name,
            mime=mimetypes.guess_type(path.name)[0],
            size=size,
            download=download,
        )
        return Inbound(CHANNEL, self.user_id, self.user_id, file=file, caption=caption)

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Print replies; buttons numbered across rows in the order the router stores."""
        out = self.stdout
        ids = []
        if chat_id != self.user_id:  # a delivery to another console account (scheduler)
            out.write(f"[→ {chat_id}]\n")
        for reply in replies:
            self.sent += 1
            ids.append(str(self.sent))
            for piece in split_text(reply.text, self.capabilities.max_text):
                out.write(piece + "\n")
            for number, button in enumerate(reply.flat_buttons, start=1):
                out.write(f"[{menu_key(number, lettered=reply.lettered)}] {button.label}\n")
            if reply.file is not None:
                size = fmt.size(len(reply.file.data), for_language("vi"))
                out.write(f"[tệp] {reply.file.name} ({size})\n")
            out.write("\n")
        out.flush()
        return ids

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """The console cannot change what it printed: it prints the new text."""
        await self.send(chat_id, [reply])
