"""The router: one update in, replies out. It loads the account and its conversation
state, answers the global commands, maps typed numbers to buttons, refuses stale buttons,
runs the current step, saves the state, and is the one error boundary."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from pydantic import ValidationError
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import menu
from handlers import observing as obs
from handlers.commands import COMMANDS, canonical
from handlers.core import Convo, Deps, Flow, Turn
from handlers.council import comments, committee, council, results, standings
from handlers.io import (
    Capabilities,
    Inbound,
    Reply,
    parse_letter_choice,
    parse_number_choice,
)
from handlers.kit import format as fmt
from handlers.kit import stamps
from handlers.outbound.numbered_menu import with_numbered_menus
from handlers.outreach import broadcast, reminders, unit_report
from handlers.review import approval, assign, evidence_check, review, scoring
from handlers.staff import (
    evidence,
    language,
    onboarding,
    privacy,
    progress,
    registration,
    resubmit,
    selfscore,
)
from handlers.staff.web_link import web_link
from handlers.texts import for_language
from storage.db import SessionMaker
from storage.errors import DomainError
from storage.models import ChatAccount, ConversationState, Person
from storage.services import accounts, conversations
from storage.services.evidence import check_file
from storage.types import utcnow

logger = logging.getLogger(__name__)

# Every flow a conversation can be in; the commands that start one name it in the table.
ALL_FLOWS: tuple[Flow, ...] = (
    onboarding.FLOW,
    registration.FLOW,
    evidence.FLOW,
    selfscore.FLOW,
    privacy.FLOW,
    language.FLOW,
    reminders.FLOW,
    broadcast.FLOW,
    unit_report.FLOW,
    approval.FLOW,
    resubmit.FLOW,
    review.FLOW,
    evidence_check.FLOW,
    scoring.FLOW,
    assign.FLOW,
    council.FLOW,
    results.FLOW,
    comments.FLOW,
    standings.LEADERBOARD,
    standings.EXEMPLARS,
    committee.EXPORT,
    committee.PHASE,
)
FLOWS: dict[str, Flow] = {f.name: f for f in ALL_FLOWS}
FLOW_COMMANDS: dict[str, Flow] = {c.name: FLOWS[c.flow] for c in COMMANDS if c.flow is not None}


def _takes_number(flow: Flow | None, step: str | None) -> bool:
    found = flow.steps.get(step or "") if flow is not None else None
    return found is not None and found.takes_number


def _lettered(turn: Turn) -> Turn:
    """The live menu of a step that takes a typed number is answered by letter."""
    last = turn.replies[-1] if turn.replies else None
    if last is not None and last.buttons and _takes_number(FLOWS.get(turn.flow or ""), turn.step):
        turn.replies[-1] = dataclasses.replace(last, lettered=True)
    return turn


# Called inside the update's transaction with its replies, so a channel can keep them with
# the conversation (the Telegram webhook inbox does, to resend them after a crash).
Journal = Callable[[AsyncSession, list[Reply]], Awaitable[None]]


class Router:
    """Turns each `Inbound` into replies, in one database transaction per update."""

    observer: obs.UpdateObserver = obs.NoObserver()

    def __init__(
        self, sessionmaker: SessionMaker, deps: Deps, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.sessionmaker = sessionmaker
        self.deps = deps
        self.clock = clock

    async def handle(
        self, msg: Inbound, caps: Capabilities, journal: Journal | None = None
    ) -> list[Reply]:
        """Replies for one update; never raises: a failure becomes a short apology.
        `journal` gets the replies inside the transaction that saves the conversation."""
        with obs.observing(msg, self.observer):
            return await self._handle(msg, caps, journal)

    async def _handle(
        self, msg: Inbound, caps: Capabilities, journal: Journal | None = None
    ) -> list[Reply]:
        try:
            if msg.file is not None:
                msg = await self._prefetch(msg)
            for _attempt in range(3):
                try:
                    return await self._handle_once(msg, caps, journal)
                except conversations.StaleState:
                    continue
            raise RuntimeError("conversation state kept changing")
        except Exception:
            obs.failed()
            logger.exception("update %s on %s failed", msg.update_id, msg.channel)
            return [Reply(await self._apology_language(msg))]

    async def _handle_once(
        self, msg: Inbound, caps: Capabilities, journal: Journal | None = None
    ) -> list[Reply]:
        async with self.sessionmaker() as session, session.begin():
            if msg.update_id is not None and not await conversations.claim_update(
                session, msg.channel, msg.update_id, self.clock()
            ):
                return []
            account, person, state = await accounts.load_conversation(
                session, channel=msg.channel, external_user_id=msg.user_id, chat_id=msg.chat_id
            )
            accounts.mark_seen(account, self.clock())
            obs.note(person_id=person.id if person else None, flow=state and state.flow)
            convo = self._convo(
                session,
                account,
                person if person and person.active else None,
                caps,
                state,
                msg.channel,
            )
            turn = _lettered(await self._dispatch(msg, convo, state))
            turn.replies = stamps.stamp(turn.replies, stamps.new_nonce())
            await self._save(session, account, state, convo, turn)
            replies = turn.replies
            if caps.numbered_menus:  # in the language the turn may just have switched to
                t = for_language(account.language, self.deps.default_language)
                replies = with_numbered_menus(replies, t)
            if journal is not None:
                await journal(session, replies)
            return replies

    def _convo(
        self,
        session: AsyncSession,
        account: ChatAccount,
        person: Person | None,
        caps: Capabilities,
        state: ConversationState | None,
        channel: str,
    ) -> Convo:
        convo = Convo(
            session=session,
            account=account,
            person=person,
            t=for_language(account.language, self.deps.default_language),
            caps=caps,
            now=self.clock(),
            deps=self.deps,
            channel=channel,
            main_menu=menu.main_menu,
        )
        flow = FLOWS.get(state.flow or "") if state else None
        if state is not None and flow is not None and state.step in flow.steps:
            try:
                convo.data = flow.data_model.model_validate(state.data)
                convo.flow, convo.step = flow, state.step
            except ValidationError:
                logger.warning("dropping unreadable state of account %s", account.id)
        return convo

    async def _dispatch(self, msg: Inbound, convo: Convo, state: ConversationState | None) -> Turn:
        t = convo.t
        if msg.other is not None or msg.location is not None:  # no step reads these
            return await self._reprompt(convo, t.CANNOT_READ)
        offered = list(state.menu) if state else []
        is_command = msg.choice is not None and msg.choice.startswith("/")
        if msg.choice is not None and not is_command and msg.choice not in offered:
            turn = await self._reprompt(convo, t.MENU_EXPIRED)
            turn.replies[0] = dataclasses.replace(turn.replies[0], notice=t.MENU_EXPIRED_SHORT)
            return turn
        if is_command and msg.choice is not None and " " in msg.choice:
            msg = Inbound.from_text(
                msg.channel, msg.user_id, msg.chat_id, msg.choice, update_id=msg.update_id
            )
        if msg.text is not None and offered:
            mapped = self._typed_choice(msg, convo, offered)
            if isinstance(mapped, str):
                return await self._reprompt(convo, mapped)
            msg = mapped
        msg = stamps.unstamped(msg)  # on the live menu: the flow gets its own payload
        command = msg.command or (msg.choice[1:] if msg.choice and msg.choice[0] == "/" else None)
        if command is not None:
            command = canonical(command.lower())
        if convo.account.consent_at is None or convo.person is None:
            return await self._unlinked(msg, convo, command)
        if command is not None:
            return await self._command(msg, convo, command)
        if convo.flow is None or convo.step is None:
            hint = t.FILE_NOT_EXPECTED if msg.file is not None else t.UNKNOWN_INPUT_IDLE
            return await convo.done(hint)
        step = convo.flow.steps[convo.step]
        if msg.file is not None and not step.accepts_files:
            return await convo.stay(t.FILE_NOT_EXPECTED)
        return await step.on(msg, convo)

    def _typed_choice(self, msg: Inbound, convo: Convo, offered: list[str]) -> Inbound | str:
        """On a channel without buttons a typed number presses the numbered button; a
        number out of range gets the list again with the numbers to answer. Where the step
        takes a typed number, the number is the answer and a letter presses a button."""
        assert msg.text is not None
        if convo.caps.buttons:
            return msg
        if _takes_number(convo.flow, convo.step):
            position = parse_letter_choice(msg.text, len(offered))
            if position is None:
                return msg
            return dataclasses.replace(msg, text=None, choice=offered[position - 1])
        number = parse_number_choice(msg.text)
        if number is None:
            return msg
        if 1 <= number <= len(offered):
            return dataclasses.replace(msg, text=None, choice=offered[number - 1])
        return convo.t.PICK_NUMBER.format(choices=fmt.choices(len(offered), convo.t))

    async def _unlinked(self, msg: Inbound, convo: Convo, command: str | None) -> Turn:
        """Before consent and linking only onboarding, help and language are open."""
        if command == "ngonngu":
            return await convo.switch(language.FLOW, msg)
        if command == "trogiup":
            return await self._reprompt(convo, convo.t.HELP_UNLINKED)
        if convo.flow is not onboarding.FLOW or command == "start" or convo.step is None:
            return await convo.switch(onboarding.FLOW, msg)
        if command is not None:
            return await convo.stay()
        return await onboarding.FLOW.steps[convo.step].on(msg, convo)

    async def _command(self, msg: Inbound, convo: Convo, command: str) -> Turn:
        t = convo.t
        if command == "start":
            assert convo.person is not None
            return await convo.done(t.GREETING.format(name=convo.person.full_name))
        if command == "menu":
            return await convo.done(t.MAIN_MENU)
        if command == "huy":
            return await convo.done(t.CANCELLED)
        if command == "trogiup":
            return await self._reprompt(convo, await menu.help_text(convo))
        if command == "tiendo":
            return await convo.done(*await progress.progress_texts(convo))
        if command == "web":
            return await web_link(convo)
        flow = FLOW_COMMANDS.get(command)
        if flow is None:
            return await self._reprompt(convo, t.UNKNOWN_COMMAND.format(command=command))
        return await convo.switch(flow, msg)

    async def _reprompt(self, convo: Convo, hint: str) -> Turn:
        """The hint, then the current step's question (or the main menu) again."""
        if convo.flow is not None and convo.step is not None:
            return await convo.stay(hint)
        if convo.person is not None and convo.account.consent_at is not None:
            return await convo.done(hint)
        return convo.end(hint)

    async def _save(
        self,
        session: AsyncSession,
        account: ChatAccount,
        state: ConversationState | None,
        convo: Convo,
        turn: Turn,
    ) -> None:
        """Store where the conversation stands and which buttons are live now."""
        last = turn.replies[-1] if turn.replies else None
        await conversations.save_state(
            session,
            account,
            state,
            flow=turn.flow,
            step=turn.step,
            data=convo.data.model_dump(mode="json") if convo.data and turn.flow else {},
            menu=[b.payload for b in last.flat_buttons] if last else [],
            at=self.clock(),
        )

    async def _prefetch(self, msg: Inbound) -> Inbound:
        """Download a file before the transaction when the current step takes files, so
        no database lock is held while bytes come over the network."""
        assert msg.file is not None
        async with self.sessionmaker() as session, session.begin():
            account = await accounts.find_account(session, msg.channel, msg.user_id)
            state = await conversations.state_of(session, account)
        flow = FLOWS.get(state.flow or "") if state else None
        step = flow.steps.get(state.step or "") if flow and state else None
        if step is None or not step.accepts_files:
            return msg
        try:
            check_file(self.deps.limits, size=msg.file.size, mime=msg.file.mime, name=msg.file.name)
            content = await msg.file.download()
        except (DomainError, OSError):
            return msg

        async def cached() -> bytes:
            return content

        file = dataclasses.replace(msg.file, download=cached, size=len(content))
        return dataclasses.replace(msg, file=file)

    async def _apology_language(self, msg: Inbound) -> str:
        try:
            async with self.sessionmaker() as session, session.begin():
                account = await accounts.find_account(session, msg.channel, msg.user_id)
                language_code = account.language if account else None
        except Exception:
            language_code = None
        return for_language(language_code, self.deps.default_language).UNEXPECTED_ERROR
