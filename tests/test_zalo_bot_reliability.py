"""The Zalo bot keeps going: 429s, 5xx and timeouts from the fake server are retried,
every API error is logged with its code, and nothing crashes the poller."""

from __future__ import annotations

import logging

import pytest

from bot.channels.zalo_bot.api import ZaloBotError
from bot.channels.zalo_bot.channel import ZaloBotChannel
from handlers.io import Reply
from handlers.texts import Vi
from tests.fakes.zalo_bot_server import FakeZaloBotServer
from tests.support.zalo_helpers import TOKEN, USER, Person, config_for, running, serve_fake


@pytest.fixture
def fake():
    yield from serve_fake()


async def test_429_5xx_and_timeouts_on_sends_are_retried_and_nothing_is_lost(
    demo, router, fake: FakeZaloBotServer, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    config = config_for(fake, send_timeout=0.3)
    async with running(ZaloBotChannel(router, config)) as channel:
        fake.fail_next("sendMessage", 429, 500, 1.0, 502)
        text = await Person(fake, channel).say("/start")
    assert Vi.PRIVACY_NOTICE in text
    assert len(fake.sent_to(USER)) == 1
    assert len(fake.calls("sendMessage")) == 5
    assert "429" in caplog.text
    assert TOKEN not in caplog.text and "fakeSecretPart" not in caplog.text


async def test_poll_errors_are_logged_with_their_code_and_polling_goes_on(
    demo, router, fake: FakeZaloBotServer, caplog
) -> None:
    async with running(ZaloBotChannel(router, config_for(fake))) as channel:
        fake.fail_next("getUpdates", 500, 429, 401, 403)
        text = await Person(fake, channel).say("/start")
    assert Vi.PRIVACY_NOTICE in text
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("getUpdates failed: 401" in line for line in errors)
    assert any("getUpdates failed: 403" in line for line in errors)


async def test_sending_to_a_chat_that_never_wrote_is_a_delivery_error(
    demo, router, fake: FakeZaloBotServer, caplog
) -> None:
    channel = ZaloBotChannel(router, config_for(fake))
    with pytest.raises(ZaloBotError) as caught:
        await channel.send("0123456789abcdef0123", [Reply("Nhắc việc")])
    assert caught.value.code == 400
    await channel.deliver("0123456789abcdef0123", [Reply("Nhắc việc")])
    assert "failed: 400" in caplog.text
    await channel.close()


async def test_a_bad_token_fails_at_start(router, fake: FakeZaloBotServer) -> None:
    channel = ZaloBotChannel(router, config_for(fake, token="1:wrong"))
    with pytest.raises(ZaloBotError) as caught:
        await channel.open()
    assert caught.value.code == 401
    await channel.close()


async def test_a_file_reply_goes_out_as_its_text_only(demo, router, fake) -> None:
    from handlers.io import FileKind, OutgoingFile
    from tests.support.samples import PDF

    async with running(ZaloBotChannel(router, config_for(fake))) as channel:
        await Person(fake, channel).say("/start")
        report = OutgoingFile("baocao.pdf", PDF, FileKind.DOCUMENT, "application/pdf")
        await channel.send(USER, [Reply("Báo cáo tuần", file=report)])
    assert fake.sent_to(USER)[-1] == "Báo cáo tuần"
    assert fake.calls("sendPhoto") == []


async def test_unreadable_updates_are_skipped_and_polling_goes_on(demo, router, fake) -> None:
    async with running(ZaloBotChannel(router, config_for(fake))) as channel:
        for junk in (
            {"event_name": "message.text.received", "message": {"from": "x", "chat": 3}},
            {"ok": True, "result": {"message": {"message_id": "1"}}},
            {"event_name": "message.text.received", "message": {"message_id": "g1",
             "from": {"id": "a"}, "chat": {"id": "grp", "chat_type": "GROUP"}, "text": "hi"}},
        ):  # fmt: skip
            fake.push_raw(junk)
        assert Vi.PRIVACY_NOTICE in await Person(fake, channel).say("/start")
    assert [s["chat_id"] for s in fake.state.sent] == [USER]
