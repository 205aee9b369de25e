"""The conversation core: a flow is named steps, each with an `ask` that renders the
question and an `on` that handles the answer. State lives in the database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Self, TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSessionTransaction
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import observing as obs
from handlers.io import Button, Capabilities, Inbound, Reply, rows
from handlers.kit.errors import describe
from handlers.texts import Texts
from storage.errors import DomainError
from storage.files import FileStore
from storage.models import ChatAccount, Person
from storage.services.accounts import LockoutPolicy
from storage.services.evidence import FileLimits

T = TypeVar("T")
Row = TypeVar("Row")


@dataclass(frozen=True)
class Deps:
    """What flows need from outside, built once at start from the settings."""

    files: FileStore
    limits: FileLimits
    lockout: LockoutPolicy = field(default_factory=LockoutPolicy)
    default_language: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    quiet_hours: str = "21:00–07:00"
    # Reminders and broadcasts to every linked account, not only the one used last.
    deliver_to_all_channels: bool = False
    # INVITE_SECRET; None: the key generated and kept in the database.
    invite_secret: str | None = field(default=None, repr=False)
    # The console's public address ("https://..."), or "" when the console is off.
    web_base_url: str = ""

    @classmethod
    def for_dir(
        cls, files_dir: Path, *, max_bytes: int, allowed: frozenset[str], **options: object
    ) -> Deps:
        return cls(FileStore(files_dir), FileLimits(max_bytes, allowed), **options)  # type: ignore[arg-type]


@dataclass
class Turn:
    """What one step produced: replies, and where the conversation now stands."""

    replies: list[Reply]
    flow: str | None
    step: str | None

    def after(self, *replies: Reply) -> Turn:
        """The same turn with `replies` sent before its own."""
        return Turn([*replies, *self.replies], self.flow, self.step)


def choice_id(payload: str | None, prefix: str) -> int | None:
    """The id a button payload carries after its prefix ("fix:12" -> 12 for "fix:"), or
    None when the payload is not one of those."""
    if payload is None or not payload.startswith(prefix):
        return None
    rest = payload[len(prefix) :]
    return int(rest) if rest.isascii() and rest.isdigit() else None


AskFn = Callable[["Convo"], Awaitable[Reply | list[Reply]]]
OnFn = Callable[[Inbound, "Convo"], Awaitable[Turn]]
StartFn = Callable[[Inbound, "Convo"], Awaitable[Turn]]


@dataclass(frozen=True)
class StepDef:
    """`takes_number`: the answer is typed digits (a score, days, a time, a decision
    number), so on a channel without buttons a typed number is that answer and the
    step's buttons are pressed by letter instead."""

    ask: AskFn
    on: OnFn
    accepts_files: bool = False
    takes_number: bool = False


class FlowData(BaseModel):
    """What a flow keeps between its steps (saved with the conversation). A flow's own
    `Data` subclasses it and reads itself with `Data.of(convo)`."""

    @classmethod
    def of(cls, convo: Convo) -> Self:
        """The open flow's data, typed (the router built it from this flow's model)."""
        assert isinstance(convo.data, cls)
        return convo.data


class EntryData(FlowData):
    """Data of a flow about one entry at a time: the entry chosen."""

    registration_id: int | None = None


@dataclass(frozen=True)
class Flow:
    """A flow's steps are added where their answers are handled, `@FLOW.step(Step.X,
    ask_x)` above `on_x`. `start` None: the flow begins by asking its first step;
    `data_model` left out: the flow keeps nothing between steps."""

    name: str
    start: StartFn | None = None
    data_model: type[FlowData] = FlowData
    steps: dict[str, StepDef] = field(default_factory=dict)

    def step(
        self, name: str, ask: AskFn, *, accepts_files: bool = False, takes_number: bool = False
    ) -> Callable[[OnFn], OnFn]:
        """Adds the step `name`: `ask` puts its question, the decorated function handles
        the answer."""

        def add(on: OnFn) -> OnFn:
            assert name not in self.steps, f"{self.name}: step {name} added twice"
            self.steps[name] = StepDef(ask, on, accepts_files, takes_number)
            return on

        return add

    async def open(self, msg: Inbound, convo: Convo) -> Turn:
        if self.start is None:
            return await convo.goto(next(iter(self.steps)))
        return await self.start(msg, convo)


MenuFn = Callable[["Convo"], Awaitable[tuple[tuple[Button, ...], ...]]]


@dataclass
class Convo:
    """One person's conversation during one update: session, who, where, and helpers."""

    session: AsyncSession
    account: ChatAccount
    person: Person | None
    t: Texts
    caps: Capabilities
    now: datetime
    deps: Deps
    channel: str
    main_menu: MenuFn
    flow: Flow | None = None
    step: str | None = None
    data: FlowData | None = None
    memo: dict[Hashable, Any] = field(default_factory=dict)

    async def cached(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        """`load()` once per update: an answer and the question after it often read the
        same campaign, model and criteria (the session's identity map holds rows only
        while something refers to them)."""
        if key not in self.memo:
            self.memo[key] = await load()
        return self.memo[key]

    async def row(self, model: type[Row], row_id: int | None) -> Row:
        """The row a step relies on: one the flow chose, or one a row it holds points at."""
        found = await self.session.get(model, row_id)
        assert found is not None
        return found

    @property
    def me(self) -> Person:
        """The linked person (flows that need one only run for linked accounts)."""
        assert self.person is not None
        return self.person

    def savepoint(self) -> AsyncSessionTransaction:
        """`async with convo.savepoint():` around a service call whose refusal the flow
        catches: a `DomainError` raised inside undoes whatever the call had written, so
        the update commits nothing half done (the update itself still commits)."""
        return self.session.begin_nested()

    def begin(self, flow: Flow) -> None:
        self.flow, self.step, self.data = flow, None, flow.data_model()

    async def switch(self, flow: Flow, msg: Inbound) -> Turn:
        """Leave whatever flow is open and start `flow` from its beginning."""
        self.begin(flow)
        obs.note(flow=flow.name)
        return await flow.open(msg, self)

    def here(self, *replies: Reply) -> Turn:
        """Replies that leave the conversation where it stands (step and menu unchanged)."""
        return Turn(list(replies), self.flow.name if self.flow else None, self.step)

    def end(self, *texts: str) -> Turn:
        """End the flow with these texts and no main menu: for an account that is not (or
        no longer) linked, which has none."""
        self.flow, self.step, self.data = None, None, None
        return Turn([Reply(text) for text in texts], None, None)

    async def goto(self, step: str, *, before: Sequence[str] = ()) -> Turn:
        """Move to `step` and ask its question, after any `before` texts. When the question
        cannot be asked any more (what it is about was deleted or closed meanwhile, e.g.
        from another channel), the flow ends with the reason instead of an apology."""
        assert self.flow is not None
        self.step = step
        try:
            asked = await self.flow.steps[step].ask(self)
        except DomainError as exc:
            return await self.done(*before, describe(exc, self.t))
        replies = [Reply(text) for text in before] + (asked if isinstance(asked, list) else [asked])
        return Turn(replies, self.flow.name, step)

    async def stay(self, hint: str | None = None) -> Turn:
        """Ask the current step again, with a hint saying what was wrong."""
        assert self.step is not None
        return await self.goto(self.step, before=[hint] if hint else [])

    async def done(self, *texts: str) -> Turn:
        """End the flow: the texts, the last one carrying the main menu."""
        self.flow, self.step, self.data = None, None, None
        menu = await self.main_menu(self)
        messages = list(texts) or [self.t.MAIN_MENU]
        replies = [Reply(text) for text in messages[:-1]]
        replies.append(Reply(messages[-1], buttons=menu))
        return Turn(replies, None, None)

    def ask(
        self, text: str, buttons: Sequence[Button] = (), per_row: int = 1, **options: bool
    ) -> Reply:
        return Reply(text, buttons=rows(buttons, per_row), **options)
