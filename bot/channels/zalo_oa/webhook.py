"""Checks on a Zalo OA webhook request before its body is trusted or parsed: the MAC on
the raw bytes, then the event's age.

Zalo signs `app_id + raw body + timestamp + OA secret key`, and the timestamp travels
inside the body. So the candidates for it are taken from the raw bytes (a digits-only
`"timestamp"` field) and each is tried against the MAC; only a body that a holder of the
OA secret signed is then parsed, and the parsed event must carry the timestamp that was
signed. A forger cannot gain from the choice of candidate: without the key no candidate
gives a matching MAC."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from enum import Enum

from bot.channels.webhooks import DEDUPE_WINDOW
from bot.channels.zalo_oa import convert

TIMESTAMP = re.compile(rb'"timestamp"\s*:\s*"?(\d{1,20})"?')
MAX_CANDIDATES = 4
# Older events may have left the dedupe table, so a replay would be handled again; the
# margin covers the time between Zalo's stamp and our processed_at.
MAX_AGE = DEDUPE_WINDOW - timedelta(hours=1)
MAX_AHEAD = timedelta(minutes=5)  # clock skew allowed between Zalo and us


class Age(Enum):
    FRESH = "fresh"
    TOO_OLD = "too_old"
    AHEAD = "ahead"  # stamped in the future beyond the skew: not a real delivery
    UNREADABLE = "unreadable"


def signed_timestamp(app_id: str, body: bytes, key: str, header: str | None) -> str | None:
    """The timestamp the MAC in `header` was computed with, or None when no timestamp
    in the body gives a matching MAC (bad, missing or forged signature)."""
    if not header or not key:
        return None
    candidates: list[str] = []
    for match in TIMESTAMP.finditer(body):
        value = match.group(1).decode()
        if value not in candidates:
            candidates.append(value)
        if len(candidates) == MAX_CANDIDATES:
            break
    for value in [*candidates, ""]:  # "": a signed body with no timestamp (then ignored)
        if convert.signature_ok(app_id, body, value, key, header):
            return value
    return None


def age_of(timestamp: str, now: datetime) -> Age:
    """Whether an event stamped `timestamp` (Unix milliseconds, as Zalo sends) may be
    handled at `now` (wall-clock time, the clock the dedupe table is pruned by)."""
    try:
        stamped = datetime.fromtimestamp(int(timestamp) / 1000, tz=UTC)
    except (ValueError, OverflowError, OSError):
        return Age.UNREADABLE
    if stamped < now - MAX_AGE:
        return Age.TOO_OLD
    if stamped > now + MAX_AHEAD:
        return Age.AHEAD
    return Age.FRESH
