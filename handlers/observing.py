"""What is known about the update being handled, for metrics and log lines: its channel,
update id, kind, and once loaded the person and the flow. Held in a context variable for
the length of `Router.handle`, so a log line written anywhere below carries it; an
`UpdateObserver` (the metrics) hears of each update when it is done."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

from handlers.io import Inbound

KINDS = ("text", "command", "button", "file", "contact", "other")


@dataclass
class UpdateInfo:
    """Never a name, phone or chat id: only what may go into a log line or a metric."""

    channel: str
    update_id: str | None
    kind: str
    person_id: int | None = None
    flow: str | None = None
    failed: bool = False


class UpdateObserver(Protocol):
    def handled(self, info: UpdateInfo, seconds: float) -> None: ...


class NoObserver:
    def handled(self, info: UpdateInfo, seconds: float) -> None:
        return None


current: ContextVar[UpdateInfo | None] = ContextVar("current_update", default=None)


def kind_of(msg: Inbound) -> str:
    if msg.command is not None or (msg.choice or "").startswith("/"):
        return "command"
    if msg.text is not None:
        return "text"
    if msg.choice is not None:
        return "button"
    if msg.file is not None:
        return "file"
    if msg.contact is not None:
        return "contact"
    return "other"


@contextlib.contextmanager
def observing(msg: Inbound, observer: UpdateObserver) -> Iterator[UpdateInfo]:
    """Make the update current while it is handled; tell `observer` when it is done."""
    info = UpdateInfo(msg.channel, msg.update_id, kind_of(msg))
    token = current.set(info)
    started = time.perf_counter()
    try:
        yield info
    finally:
        current.reset(token)
        observer.handled(info, time.perf_counter() - started)


def note(*, person_id: int | None = None, flow: str | None = None) -> None:
    """Add what the router has learnt to the current update (no-op outside one)."""
    info = current.get()
    if info is None:
        return
    if person_id is not None:
        info.person_id = person_id
    if flow is not None:
        info.flow = flow


def failed() -> None:
    info = current.get()
    if info is not None:
        info.failed = True
