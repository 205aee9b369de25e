"""Statements run straight on the test PostgreSQL server, outside the engines under test:
creating and dropping the schemas and databases tests get of their own."""

from __future__ import annotations

import asyncio

import asyncpg


def run_sql(database_url: str, sql: str) -> None:
    """Run one statement on the server `database_url` (an SQLAlchemy asyncpg URL) names."""

    async def run() -> None:
        connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run())
