"""The Bot API requests of the Telegram channel, counted: every call (getUpdates
included, which skips the rate limiter) reports its method and outcome to a hook that
feeds the metrics and the readiness check. The method is the last part of the URL; the
token before it never leaves this module."""

from __future__ import annotations

import re
from typing import Any

from telegram.error import NetworkError
from telegram.request import HTTPXRequest

from bot.channels.base import ApiCallHook
from bot.metrics import outcome_of_status

API_METHOD = re.compile(r"^[A-Za-z]{1,40}$")


def method_of(url: str, http_method: str) -> str:
    """The method of a Bot API call ("sendMessage"), or "file" for a file download."""
    if http_method.upper() == "GET":
        return "file"
    last = url.rstrip("/").rsplit("/", 1)[-1]
    return last if API_METHOD.match(last) else "other"


class CountingRequest(HTTPXRequest):
    def __init__(self, on_call: ApiCallHook, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_call = on_call

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        name = method_of(url, method)
        try:
            code, payload = await super().do_request(url, method, *args, **kwargs)
        except NetworkError:  # TimedOut included: no answer came
            self.on_call(name, "network")
            raise
        self.on_call(name, outcome_of_status(code))
        return code, payload
