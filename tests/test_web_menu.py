"""The console in the bot's menu: a Mini App button (Telegram's `web_app`) for people whose
roles have console pages when the console is served over https; `/web` in the help."""

from __future__ import annotations

from handlers.core import Deps
from handlers.io import Button, Reply
from handlers.router import Router
from handlers.texts import Vi
from tests.conftest import ALLOWED
from tests.fakes.botapi_spec import BotApiSpec
from tests.fakes.memory import MemoryChat
from tests.support.helpers import linked


def chats(sessionmaker, clock, files_dir, base_url: str):
    deps = Deps.for_dir(files_dir, max_bytes=1 << 20, allowed=ALLOWED, web_base_url=base_url)
    router = Router(sessionmaker, deps, clock=clock)
    return lambda uid, **o: MemoryChat(router, uid, **o)


def console_buttons(reply: Reply) -> list[Button]:
    return [b for b in reply.flat_buttons if b.web_app]


async def test_reviewer_gets_a_mini_app_button_staff_do_not(demo, sessionmaker, clock, files_dir):
    make = chats(sessionmaker, clock, files_dir, "https://dvk.example.vn")
    hanh = await linked(make, sessionmaker, clock, "HNI0003")
    menu = (await hanh.send("/menu"))[-1]
    assert console_buttons(menu) == [
        Button(Vi.BTN_CONSOLE, "/web", web_app="https://dvk.example.vn/console/")
    ]
    assert "/web" in (await hanh.send("/trogiup"))[-1].text
    thao = await linked(make, sessionmaker, clock, "HNI0008")
    assert console_buttons((await thao.send("/menu"))[-1]) == []
    # anyone linked may still ask for a link
    assert "https://dvk.example.vn/console/login/" in (await thao.send("/web"))[-1].text


async def test_no_button_without_https_and_no_web_help_without_a_console(
    demo, sessionmaker, clock, files_dir
):
    plain = chats(sessionmaker, clock, files_dir, "http://10.0.0.5:8080")
    hanh = await linked(plain, sessionmaker, clock, "HNI0003")
    assert console_buttons((await hanh.send("/menu"))[-1]) == []
    off = chats(sessionmaker, clock, files_dir, "")
    tam = await linked(off, sessionmaker, clock, "HNI0010")
    assert "/web" not in (await tam.send("/trogiup"))[-1].text


def test_telegram_renders_a_web_app_button_the_bot_api_accepts():
    from bot.channels.telegram.convert import keyboard

    reply = Reply(
        "Menu",
        buttons=(
            (Button("Đăng ký", "/dangky"),),
            (Button(Vi.BTN_CONSOLE, "/web", web_app="https://dvk.example.vn/console/"),),
        ),
    )
    markup = keyboard(reply)
    assert markup is not None
    first, console = markup.inline_keyboard[0][0], markup.inline_keyboard[1][0]
    assert first.callback_data == "/dangky" and first.web_app is None
    assert console.web_app is not None and console.callback_data is None
    assert console.web_app.url == "https://dvk.example.vn/console/"
    check = BotApiSpec.load().check_call(
        "sendMessage", {"chat_id": 1, "text": "Menu", "reply_markup": markup.to_dict()}
    )
    assert check.ok, check.problems()
