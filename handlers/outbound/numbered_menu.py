"""The numbered-menu fallback for channels without buttons: a reply's buttons written
into its text as "1. label" lines (or "a. label" where the question takes a typed
number) and a line saying which to answer, in the language of the person it goes to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from handlers.io import Reply, Sender, menu_key
from handlers.kit import format as fmt
from handlers.texts import Texts, for_language
from storage.db import SessionMaker
from storage.services import reach


def numbered(reply: Reply, t: Texts) -> str:
    """The reply's text with its buttons as "1. label" lines and the numbers to answer."""
    buttons = reply.flat_buttons
    if not buttons:
        return reply.text
    keys = [menu_key(n, lettered=reply.lettered) for n in range(1, len(buttons) + 1)]
    lines = [f"{key}. {button.label}" for key, button in zip(keys, buttons, strict=True)]
    hint = t.ZALO_ANSWER_WITH.format(choices=fmt.choices(len(buttons), t, lettered=reply.lettered))
    return "\n\n".join(part for part in (reply.text, "\n".join(lines), hint) if part)


def with_numbered_menus(replies: Sequence[Reply], t: Texts) -> list[Reply]:
    """The replies with their menus numbered in the text and no buttons left."""
    return [
        replace(reply, text=numbered(reply, t), buttons=()) if reply.buttons else reply
        for reply in replies
    ]


async def person_texts(
    sessionmaker: SessionMaker, channel: str, chat_id: str, default: str
) -> Texts:
    """The catalogue of the person behind a chat (`default` for someone unknown)."""
    async with sessionmaker() as session:
        account = await reach.chat_account(session, channel, chat_id)
    return for_language(account.language if account else None, default)


async def as_numbered(
    sessionmaker: SessionMaker,
    channel: str,
    chat_id: str,
    replies: Sequence[Reply],
    default: str,
) -> list[Reply]:
    """The replies with their menus numbered in the text and no buttons left; the
    person's language is looked up only when there is a menu to number."""
    if not any(reply.buttons for reply in replies):
        return list(replies)
    t = await person_texts(sessionmaker, channel, chat_id, default)
    return with_numbered_menus(replies, t)


class NumberedMenus:
    """What the scheduler sends through a channel that shows no buttons
    (`Capabilities.numbered_menus`), menus numbered first as the router numbers its
    replies; the channel itself only sends texts."""

    def __init__(self, inner: Sender, sessionmaker: SessionMaker, default_language: str) -> None:
        self.inner = inner
        self.sessionmaker = sessionmaker
        self.default_language = default_language
        self.name = inner.name
        self.capabilities = inner.capabilities

    async def _numbered(self, chat_id: str, replies: Sequence[Reply]) -> list[Reply]:
        return await as_numbered(
            self.sessionmaker, self.name, chat_id, replies, self.default_language
        )

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        return await self.inner.send(chat_id, await self._numbered(chat_id, replies))

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        [numbered_reply] = await self._numbered(chat_id, [reply])
        await self.inner.edit(chat_id, message_id, numbered_reply)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def menus_numbered(sender: Sender, sessionmaker: SessionMaker, default_language: str) -> Sender:
    """`sender` as the scheduler uses it: wrapped in `NumberedMenus` when it needs them."""
    if sender.capabilities.numbered_menus:
        return NumberedMenus(sender, sessionmaker, default_language)
    return sender
