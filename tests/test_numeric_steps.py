"""Where a step asks for a number, a typed number is the answer on every channel, also on
channels without buttons (console, Zalo bot), where the step's buttons become letters."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import select

from bot.channels.zalo_bot.channel import ZaloBotChannel
from handlers.core import Convo
from handlers.io import Capabilities
from handlers.router import FLOWS
from handlers.texts import Vi
from storage.models import ChatAccount, ConversationState
from tests.support.helpers import console_for, invite_for, linked
from tests.support.review_setup import approve, assign, entry, evidence_all
from tests.support.zalo_helpers import Person, config_for, running, serve_fake

NO_BUTTONS = Capabilities(buttons=False, documents_in=True, files_out=True)


@pytest.fixture
def fake():
    yield from serve_fake()


async def reviewer_ready(sessionmaker, clock) -> None:
    """HNI0008's M1 entry on M1.01–M1.03 (10, 10, 20 points), evidenced, assigned to
    HNI0003 alone."""
    entry_id = await entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01", "M1.02", "M1.03"])
    await approve(sessionmaker, clock, entry_id, "HNI0007")
    await evidence_all(sessionmaker, clock, entry_id, "HNI0008", "HNI0003")
    await assign(sessionmaker, clock, entry_id, "HNI0002", "HNI0003")


async def console_run(router, sessionmaker, clock, code: str, lines: list[str]) -> str:
    script = "".join(f"{line}\n" for line in ["1", *lines])  # "1": I agree
    return await console_for(router, sessionmaker, clock, code, script)


async def data_of(sessionmaker, channel: str) -> dict:
    """The conversation data of the only account on `channel`."""
    async with sessionmaker() as session:
        account = (
            await session.exec(select(ChatAccount).where(ChatAccount.channel == channel))
        ).one()
        state = await session.get(ConversationState, account.id)
        assert state is not None
        return state.data


async def test_a_reviewer_scores_0_1_and_the_maximum_on_the_console(
    demo, router, sessionmaker, clock
):
    await reviewer_ready(sessionmaker, clock)
    out = await console_run(
        router, sessionmaker, clock, "HNI0003", ["/thamdinh", "a", "0", "1", "20"]
    )
    assert f"[a] {Vi.BTN_SHOW_EVIDENCE}" in out and "[1] " + Vi.BTN_SHOW_EVIDENCE not in out
    assert "Số liệu tiêu chí" in out  # "a" showed the evidence
    assert "Đã ghi 0 điểm." in out
    assert "Đã ghi 1 điểm." in out  # 1 is the score, not the first button
    assert "Đã ghi 20 điểm." in out
    assert "Vui lòng trả lời" not in out


async def test_a_reviewer_scores_on_the_zalo_bot(demo, router, sessionmaker, clock, fake):
    await reviewer_ready(sessionmaker, clock)
    async with running(ZaloBotChannel(router, config_for(fake))) as channel:
        who = Person(fake, channel)
        await who.say("/start")
        await who.say("1")
        await who.say(await invite_for(sessionmaker, clock, "HNI0003"))
        text = await who.say("/thamdinh")
        assert f"a. {Vi.BTN_SHOW_EVIDENCE}\n\nTrả lời a để chọn." in text
        assert "Số liệu tiêu chí" in await who.say("A")
        assert "Đã ghi 1 điểm." in await who.say("1")
        assert "Đã ghi 0 điểm." in await who.say("０")
        text = await who.say("21")
        assert Vi.SCORE_OUT_OF_RANGE.format(max=20) in text and "Vui lòng trả lời" not in text
        assert "Đã ghi 20 điểm." in await who.say("20")


@pytest.mark.parametrize(("typed", "days"), [("1", 1), ("3", 3), ("365", 365), ("b", 14)])
async def test_reminder_days_on_the_console(demo, router, sessionmaker, clock, typed, days):
    # Menus: reminder menu [1] new; units [1] the city post; audiences [3] no evidence.
    lines = ["/nhacviec", "1", "1", "3", "0", typed]
    out = await console_run(router, sessionmaker, clock, "HNI0003", lines)
    assert "[a] 7 ngày\n[b] 14 ngày\n[c] 30 ngày" in out
    assert Vi.BAD_DAYS in out  # 0 is refused with its message
    assert Vi.PICK_REMINDER_MODEL in out and "Vui lòng trả lời" not in out
    assert (await data_of(sessionmaker, "console"))["evidence_days"] == days


@pytest.mark.parametrize(("typed", "days"), [("1", 1), ("3", 3), ("365", 365), ("c", 30)])
async def test_reminder_days_on_the_zalo_bot(demo, router, sessionmaker, clock, fake, typed, days):
    async with running(ZaloBotChannel(router, config_for(fake))) as channel:
        who = Person(fake, channel)
        await who.say("/start")
        await who.say("1")
        await who.say(await invite_for(sessionmaker, clock, "HNI0003"))
        await who.say("/nhacviec")
        await who.pick("Tạo nhắc việc mới")
        await who.pick("Bưu điện thành phố Hà Nội")
        text = await who.pick("Người chưa gửi minh chứng")
        assert "a. 7 ngày\nb. 14 ngày\nc. 30 ngày\n\nTrả lời a, b hoặc c để chọn." in text
        assert Vi.BAD_DAYS in await who.say("0")
        text = await who.say(typed)
        assert Vi.PICK_REMINDER_MODEL in text and "Vui lòng trả lời" not in text
    assert (await data_of(sessionmaker, "zalo_bot"))["evidence_days"] == days


NUMERIC_STEPS = [
    (flow.name, name)
    for flow in FLOWS.values()
    for name, step in flow.steps.items()
    if step.takes_number
]


def test_the_numeric_steps_are_flagged() -> None:
    assert set(NUMERIC_STEPS) >= {
        ("scoring", "score"),
        ("selfscore", "score"),
        ("reminders", "days"),
        ("reminders", "offset"),
        ("reminders", "time"),
        ("digests", "time"),
        ("results", "number"),
    }


@pytest.mark.parametrize(("flow_name", "step_name"), NUMERIC_STEPS)
@pytest.mark.parametrize("typed", ["0", "1", "2", "365"])
async def test_every_numeric_step_gets_the_typed_number_itself(
    demo, chat_for, sessionmaker, clock, monkeypatch, flow_name, step_name, typed
):
    """Whatever the step's menu, a typed number on a buttonless channel reaches the step
    as the text typed, never as a button press or a "reply 1 or 2" refusal."""
    chat = await linked(chat_for, sessionmaker, clock, "HNI0003", caps=NO_BUTTONS)
    step = FLOWS[flow_name].steps[step_name]
    seen: list[tuple[str | None, str | None]] = []

    async def on(msg, convo: Convo):
        seen.append((msg.text, msg.choice))
        return await convo.done("ok")

    async with sessionmaker() as session, session.begin():
        account = (await session.exec(select(ChatAccount))).one()
        state = await session.get(ConversationState, account.id)
        assert state is not None
        state.flow, state.step, state.data = flow_name, step_name, {}
        state.menu = ["x1", "x2", "x3"]  # a menu as long as the numbers typed
    monkeypatch.setitem(FLOWS[flow_name].steps, step_name, dataclasses.replace(step, on=on))
    await chat.send(typed)
    assert seen == [(typed, None)]
