"""Telegram's text formatting as the Bot API parses it: the visible text of an HTML message.

Limits such as "1-4096 characters after entities parsing" count the visible text, and a
malformed HTML text is refused by the real API ("can't parse entities"), so the checker needs
both. Markdown modes are only measured, not parsed (see `visible_text`).
"""

from __future__ import annotations

import re

PARSE_MODES = {"html": "HTML", "markdown": "Markdown", "markdownv2": "MarkdownV2"}
HTML_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a"}
    | {"tg-emoji", "code", "pre", "blockquote", "tg-time"}
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:\s[^<>]*)?)>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9A-Fa-f]+);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class MarkupError(ValueError):
    """The text would make the real API answer "Bad Request: can't parse entities: ..."."""


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text a person sees; raises `MarkupError` where Telegram would refuse to parse it.

    MarkdownV2 and Markdown are returned unchanged: their escaping rules are not checked.
    """
    if not parse_mode:
        return text
    mode = PARSE_MODES.get(parse_mode.lower())
    if mode is None:
        raise MarkupError(f"unsupported parse_mode {parse_mode!r}")
    return _html_text(text) if mode == "HTML" else text


def _html_text(text: str) -> str:
    """Strip supported tags, check they nest, decode the four named and numeric entities."""
    out: list[str] = []
    open_tags: list[str] = []
    pos = 0
    for match in _TAG.finditer(text):
        out.append(_plain(text[pos : match.start()], pos))
        closing, name = match.group(1), match.group(2).lower()
        if name not in HTML_TAGS:
            raise MarkupError(f'can\'t parse entities: unsupported tag "{name}" at {match.start()}')
        if name == "span" and not closing and "tg-spoiler" not in match.group(3):
            raise MarkupError('can\'t parse entities: tag "span" must have class "tg-spoiler"')
        if not closing:
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            raise MarkupError(f'can\'t parse entities: unmatched end tag "{name}"')
        pos = match.end()
    out.append(_plain(text[pos:], pos))
    if open_tags:
        raise MarkupError(f"can't parse entities: can't find end tag for \"{open_tags[-1]}\"")
    return "".join(out)


def _plain(chunk: str, offset: int) -> str:
    # Like the real parser: a "<" that opens no tag is an error; ">" and "&" pass as text.
    if "<" in chunk:
        at = offset + chunk.index("<")
        raise MarkupError(f"can't parse entities: unexpected '<' at character {at}")
    return _ENTITY.sub(_decode, chunk)


def _decode(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _NAMED[name]
