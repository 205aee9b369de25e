"""The fake Telegram Bot API itself: its spec checker, its answers, and its simulated users."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.fakes.botapi_spec import BotApiSpec
from tests.fakes.telegram_server import FakeTelegram, default_spec

KEYBOARD = {"inline_keyboard": [[{"text": "Đăng ký", "callback_data": "reg"}]]}


@pytest.fixture
def spec() -> BotApiSpec:
    return default_spec()


@pytest.fixture
def tg(fake_telegram: FakeTelegram) -> FakeTelegram:
    fake_telegram.user(42, "An")
    return fake_telegram


Api = Callable[..., httpx.Response]


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.fixture
def call(tg: FakeTelegram, http: httpx.Client) -> Api:
    """One JSON request, the way a plain HTTP client would make it."""

    def post(method: str, **params: Any) -> httpx.Response:
        return http.post(f"{tg.base_url}{tg.token}/{method}", json=params)

    return post


def keyboard(*labels: str) -> dict[str, Any]:
    return {"inline_keyboard": [[{"text": t, "callback_data": f"cb:{t}"[:64]}] for t in labels]}


# -- the spec checker ---------------------------------------------------------------------------


def test_spec_reports_an_empty_required_field_as_missing(spec: BotApiSpec) -> None:
    check = spec.check_call("sendMessage", {"chat_id": "42", "text": ""})
    assert check.missing == ["text"]
    assert not check.ok


def test_spec_finds_a_long_callback_data_by_its_path(spec: BotApiSpec) -> None:
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": "a"}, {"text": "b"}]]}
    markup["inline_keyboard"][0][1]["callback_data"] = "đ" * 32 + "x"  # 65 bytes in UTF-8
    check = spec.check_call("sendMessage", {"chat_id": "1", "text": "hi", "reply_markup": markup})
    assert check.errors == [
        "reply_markup.inline_keyboard[0][1].callback_data: 65 bytes, allowed 1-64 bytes"
    ]


def test_spec_counts_characters_after_html_parsing(spec: BotApiSpec) -> None:
    long = {"chat_id": 1, "text": "x" * 4097}
    assert spec.check_call("sendMessage", long).errors == [
        "text: 4097 characters, allowed 1-4096 characters"
    ]
    html = {"chat_id": 1, "text": "<b>x</b>" + "x" * 4095, "parse_mode": "HTML"}
    assert spec.check_call("sendMessage", html).ok
    broken = {"chat_id": 1, "text": "<b>x", "parse_mode": "HTML"}
    assert "can't parse entities" in spec.check_call("sendMessage", broken).errors[0]


def test_spec_checks_types_and_names_unknown_things(spec: BotApiSpec) -> None:
    check = spec.check_call(
        "editmessagetext",  # method names are case-insensitive
        {"chat_id": {"id": 1}, "message_id": "abc", "text": "x", "colour": "red"},
    )
    assert check.method == "editMessageText"
    assert check.errors == [
        "chat_id: expected Integer or String, got an object",
        "message_id: expected Integer, got 'abc'",
    ]
    assert check.unknown == ["colour"]
    unknown = spec.check_call("sendMessages", {})
    assert unknown.errors == ["sendMessages: no such method in Bot API 10.1"]


def test_spec_coerces_form_strings_and_resolves_abstract_types(spec: BotApiSpec) -> None:
    commands = json.dumps([{"command": "start", "description": "Bắt đầu"}])
    good = {"commands": commands, "scope": json.dumps({"type": "chat", "chat_id": 42})}
    assert spec.check_call("setMyCommands", good).ok
    bad_scope = {"commands": commands, "scope": json.dumps({"type": "chat"})}
    assert spec.check_call("setMyCommands", bad_scope).errors == [
        "scope.chat_id: required field missing"
    ]
    upper = {"commands": json.dumps([{"command": "Start", "description": "x"}])}
    assert spec.check_call("setMyCommands", upper).errors == [
        "commands[0].command: 'Start' may only contain [a-z0-9_]*"
    ]
    flags = {"chat_id": "1", "text": "x", "disable_notification": "maybe"}
    assert spec.check_call("sendMessage", flags).errors == [
        "disable_notification: expected Boolean, got 'maybe'"
    ]


def test_spec_wants_exactly_one_action_on_an_inline_button(spec: BotApiSpec) -> None:
    markup = {"inline_keyboard": [[{"text": "no action"}]]}
    check = spec.check_call("sendMessage", {"chat_id": 1, "text": "x", "reply_markup": markup})
    assert len(check.errors) == 1
    assert check.errors[0].startswith("reply_markup.inline_keyboard[0][0]: exactly one of")


# -- HTTP: bodies, errors, violations ---------------------------------------------------------


def test_json_form_query_and_multipart_bodies_are_all_accepted(
    tg: FakeTelegram, call: Api, http: httpx.Client
) -> None:
    url = f"{tg.base_url}{tg.token}"
    assert call("sendMessage", chat_id=42, text="json", reply_markup=KEYBOARD).is_success
    form = {"chat_id": "42", "text": "form", "reply_markup": json.dumps(KEYBOARD)}
    assert http.post(f"{url}/sendMessage", data=form).status_code == 200
    assert http.get(f"{url}/sendMessage", params={"chat_id": 42, "text": "query"}).is_success
    files = {"document": ("report.pdf", b"%PDF-1.4", "application/pdf")}
    fields = {"chat_id": "42", "caption": "multi"}
    sent = http.post(f"{url}/sendDocument", data=fields, files=files)
    document = sent.json()["result"]["document"]
    assert document["file_name"] == "report.pdf"
    by_id = call("sendDocument", chat_id=42, document=document["file_id"])
    assert by_id.json()["result"]["document"]["file_id"] == document["file_id"]
    assert tg.texts(42) == ["json", "form", "query", "multi", ""]
    assert tg.last_message(42).kind == "document"
    assert not tg.violations


def test_a_bad_request_is_answered_400_and_recorded(tg: FakeTelegram, call: Api) -> None:
    tg.allow_violations = True
    missing = call("sendMessage", chat_id=42)
    assert missing.status_code == 400
    assert missing.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: text: required parameter missing",
    }
    call("sendMessage", chat_id=42, text="x" * 4097)
    call("sendMessage", chat_id=42, text="hi", unknown_flag=True)
    assert tg.violations == [
        "sendMessage: text: required parameter missing",
        "sendMessage: text: 4097 characters, allowed 1-4096 characters",
    ]
    assert tg.warnings == ["sendMessage: unknown parameter unknown_flag"]
    assert [c.status for c in tg.calls] == [400, 400, 200]
    assert tg.problems()


def test_unknown_method_and_wrong_token(tg: FakeTelegram, call: Api, http: httpx.Client) -> None:
    tg.allow_violations = True
    unknown = call("sendMessages", chat_id=42, text="hi")
    assert (unknown.status_code, unknown.json()["description"]) == (
        404,
        "Not Found: method not found",
    )
    wrong = http.post(f"{tg.base_url}1:wrong/getMe")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert tg.violations == ["sendMessages: no such Bot API method"]


def test_sending_to_a_chat_that_never_started_the_bot_fails(tg: FakeTelegram, call: Api) -> None:
    answer = call("sendMessage", chat_id=999, text="hi")
    assert answer.json()["description"] == "Bad Request: chat not found"


# -- long polling ---------------------------------------------------------------------------------


async def test_long_poll_returns_as_soon_as_an_update_arrives(tg: FakeTelegram) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        poll = asyncio.create_task(
            client.post(f"{tg.base_url}{tg.token}/getUpdates", json={"timeout": 5})
        )
        await tg.wait_for(lambda tg: tg.calls_to("getUpdates"), timeout=5)
        started = time.monotonic()
        tg.user(7, "Bình").send_text("/start")
        updates = (await poll).json()["result"]
    assert time.monotonic() - started < 1
    message = updates[0]["message"]
    assert message["text"] == "/start"
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["chat"] == {"id": 7, "type": "private", "first_name": "Bình"}


async def test_long_poll_answers_empty_after_its_timeout(tg: FakeTelegram) -> None:
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.get(f"{tg.base_url}{tg.token}/getUpdates", params={"timeout": 1})
    assert answer.json() == {"ok": True, "result": []}
    assert 1 <= time.monotonic() - started < 2


async def test_a_second_long_poll_ends_the_first_with_409(tg: FakeTelegram) -> None:
    url = f"{tg.base_url}{tg.token}/getUpdates"
    async with httpx.AsyncClient(timeout=10) as client:
        first = asyncio.create_task(client.post(url, json={"timeout": 5}))
        await tg.wait_for(lambda tg: tg.calls_to("getUpdates"))
        second = asyncio.create_task(client.post(url, json={"timeout": 5}))
        conflict = (await first).json()
        tg.user(42).send_text("hi")
        assert len((await second).json()["result"]) == 1
    assert conflict["error_code"] == 409
    assert conflict["description"].startswith("Conflict: terminated by other getUpdates")


def test_offset_confirms_earlier_updates(tg: FakeTelegram, call: Api) -> None:
    user = tg.user(42, "An")
    first, second = user.send_text("một"), user.send_text("hai")
    ids = [u["update_id"] for u in call("getUpdates").json()["result"]]
    assert ids == [first["update_id"], second["update_id"]]
    assert len(call("getUpdates", limit=1).json()["result"]) == 1
    again = call("getUpdates", offset=first["update_id"] + 1).json()["result"]
    assert [u["update_id"] for u in again] == [second["update_id"]]
    assert call("getUpdates", offset=second["update_id"] + 1).json()["result"] == []


def test_allowed_updates_drops_other_kinds(tg: FakeTelegram, call: Api) -> None:
    user = tg.user(42, "An")
    call("sendMessage", chat_id=42, text="menu", reply_markup=KEYBOARD)
    call("getUpdates", allowed_updates=["callback_query"])
    user.send_text("ignored")
    pressed = user.press("Đăng ký")
    assert call("getUpdates").json()["result"] == [pressed]


# -- files ---------------------------------------------------------------------------------------


def test_get_file_then_download_and_the_20_mb_limit(
    tg: FakeTelegram, call: Api, http: httpx.Client
) -> None:
    user = tg.user(42, "An")
    photo = user.send_photo(b"\xff\xd8 big photo bytes " * 10, caption="ảnh")["message"]
    sizes = photo["photo"]
    assert [s["width"] for s in sizes] == [90, 320, 1280]
    file = call("getFile", file_id=sizes[-1]["file_id"]).json()["result"]
    download = http.get(f"{tg.file_base_url}{tg.token}/{file['file_path']}")
    assert download.content == b"\xff\xd8 big photo bytes " * 10
    assert file["file_size"] == len(download.content)
    huge = user.send_document(b"%PDF", "big.pdf", "application/pdf", file_size=25 * 1024 * 1024)
    too_big = call("getFile", file_id=huge["message"]["document"]["file_id"])
    assert (too_big.status_code, too_big.json()["description"]) == (
        400,
        "Bad Request: file is too big",
    )
    assert tg.downloads == [file["file_path"]]


def test_album_contact_and_updates_match_the_spec(
    tg: FakeTelegram, spec: BotApiSpec, call: Api
) -> None:
    user = tg.user(42, "An")
    album = user.send_album([b"one", b"two", b"three"], caption="ba ảnh")
    groups = {u["message"]["media_group_id"] for u in album}
    assert len(groups) == 1
    assert [u["message"].get("caption") for u in album] == ["ba ảnh", None, None]
    own = user.share_contact("+84901234567")["message"]["contact"]
    other = user.share_contact("+84907654321", own=False)["message"]["contact"]
    assert own["user_id"] == 42 and other["user_id"] != 42
    call("sendMessage", chat_id=42, text="menu", reply_markup=KEYBOARD)
    updates = [*album, user.press("Đăng ký"), user.send_document(b"x", "a.pdf", "application/pdf")]
    for update in updates:
        result = spec.check_value("Update", update)
        assert (result.errors, result.unknown) == ([], [])


# -- injected failures, blocking, flood limits ------------------------------------------------


def test_fail_next_answers_429_then_500_then_normally(tg: FakeTelegram, call: Api) -> None:
    tg.fail_next("sendMessage", 429, retry_after=7)
    tg.fail_next("sendmessage", 500)
    limited = call("sendMessage", chat_id=42, text="a")
    assert limited.status_code == 429
    assert limited.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    assert call("sendMessage", chat_id=42, text="a").json()["error_code"] == 500
    assert call("sendMessage", chat_id=42, text="a").status_code == 200
    assert [(r.chat_id, r.retry_after, r.reason) for r in tg.rate_limited] == [(42, 7, "injected")]
    tg.allow_violations = True  # the retries above came before retry_after
    assert len(tg.early_retries()) == 2


def test_a_blocked_chat_answers_403(tg: FakeTelegram, call: Api) -> None:
    tg.block(42)
    answer = call("sendMessage", chat_id=42, text="hi")
    assert answer.status_code == 403
    assert answer.json()["description"] == "Forbidden: bot was blocked by the user"
    tg.unblock(42)
    assert call("sendMessage", chat_id=42, text="hi").status_code == 200


def test_flood_limits_answer_429_and_catch_an_early_retry(tg: FakeTelegram, call: Api) -> None:
    tg.enforce_limits = True
    statuses = [call("sendMessage", chat_id=42, text=f"{i}").status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]
    limit = tg.rate_limited[0]
    assert (limit.chat_id, limit.reason) == (42, "chat") and 1 <= limit.retry_after <= 3
    assert call("sendMessage", chat_id=42, text="too soon").status_code == 429
    assert tg.early_retries() and tg.problems()
    tg.allow_violations = True


def test_the_global_limit_counts_all_chats(tg: FakeTelegram, call: Api) -> None:
    tg.enforce_limits = True
    tg.messages_per_second = 5
    for chat in range(100, 106):
        tg.user(chat)
    statuses = [call("sendMessage", chat_id=c, text="tin").status_code for c in range(100, 106)]
    assert statuses == [200] * 5 + [429]
    assert tg.rate_limited[-1].reason == "global"
    assert call("answerCallbackQuery", callback_query_id="1").status_code == 400  # not limited


async def test_latency_delays_every_call(tg: FakeTelegram) -> None:
    tg.latency = 0.1
    started = time.monotonic()
    async with httpx.AsyncClient() as client:
        await client.post(f"{tg.base_url}{tg.token}/getMe")
    assert time.monotonic() - started >= 0.1


# -- messages, edits, buttons ---------------------------------------------------------------------


def test_press_uses_the_newest_keyboard_with_that_label(tg: FakeTelegram, call: Api) -> None:
    user = tg.user(42, "An")
    old = call("sendMessage", chat_id=42, text="cũ", reply_markup=keyboard("Tiếp tục", "Hủy"))
    call("sendMessage", chat_id=42, text="mới", reply_markup=keyboard("Tiếp tục"))
    query = user.press("Tiếp")["callback_query"]  # contained in the label
    assert (query["message"]["text"], query["data"]) == ("mới", "cb:Tiếp tục")
    assert user.press("Hủy")["callback_query"]["message"]["text"] == "cũ"
    stale = user.press_on(old.json()["result"]["message_id"], "Tiếp tục")["callback_query"]
    assert stale["message"]["text"] == "cũ"
    with pytest.raises(AssertionError, match=r"no button 'Gửi'.*\['Tiếp tục'\]"):
        user.press("Gửi")


def test_edits_are_applied_kept_and_refused_when_identical(tg: FakeTelegram, call: Api) -> None:
    sent = call("sendMessage", chat_id=42, text="Chọn mô hình", reply_markup=KEYBOARD)
    message_id = sent.json()["result"]["message_id"]
    edit = {"chat_id": 42, "message_id": message_id, "text": "Đã chọn"}
    assert call("editMessageText", **edit, reply_markup=KEYBOARD).status_code == 200
    same = call("editMessageText", **edit, reply_markup=KEYBOARD)
    assert same.json()["description"].startswith("Bad Request: message is not modified")
    assert call("editMessageReplyMarkup", chat_id=42, message_id=message_id).is_success
    missing = call("editMessageText", chat_id=42, message_id=99, text="x")
    assert missing.json()["description"] == "Bad Request: message to edit not found"
    shown = tg.last_message(42)
    assert (shown.text, shown.reply_markup) == ("Đã chọn", None)
    assert [e.method for e in shown.edits] == ["editMessageText", "editMessageReplyMarkup"]
    assert len(tg.rejections) == 2


def test_callback_queries_are_answered_once(tg: FakeTelegram, call: Api) -> None:
    user = tg.user(42, "An")
    call("sendMessage", chat_id=42, text="menu", reply_markup=KEYBOARD)
    query_id = user.press("Đăng ký")["callback_query"]["id"]
    assert call("answerCallbackQuery", callback_query_id=query_id, text="OK").is_success
    again = call("answerCallbackQuery", callback_query_id=query_id)
    assert again.json()["description"].startswith("Bad Request: query is too old")
    assert [(a.query_id, a.text) for a in tg.callback_answers] == [(query_id, "OK")]


async def test_wait_for_times_out_with_a_useful_message(tg: FakeTelegram, call: Api) -> None:
    call("sendMessage", chat_id=42, text="Xin chào")
    with pytest.raises(TimeoutError) as caught:
        await tg.wait_for(lambda tg: tg.last_message(42).text == "Tạm biệt", timeout=0.2)
    message = str(caught.value)
    assert "timed out after 0.2s" in message
    assert "Tạm biệt" in message and "Xin chào" in message and "sendMessage -> 200" in message
    with pytest.raises(TimeoutError, match="a goodbye"):
        tg.wait_for_sync(lambda tg: False, timeout=0.05, what="a goodbye")


# -- the real python-telegram-bot client ---------------------------------------------------------


@pytest.mark.filterwarnings("ignore:.*retry_after.*timedelta")
async def test_python_telegram_bot_requests_pass_the_spec(tg: FakeTelegram) -> None:
    user = tg.user(42, "An")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Đăng ký", callback_data="reg:m2")]])
    async with Bot(tg.token, base_url=tg.base_url, base_file_url=tg.file_base_url) as bot:
        sent = await bot.send_message(42, "Chọn mô hình", reply_markup=markup)
        await bot.edit_message_text("Mô hình 2", chat_id=42, message_id=sent.message_id)
        await bot.send_message(42, "Menu", reply_markup=markup)
        user.press("Đăng ký")
        user.send_photo(b"\xff\xd8photo", caption="minh chứng")
        updates = await bot.get_updates(timeout=1)
        query, photo = updates[0].callback_query, updates[1].message.photo[-1]
        await bot.answer_callback_query(query.id, text="Đã nhận")
        await bot.set_my_commands([BotCommand("dangky", "Đăng ký")], language_code="vi")
        await bot.set_my_commands([BotCommand("help", "Help")], scope=BotCommandScopeChat(42))
        data = await (await bot.get_file(photo.file_id)).download_as_bytearray()
        await bot.send_document(42, b"%PDF-1.4", filename="bao-cao.pdf")
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("Mô hình 2", chat_id=42, message_id=sent.message_id)
        tg.block(42)
        with pytest.raises(Forbidden):
            await bot.send_message(42, "hi")
        tg.unblock(42)
        tg.fail_next("sendMessage", 429, retry_after=3)
        with pytest.raises(RetryAfter):
            await bot.send_message(42, "hi")
    assert query.data == "reg:m2" and bytes(data) == b"\xff\xd8photo"
    assert tg.texts(42) == ["Mô hình 2", "Menu", ""]
    assert tg.commands == {
        ("default", "vi"): [{"command": "dangky", "description": "Đăng ký"}],
        ("chat:42", ""): [{"command": "help", "description": "Help"}],
    }
    assert (tg.violations, tg.warnings) == ([], [])


async def test_an_application_serves_several_users_at_once(tg: FakeTelegram) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        button = InlineKeyboardButton("Tiếp tục", callback_data="next")
        await update.effective_message.reply_text(
            "Chào", reply_markup=InlineKeyboardMarkup([[button]])
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("Xong")

    app = (
        ApplicationBuilder()
        .token(tg.token)
        .base_url(tg.base_url)
        .base_file_url(tg.file_base_url)
        .build()
    )
    app.add_handlers([CommandHandler("start", start), CallbackQueryHandler(pressed)])
    users = [tg.user(user_id, f"Người {user_id}") for user_id in range(1, 6)]
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=10)
        for user in users:
            user.send_text("/start")
        first = await tg.wait_for(lambda tg: tg.last_message(1))  # returns what it waited for
        assert first.text == "Chào"
        await tg.wait_for(lambda tg: all(tg.messages(u.chat_id) for u in users))
        for user in users:
            user.press("Tiếp tục")
        await tg.wait_for(lambda tg: all(tg.texts(u.chat_id) == ["Xong"] for u in users))
        await app.updater.stop()
        await app.stop()
    assert first.text == "Xong" and len(tg.callback_answers) == 5  # edited in place
    assert tg.last_message(3).edits[0].text == "Xong"
    assert tg.warnings == []
    assert 409 not in {c.status for c in tg.calls_to("getUpdates")}
