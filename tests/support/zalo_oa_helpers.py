"""Driving the Zalo OA channel in tests: a fake OA server whose users post signed events
to the channel's webhook, and a person reading the consultation messages sent back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Any

from bot.channels.zalo_oa.channel import ZaloOAChannel, ZaloOAConfig
from bot.channels.zalo_oa.convert import QUERY_PREFIX
from tests.fakes.zalo_oa_server import FakeZaloOAServer
from tests.support.zalo_helpers import SEND_AT_ONCE

APP_ID = "4143269711094329385"
APP_SECRET = "app-secret-key-0123456789"
OA_SECRET = "oa-secret-key-9876543210"
OA_USER = "8756278419402845123"


def serve_oa_fake() -> Iterator[FakeZaloOAServer]:
    server = FakeZaloOAServer(APP_ID, APP_SECRET, OA_SECRET).start()
    yield server
    server.stop()


def oa_config(fake: FakeZaloOAServer, **options: Any) -> ZaloOAConfig:
    values: dict[str, Any] = dict(
        app_id=APP_ID,
        secret_key=APP_SECRET,
        webhook_secret_key=OA_SECRET,
        refresh_token=fake.issue_refresh_token(),
        api_base_url=fake.url,
        oauth_base_url=fake.url,
        **SEND_AT_ONCE,
    )
    return ZaloOAConfig(**(values | options))


def text_of(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages if m.get("text"))


def buttons_of(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for message in messages:
        payload = (message.get("attachment") or {}).get("payload") or {}
        found.extend(payload.get("buttons") or [])
    return found


class OAPerson:
    """Someone following the OA."""

    def __init__(self, fake: FakeZaloOAServer, channel: ZaloOAChannel, user_id: str = OA_USER):
        self.fake, self.channel, self.user_id = fake, channel, user_id
        self.seen: list[dict[str, Any]] = []

    async def act(self, name: str, **fields: Any) -> list[dict[str, Any]]:
        """Post one event; the messages the bot sent back for it."""
        before = len(self.fake.sent_to(self.user_id))
        event = self.fake.event(name, self.user_id, **fields)
        assert await asyncio.to_thread(self.fake.post_event, event) == 200
        await self.channel.dispatcher.drain()
        self.seen = self.fake.sent_to(self.user_id)[before:]
        return self.seen

    async def say(self, text: str) -> str:
        return text_of(await self.act("user_send_text", message={"msg_id": _id(), "text": text}))

    async def tap(self, label: str) -> str:
        """Press the button labelled `label` (or containing it) in the last messages."""
        buttons = buttons_of(self.seen)
        chosen = [b for b in buttons if b["title"] == label] or [
            b for b in buttons if label in b["title"]
        ]
        assert chosen, f"no button {label!r} in {[b['title'] for b in buttons]}"
        payload = chosen[0]["payload"]
        assert payload.startswith(QUERY_PREFIX) and chosen[0]["type"] == "oa.query.hide"
        return await self.say(payload)

    async def send_file(self, kind: str, data: bytes, name: str, mime: str) -> str:
        url = self.fake.host(data, name, mime)
        payload = {"url": url, "name": name, "size": str(len(data)), "type": mime}
        attachment = {"type": "image" if kind == "image" else "file", "payload": payload}
        message = {"msg_id": _id(), "attachments": [attachment]}
        return text_of(await self.act(f"user_send_{kind}", message=message))


def _id() -> str:
    import secrets

    return secrets.token_hex(16)


@asynccontextmanager
async def oa_running(router: Any, clock: Any, fake: FakeZaloOAServer, **options: Any):
    """The OA channel running behind its webhook server, wired to the fake."""
    from bot.channels.webhooks import WebhookServer
    from tests.support.zalo_helpers import running

    server = WebhookServer("127.0.0.1", 0)
    channel = ZaloOAChannel(router, oa_config(fake), clock=clock, **options)
    async with running(channel, server):
        fake.webhook_url = f"http://127.0.0.1:{server.port}/zalo/oa"
        yield channel


async def link_by_phone(person: OAPerson, invite: str, phone: str = "84900000008") -> None:
    """Follow, agree, share the phone through the card (typed by the follower, so not
    proof), confirm with the invite code: linked."""
    from handlers.texts import Vi

    await person.act("follow", follower={"id": person.user_id})
    await person.tap("Tôi đồng ý")
    texts = text_of(await person.act("user_submit_info", info={"name": "X", "phone": phone}))
    assert Vi.PHONE_CONFIRM in texts
    assert "Đã liên kết tài khoản" in await person.say(invite)
