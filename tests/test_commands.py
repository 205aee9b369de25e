"""The command table and everything read from it agree: each named flow exists, each
command has its help line, Telegram hint and button label in both languages, and every
command and English alias is answered by the router."""

from __future__ import annotations

import re

import pytest

from handlers.commands import (
    ALIASES,
    BUTTON_LABELS,
    COMMANDS,
    TELEGRAM_MENU,
    canonical,
    helped,
    menu_buttons,
)
from handlers.router import FLOW_COMMANDS, FLOWS
from handlers.texts import En, Vi
from storage.models import Role
from tests.support.helpers import linked

TELEGRAM_NAME = re.compile(r"[a-z0-9_]{1,32}")


def test_each_named_flow_exists_and_the_router_starts_it() -> None:
    named = {c.name: c.flow for c in COMMANDS if c.flow is not None}
    assert set(named.values()) <= set(FLOWS)
    assert {name: flow.name for name, flow in FLOW_COMMANDS.items()} == named


@pytest.mark.parametrize("t", [Vi, En], ids=["vi", "en"])
def test_catalogues_hold_the_texts_the_table_names(t: type[Vi]) -> None:
    assert set(t.HELP_LINES) == {c.name for c in COMMANDS if c.helped or c.console}
    assert set(t.COMMAND_HINTS) == {c.name for c in TELEGRAM_MENU}
    for command in COMMANDS:
        if command.button is not None:
            assert isinstance(getattr(t, command.button.label), str), command.name


def test_names_and_aliases_are_distinct_and_fit_telegram() -> None:
    names = [c.name for c in COMMANDS]
    aliases = [c.alias for c in COMMANDS if c.alias]
    assert len(set(names)) == len(names)
    assert len(set(aliases)) == len(aliases)
    assert not set(names) & set(aliases)
    for name in [*names, *aliases]:
        assert TELEGRAM_NAME.fullmatch(name), name
    assert all(canonical(c.alias) == c.name for c in COMMANDS if c.alias)
    assert canonical("dangky") == "dangky"
    assert set(ALIASES) == set(aliases)


def test_reminder_buttons_carry_the_main_menu_labels() -> None:
    assert BUTTON_LABELS["/dangky"] == "BTN_REGISTER"
    assert BUTTON_LABELS["/tiendo"] == "BTN_PROGRESS"
    assert set(BUTTON_LABELS) == {f"/{c.name}" for c in COMMANDS if c.button}


def test_help_lists_staff_first_then_each_role_then_the_console() -> None:
    roles = {Role.STAFF, Role.PARTY_COMMITTEE, Role.ADMIN}
    assert [c.name for c in helped(roles, console=True)] == [
        *("dangky", "minhchung", "chamdiem", "tiendo", "dulieu", "ngonngu", "menu", "huy"),
        *("ketqua", "gopy", "bangxephang", "dienhinh"),
        *("nhacviec", "thongbao", "xuatketqua"),  # admin
        *("duyet", "phancong", "binhxet", "giaidoan"),  # party committee
        "web",
    ]
    assert "web" not in [c.name for c in helped({Role.STAFF}, console=False)]


def test_main_menu_puts_role_buttons_between_everyones() -> None:
    roles = {Role.STAFF, Role.PARTY_COMMITTEE, Role.COUNCIL_MEMBER}
    assert [c.name for c in menu_buttons(roles)] == [
        *("dangky", "minhchung", "chamdiem", "tiendo", "trogiup", "dulieu"),
        *("binhxet", "duyet", "phancong"),  # council member, then party committee
        "ketqua",
    ]


async def test_every_command_and_alias_is_answered(demo, chat_for, sessionmaker, clock) -> None:
    chat = await linked(chat_for, sessionmaker, clock, "HNI0002")
    for command in COMMANDS:
        for typed in filter(None, (command.name, command.alias)):
            replies = await chat.send(f"/{typed}")
            unknown = Vi.UNKNOWN_COMMAND.format(command=typed)
            assert replies and all(unknown not in r.text for r in replies), typed
            await chat.send("/huy")
