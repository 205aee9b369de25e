"""The outbox sender: outcomes of deliveries, retries with backoff, quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from handlers.io import OutsideWindow, RecipientBlocked, Reply, RetryLater
from handlers.outbound.payloads import to_payload
from storage.models import ChatAccount, Outbox
from storage.services import outbox
from tests.support.helpers import linked, person
from tests.support.scheduling import make_bot


async def queue(sessionmaker, clock, codes, *, urgent=False, source="notify") -> None:
    ids = [(await person(sessionmaker, code)).id for code in codes]
    async with sessionmaker() as session, session.begin():
        await outbox.enqueue(
            session,
            person_ids=ids,
            payload=to_payload(Reply("Xin chào")),
            now=clock(),
            source=source,
            urgent=urgent,
        )


async def rows(sessionmaker) -> dict[str, Outbox]:
    async with sessionmaker() as session:
        result = await session.exec(
            select(Outbox, ChatAccount.chat_id).join(
                ChatAccount, ChatAccount.id == Outbox.chat_account_id
            )
        )
        return {chat_id: row for row, chat_id in result.all()}


async def test_outcomes_blocked_unreachable_and_sent(
    demo, chat_for, sessionmaker, clock, files_dir
):
    chats = [
        await linked(chat_for, sessionmaker, clock, c) for c in ("HNI0007", "HNI0008", "HNI0009")
    ]
    bot = make_bot(sessionmaker, clock, files_dir)
    bot.channel.failures = {
        chats[0].user_id: [RecipientBlocked("bot was blocked by the user")],
        chats[1].user_id: [OutsideWindow("48h window")],
    }
    await queue(sessionmaker, clock, ["HNI0007", "HNI0008", "HNI0009"])
    assert await bot.deliver() == 3
    found = await rows(sessionmaker)
    assert found[chats[0].user_id].status == "blocked"
    assert found[chats[1].user_id].status == "unreachable"
    assert found[chats[2].user_id].status == "sent" and found[chats[2].user_id].message_id
    async with sessionmaker() as session:
        account = await session.get(ChatAccount, found[chats[0].user_id].chat_account_id)
    assert account.blocked
    await queue(sessionmaker, clock, ["HNI0007"], source="again")  # blocked: not even tried
    await bot.deliver()
    assert len(bot.channel.sent) == 1
    await chats[0].send("/menu")  # writing to the bot again unblocks the account
    await queue(sessionmaker, clock, ["HNI0007"], source="third")
    await bot.deliver()
    assert len(bot.channel.to(chats[0].user_id)) == 1


async def test_retry_later_is_waited_out(demo, chat_for, sessionmaker, clock, files_dir):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    bot = make_bot(sessionmaker, clock, files_dir)
    bot.channel.failures = {chat.user_id: [RetryLater(0.01)]}
    await queue(sessionmaker, clock, ["HNI0008"])
    await bot.sender.drain(clock())
    row = (await rows(sessionmaker))[chat.user_id]
    assert row.status == "pending" and row.attempts == 0 and row.not_before > clock()
    clock.advance(seconds=1)
    await bot.deliver()
    assert (await rows(sessionmaker))[chat.user_id].status == "sent"


async def test_network_errors_back_off_then_give_up_with_the_error(
    demo, chat_for, sessionmaker, clock, files_dir
):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    bot = make_bot(sessionmaker, clock, files_dir)  # 3 tries, 60 s doubling
    bot.channel.failures = {chat.user_id: [OSError("connection reset")] * 5}
    await queue(sessionmaker, clock, ["HNI0008"])
    await bot.deliver()
    row = (await rows(sessionmaker))[chat.user_id]
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.not_before == clock() + timedelta(seconds=60)
    clock.advance(seconds=60)
    await bot.deliver()
    row = (await rows(sessionmaker))[chat.user_id]
    assert row.attempts == 2 and row.not_before == clock() + timedelta(seconds=120)
    clock.advance(seconds=120)
    await bot.deliver()
    row = (await rows(sessionmaker))[chat.user_id]
    assert row.status == "failed" and row.attempts == 3
    assert row.last_error == "OSError: connection reset"


async def test_quiet_hours_hold_all_but_urgent(demo, chat_for, sessionmaker, clock, files_dir):
    await linked(chat_for, sessionmaker, clock, "HNI0008")
    await linked(chat_for, sessionmaker, clock, "HNI0009")
    clock.current = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)  # 23:00 in Vietnam
    bot = make_bot(sessionmaker, clock, files_dir)
    await queue(sessionmaker, clock, ["HNI0008"], source="normal")
    await queue(sessionmaker, clock, ["HNI0009"], source="urgent", urgent=True)
    assert await bot.deliver() == 1
    assert bot.channel.sent[0][0] == "user-HNI0009"
    clock.current = datetime(2026, 11, 26, 0, 0, tzinfo=UTC)
    assert await bot.deliver() == 1
