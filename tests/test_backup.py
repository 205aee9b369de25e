"""Backups and restores: demo data and a whole lifecycle (entries, evidence files, scores,
a council round, publication) copied out, then loaded into a fresh SQLite file and a fresh
PostgreSQL schema: every row, every file and the audit chain come back identical."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel
from sqlmodel import select as select_model

from storage import audit, migrate
from storage import backup as backups
from storage.db import SessionMaker, create_engine, make_sessionmaker
from storage.files import FileStore
from storage.models import EvidenceKind
from storage.services import evidence, people, registrations
from storage.services.evidence import FileLimits
from tests.find_postgres import find as find_postgres
from tests.support import review_setup
from tests.support.cli_support import run_bot
from tests.support.samples import JPEG, PDF

LIMITS = FileLimits(20 * 1024 * 1024, frozenset({"image/jpeg", "application/pdf"}))


async def lifecycle(sessionmaker: SessionMaker, clock: Any, files_dir: Path) -> None:
    """Two entries through review; one to the council, voted and published; files too."""
    store = FileStore(files_dir)
    first = await review_setup.reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.95))
    second = await review_setup.entry(sessionmaker, clock, "HNI0009", "M1")
    async with sessionmaker() as session, session.begin():
        sender = await people.find_by_code(session, "HNI0009")
        chosen = await registrations.chosen_criteria(session, second)
        for number, (data, mime, name) in enumerate(
            [(JPEG, "image/jpeg", "anh.jpg"), (PDF, "application/pdf", "bao-cao.pdf")]
        ):
            await evidence.add_file(
                session,
                store,
                LIMITS,
                actor=sender,
                registration_id=second,
                criterion_id=chosen[number].criterion_id,
                kind=EvidenceKind.PHOTO if number == 0 else EvidenceKind.DOCUMENT,
                data=data + bytes([number]),
                mime=mime,
                name=name,
                channel="memory",
                channel_file_id=f"f{number}",
                caption="Ảnh hoạt động",
                now=clock(),
            )
    await review_setup.passed_council(sessionmaker, clock, first)
    await review_setup.published(sessionmaker, clock)


async def contents(engine: AsyncEngine) -> dict[str, list[str]]:
    """Every table's rows, as sorted JSON lines, to compare two databases whole."""
    found: dict[str, list[str]] = {}
    async with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows = (await connection.execute(select(table))).mappings().all()
            found[table.name] = sorted(
                json.dumps(dict(row), default=str, sort_keys=True) for row in rows
            )
    return found


def file_hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.glob("*/*"))
    }


async def audit_tail(engine: AsyncEngine) -> tuple[bool, int, str]:
    from storage.models import AuditLog

    async with make_sessionmaker(engine)() as session, session.begin():
        report = await audit.verify(session)
        last = (await session.exec(select_model(AuditLog).order_by(AuditLog.id.desc()))).first()
    return report.ok, report.rows, last.hash if last else ""


async def fresh_postgres() -> tuple[AsyncEngine, str] | None:
    url = await find_postgres()
    if url is None:
        return None
    schema = f"dvk_restore_{uuid.uuid4().hex[:10]}"
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        await connection.execute(f'CREATE SCHEMA "{schema}"')
    finally:
        await connection.close()
    return create_engine(url, schema=schema), schema


async def drop_schema(schema: str) -> None:
    url = await find_postgres()
    assert url is not None
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        await connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        await connection.close()


async def test_backup_then_restore_into_fresh_sqlite_and_postgresql(
    demo, engine, sessionmaker, clock, files_dir, tmp_path, database_url
):
    await lifecycle(sessionmaker, clock, files_dir)
    out = tmp_path / "backups"
    result = await backups.backup(engine, files_dir, out, keep=3, database_url=database_url)
    manifest = json.loads((result.path / "manifest.json").read_text())
    assert manifest["migration_head"] == backups.code_head()
    assert result.path.name.startswith("dvk-") and f"-m{backups.code_head()}" in result.path.name
    assert manifest["rows"]["audit_log"] > 10 and result.files == 2 == result.new_files
    native = "database.sqlite" if engine.dialect.name == "sqlite" else "database.pgdump"
    assert set(manifest["data"]) == {"data.jsonl.gz", native}

    expected = await contents(engine)
    expected_audit = await audit_tail(engine)
    assert expected_audit[0] and expected["ballot"] == []  # counted: totals only

    targets: list[tuple[str, AsyncEngine, str | None]] = []
    sqlite_engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'restored.db'}")
    targets.append(("sqlite", sqlite_engine, None))
    postgres = await fresh_postgres()
    if postgres is not None:
        targets.append(("postgresql", *postgres))
    try:
        for kind, target, _schema in targets:
            restored_files = tmp_path / f"files-{kind}"
            restored = await backups.restore(target, restored_files, result.path)
            assert restored.rows == manifest["rows"], kind
            assert await contents(target) == expected, kind
            assert file_hashes(restored_files) == file_hashes(files_dir), kind
            assert await audit_tail(target) == expected_audit, kind
            # the restored database goes on working: new ids follow the restored ones
            async with make_sessionmaker(target)() as session, session.begin():
                await audit.record(session, action="restore.check", object_type="x", object_id=1)
            assert (await audit_tail(target))[0], kind
    finally:
        for _kind, target, schema in targets:
            await target.dispose()
            if schema:
                await drop_schema(schema)
    if postgres is None:
        pytest.skip("restored into SQLite only: no PostgreSQL server answered")


async def test_only_new_files_are_copied_and_old_backups_pruned(
    demo, engine, sessionmaker, clock, files_dir, tmp_path, database_url
):
    store = FileStore(files_dir)
    store.put(JPEG)
    out = tmp_path / "backups"
    times = [clock() + timedelta(minutes=i) for i in range(3)]
    first = await backups.backup(
        engine, files_dir, out, keep=2, now=times[0], database_url=database_url
    )
    assert first.new_files == 1
    store.put(PDF)
    second = await backups.backup(
        engine, files_dir, out, keep=2, now=times[1], database_url=database_url
    )
    assert (second.files, second.new_files) == (2, 1)
    (files_dir / store.put(JPEG).relative_path).unlink()  # gone from the store
    third = await backups.backup(
        engine, files_dir, out, keep=2, now=times[2], database_url=database_url
    )
    assert third.removed == [first.path.name]
    assert [p.name for p in backups.backups_in(out)] == [second.path.name, third.path.name]
    # the JPEG is still named by the second backup, so the pool keeps it
    assert len(list((out / "files").glob("*/*"))) == 2


async def test_restore_refuses_a_non_empty_database_or_files_folder(
    demo, engine, sessionmaker, clock, files_dir, tmp_path, database_url
):
    FileStore(files_dir).put(JPEG)
    made = await backups.backup(engine, files_dir, tmp_path / "b", database_url=database_url)
    with pytest.raises(backups.BackupError, match="không trống"):
        await backups.restore(engine, tmp_path / "empty-files", made.path)
    target = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'new.db'}")
    try:
        with pytest.raises(backups.BackupError, match="thư mục tệp không trống"):
            await backups.restore(target, files_dir, made.path)
        assert not await backups._data_rows(target)
    finally:
        await target.dispose()


async def test_restore_refuses_a_newer_schema_and_a_damaged_backup(
    demo, engine, files_dir, tmp_path, database_url
):
    made = await backups.backup(engine, files_dir, tmp_path / "b", database_url=database_url)
    manifest_path = made.path / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    target = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'new.db'}")
    try:
        newer = {**manifest, "migration_head": "9999"}
        manifest_path.write_text(json.dumps(newer))
        with pytest.raises(backups.BackupError, match="mới hơn phiên bản này"):
            await backups.restore(target, tmp_path / "f", made.path)
        manifest_path.write_text(json.dumps(manifest))
        with (made.path / "data.jsonl.gz").open("ab") as handle:
            handle.write(b"x")
        with pytest.raises(backups.BackupError, match="bị hỏng"):
            await backups.restore(target, tmp_path / "f", made.path)
        assert not await backups._data_rows(target)
    finally:
        await target.dispose()


def test_sqlite_backup_is_consistent_while_another_process_writes(tmp_path):
    """The online backup API copies a consistent image while a writer keeps going."""
    import subprocess
    import sys
    import textwrap

    database = tmp_path / "live.db"

    async def prepare() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{database}")
        await migrate.upgrade(engine)
        await engine.dispose()

    asyncio.run(prepare())
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import asyncio, sys
                from storage import audit
                from storage.db import create_engine, make_sessionmaker
                async def main():
                    engine = create_engine("sqlite+aiosqlite:///{database}")
                    maker = make_sessionmaker(engine)
                    for i in range(100000):
                        async with maker() as session, session.begin():
                            await audit.record(session, action="w", object_type="x", object_id=i)
                        if i == 9:
                            print("ready", flush=True)
                asyncio.run(main())
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"

        async def take() -> list[Any]:
            engine = create_engine(f"sqlite+aiosqlite:///{database}")
            taken = []
            try:
                for i in range(3):
                    taken.append(
                        await backups.backup(engine, tmp_path / "nofiles", tmp_path / f"b{i}")
                    )
            finally:
                await engine.dispose()
            return taken

        taken = asyncio.run(take())
    finally:
        writer.kill()
        writer.wait()
    counts = [t.rows["audit_log"] for t in taken]
    assert counts == sorted(counts) and counts[0] >= 10  # taken while the writer writes

    async def check(path: Path, index: int) -> tuple[bool, int]:
        target = create_engine(f"sqlite+aiosqlite:///{tmp_path / f'r{index}.db'}")
        try:
            await backups.restore(target, tmp_path / f"rf{index}", path)
            ok, rows, _ = await audit_tail(target)
        finally:
            await target.dispose()
        return ok, rows

    for index, item in enumerate(taken):
        assert asyncio.run(check(item.path, index)) == (True, item.rows["audit_log"])


def test_backup_and_restore_from_the_command_line(cli_env, tmp_path):
    """An operator's run: demo data, two backups (the second copies no file), a refused
    restore over live data, and a restore into a fresh database that verifies its audit."""
    assert run_bot(cli_env, "demo").returncode == 0
    FileStore(Path(cli_env["FILES_DIR"])).put(JPEG)
    out = tmp_path / "backups"
    first = run_bot(cli_env, "backup", "--out", str(out), "--keep", "5")
    assert first.returncode == 0, first.stderr
    assert "Đã sao lưu vào" in first.stdout and "(1 tệp mới)" in first.stdout
    again = run_bot(cli_env, "backup", "--out", str(out), "--keep", "1")
    assert again.returncode == 0, again.stderr
    assert "(0 tệp mới)" in again.stdout and "đã xoá 1 bản cũ" in again.stdout
    (kept,) = backups.backups_in(out)

    refused = run_bot(cli_env, "restore", str(kept))
    assert refused.returncode == 1 and "không trống" in refused.stderr

    fresh = {
        **cli_env,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}",
        "FILES_DIR": str(tmp_path / "fresh-files"),
    }
    restored = run_bot(fresh, "restore", str(kept))
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục" in restored.stdout and "Nhật ký kiểm toán toàn vẹn" in restored.stdout
    assert file_hashes(tmp_path / "fresh-files") == file_hashes(Path(cli_env["FILES_DIR"]))
    chat = run_bot(fresh, "chat", "--as", "HNI0008", stdin="/tiendo\n")
    assert chat.returncode == 0 and "Traceback" not in chat.stderr


async def test_the_leader_takes_a_daily_backup(
    demo, engine, sessionmaker, clock, files_dir, tmp_path, database_url
):
    from tests.support.scheduling import make_bot

    out = tmp_path / "daily"
    bot = make_bot(
        sessionmaker,
        clock,
        files_dir,
        backup_dir=out,
        backup_keep=2,
        backup_at="02:30",
        database_url=database_url,
    )
    await bot.runner.start()
    try:
        job = bot.runner.scheduler.get_job("backup")
        assert job is not None
        fields = {f.name: str(f) for f in job.trigger.fields}
        assert (fields["hour"], fields["minute"]) == ("2", "30")
        assert str(job.trigger.timezone) == "Asia/Ho_Chi_Minh"
        for _ in range(3):
            await bot.runner.backup()
    finally:
        bot.runner.shutdown()
    kept = backups.backups_in(out)
    assert len(kept) == 2
    assert json.loads((kept[-1] / "manifest.json").read_text())["rows"]["person"] > 0
