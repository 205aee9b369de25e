#!/usr/bin/env bash
# Runs the whole suite on SQLite, then again on PostgreSQL when one is reachable.
# TEST_POSTGRES_URL chooses the server; by default 127.0.0.1:5432, database `test`,
# user `postgres` (then `root`), trust auth. With no server the PostgreSQL run is
# skipped with a message saying so; REQUIRE_POSTGRES=1 turns that skip into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

"$PY" -m ruff check .

# The container files: fully checked where a Docker daemon answers, else said so.
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo "== Docker: compose config and image build =="
  POSTGRES_PASSWORD=check docker compose config --quiet
  docker build --quiet --tag dvk-bot:ci . >/dev/null
else
  echo "== Docker checks SKIPPED: no Docker daemon here (tests/test_deploy.py still reads the files) =="
fi

echo "== tests on SQLite =="
TEST_DATABASE_URL="" "$PY" -m pytest "$@"

pg_url=$("$PY" -m tests.find_postgres || true)
if [ -z "$pg_url" ]; then
  echo "== PostgreSQL run SKIPPED: no PostgreSQL server answered (set TEST_POSTGRES_URL to choose one) =="
  if [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then exit 1; fi
  exit 0
fi
echo "== tests on PostgreSQL ($pg_url) =="
TEST_DATABASE_URL="$pg_url" "$PY" -m pytest "$@"
