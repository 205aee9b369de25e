"""The Zalo Bot Platform end to end, against a fake Zalo server on 127.0.0.1: polling and
webhook, the whole journey through numbered menus, photos in, documents refused."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from sqlmodel import select

from bot.channels.webhooks import WebhookServer
from bot.channels.zalo_bot.channel import ZaloBotChannel
from handlers.texts import Vi
from storage.models import Evidence, ProcessedUpdate
from tests.support.helpers import invite_for
from tests.support.samples import JPEG
from tests.support.zalo_helpers import (
    PUBLIC_URL,
    SECRET,
    TOKEN,
    USER,
    Person,
    config_for,
    running,
    serve_fake,
)


@pytest.fixture
def fake():
    yield from serve_fake()


async def link(person: Person, sessionmaker, clock) -> None:
    text = await person.say("/start")
    assert Vi.PRIVACY_NOTICE in text
    assert "1. Tôi đồng ý\n2. Không đồng ý\n\nTrả lời 1 hoặc 2 để chọn." in text
    assert Vi.ASK_INVITE in await person.say(" 1 ")  # no contact sharing on the bot platform
    text = await person.say(await invite_for(sessionmaker, clock, "HNI0008"))
    assert "Đã liên kết tài khoản. Xin chào Bùi Thị Thảo" in text


async def register(person: Person) -> None:
    text = await person.say("１")  # full-width digit: the first entry of the main menu
    assert "M1 – Dân vận khéo trong SXKD" in text
    await person.pick("M1 ·")
    await person.pick(Vi.BTN_ACK)
    await person.pick("☐ M1.01")
    await person.pick("☐ M1.03")
    await person.pick(Vi.BTN_NEXT)
    assert "Đã gửi đăng ký mô hình M1" in await person.pick(Vi.BTN_SUBMIT)


async def test_whole_journey_by_polling_with_numbered_menus(
    demo, router, sessionmaker, clock, fake, files_dir, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    async with running(ZaloBotChannel(router, config_for(fake))) as channel:
        person = Person(fake, channel)
        await link(person, sessionmaker, clock)
        await register(person)
        text = await person.say("/minhchung")
        assert "Chọn tiêu chí cần gửi minh chứng" in text
        text = await person.pick("M1.01")
        assert "chụp ảnh từng trang" in text and "Trả lời 1 hoặc 2 để chọn." in text
        text = await person.photo(JPEG, caption="Hội nghị khách hàng")
        assert text.startswith("✅ Đã lưu ảnh «photo_")
        assert "Kênh này không nhận tệp tài liệu" in await person.unsupported()
        assert "Đã nhận 1 minh chứng cho M1.01" in await person.pick(Vi.BTN_DONE)
        assert (await person.say("/chamdiem")).startswith("Tự chấm 1/2 · M1.01:")
        await person.say("8,5")
        await person.say(" 17 ")
        assert "Đã lưu điểm tự chấm. Tổng: 25,5/100 điểm." in await person.pick(Vi.BTN_DONE)
        text = await person.say("/tiendo")
        assert "Tổng tự chấm: 25,5/100 điểm" in text
    async with sessionmaker() as session:
        evidence = (await session.exec(select(Evidence))).one()
    assert evidence.kind == "photo" and evidence.caption == "Hội nghị khách hàng"
    assert (files_dir / evidence.file_path).read_bytes() == JPEG
    assert all(len(c.params.get("text", "")) <= 2000 for c in fake.calls("sendMessage"))
    assert TOKEN not in caplog.text and TOKEN.split(":")[1] not in caplog.text


async def test_numbers_out_of_range_and_words_get_the_list_again(
    demo, router, sessionmaker, clock, fake
) -> None:
    async with running(ZaloBotChannel(router, config_for(fake))) as channel:
        person = Person(fake, channel)
        await person.say("/start")
        text = await person.say(" 7 ")
        assert text.startswith("Vui lòng trả lời 1 hoặc 2.")
        assert Vi.PRIVACY_NOTICE in text and "2. Không đồng ý" in text
        text = await person.say("２")
        assert Vi.CONSENT_DECLINED in text


async def test_a_document_outside_the_evidence_step_is_explained(
    demo, router, sessionmaker, clock, fake
) -> None:
    async with running(ZaloBotChannel(router, config_for(fake))) as channel:
        person = Person(fake, channel)
        await link(person, sessionmaker, clock)
        assert Vi.FILE_NOT_EXPECTED in await person.unsupported()


async def test_redelivered_events_are_handled_once(demo, router, fake) -> None:
    async with running(ZaloBotChannel(router, config_for(fake))) as channel:
        person = Person(fake, channel)
        first = fake.user_sends_text(USER, "/start")
        await fake.wait_for(lambda: len(fake.sent_to(USER)) == 1)
        await channel.dispatcher.drain()
        fake.push(first)  # Zalo sends the same event again
        await person.say("/trogiup")
    sent = fake.sent_to(USER)
    assert [Vi.PRIVACY_NOTICE in s for s in sent] == [True, False, True]  # /start, /trogiup
    assert sent[1] == Vi.HELP_UNLINKED
    async with router.sessionmaker() as session:
        keys = (await session.exec(select(ProcessedUpdate.update_id))).all()
    assert f"message.text.received:{first['message']['message_id']}" in keys


async def test_webhook_refuses_a_wrong_or_missing_secret_and_serves_the_right_one(
    demo, router, sessionmaker, fake, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    config = config_for(fake, webhook_url=PUBLIC_URL, webhook_secret=SECRET)
    server = WebhookServer("127.0.0.1", 0)
    async with running(ZaloBotChannel(router, config), server) as channel:
        fake.route[PUBLIC_URL] = f"http://127.0.0.1:{server.port}/zalo/bot"
        assert fake.calls("setWebhook")[-1].params == {"url": PUBLIC_URL, "secret_token": SECRET}
        update = fake._update(USER, "message.text.received", text="/start")
        assert await asyncio.to_thread(fake.post_webhook, update, "wrong-secret-123") == 403
        assert await asyncio.to_thread(fake.post_webhook, update, None) == 401
        await channel.dispatcher.drain()
        async with sessionmaker() as session:
            assert (await session.exec(select(ProcessedUpdate))).all() == []
        assert await asyncio.to_thread(fake.post_webhook, {}, SECRET) == 200  # Zalo's probe
        assert Vi.PRIVACY_NOTICE in await Person(fake, channel).say("/start")
        async with httpx.AsyncClient() as client:
            health = await client.get(f"http://127.0.0.1:{server.port}/healthz")
        assert health.text == "ok"
    assert fake.calls("getUpdates") == []
    assert SECRET not in caplog.text and "fakeSecretPart" not in caplog.text
