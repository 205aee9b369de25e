"""Files an admin uploaded for a preview, kept on the server until they apply them.

The browser holds only a random one-time token; the file stays in the files directory
(shared by every process), bound to the web session that uploaded it, for `TTL`. Taking
it for the apply renames its folder first, so two clicks cannot both apply it."""

from __future__ import annotations

import json
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

TTL = timedelta(minutes=30)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
META = "upload.json"


@dataclass(frozen=True)
class Pending:
    """A file taken for its apply: read it at `path`, then `discard` it."""

    folder: Path
    path: Path
    kind: str
    name: str

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class PendingUploads:
    def __init__(self, root: Path) -> None:
        self.root = root

    def put(
        self, *, session_id: int, kind: str, name: str, data: bytes, now: datetime
    ) -> tuple[str, Path]:
        """Keep the file: the token that finds it again (for this session only), and
        where it is kept (for the preview)."""
        self._sweep(now)
        token = secrets.token_urlsafe(24)
        folder = self.root / token
        folder.mkdir(parents=True)
        path = folder / safe_name(name)
        path.write_bytes(data)
        meta = {"session": session_id, "kind": kind, "name": name, "at": now.isoformat()}
        (folder / META).write_text(json.dumps(meta), encoding="utf-8")
        return token, path

    def discard(self, token: str) -> None:
        if TOKEN.match(token):
            shutil.rmtree(self.root / token, ignore_errors=True)

    def take(self, token: str, *, session_id: int, kind: str, now: datetime) -> Pending | None:
        """The file of `token` if this session uploaded it for `kind` and it has not
        expired or been taken; it is no longer under its token afterwards."""
        if not TOKEN.match(token):
            return None
        folder = self.root / token
        try:
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        fresh = now - datetime.fromisoformat(meta["at"]) <= TTL
        if meta.get("session") != session_id or meta.get("kind") != kind or not fresh:
            return None
        taken = self.root / f"{token}.taken"
        try:
            folder.rename(taken)
        except OSError:  # taken by another request a moment ago
            return None
        name = str(meta["name"])
        return Pending(taken, taken / safe_name(name), kind, name)

    def _sweep(self, now: datetime) -> None:
        """Forget the uploads nobody applied in time."""
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            try:
                meta = json.loads((folder / META).read_text(encoding="utf-8"))
                age = now - datetime.fromisoformat(meta["at"])
                stale = age > (2 * TTL if folder.name.endswith(".taken") else TTL)
            except (OSError, ValueError, KeyError):
                stale = True
            if stale:
                shutil.rmtree(folder, ignore_errors=True)


def safe_name(name: str) -> str:
    """The upload's name as a file name here (its suffix tells the importer the format)."""
    stem, dot, suffix = name.rpartition(".")
    cleaned = SAFE_NAME.sub("-", stem if dot else name).strip("-.")[:60] or "tep"
    return f"{cleaned}.{SAFE_NAME.sub('', suffix).lower()[:8]}" if dot else cleaned
