"""Content-addressed file store: FILES_DIR/ab/abcdef... named by SHA-256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Leading bytes of the file types evidence may have; a name or MIME type alone can lie.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/webp": (b"RIFF",),
    "application/pdf": (b"%PDF",),
    "application/msword": (b"\xd0\xcf\x11\xe0",),
    "application/vnd.ms-excel": (b"\xd0\xcf\x11\xe0",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",),
}


def content_matches(mime: str, head: bytes) -> bool:
    """True when the first bytes fit the declared type (types without a signature pass)."""
    if mime == "image/heic":
        return head[4:8] == b"ftyp"
    signatures = SIGNATURES.get(mime)
    return signatures is None or any(head.startswith(sig) for sig in signatures)


@dataclass(frozen=True)
class StoredFile:
    relative_path: str
    sha256: str
    size: int


class FileStore:
    """Writes bytes to a temporary file, then renames it to its hash: no half files."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, relative_path: str) -> Path:
        return self.root / relative_path

    def put(self, data: bytes) -> StoredFile:
        digest = hashlib.sha256(data).hexdigest()
        relative = f"{digest[:2]}/{digest}"
        target = self.root / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return StoredFile(relative, digest, len(data))

    def read(self, relative_path: str) -> bytes:
        return self.path_of(relative_path).read_bytes()
