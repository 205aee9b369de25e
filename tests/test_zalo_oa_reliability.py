"""The Zalo OA keeps going: rate limits (-32), 5xx and timeouts are retried, errors are
logged with their code, people who left are marked, nothing crashes."""

from __future__ import annotations

import logging

import pytest

from handlers.io import RecipientBlocked, Reply
from handlers.texts import Vi
from tests.support.zalo_oa_helpers import OA_USER, OAPerson, oa_running, serve_oa_fake, text_of

CS = "/v3.0/oa/message/cs"


@pytest.fixture
def oa_fake():
    yield from serve_oa_fake()


async def test_rate_limits_5xx_and_timeouts_are_retried(
    demo, router, clock, oa_fake, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    async with oa_running(router, clock, oa_fake) as channel:
        oa_fake.fail_next(CS, -32, 500, 1.0, 503)
        messages = await OAPerson(oa_fake, channel).act(
            "user_send_text", message={"msg_id": "r1", "text": "/start"}
        )
    assert Vi.PRIVACY_NOTICE in text_of(messages) and len(messages) == 1
    assert len(oa_fake.calls(CS)) == 5
    assert "rate limited (-32)" in caplog.text


async def test_api_errors_are_logged_with_their_code_and_never_crash(
    demo, router, clock, oa_fake, caplog
) -> None:
    async with oa_running(router, clock, oa_fake) as channel:
        person = OAPerson(oa_fake, channel)
        oa_fake.fail_next(CS, -201)
        assert await person.say("/start") == ""  # the answer was refused by Zalo
        assert Vi.PRIVACY_NOTICE in await person.say("/start")  # and the bot goes on
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("Zalo OA API error -201" in e for e in errors)


async def test_a_person_who_never_followed_is_recipient_blocked(
    demo, router, clock, oa_fake, sessionmaker
) -> None:
    marked: list[tuple[str, bool]] = []

    async def on_blocked(chat_id: str, blocked: bool) -> None:
        marked.append((chat_id, blocked))

    async with oa_running(router, clock, oa_fake, on_blocked=on_blocked) as channel:
        await OAPerson(oa_fake, channel).say("/start")
        oa_fake.state.last_seen.pop(OA_USER)  # Zalo: "user has not followed the OA" (-213)
        with pytest.raises(RecipientBlocked):
            await channel.send(OA_USER, [Reply("Nhắc việc")])
    assert marked == [(OA_USER, True)]


async def test_files_go_out_uploaded_then_sent(demo, router, clock, oa_fake) -> None:
    from handlers.io import FileKind, OutgoingFile
    from tests.support.samples import PDF, PNG

    async with oa_running(router, clock, oa_fake) as channel:
        await OAPerson(oa_fake, channel).say("/start")
        report = OutgoingFile("baocao.pdf", PDF, FileKind.DOCUMENT, "application/pdf")
        chart = OutgoingFile("tiendo.png", PNG, FileKind.PHOTO, "image/png")
        ids = await channel.send(OA_USER, [Reply("Báo cáo", file=report), Reply("", file=chart)])
    assert len(ids) == 3  # the text, the file, the image (no empty text before it)
    sent = oa_fake.sent_to(OA_USER)[-3:]
    assert sent[0] == {"text": "Báo cáo"}
    assert sent[1]["attachment"]["type"] == "file"
    assert sent[2]["attachment"]["payload"]["template_type"] == "media"
    assert [c.path for c in oa_fake.calls() if "upload" in c.path] == [
        "/v2.0/oa/upload/file",
        "/v2.0/oa/upload/image",
    ]
