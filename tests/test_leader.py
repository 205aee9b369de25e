"""Who runs the scheduler: only a process that can send on every channel people are
linked on competes for the lock (a console chat beside the running bot does not), and a
leader that meets a channel it cannot serve steps down for one that can."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable

from scheduler import runtime
from storage.services import accounts, people
from tests.fakes.sender import FakeSender
from tests.support.scheduling import config_for


async def until(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def link(sessionmaker, clock, code: str, channel: str) -> None:
    async with sessionmaker() as session, session.begin():
        person = await people.find_by_code(session, code)
        account = await accounts.get_or_create_account(
            session, channel=channel, external_user_id=code, chat_id=code
        )
        await accounts.link(session, account, person, now=clock(), how="test")
        await accounts.record_consent(session, account, clock())


async def start(sessionmaker, database_url, files_dir, key: int, *channels: str):
    config = config_for(files_dir, leader_poll_seconds=0.05, sync_seconds=60, lock_key=key)
    senders = {name: FakeSender(name=name) for name in channels}
    return await runtime.start(
        sessionmaker, database_url=database_url, config=config, senders=senders
    )


async def test_only_a_process_with_every_linked_channel_leads(
    demo, sessionmaker, database_url, clock, files_dir
):
    await link(sessionmaker, clock, "HNI0004", "telegram")
    await link(sessionmaker, clock, "HNI0005", "zalo_bot")
    await link(sessionmaker, clock, "HNI0006", "console")  # a trial user: never required
    key = random.randrange(1 << 30)
    chat = await start(sessionmaker, database_url, files_dir, key, "console")
    partial = await start(sessionmaker, database_url, files_dir, key, "telegram")
    try:
        await until(lambda: chat.missing and partial.missing)
        assert chat.missing == {"telegram", "zalo_bot"} and partial.missing == {"zalo_bot"}
        full = await start(sessionmaker, database_url, files_dir, key, "telegram", "zalo_bot")
        try:
            await until(full.leading.is_set)
            assert not chat.leading.is_set() and not partial.leading.is_set()
        finally:
            await full.stop()
    finally:
        await chat.stop()
        await partial.stop()


async def test_a_leader_steps_down_when_people_link_on_a_channel_it_lacks(
    demo, sessionmaker, database_url, clock, files_dir
):
    await link(sessionmaker, clock, "HNI0004", "telegram")
    key = random.randrange(1 << 30)
    old = await start(sessionmaker, database_url, files_dir, key, "telegram")
    try:
        await until(old.leading.is_set)
        new = await start(sessionmaker, database_url, files_dir, key, "telegram", "zalo_oa")
        try:
            await link(sessionmaker, clock, "HNI0005", "zalo_oa")
            await until(new.leading.is_set)
            assert not old.leading.is_set() and old.missing == {"zalo_oa"}
        finally:
            await new.stop()
    finally:
        await old.stop()
