"""No ballot and no receipt on a channel whose conversations someone else reads: on the
Zalo OA the member's taps appear in the OA's inbox as the member's messages and every reply
as the OA's, so the council is not offered a vote there and is told where to vote."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from bot.channels.zalo_bot.channel import ZaloBotChannel
from bot.channels.zalo_oa.channel import ZaloOAChannel
from handlers.texts import Vi
from storage.models import Ballot, Registration, VoteParticipation
from storage.services import council, people
from tests.support.helpers import invite_for
from tests.support.review_setup import reviewed
from tests.support.zalo_oa_helpers import OAPerson, buttons_of, oa_running, serve_oa_fake

RECEIPT = re.compile(r"Mã phiếu: [A-Z0-9]{4}-[A-Z0-9]{4}")


@pytest.fixture
def fake():
    yield from serve_oa_fake()


async def _round_open(sessionmaker, clock) -> None:
    entry_id = await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    async with sessionmaker() as session, session.begin():
        committee = await people.find_by_code(session, "HNI0002")
        entry = await session.get(Registration, entry_id)
        await council.open_round(session, actor=committee, entry=entry, now=clock())


async def _linked(fake, channel, sessionmaker, clock, code: str, user_id: str) -> OAPerson:
    person = OAPerson(fake, channel, user_id)
    await person.act("follow", follower={"id": user_id})
    await person.tap("Tôi đồng ý")
    assert "Đã liên kết" in await person.say(await invite_for(sessionmaker, clock, code))
    return person


async def test_no_choice_and_no_receipt_pass_through_the_oa(
    demo, router, fake, sessionmaker, clock
) -> None:
    await _round_open(sessionmaker, clock)
    async with oa_running(router, clock, fake) as channel:
        member = await _linked(fake, channel, sessionmaker, clock, "HNI0001", "oa-ha")
        both = await _linked(fake, channel, sessionmaker, clock, "HNI0011", "oa-yen")
        linked = {u: len(fake.sent_to(u)) for u in ("oa-ha", "oa-yen")}
        assert Vi.VOTE_ELSEWHERE in await member.say("/binhxet")
        for forged in ("#q:v:1", "#q:yes", "#q:no"):  # as if ballot buttons had been shown
            await member.say(forged)
        await both.say("/binhxet")  # committee (Sóc Sơn) and council member: the menu
        assert Vi.VOTE_ELSEWHERE in await both.tap(Vi.BTN_VOTE)
        await both.say("#q:yes")
        sent = [m for u, n in linked.items() for m in fake.sent_to(u)[n:]]
    texts = [m.get("text", "") for m in sent]
    assert not [t for t in texts if RECEIPT.search(t) or "Đã ghi nhận phiếu" in t]
    buttons = buttons_of(sent)
    assert buttons and not [
        b for b in buttons if b["title"] in (Vi.BTN_YES, Vi.BTN_NO) or "M1 ·" in b["title"]
    ]
    assert not [b for b in buttons if b["payload"] in ("#q:yes", "#q:no", "#q:v:1")]
    async with sessionmaker() as session:
        assert (await session.exec(select(VoteParticipation))).all() == []
        assert (await session.exec(select(Ballot))).all() == []


def test_only_the_oa_declares_an_operator_reading_its_conversations() -> None:
    """The Zalo bot is a private chat between the person and the bot, as on Telegram: no
    inbox where an operator reads it, so voting stays offered there."""
    assert ZaloOAChannel.capabilities.operator_reads_log
    assert not ZaloBotChannel.capabilities.operator_reads_log
    assert "Telegram" in Vi.VOTE_ELSEWHERE and "/binhxet" in Vi.VOTE_ELSEWHERE
