"""Backups and restores of the database and the evidence files.

A backup is a folder `dvk-<UTC time>-v<app version>-m<migration head>` in the backup
directory holding:

- `data.jsonl.gz`: every table's rows, read in one consistent snapshot, in a form either
  database can load (this is what `restore` reads, so a SQLite backup restores into
  PostgreSQL: the documented way to move to production);
- the native copy of the same snapshot: `database.sqlite` (SQLite's online backup API,
  safe while the bot runs) or `database.pgdump` (`pg_dump -Fc --snapshot`), for the
  operator's own tools;
- `manifest.json`: the time, app version and migration head, row counts per table, and
  the SHA-256 of every file above and of every evidence file.

Evidence files are content-addressed, so they go into one pool beside the backups
(`files/ab/abcdef...`) and a backup copies only the files the pool lacks; a file leaves
the pool when no kept backup names it.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table on the metadata)
from storage import migrate

PREFIX = "dvk-"
MANIFEST = "manifest.json"
DATA = "data.jsonl.gz"
POOL = "files"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (in English and
    Vietnamese, for the operator's terminal)."""


@dataclass
class BackupResult:
    path: Path
    rows: dict[str, int]
    files: int
    new_files: int
    removed: list[str] = field(default_factory=list)


def app_version() -> str:
    try:
        return metadata.version("dvk-bot")
    except metadata.PackageNotFoundError:
        return "0"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tables() -> list[Table]:
    """Every application table, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


# -- encoding rows so either database can load them ------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if key == "$dt":
            return datetime.fromisoformat(inner)
        if key == "$d":
            return date.fromisoformat(inner)
        if key == "$b":
            return base64.b64decode(inner)
        if key == "$dec":
            return Decimal(inner)
    return value


def _dump_rows(connection: Connection, out: Path) -> dict[str, int]:
    """Every row of every table as one JSON line (`{"t": table, "r": {...}}`)."""
    counts: dict[str, int] = {}
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        for table in _tables():
            order = list(table.primary_key.columns) or list(table.columns)
            count = 0
            for row in connection.execute(select(table).order_by(*order)).mappings():
                record = {key: _encode(value) for key, value in row.items()}
                handle.write(json.dumps({"t": table.name, "r": record}, ensure_ascii=False))
                handle.write("\n")
                count += 1
            counts[table.name] = count
    return counts


def _read_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            yield item["t"], {key: _decode(value) for key, value in item["r"].items()}


def _current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def code_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    assert head is not None
    return head


def _revision_order() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


# -- backup -------------------------------------------------------------------------------------


async def backup(
    engine: AsyncEngine,
    files_dir: Path,
    out_dir: Path,
    *,
    keep: int | None = None,
    now: datetime | None = None,
    database_url: str | None = None,
) -> BackupResult:
    """Write one backup folder into `out_dir`, then keep only the newest `keep`."""
    now = now or datetime.now(UTC)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".partial-", dir=out_dir))
    try:
        if engine.dialect.name == "sqlite":
            revision, rows = await _snapshot_sqlite(engine, work)
        else:
            revision, rows = await _snapshot_postgres(engine, work, database_url)
        files, new_files = await asyncio.to_thread(_copy_files, files_dir, out_dir / POOL)
        stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        name = f"{PREFIX}{stamp}-v{app_version()}-m{revision}"
        manifest = {
            "format": FORMAT,
            "created_at": now.astimezone(UTC).isoformat(),
            "app_version": app_version(),
            "migration_head": revision,
            "database": engine.dialect.name,
            "rows": rows,
            "data": {p.name: _sha256_file(p) for p in sorted(work.iterdir())},
            "files": files,
        }
        (work / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        target = out_dir / name
        serial = 0
        while target.exists():  # two backups within one second
            serial += 1
            target = out_dir / f"{name}.{serial}"
        os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    removed = prune(out_dir, keep) if keep else []
    return BackupResult(target, rows, len(files), new_files, removed)


async def _snapshot_sqlite(engine: AsyncEngine, work: Path) -> tuple[str, dict[str, int]]:
    """SQLite's online backup API copies a consistent image while others keep writing;
    the rows are then read from that image (in a thread: the bot goes on answering)."""
    return await asyncio.to_thread(_snapshot_sqlite_sync, str(engine.url), work)


def _snapshot_sqlite_sync(url: str, work: Path) -> tuple[str, dict[str, int]]:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up / không sao lưu được")
    image = work / "database.sqlite"
    source = sqlite3.connect(database)
    try:
        copy = sqlite3.connect(image)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    from sqlalchemy import create_engine

    reader = create_engine(f"sqlite:///{image}")
    try:
        with reader.connect() as connection:
            revision = _current_revision(connection)
            if revision is None:
                raise BackupError("the database has no schema / cơ sở dữ liệu chưa có bảng")
            rows = _dump_rows(connection, work / DATA)
    finally:
        reader.dispose()
    return revision, rows


async def _snapshot_postgres(
    engine: AsyncEngine, work: Path, database_url: str | None
) -> tuple[str, dict[str, int]]:
    """One REPEATABLE READ snapshot, exported so `pg_dump --snapshot` sees the very same
    data as the rows read here."""
    async with engine.connect() as raw:
        connection = await raw.execution_options(isolation_level="REPEATABLE READ")
        snapshot = (await connection.execute(text("SELECT pg_export_snapshot()"))).scalar_one()
        schema = (await connection.execute(text("SELECT current_schema()"))).scalar_one()
        url = database_url or engine.url.render_as_string(hide_password=False)
        await asyncio.to_thread(_pg_dump, url, snapshot, schema, work / "database.pgdump")
        revision = await connection.run_sync(_current_revision)
        if revision is None:
            raise BackupError("the database has no schema / cơ sở dữ liệu chưa có bảng")
        rows = await connection.run_sync(_dump_rows, work / DATA)
        await connection.rollback()
    return revision, rows


def _pg_dump(url: str, snapshot: str, schema: str, out: Path) -> None:
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    command = ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", f"--schema={schema}"]
    command += ["-f", str(out), "-d", parsed.database or ""]
    if parsed.host:
        command += ["-h", parsed.host]
    if parsed.port:
        command += ["-p", str(parsed.port)]
    if parsed.username:
        command += ["-U", parsed.username]
    try:
        finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError as exc:
        raise BackupError("pg_dump is not installed / chưa cài pg_dump") from exc
    if finished.returncode != 0:
        raise BackupError(f"pg_dump failed: {finished.stderr.strip()[:500]}")


def _copy_files(files_dir: Path, pool: Path) -> tuple[list[dict[str, Any]], int]:
    """Copy evidence files the pool lacks; every file is listed with its hash, which is
    checked against its name (the store names files by their SHA-256)."""
    listed: list[dict[str, Any]] = []
    new = 0
    if not files_dir.is_dir():
        return listed, new
    for path in sorted(files_dir.glob("*/*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = path.relative_to(files_dir).as_posix()
        target = pool / relative
        if target.is_file():
            digest = path.name if len(path.name) == 64 else _sha256_file(path)
        else:
            digest = _sha256_file(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".partial-{target.name}")
            shutil.copyfile(path, partial)
            if _sha256_file(partial) != digest:
                partial.unlink()
                raise BackupError(f"{relative} changed while copying / tệp thay đổi khi sao chép")
            os.replace(partial, target)
            new += 1
        listed.append({"path": relative, "sha256": digest, "size": path.stat().st_size})
    return listed, new


def backups_in(out_dir: Path) -> list[Path]:
    """Finished backups, oldest first (their names start with the UTC time)."""
    if not out_dir.is_dir():
        return []
    return sorted(
        p
        for p in out_dir.iterdir()
        if p.is_dir() and p.name.startswith(PREFIX) and (p / MANIFEST).is_file()
    )


def prune(out_dir: Path, keep: int) -> list[str]:
    """Remove the oldest backups beyond `keep`, then pool files no kept backup names."""
    found = backups_in(out_dir)
    removed = [p.name for p in found[: max(0, len(found) - keep)]]
    for name in removed:
        shutil.rmtree(out_dir / name)
    named: set[str] = set()
    for kept in backups_in(out_dir):
        manifest = json.loads((kept / MANIFEST).read_text(encoding="utf-8"))
        named.update(item["path"] for item in manifest["files"])
    pool = out_dir / POOL
    if pool.is_dir():
        for path in pool.glob("*/*"):
            if path.relative_to(pool).as_posix() not in named:
                path.unlink()
    return removed


# -- restore ------------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    rows: dict[str, int]
    files: int
    migration_head: str


def read_manifest(path: Path) -> dict[str, Any]:
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{path}: no {MANIFEST} / không phải bản sao lưu")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, digest in manifest["data"].items():
        if _sha256_file(path / name) != digest:
            raise BackupError(f"{name}: checksum mismatch / tệp bị hỏng")
    return manifest


async def _data_rows(engine: AsyncEngine) -> int:
    """Rows in the application's tables (the schema alone does not count)."""
    async with engine.connect() as connection:

        def count(sync: Connection) -> int:
            from sqlalchemy import func, inspect

            present = set(inspect(sync).get_table_names())
            total = 0
            for table in _tables():
                if table.name in present:
                    total += sync.execute(select(func.count()).select_from(table)).scalar_one()
            return total

        return await connection.run_sync(count)


async def restore(engine: AsyncEngine, files_dir: Path, path: Path) -> RestoreResult:
    """Load a backup into an empty database and an empty files folder, then bring the
    schema to this version's head."""
    manifest = read_manifest(path)
    head = manifest["migration_head"]
    order = _revision_order()
    if head not in order:
        raise BackupError(
            f"backup schema {head} is newer than this version knows / "
            "bản sao lưu mới hơn phiên bản này: hãy cập nhật phần mềm trước"
        )
    async with engine.connect() as connection:
        current = await connection.run_sync(_current_revision)
    if current is not None and order.index(current) > order.index(head):
        raise BackupError(
            f"database is at {current}, newer than the backup's {head} / "
            "cơ sở dữ liệu mới hơn bản sao lưu: hãy dùng một cơ sở dữ liệu trống"
        )
    if await _data_rows(engine):
        raise BackupError("the database is not empty / cơ sở dữ liệu không trống")
    if files_dir.is_dir() and any(files_dir.iterdir()):
        raise BackupError(f"{files_dir} is not empty / thư mục tệp không trống")
    await migrate.upgrade(engine, head)
    async with engine.begin() as connection:
        rows = await connection.run_sync(_load_rows, path / DATA)
    await migrate.upgrade(engine)
    pool = path.parent / POOL
    for item in manifest["files"]:
        source = pool / item["path"]
        if not source.is_file() or _sha256_file(source) != item["sha256"]:
            raise BackupError(f"{item['path']}: missing or damaged / tệp thiếu hoặc hỏng")
        target = files_dir / item["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if rows != manifest["rows"]:
        raise BackupError("row counts differ from the manifest / số dòng không khớp")
    return RestoreResult(rows, len(manifest["files"]), head)


def _load_rows(connection: Connection, data: Path) -> dict[str, int]:
    tables = {table.name: table for table in _tables()}
    counts = {name: 0 for name in tables}
    batch: list[dict[str, Any]] = []
    batch_table: str | None = None

    def flush() -> None:
        if batch and batch_table is not None:
            connection.execute(tables[batch_table].insert(), batch)
            batch.clear()

    for name, row in _read_rows(data):
        if name not in tables:
            raise BackupError(f"unknown table {name} / bảng lạ")
        if name != batch_table or len(batch) >= 1000:
            flush()
            batch_table = name
        batch.append(row)
        counts[name] += 1
    flush()
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection)
    return counts


def _reset_sequences(connection: Connection) -> None:
    """Explicit ids were inserted: move each serial sequence past the largest."""
    for table in _tables():
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or not _is_integer(columns[0].type):
            continue
        for column in columns:
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"),
                {"t": table.name, "c": column.name},
            ).scalar_one()
            if sequence:
                connection.execute(
                    text(
                        f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") '
                        f'FROM "{table.name}"), 0) + 1, false)'
                    ),
                    {"s": sequence},
                )


def _is_integer(column_type: Any) -> bool:
    try:
        return column_type.python_type is int
    except NotImplementedError:
        return False
