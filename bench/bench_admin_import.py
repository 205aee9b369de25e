"""Admin upload benchmark: the preview (check every row, write in a savepoint, roll back)
and the apply of a roster of many people, as the console runs them, on SQLite.

Builds the demo organisation, writes an xlsx roster of N people spread over Hà Nội's
units, and times `imports.run` for the preview and for the apply (a province's admin).

    .venv/bin/python bench/bench_admin_import.py [--people 40000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select

from bot.demo import load_demo
from storage import migrate
from storage.db import create_engine, make_sessionmaker
from storage.models import OrgUnit, Person
from storage.services import imports, people

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def roster(path: Path, units: list[str], count: int) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Mã nhân viên", "Họ và tên", "Mã đơn vị", "Vai trò", "Chức vụ"])
    for number in range(count):
        unit = units[number % len(units)]
        sheet.append([f"B{number:06d}", f"Nhân viên {number}", unit, "staff", "Bưu tá"])
    book.save(path)


async def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{folder}/bench.db")
        await migrate.upgrade(engine)
        maker = make_sessionmaker(engine)
        async with maker() as session, session.begin():
            await load_demo(session, NOW.date())
        async with maker() as session:
            query = select(OrgUnit.code).where(OrgUnit.code.startswith("HNI"))
            units = list((await session.exec(query)).all())
        path = Path(folder) / "roster.xlsx"
        roster(path, units, count)
        size = path.stat().st_size / 2**20
        for apply in (False, True):
            async with maker() as session, session.begin():
                admin = await people.find_by_code(session, "HNI0004")
                assert admin is not None
                start = time.perf_counter()
                outcome = await imports.run(session, "roster", path, actor=admin, apply=apply)
                took = time.perf_counter() - start
            async with maker() as session:
                total = (await session.exec(select(func.count()).select_from(Person))).one()
            step = "apply" if apply else "preview"
            print(
                f"{step}: {count} rows ({size:.1f} MB xlsx) in {took:.1f} s, "
                f"result {outcome.result}, people in the database {total}"
            )
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=40_000)
    args = parser.parse_args()
    asyncio.run(run(args.people))


if __name__ == "__main__":
    main()
