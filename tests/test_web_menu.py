"""The console in the bot's menu: a Mini App button (Telegram's `web_app`) for everyone
linked (every role has console pages: their own entries, results, leaderboard) when the
console is served over https, and the chat's menu button; `/web` in the help."""

from __future__ import annotations

from sqlmodel import select

from handlers.core import Deps
from handlers.io import Button, Reply
from handlers.router import Router
from handlers.texts import Vi
from storage.models import OrgUnit, Person, Role, RoleGrant
from tests.conftest import ALLOWED
from tests.fakes.botapi_spec import BotApiSpec
from tests.fakes.memory import MemoryChat
from tests.fakes.telegram_server import FakeTelegram
from tests.support.helpers import invite_for, linked
from tests.support.telegram_support import (
    channel_for,
    onboard_by_code,
    running,
)


def router_for(sessionmaker, clock, files_dir, base_url: str) -> Router:
    deps = Deps.for_dir(files_dir, max_bytes=1 << 20, allowed=ALLOWED, web_base_url=base_url)
    return Router(sessionmaker, deps, clock=clock)


def chats(sessionmaker, clock, files_dir, base_url: str):
    router = router_for(sessionmaker, clock, files_dir, base_url)
    return lambda uid, **o: MemoryChat(router, uid, **o)


def console_buttons(reply: Reply) -> list[Button]:
    return [b for b in reply.flat_buttons if b.web_app]


async def test_reviewers_and_staff_get_a_mini_app_button(demo, sessionmaker, clock, files_dir):
    make = chats(sessionmaker, clock, files_dir, "https://dvk.example.vn")
    hanh = await linked(make, sessionmaker, clock, "HNI0003")
    menu = (await hanh.send("/menu"))[-1]
    assert console_buttons(menu) == [
        Button(Vi.BTN_CONSOLE, "/web", web_app="https://dvk.example.vn/console/")
    ]
    assert "/web" in (await hanh.send("/trogiup"))[-1].text
    thao = await linked(make, sessionmaker, clock, "HNI0008")
    assert console_buttons((await thao.send("/menu"))[-1]) == [
        Button(Vi.BTN_CONSOLE, "/web", web_app="https://dvk.example.vn/console/")
    ]
    # anyone linked may also ask for a link
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


async def council_member(sessionmaker, code: str) -> None:
    """`code` (staff) sits on Hà Nội's council: no other role."""
    async with sessionmaker() as session, session.begin():
        person = (await session.exec(select(Person).where(Person.employee_code == code))).one()
        hni = (await session.exec(select(OrgUnit).where(OrgUnit.code == "HNI"))).one()
        session.add(
            RoleGrant(
                person_id=person.id, role=Role.COUNCIL_MEMBER, scope_unit_id=hni.id, source="test"
            )
        )


async def menu_of(tg: FakeTelegram, user_id: int, invite: str) -> list[dict]:
    """Link through Telegram with `invite`, then the buttons of the main menu."""
    user = tg.user(user_id)
    await onboard_by_code(tg, user, invite)
    before = len(tg.messages(user.chat_id))
    user.send_text("/menu")
    await tg.wait_for(lambda s: len(s.messages(user.chat_id)) > before, timeout=15)
    return tg.messages(user.chat_id)[-1].buttons


async def test_over_telegram_staff_and_council_members_open_the_console_as_a_mini_app(
    demo, fake_telegram, sessionmaker, clock, files_dir
):
    tg = fake_telegram
    url = "https://dvk.example.vn/console/"
    router = router_for(sessionmaker, clock, files_dir, "https://dvk.example.vn")
    await council_member(sessionmaker, "HNI0015")
    async with running(channel_for(tg, router, sessionmaker, console_url=url)):
        await tg.wait_for(lambda s: "" in s.state.menu_buttons, timeout=15)
        assert tg.state.menu_buttons[""] == {
            "type": "web_app",
            "text": Vi.BTN_CONSOLE,
            "web_app": {"url": url},
        }
        for user_id, code in ((7009, "HNI0009"), (7015, "HNI0015")):
            buttons = await menu_of(tg, user_id, await invite_for(sessionmaker, clock, code))
            apps = [b for b in buttons if "web_app" in b]
            assert apps == [{"text": Vi.BTN_CONSOLE, "web_app": {"url": url}}], (code, buttons)
    assert not tg.violations


async def test_over_telegram_without_a_console_nothing_breaks(
    demo, fake_telegram, sessionmaker, clock, files_dir
):
    tg = fake_telegram
    router = router_for(sessionmaker, clock, files_dir, "")
    async with running(channel_for(tg, router, sessionmaker)):
        await tg.wait_for(lambda s: "" in s.state.menu_buttons, timeout=15)
        assert tg.state.menu_buttons[""] == {"type": "default"}
        buttons = await menu_of(tg, 7009, await invite_for(sessionmaker, clock, "HNI0009"))
        assert buttons and not [b for b in buttons if "web_app" in b]
        assert all(b.get("callback_data") for b in buttons)
    assert not tg.violations
