"""Every other kind of update Telegram can send, against the fake Bot API server: what a
person sends that the bot cannot read gets one short hint and the current step; edits,
reactions, member changes, join requests, service messages and the like are ignored
quietly; nothing crashes and nothing gets more than one reply."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from telegram import Update

from bot.channels.telegram.channel import TelegramChannel
from handlers.texts import Vi
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.telegram_users import FakeUser
from tests.support.helpers import invite_for
from tests.support.telegram_support import (
    channel_for,
    onboard_by_code,
    running,
    send_and_see,
)

SENDS = {"sendmessage", "sendphoto", "senddocument"}
FILE = {"file_id": "AwACAgIAAxkBAAIBfake", "file_unique_id": "AgADfake"}
STEP = "Chọn mô hình"  # the question /dangky asks first


def replies_to(tg: FakeTelegram, chat_id: int) -> int:
    """Messages sent to the chat so far (taking the keyboard off an older menu is not one)."""
    return sum(
        1
        for call in tg.calls
        if call.method.lower() in SENDS and str(call.params.get("chat_id")) == str(chat_id)
    )


# What a person may send in the private chat: one hint, and the step asked again.
UNREADABLE = {
    "sticker": {
        "sticker": {
            **FILE,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "voice": {"voice": {**FILE, "duration": 3}},
    "video_note": {"video_note": {**FILE, "length": 240, "duration": 4}},
    "video": {"video": {**FILE, "width": 640, "height": 480, "duration": 5}},
    "audio": {"audio": {**FILE, "duration": 60}},
    "poll": {
        "poll": {
            "id": "5000000001",
            "question": "Họp lúc nào?",
            "options": [
                {"persistent_id": "o1", "text": "Sáng", "voter_count": 0},
                {"persistent_id": "o2", "text": "Chiều", "voter_count": 0},
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
    },
    "dice": {"dice": {"emoji": "🎲", "value": 4}},
    "location": {"location": {"latitude": 21.0278, "longitude": 105.8342}},
    "venue": {
        "location": {"latitude": 21.0278, "longitude": 105.8342},
        "venue": {
            "location": {"latitude": 21.0278, "longitude": 105.8342},
            "title": "Bưu điện Hà Nội",
            "address": "75 Đinh Tiên Hoàng",
        },
    },
}
# Service messages in a private chat: nothing the person said.
SERVICE = {
    "pinned_message": lambda user, chat: {
        "pinned_message": {"message_id": 1, "chat": chat, "date": 0}
    },
    "auto_delete_timer": lambda user, chat: {
        "message_auto_delete_timer_changed": {"message_auto_delete_time": 86400}
    },
    "write_access_allowed": lambda user, chat: {"write_access_allowed": {"from_request": True}},
}


def message_json(user: FakeUser, tg: FakeTelegram, content: dict) -> dict:
    with tg.state.lock:
        return {
            "message_id": tg.state.next_message_id(user.chat_id),
            "from": user.as_json(),
            "chat": tg.state.chat_json(user.chat_id),
            "date": int(time.time()),
            **content,
        }


def queue(tg: FakeTelegram, kind: str, payload: dict) -> None:
    with tg.state.lock:
        tg.state.add_update(kind, payload)
    tg.state.signal.notify()


def other_updates(user: FakeUser, tg: FakeTelegram) -> dict[str, tuple[str, dict]]:
    """Update kinds other than `message` and `callback_query` (the bot does not ask for
    them, but a misconfigured webhook or a future default could deliver them)."""
    me, chat = user.as_json(), tg.state.chat_json(user.chat_id)
    bot = tg.state.bot
    group = {"id": -1001234567890, "type": "supergroup", "title": "Chi bộ"}
    edited = {**message_json(user, tg, {"text": "sửa"}), "edit_date": int(time.time())}
    business = {**message_json(user, tg, {"text": "chào"}), "business_connection_id": "bc1"}
    member = {"user": bot, "status": "member"}
    return {
        "edited_message": ("edited_message", edited),
        "business_message": ("business_message", business),
        "edited_business_message": ("edited_business_message", {**business, "edit_date": 1}),
        "deleted_business_messages": (
            "deleted_business_messages",
            {"business_connection_id": "bc1", "chat": chat, "message_ids": [1]},
        ),
        "message_reaction": (
            "message_reaction",
            {
                "chat": chat,
                "message_id": 1,
                "user": me,
                "date": 0,
                "old_reaction": [],
                "new_reaction": [{"type": "emoji", "emoji": "👍"}],
            },
        ),
        "message_reaction_count": (
            "message_reaction_count",
            {"chat": chat, "message_id": 1, "date": 0, "reactions": []},
        ),
        "my_chat_member": (
            "my_chat_member",
            {
                "chat": chat,
                "from": me,
                "date": 0,
                "old_chat_member": member,
                "new_chat_member": {"user": bot, "status": "kicked", "until_date": 0},
            },
        ),
        "chat_member": (
            "chat_member",
            {
                "chat": group,
                "from": me,
                "date": 0,
                "old_chat_member": {"user": me, "status": "left"},
                "new_chat_member": {"user": me, "status": "member"},
            },
        ),
        "chat_join_request": (
            "chat_join_request",
            {"chat": group, "from": me, "user_chat_id": user.chat_id, "date": 0},
        ),
        "poll_answer": (
            "poll_answer",
            {
                "poll_id": "5000000001",
                "user": me,
                "option_ids": [0],
                "option_persistent_ids": ["o1"],
            },
        ),
        "inline_query": ("inline_query", {"id": "77", "from": me, "query": "M1", "offset": ""}),
        "chosen_inline_result": (
            "chosen_inline_result",
            {"result_id": "1", "from": me, "query": "M1"},
        ),
        "inline_callback": (
            "callback_query",
            {"id": "88", "from": me, "chat_instance": "1", "inline_message_id": "AA", "data": "x"},
        ),
        "group_message": (
            "message",
            {**message_json(user, tg, {"text": "/dangky"}), "chat": group},
        ),
    }


@asynccontextmanager
async def mid_flow(
    tg: FakeTelegram, router, sessionmaker, clock, user_id: int
) -> AsyncIterator[tuple[FakeUser, TelegramChannel]]:
    """The channel running, and `user_id` linked and in the middle of /dangky."""
    user = tg.user(user_id)
    channel = channel_for(tg, router, sessionmaker)
    async with running(channel):
        await onboard_by_code(tg, user, await invite_for(sessionmaker, clock, "HNI0008"))
        await send_and_see(tg, user, "/dangky", STEP)
        yield user, channel


@pytest.mark.parametrize("kind", [*UNREADABLE, "strangers_contact"])
async def test_what_a_person_sends_that_the_bot_cannot_read_gets_one_hint_and_the_step(
    demo, fake_telegram, router, sessionmaker, clock, caplog, kind
):
    tg = fake_telegram
    caplog.set_level(logging.ERROR)
    async with mid_flow(tg, router, sessionmaker, clock, 400) as (user, _):
        before = replies_to(tg, user.chat_id)
        if kind == "strangers_contact":
            user.share_contact("0900000009", own=False)
        else:
            queue(tg, "message", message_json(user, tg, UNREADABLE[kind]))
        shown = len(tg.messages(user.chat_id))
        await tg.wait_for(lambda t: len(t.messages(user.chat_id)) > shown, what=kind)
        newest = tg.messages(user.chat_id)[-1].text or ""
        hint = Vi.UNKNOWN_INPUT if kind == "strangers_contact" else Vi.CANNOT_READ
        assert newest.startswith(hint), newest
        assert STEP in newest  # the step, asked again in the same message
        await send_and_see(tg, user, "/huy", Vi.CANCELLED)
    assert replies_to(tg, user.chat_id) == before + 2  # one for the update, one for /huy
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert Vi.UNEXPECTED_ERROR not in "\n".join(tg.texts(user.chat_id))


@pytest.mark.parametrize("kind", SERVICE)
async def test_service_messages_are_ignored_quietly(
    demo, fake_telegram, router, sessionmaker, clock, caplog, kind
):
    tg = fake_telegram
    caplog.set_level(logging.ERROR)
    async with mid_flow(tg, router, sessionmaker, clock, 401) as (user, _):
        before = replies_to(tg, user.chat_id)
        chat = tg.state.chat_json(user.chat_id)
        queue(tg, "message", message_json(user, tg, SERVICE[kind](user.as_json(), chat)))
        await send_and_see(tg, user, "/huy", Vi.CANCELLED)
    assert replies_to(tg, user.chat_id) == before + 1  # only /huy was answered
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_every_other_update_kind_is_ignored_quietly(
    demo, fake_telegram, router, sessionmaker, clock, caplog
):
    tg = fake_telegram
    caplog.set_level(logging.ERROR)
    async with mid_flow(tg, router, sessionmaker, clock, 402) as (user, channel):
        before = replies_to(tg, user.chat_id)
        for number, (kind, (field, payload)) in enumerate(other_updates(user, tg).items()):
            # Through the fake: Telegram drops kinds the bot did not ask for...
            queue(tg, field, payload)
            # ...and straight into the adapter, as if it had asked for them.
            update = Update.de_json(
                {"update_id": 9_000_000 + number, field: payload}, channel.application.bot
            )
            assert update is not None, kind
            await channel.on_update(update, None)  # type: ignore[arg-type]
        await send_and_see(tg, user, "/huy", Vi.CANCELLED)
    assert replies_to(tg, user.chat_id) == before + 1  # only /huy was answered
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert tg.problems() == []
