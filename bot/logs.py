"""Logging set up once at start; httpx stays at WARNING because its request lines carry
bot tokens in the URL."""

from __future__ import annotations

import logging
import re

TOKEN_IN_URL = re.compile(r"(/bot)[^/\s]+")


class RedactTokens(logging.Filter):
    """Blank any bot token that reaches a log line inside a URL."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/bot" in message:
            record.msg = TOKEN_IN_URL.sub(r"\1<token>", message)
            record.args = None
        return True


def protect_http_loggers() -> None:
    """Blank tokens in httpx's own request lines, whatever level they are logged at
    (the Zalo Bot Platform, like Telegram, puts the token in the URL)."""
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())


def setup(level: str = "INFO", fmt: str = "text") -> None:
    """Log to stderr at `level`, as text lines or (`fmt="json"`) one JSON object a line."""
    handler = logging.StreamHandler()
    if fmt == "json":
        from bot.log_json import JsonFormatter

        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore", "alembic", "aiosqlite", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    protect_http_loggers()
