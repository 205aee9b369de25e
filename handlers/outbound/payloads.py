"""Replies as outbox payloads and back: how a message for someone else is stored until
the sender delivers it on that person's channel."""

from __future__ import annotations

from typing import Any

from handlers.io import Button, FileKind, OutgoingFile, Reply
from storage.files import FileStore


def to_payload(reply: Reply, *, file_path: str | None = None) -> dict[str, Any]:
    """A JSON-able form of the reply; a file is referenced by its FileStore path."""
    payload: dict[str, Any] = {
        "text": reply.text,
        "buttons": [[[b.label, b.payload] for b in row] for row in reply.buttons],
    }
    if reply.file is not None and file_path is not None:
        payload["file"] = {
            "path": file_path,
            "name": reply.file.name,
            "kind": reply.file.kind.value,
            "mime": reply.file.mime,
        }
    return payload


def from_payload(payload: dict[str, Any], files: FileStore | None = None) -> Reply:
    """The reply to deliver, reading a referenced file from the store."""
    buttons = tuple(
        tuple(Button(label, data) for label, data in row) for row in payload.get("buttons", [])
    )
    file = None
    if (info := payload.get("file")) and files is not None:
        file = OutgoingFile(
            name=info["name"],
            data=files.read(info["path"]),
            kind=FileKind(info["kind"]),
            mime=info["mime"],
        )
    return Reply(payload["text"], buttons=buttons, file=file)
