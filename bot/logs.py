"""Logging set up once at start. Every line, tracebacks included, passes through
`RedactingFormatter`, which blanks bot tokens, OAuth tokens and the configured secrets;
httpx stays at WARNING because its request lines carry bot tokens in the URL."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

TOKEN_IN_URL = re.compile(r"(/bot)[^/\s]+")
# A Telegram bot token wherever it appears (an exception's repr, a request object).
TELEGRAM_TOKEN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}")
# OAuth values in a query string, a form body, JSON or a header.
NAMED_SECRET = re.compile(
    r"""((?:access_token|refresh_token|secret_key|code_verifier|client_secret|"""
    r"""X-Bot-Api-Secret-Token)["']?\s*[=:]\s*["']?)[^"'&\s,}]+""",
    re.IGNORECASE,
)
MASK = "<redacted>"


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every token-looking value and every known secret blanked."""
    for secret in secrets:
        if secret and len(secret) >= 6:
            text = text.replace(secret, MASK)
    text = TOKEN_IN_URL.sub(r"\1<token>", text)
    text = TELEGRAM_TOKEN.sub(MASK, text)
    return NAMED_SECRET.sub(rf"\1{MASK}", text)


class RedactTokens(logging.Filter):
    """Blank tokens in a record's message before any handler sees it (for httpx's own
    loggers, whatever handler a host application attaches)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """Formats the whole line, exception text and stack included, then redacts it: a
    token inside a traceback (an URL in an httpx error, a repr of a request) never
    reaches the output."""

    def __init__(self, fmt: str, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


def protect_http_loggers() -> None:
    """Blank tokens in httpx's own request lines, whatever level they are logged at
    (the Zalo Bot Platform, like Telegram, puts the token in the URL)."""
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())


def setup(level: str = "INFO", secrets: Iterable[str] = (), fmt: str = "text") -> None:
    """Log to stderr at `level`, as text lines or (`fmt="json"`) one JSON object a line,
    both redacted; `secrets` are the configured tokens and keys, blanked wherever they
    appear."""
    handler = logging.StreamHandler()
    if fmt == "json":
        from bot.log_json import JsonFormatter

        handler.setFormatter(JsonFormatter(secrets))
    else:
        handler.setFormatter(
            RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore", "alembic", "aiosqlite", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    protect_http_loggers()
