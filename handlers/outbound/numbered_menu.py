"""The numbered-menu fallback for channels without buttons: a reply's buttons written
into its text as "1. label" lines (or "a. label" where the question takes a typed
number) and a line saying which to answer, in the language of the person it goes to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from handlers.io import Reply, menu_key
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
    return [replace(reply, text=numbered(reply, t), buttons=()) for reply in replies]
