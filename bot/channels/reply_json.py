"""Replies as JSON, to keep a decided answer in the database until it has been sent."""

from __future__ import annotations

import base64
from typing import Any

from handlers.io import Button, FileKind, OutgoingFile, Reply


def encode(replies: list[Reply]) -> list[dict[str, Any]]:
    return [_encode_one(reply) for reply in replies]


def decode(data: list[dict[str, Any]]) -> list[Reply]:
    return [_decode_one(item) for item in data]


def _encode_one(reply: Reply) -> dict[str, Any]:
    item: dict[str, Any] = {"text": reply.text}
    if reply.buttons:
        item["buttons"] = [[[b.label, b.payload] for b in row] for row in reply.buttons]
    if reply.file is not None:
        item["file"] = {
            "name": reply.file.name,
            "kind": reply.file.kind.value,
            "mime": reply.file.mime,
            "data": base64.b64encode(reply.file.data).decode("ascii"),
        }
    for name in ("ask_contact", "updates", "notice"):
        value = getattr(reply, name)
        if value:
            item[name] = value
    return item


def _decode_one(item: dict[str, Any]) -> Reply:
    file = item.get("file")
    return Reply(
        text=item["text"],
        buttons=tuple(
            tuple(Button(label, payload) for label, payload in row)
            for row in item.get("buttons", ())
        ),
        file=None
        if file is None
        else OutgoingFile(
            name=file["name"],
            data=base64.b64decode(file["data"]),
            kind=FileKind(file["kind"]),
            mime=file["mime"],
        ),
        ask_contact=bool(item.get("ask_contact", False)),
        updates=item.get("updates"),
        notice=item.get("notice"),
    )
