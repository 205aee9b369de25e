"""Menu stamps: every button that answers a step carries the nonce of the menu it was
shown with, so a button of an older message never acts on whatever step is open now.

A flow's payloads are short and generic ("ok", "yes", "u:12"); the same payload on a
message from yesterday would otherwise match today's menu. The router stamps the
buttons of each turn with a fresh nonce ("ok~Xy3_"), keeps the stamped payloads as the
live menu, accepts only a press that is on it, and hands the flow the bare payload.
Command buttons ("/dangky") are left as they are: pressing one is the same as typing
the command, which is always allowed, and acts on no object of the current step.
"""

from __future__ import annotations

import dataclasses
import re
import secrets

from handlers.io import Button, Inbound, Reply

SEPARATOR = "~"
NONCE_BYTES = 3  # 4 URL-safe characters: 24 random bits per menu, 5 bytes of callback data
_STAMPED = re.compile(rf"^(?P<payload>.+){SEPARATOR}(?P<nonce>[A-Za-z0-9_-]{{4}})$", re.S)


def new_nonce() -> str:
    return secrets.token_urlsafe(NONCE_BYTES)


def is_command(payload: str) -> bool:
    return payload.startswith("/")


def stamp(replies: list[Reply], nonce: str) -> list[Reply]:
    """The replies with each non-command button's payload carrying `nonce`."""

    def stamped(button: Button) -> Button:
        if is_command(button.payload):
            return button
        return dataclasses.replace(button, payload=f"{button.payload}{SEPARATOR}{nonce}")

    return [
        dataclasses.replace(reply, buttons=tuple(tuple(map(stamped, row)) for row in reply.buttons))
        if reply.buttons
        else reply
        for reply in replies
    ]


def bare(payload: str) -> str:
    """The payload a flow gave the button, without the menu's nonce."""
    match = _STAMPED.match(payload)
    return match.group("payload") if match else payload


def unstamped(msg: Inbound) -> Inbound:
    """The press as the flow knows it (call only once it is known to be on the menu)."""
    if msg.choice is None or is_command(msg.choice):
        return msg
    return dataclasses.replace(msg, choice=bare(msg.choice))
