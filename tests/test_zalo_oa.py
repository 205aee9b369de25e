"""A Zalo Official Account end to end, against a fake OA server on 127.0.0.1: signed
webhook events, the journey with buttons, linking by the phone card, a PDF as evidence."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlmodel import select

from bot.channels.webhooks import WebhookServer
from bot.channels.zalo_oa.channel import ZaloOAChannel
from handlers.texts import Vi
from storage.models import ChatAccount, Evidence, ProcessedUpdate
from tests.support.helpers import invite_for
from tests.support.samples import JPEG, PDF
from tests.support.zalo_helpers import running
from tests.support.zalo_oa_helpers import (
    APP_SECRET,
    OA_SECRET,
    OA_USER,
    OAPerson,
    buttons_of,
    oa_config,
    serve_oa_fake,
    text_of,
)


@pytest.fixture
def fake():
    yield from serve_oa_fake()


@pytest.fixture
async def oa(router, clock, fake):
    """The OA channel running behind its webhook server, wired to the fake."""
    server = WebhookServer("127.0.0.1", 0)
    channel = ZaloOAChannel(router, oa_config(fake), clock=clock)
    async with running(channel, server):
        fake.webhook_url = f"http://127.0.0.1:{server.port}/zalo/oa"
        yield channel


async def link_by_phone(person: OAPerson, invite: str) -> None:
    text = text_of(await person.act("follow", follower={"id": person.user_id}))
    assert Vi.PRIVACY_NOTICE in text
    assert [b["title"] for b in buttons_of(person.seen)] == ["Tôi đồng ý", "Không đồng ý"]
    assert Vi.CONSENT_NEEDED in await person.say("yes")  # typed, not tapped: not a choice
    assert Vi.ASK_INVITE_OR_PHONE in await person.tap("Tôi đồng ý")
    card = person.seen[-1]["attachment"]["payload"]
    assert card["template_type"] == "request_user_info"
    info = {"name": "Bùi Thị Thảo", "phone": "84900000008"}
    # The follower typed the number into the card: it needs the invite code as well.
    assert Vi.PHONE_CONFIRM in text_of(await person.act("user_submit_info", info=info))
    assert "Đã liên kết tài khoản" in await person.say(invite)


async def test_journey_with_buttons_phone_card_and_a_pdf(
    demo, oa, fake, sessionmaker, files_dir, caplog, clock
) -> None:
    caplog.set_level(logging.DEBUG)
    person = OAPerson(fake, oa)
    await link_by_phone(person, await invite_for(sessionmaker, clock, "HNI0008"))
    assert len(buttons_of(person.seen)) == 7  # the main menu, five buttons to a message
    assert "M1 – Dân vận khéo" in await person.tap(Vi.BTN_REGISTER)
    await person.tap("M1 ·")
    await person.tap(Vi.BTN_ACK)
    await person.tap("M1.01")
    await person.tap("M1.03")
    await person.tap(Vi.BTN_NEXT)
    assert "Đã gửi đăng ký mô hình M1" in await person.tap(Vi.BTN_SUBMIT)
    await person.say("/minhchung")
    assert "PDF, Word, Excel" in await person.tap("M1.03")
    text = await person.send_file("file", PDF, "baocao.pdf", "application/pdf")
    assert text.startswith("✅ Đã lưu tệp «baocao.pdf»")
    assert "✅ Đã lưu ảnh" in await person.send_file("image", JPEG, "anh.jpg", "image/jpeg")
    assert "Đã nhận 2 minh chứng cho M1.03" in await person.tap(Vi.BTN_DONE)
    assert "Tổng tự chấm" in await person.say("/tiendo")
    async with sessionmaker() as session:
        kinds = (await session.exec(select(Evidence.kind).order_by(Evidence.id))).all()
        account = (await session.exec(select(ChatAccount))).one()
    assert kinds == ["document", "photo"]
    assert account.channel == "zalo_oa" and account.external_user_id == OA_USER
    for secret in (APP_SECRET, OA_SECRET, *fake.state.access, *fake.state.refresh):
        assert secret not in caplog.text


async def test_bad_or_missing_signature_is_refused_and_nothing_processed(
    demo, oa, fake, sessionmaker
) -> None:
    event = fake.event("user_send_text", OA_USER, message={"msg_id": "m1", "text": "/start"})
    wrong = fake.sign(b"{}", event["timestamp"])
    assert await asyncio.to_thread(fake.post_event, event, wrong) == 401
    assert await asyncio.to_thread(fake.post_event, event, None) == 401
    other_key = fake.sign(b"x", event["timestamp"], key="not-the-oa-secret")
    assert await asyncio.to_thread(fake.post_event, event, other_key) == 401
    await oa.dispatcher.drain()
    async with sessionmaker() as session:
        assert (await session.exec(select(ProcessedUpdate))).all() == []
        assert (await session.exec(select(ChatAccount))).all() == []
    assert fake.calls("/v3.0/oa/message/cs") == []


async def test_redelivered_events_are_answered_once(demo, oa, fake) -> None:
    event = fake.event("user_send_text", OA_USER, message={"msg_id": "m-42", "text": "/start"})
    for _ in range(3):  # Zalo retries after 30 s, 5 min... when it missed our 200
        assert await asyncio.to_thread(fake.post_event, event) == 200
    await oa.dispatcher.drain()
    assert len(fake.sent_to(OA_USER)) == 1
