"""Checking a Telegram Mini App's `initData` (core.telegram.org/bots/webapps, "Validating
data received via the Mini App"): an HMAC-SHA256 with a key derived from the bot token."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

# A clock a little ahead of ours is tolerated; further ahead is refused.
FUTURE_SKEW = timedelta(minutes=5)


class InitDataError(Exception):
    """The data is malformed, forged or stale; the reason is for the log, not the user."""


@dataclass(frozen=True)
class TelegramUser:
    id: int
    language_code: str | None


def secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The `hash` Telegram puts on these fields (also what tests sign with)."""
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()) if k != "hash")
    return hmac.new(secret_key(bot_token), check.encode(), hashlib.sha256).hexdigest()


def validate(init_data: str, bot_token: str, *, now: datetime, max_age: timedelta) -> TelegramUser:
    """The Telegram user who opened the Mini App, once the signature and age are checked."""
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError as exc:
        raise InitDataError("malformed") from exc
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataError("repeated field")
    given = fields.get("hash", "")
    if not given or not hmac.compare_digest(sign(fields, bot_token), given.lower()):
        raise InitDataError("bad hash")
    try:
        signed_at = datetime.fromtimestamp(int(fields["auth_date"]), UTC)
        user = json.loads(fields["user"])
        user_id = int(user["id"])
    except (KeyError, ValueError, TypeError) as exc:
        raise InitDataError("missing auth_date or user") from exc
    if now - signed_at > max_age or signed_at - now > FUTURE_SKEW:
        raise InitDataError("stale")
    language = user.get("language_code")
    return TelegramUser(user_id, language if isinstance(language, str) else None)
