"""Prints the URL of a reachable PostgreSQL test database, or nothing.

Tries TEST_POSTGRES_URL, then 127.0.0.1:5432 database `test` as user `postgres`, then `root`.
"""

from __future__ import annotations

import asyncio
import os
import sys

import asyncpg

CANDIDATES = (
    "postgresql+asyncpg://postgres@127.0.0.1:5432/test",
    "postgresql+asyncpg://root@127.0.0.1:5432/test",
)


async def reachable(url: str) -> bool:
    try:
        connection = await asyncpg.connect(url.replace("+asyncpg", ""), timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await connection.close()
    return True


async def find() -> str | None:
    explicit = os.environ.get("TEST_POSTGRES_URL")
    for url in [explicit] if explicit else CANDIDATES:
        if await reachable(url):
            return url
    return None


if __name__ == "__main__":
    found = asyncio.run(find())
    if found:
        print(found)
    sys.exit(0 if found else 1)
