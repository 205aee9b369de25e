"""`LOG_FORMAT=json`: one JSON object per line for a log collector. Fields: time (ISO-8601,
UTC), level, logger, message; while an update is handled its channel, update id and
person id; an exception as one "exc" string. Never a name, phone or token: names and
phones are not logged at all, and every text field passes through the token redaction."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bot.logs import redact as redact_all
from handlers.observing import current


class JsonFormatter(logging.Formatter):
    """Each text field redacted on its own (redacting the JSON line would break it)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        def redact(text: str) -> str:
            return redact_all(text, self.secrets)

        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        update = current.get()
        if update is not None:
            line["channel"] = update.channel
            if update.update_id is not None:
                line["update_id"] = update.update_id
            if update.person_id is not None:
                line["person_id"] = update.person_id
        if record.exc_info:
            line["exc"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            line["exc"] = redact(record.exc_text)
        if record.stack_info:
            line["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(line, ensure_ascii=False, default=str)
