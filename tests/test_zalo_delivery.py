"""Reminders across channels: reached once, on the channel used last (or on all when
asked); never sent on a Zalo OA outside the 7-day window, and reported unreachable."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.channels.zalo_bot.channel import ZaloBotChannel
from bot.channels.zalo_oa.channel import ZaloOAChannel
from handlers.io import OutsideWindow, Reply
from handlers.outbound.payloads import to_payload
from storage.models import ChatAccount, Outbox
from storage.services import accounts, outbox, reach
from tests.support.helpers import invite_for, person
from tests.support.zalo_helpers import (
    USER,
    Person,
    RecordingSender,
    config_for,
    drain_outbox,
    running,
)
from tests.support.zalo_oa_helpers import (
    OA_USER,
    OAPerson,
    link_by_phone,
    oa_running,
)
from tests.test_zalo_bot import link

REMINDER = to_payload(Reply("⏰ Nhắc việc: hạn nộp minh chứng là 30/11."))


async def telegram_account_for(sessionmaker, clock, code: str) -> None:
    """The same person linked on Telegram earlier."""
    someone = await person(sessionmaker, code)
    async with sessionmaker() as session, session.begin():
        account = await accounts.get_or_create_account(
            session, channel="telegram", external_user_id="555", chat_id="555"
        )
        await accounts.link(session, account, someone, now=clock(), how="invite")
        await accounts.record_consent(session, account, clock())
        account.last_seen_at = clock()


async def remind(sessionmaker, clock, occurrence: str, *, all_channels: bool = False) -> int:
    thao = await person(sessionmaker, "HNI0008")
    async with sessionmaker() as session, session.begin():
        return await outbox.enqueue(
            session,
            person_ids=[thao.id or 0],
            payload=REMINDER,
            now=clock(),
            source="rule:evidence",
            occurrence=occurrence,
            all_channels=all_channels,
        )


async def test_linked_on_telegram_and_zalo_gets_one_reminder_not_two(
    demo, router, sessionmaker, clock, zalo_bot_fake
) -> None:
    await telegram_account_for(sessionmaker, clock, "HNI0008")
    clock.advance(minutes=5)
    telegram = RecordingSender()
    async with running(ZaloBotChannel(router, config_for(zalo_bot_fake))) as channel:
        await link(Person(zalo_bot_fake, channel), sessionmaker, clock)  # Zalo is now used last
        before = len(zalo_bot_fake.sent_to(USER))
        assert await remind(sessionmaker, clock, "2026-11-25") == 1
        await drain_outbox(sessionmaker, {"telegram": telegram, "zalo_bot": channel})
        assert zalo_bot_fake.sent_to(USER)[before:] == [
            "⏰ Nhắc việc: hạn nộp minh chứng là 30/11."
        ]
        # Telegram, linked first, was only told that a Zalo account was linked.
        notice = telegram.sent.pop(0)
        assert notice[1].startswith("🔔 Một tài khoản Zalo vừa được liên kết")
        assert telegram.sent == []
        assert await remind(sessionmaker, clock, "2026-11-26", all_channels=True) == 2
        await drain_outbox(sessionmaker, {"telegram": telegram, "zalo_bot": channel})
    assert len(zalo_bot_fake.sent_to(USER)) == before + 2
    assert telegram.sent == [("555", "⏰ Nhắc việc: hạn nộp minh chứng là 30/11.")]


async def test_a_reminder_outside_the_7_day_window_is_not_sent_and_reported(
    demo, router, sessionmaker, clock, zalo_oa_fake
) -> None:
    async with oa_running(router, clock, zalo_oa_fake) as channel:
        await link_by_phone(
            OAPerson(zalo_oa_fake, channel), await invite_for(sessionmaker, clock, "HNI0008")
        )
        thao = await person(sessionmaker, "HNI0008")
        calls = len(zalo_oa_fake.calls("/v3.0/oa/message/cs"))
        clock.advance(days=6)
        await remind(sessionmaker, clock, "day-6")
        assert set((await drain_outbox(sessionmaker, {"zalo_oa": channel})).values()) == {"sent"}
        clock.advance(days=2)  # 8 days since the person last wrote
        async with sessionmaker() as session:  # the outbox can only pick Zalo, now closed
            chosen = (await outbox.accounts_for(session, [thao.id or 0], now=clock()))[thao.id or 0]
            assert (chosen.channel, reach.within_window(chosen, clock())) == ("zalo_oa", False)
        await remind(sessionmaker, clock, "day-8")
        outcome = await drain_outbox(sessionmaker, {"zalo_oa": channel})
        assert set(outcome.values()) == {"unreachable"}
    assert len(zalo_oa_fake.calls("/v3.0/oa/message/cs")) == calls + 1  # only the day-6 one
    async with sessionmaker() as session:
        statuses = (await session.exec(select(Outbox.occurrence, Outbox.status))).all()
    assert sorted(statuses) == [("day-6", "sent"), ("day-8", "unreachable")]


async def test_zalo_saying_outside_the_window_is_outside_window_too(
    demo, router, sessionmaker, clock, zalo_oa_fake
) -> None:
    async with oa_running(router, clock, zalo_oa_fake) as channel:
        await link_by_phone(
            OAPerson(zalo_oa_fake, channel), await invite_for(sessionmaker, clock, "HNI0008")
        )
        zalo_oa_fake.idle(OA_USER, days=9)  # Zalo counts differently from us: it wins
        with pytest.raises(OutsideWindow):
            await channel.send(OA_USER, [Reply("Nhắc việc")])


async def test_out_of_window_gives_way_to_another_linked_channel(
    demo, router, sessionmaker, clock, zalo_oa_fake
) -> None:
    await telegram_account_for(sessionmaker, clock, "HNI0008")
    clock.advance(minutes=5)
    async with oa_running(router, clock, zalo_oa_fake) as channel:
        await link_by_phone(
            OAPerson(zalo_oa_fake, channel), await invite_for(sessionmaker, clock, "HNI0008")
        )
    thao = await person(sessionmaker, "HNI0008")
    async with sessionmaker() as session:
        assert (await outbox.accounts_for(session, [thao.id or 0], now=clock()))[
            thao.id or 0
        ].channel == "zalo_oa"
        clock.advance(days=8)
        chosen = await outbox.accounts_for(session, [thao.id or 0], now=clock())
        assert chosen[thao.id or 0].channel == "telegram"
        assert reach.reachable(chosen[thao.id or 0], clock())


async def test_unfollowing_the_oa_marks_the_account_blocked(
    demo, router, sessionmaker, clock, zalo_oa_fake
) -> None:
    async def on_blocked(chat_id: str, blocked: bool) -> None:
        async with sessionmaker() as session, session.begin():
            await accounts.set_blocked(session, channel="zalo_oa", chat_id=chat_id, blocked=blocked)

    async with oa_running(router, clock, zalo_oa_fake, on_blocked=on_blocked) as channel:
        person_ = OAPerson(zalo_oa_fake, channel)
        await link_by_phone(person_, await invite_for(sessionmaker, clock, "HNI0008"))
        await person_.act("unfollow", follower={"id": OA_USER})
    async with sessionmaker() as session:
        account = (await session.exec(select(ChatAccount))).one()
    assert account.blocked is True
    assert isinstance(channel, ZaloOAChannel)
