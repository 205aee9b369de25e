"""`python -m bot` that counts its SQL: statements (by their first words), transactions
and pool checkouts, written to stderr as JSON when the process ends. For the webhook
bench: `BENCH_BOT="bench/count_sql.py" .venv/bin/python bench/bench_webhook.py
--configs one --rounds 1 --keep` (the counts are in the kept bot log).

Counts start at the first update the webhook records (`INSERT INTO update_inbox`), so
start-up work is left out; the leader's scheduler and the inbox sweep still count."""

from __future__ import annotations

import atexit
import collections
import json
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

statements: collections.Counter[str] = collections.Counter()
totals = {"updates": 0, "statements": 0, "begins": 0, "commits": 0, "rollbacks": 0, "checkouts": 0}
counting = False


def kind(sql: str) -> str:
    words = sql.split()
    head = " ".join(words[:3]) if words else ""
    for table_word in ("FROM", "INTO", "UPDATE"):
        if table_word in words:
            at = words.index(table_word)
            return f"{head} … {' '.join(words[at : at + 2])}"[:90]
    return head[:90]


@event.listens_for(Engine, "before_cursor_execute")
def on_statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
    global counting
    if sql.startswith("INSERT INTO update_inbox"):
        counting = True
        totals["updates"] += 1
    if counting:
        totals["statements"] += 1
        statements[kind(sql)] += 1


@event.listens_for(Engine, "begin")
def on_begin(_conn: Any) -> None:
    if counting:
        totals["begins"] += 1


@event.listens_for(Engine, "commit")
def on_commit(_conn: Any) -> None:
    if counting:
        totals["commits"] += 1


@event.listens_for(Engine, "rollback")
def on_rollback(_conn: Any) -> None:
    if counting:
        totals["rollbacks"] += 1


@event.listens_for(Pool, "checkout")
def on_checkout(*_args: Any) -> None:
    if counting:
        totals["checkouts"] += 1


@atexit.register
def report() -> None:
    updates = max(totals["updates"], 1)
    per_update = {name: round(value / updates, 2) for name, value in totals.items()}
    top = {sql: round(n / updates, 2) for sql, n in statements.most_common(30)}
    print(
        json.dumps({"totals": totals, "per_update": per_update, "statements": top}, indent=1),
        file=sys.stderr,
    )


if __name__ == "__main__":
    from bot.cli import main

    sys.argv[0] = "bot"
    sys.exit(main())
