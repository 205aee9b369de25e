"""The Telegram bot's username, for t.me deep links: TELEGRAM_BOT_USERNAME when set, else
asked once from Telegram (getMe) with the bot token and kept for the process."""

from __future__ import annotations

import asyncio
import logging

import httpx

logger = logging.getLogger(__name__)


class BotName:
    def __init__(
        self, configured: str = "", token: str | None = None, api_base_url: str = ""
    ) -> None:
        self._name = configured.strip().lstrip("@") or None
        self._token = token
        self._api = api_base_url
        self._lock = asyncio.Lock()

    async def get(self) -> str | None:
        """The username without "@", or None when neither setting nor Telegram gives one."""
        if self._name is not None or not self._token:
            return self._name
        async with self._lock:
            if self._name is None:
                self._name = await self._ask_telegram()
        return self._name

    async def _ask_telegram(self) -> str | None:
        try:
            async with httpx.AsyncClient(timeout=10) as client:
                answer = await client.post(f"{self._api}{self._token}/getMe")
                answer.raise_for_status()
                name = answer.json().get("result", {}).get("username")
        except (httpx.HTTPError, ValueError) as exc:
            logger.warning("getMe failed, no bot username for invite links: %s", type(exc).__name__)
            return None
        return str(name) if name else None
