"""A channel sender that records what it delivers and fails on demand; nothing sleeps."""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from handlers.io import Capabilities, DeliveryError, Reply


@dataclass
class FakeSender:
    """Implements the `Sender` protocol; `failures[chat_id]` lists errors to raise in turn."""

    name: str = "memory"
    capabilities: Capabilities = field(
        default_factory=lambda: Capabilities(buttons=True, edits=True)
    )
    sent: list[tuple[str, Reply]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    edits: list[tuple[str, str, Reply]] = field(default_factory=list)
    failures: dict[str, list[DeliveryError | Exception]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        pending = self.failures.get(chat_id)
        if pending:
            raise pending.pop(0)
        ids = []
        for reply in replies:
            self.sent.append((chat_id, reply))
            self.times.append(time.monotonic())
            ids.append(str(next(self._ids)))
        return ids

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self.edits.append((chat_id, message_id, reply))

    def to(self, chat_id: str) -> list[Reply]:
        return [reply for chat, reply in self.sent if chat == chat_id]
