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


def write_atomically(path: Path, data: bytes, *, prefix: str | None = None) -> None:
    """Write `data` to `path`, readable by its owner only (mode 600), with no half file ever
    there: a temporary file in the same folder (named `prefix`…), flushed to disk, then
    renamed over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(
        prefix=prefix or f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


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
            write_atomically(target, data, prefix=".tmp-")
        return StoredFile(relative, digest, len(data))

    def read(self, relative_path: str) -> bytes:
        return self.path_of(relative_path).read_bytes()
