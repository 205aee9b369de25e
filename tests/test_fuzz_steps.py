"""Arbitrary typed text at every step a person can reach: always a reply, never an
apology, nothing logged at ERROR. The steps are found by walking the flows on demo data
with the memory chat (every command, then every button of every new step), as the people
of each role would; each example puts one person back at one of those steps and types."""

from __future__ import annotations

import json
import logging
import unicodedata
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from handlers.io import Capabilities
from handlers.kit.stamps import bare
from handlers.router import FLOW_COMMANDS
from handlers.texts import En, Vi
from storage.models import ChatAccount, ConversationState, ReminderRule
from tests.fakes.memory import BUTTONS, MemoryChat
from tests.support.helpers import linked
from tests.support.review_setup import approve, assign, entry, evidence_all
from tests.test_reminders import create_weekly

NO_BUTTONS = Capabilities(buttons=False, documents_in=True, files_out=True)
# Who reaches which flows: staff, a manager who approves, the union chair (reminders,
# reviewing), the party committee (assigning, the council, results), an admin.
PEOPLE = ("HNI0008", "HNI0007", "HNI0003", "HNI0002", "HNI0004")
COMMANDS = ("menu", *FLOW_COMMANDS, "tiendo", "trogiup")
BUTTONS_PER_MENU = 10
VARIANTS = 3  # the same step with other data (the next criterion...) is walked on as well
# Answers that move a text step on, so the walk reaches the steps after it too.
ANSWERS = ("14", "3", "07:30", "31/12/2026 16:00", "Nội dung thử nghiệm", "HNI0015", "15/QĐ")

VIETNAMESE = [
    "Điểm mười",
    "Bưu cục Nghĩa Tân",
    "Hướng dẫn chấm điểm theo tiêu chí",
    "không đạt vì thiếu biên bản",
    "１４",
    "7,5",
    "²",
    "-0",
    "1_0",
    "07:30",
    "24/12/2026 16:00",
    "HNI0015",
]
MARKS = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u200e", "\u200f", "\u202e", "\u2066", "\u0000"]


def odd_text() -> st.SearchStrategy[str]:
    """Any Unicode; NFD Vietnamese; zero-width, RTL and control marks; 100,000 characters."""
    nfd = st.sampled_from(VIETNAMESE).map(lambda s: unicodedata.normalize("NFD", s))
    marked = st.tuples(st.sampled_from(VIETNAMESE), st.lists(st.sampled_from(MARKS))).map(
        lambda pair: "".join(pair[1]) + pair[0] + "".join(reversed(pair[1]))
    )
    controls = st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1)
    huge = st.sampled_from(["9", "ệ", "\u200b", "a b ", "/"]).map(lambda s: s * 100_000)
    return st.one_of(st.text(), nfd, marked, controls, huge, st.sampled_from(VIETNAMESE))


@dataclass(frozen=True)
class Spot:
    """One person at one step, as the walk left them there."""

    code: str
    flow: str | None
    step: str | None
    data: dict
    menu: list[str]


class Walk:
    """The steps reached from every command by pressing every button of every new step."""

    def __init__(self, sessionmaker) -> None:
        self.sessionmaker = sessionmaker
        self.spots: dict[tuple[str | None, str | None], Spot] = {}
        self.seen: dict[tuple[str | None, str | None], set[str]] = {}

    async def state(self, chat: MemoryChat) -> ConversationState:
        async with self.sessionmaker() as session:
            account = (
                await session.exec(
                    select(ChatAccount).where(ChatAccount.external_user_id == chat.user_id)
                )
            ).one()
            state = await session.get(ConversationState, account.id)
            assert state is not None
            return state

    async def put(self, chat: MemoryChat, spot: Spot) -> None:
        """Put the person back at `spot` (its flow, step, data and live menu)."""
        async with self.sessionmaker() as session, session.begin():
            account = (
                await session.exec(
                    select(ChatAccount).where(ChatAccount.external_user_id == chat.user_id)
                )
            ).one()
            state = await session.get(ConversationState, account.id)
            assert state is not None
            state.flow, state.step = spot.flow, spot.step
            state.data, state.menu = dict(spot.data), list(spot.menu)

    async def explore(self, code: str, chat: MemoryChat) -> None:
        for command in COMMANDS:
            await chat.send(f"/{command}")
            await self._from_here(code, chat)

    async def _from_here(self, code: str, chat: MemoryChat) -> None:
        state = await self.state(chat)
        key = (state.flow, state.step)
        seen = self.seen.setdefault(key, set())
        # the menu's nonce changes at every visit: the shape is the payloads without it
        menu = [bare(payload) for payload in state.menu]
        shape = json.dumps([state.data, menu], sort_keys=True, default=str)
        if shape in seen or len(seen) >= VARIANTS:
            return
        seen.add(shape)
        spot = Spot(code, state.flow, state.step, dict(state.data or {}), list(state.menu))
        self.spots.setdefault(key, spot)
        for payload in spot.menu[:BUTTONS_PER_MENU]:
            await self.put(chat, spot)
            await chat.choose(payload)
            await self._from_here(code, chat)
        for text in ANSWERS if spot.flow is not None else ():
            await self.put(chat, spot)
            await chat.send(text)
            await self._from_here(code, chat)


REACHED = {
    ("onboarding", "code"),
    ("scoring", "score"),
    ("scoring", "gate"),
    ("approval", "reason"),
    ("reminders", "days"),
    ("reminders", "time"),
    ("reminders", "message"),
    ("digests", "time"),
    ("broadcast", "text"),
}


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_walks: dict[int, tuple[Walk, dict[str, MemoryChat]]] = {}


async def walked(chat_for, sessionmaker, clock) -> tuple[Walk, dict[str, MemoryChat]]:
    """Walk once per database (hypothesis runs every example on the same fixtures)."""
    if id(sessionmaker) in _walks:
        return _walks[id(sessionmaker)]
    ready = await entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01", "M1.02", "M1.03"])
    await approve(sessionmaker, clock, ready, "HNI0007")
    await evidence_all(sessionmaker, clock, ready, "HNI0008", "HNI0003")
    await assign(sessionmaker, clock, ready, "HNI0002", "HNI0003")
    await entry(sessionmaker, clock, "HNI0008", "M2")  # waiting for approval
    walk, chats = Walk(sessionmaker), {}
    for code in PEOPLE:
        chats[code] = await linked(chat_for, sessionmaker, clock, code)
        await walk.explore(code, chats[code])
    stranger = chat_for("stranger")  # onboarding: the notice, then the invite code
    await stranger.send("/start")
    await stranger.press("Tôi đồng ý")
    chats["stranger"] = stranger
    state = await walk.state(stranger)
    walk.spots[(state.flow, state.step)] = Spot(
        "stranger", state.flow, state.step, dict(state.data or {}), list(state.menu)
    )
    reached = set(walk.spots)
    assert reached >= REACHED, sorted(REACHED - reached)  # the walk found the text steps
    assert len(reached) >= 40, sorted(reached, key=str)
    _walks[id(sessionmaker)] = (walk, chats)
    return walk, chats


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_any_text_at_any_step_gets_a_reply_and_no_error(
    demo, chat_for, sessionmaker, clock, data
) -> None:
    walk, chats = await walked(chat_for, sessionmaker, clock)
    spots = sorted(walk.spots.values(), key=lambda s: (s.code, str(s.flow), str(s.step)))
    spot = data.draw(st.sampled_from(spots), label="step")
    text = data.draw(odd_text(), label="text")
    chat = chats[spot.code]
    chat.caps = data.draw(st.sampled_from([BUTTONS, NO_BUTTONS]), label="caps")
    await walk.put(chat, spot)
    errors = Errors()
    logging.getLogger().addHandler(errors)
    try:
        replies = await chat.send(text)
    finally:
        logging.getLogger().removeHandler(errors)
    assert replies, "no reply"
    shown = "\n".join(r.text for r in replies)
    assert Vi.UNEXPECTED_ERROR not in shown and En.UNEXPECTED_ERROR not in shown
    assert not errors.records, [r.getMessage() for r in errors.records]


async def test_a_step_whose_object_is_gone_ends_the_flow_with_the_reason(
    demo, chat_for, sessionmaker, clock
) -> None:
    """Found by the walk: a reminder deleted from another channel while its detail is open;
    anything typed there used to end in the apology."""
    union = await linked(chat_for, sessionmaker, clock, "HNI0003")
    await create_weekly(union)
    await union.press("Lưu nhắc việc")
    await union.send("/nhacviec")
    await union.press(Vi.BTN_MY_REMINDERS)
    await union.press("#")
    async with sessionmaker() as session, session.begin():
        rule = (await session.exec(select(ReminderRule))).one()
        await session.delete(rule)
    replies = await union.send("xin chào")
    shown = "\n".join(r.text for r in replies)
    assert Vi.UNEXPECTED_ERROR not in shown
    assert replies[-1].buttons and replies[-1].text == Vi.NOT_FOUND  # ended, main menu
