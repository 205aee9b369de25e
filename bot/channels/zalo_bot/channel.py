"""The Zalo Bot Platform channel on httpx: long polling with getUpdates (one update per
call, an idle 408 is normal) or a webhook checked by its secret header; numbered menus;
photos in, texts out. Also a `Sender` for reminders and broadcasts."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.channels.retry import Backoff, ServerError
from bot.channels.webhooks import BodyTooLarge, WebhookServer, read_body, too_large
from bot.channels.zalo_bot import convert
from bot.channels.zalo_bot.api import ZaloBotClient, ZaloBotError
from bot.channels.zalo_common import ZaloAdapter, ZaloLimits
from handlers.io import Capabilities, DeliveryError, Reply, RetryLater
from handlers.router import Router
from scheduler.pacing import Pacer

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Bot-Api-Secret-Token"


@dataclass(frozen=True)
class ZaloBotConfig(ZaloLimits):
    token: str
    api_base_url: str = "https://bot-api.zaloplatforms.com"
    poll_timeout: int = 30
    per_second: float = 5
    webhook_url: str = ""
    webhook_secret: str = ""
    webhook_path: str = "/zalo/bot"
    error_pause_max: float = 30


class ZaloBotChannel(ZaloAdapter):
    """The adapter: turns updates into `Inbound`s for the router and sends its replies."""

    name = convert.CHANNEL
    label = "Zalo bot"
    failures = (ZaloBotError, DeliveryError)
    # texts and photos in, texts out: no buttons, documents, files or edits
    capabilities = Capabilities(
        documents_in=False, files_out=False, max_text=convert.TEXT_LIMIT, numbered_menus=True
    )

    def __init__(
        self, router: Router, config: ZaloBotConfig, *, http: httpx.AsyncClient | None = None
    ) -> None:
        super().__init__(router, config, http)
        self.config = config
        pacer = Pacer(config.per_second, config.per_chat_per_second, config.chat_burst)
        self.api = ZaloBotClient(
            config.token,
            config.api_base_url,
            http=self.http,
            pacer=pacer,
            backoff=Backoff(first_delay=config.backoff_first_delay),
            rate_limit_wait=config.rate_limit_wait,
        )

    @property
    def webhook_mode(self) -> bool:
        return bool(self.config.webhook_url)

    async def open(self, server: WebhookServer | None = None) -> None:
        """Check the token, then register the webhook or clear it for polling."""
        me = await self.api.get_me()
        logger.info("Zalo bot channel running as %s", me.get("account_name", "?"))
        if self.webhook_mode:
            if server is None or not self.config.webhook_secret:
                raise ValueError("a Zalo bot webhook needs the webhook server and a secret")
            server.add(self.config.webhook_path, self.webhook)
            await self.api.set_webhook(self.config.webhook_url, self.config.webhook_secret)
        else:
            try:  # getUpdates is refused while a webhook is set
                await self.api.delete_webhook()
            except ZaloBotError as error:  # none set: what Zalo answers is undocumented
                logger.warning("Zalo bot deleteWebhook: %s %s", error.code, error.description)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll (or, with a webhook, wait) until `stop`; then finish the updates in hand."""
        try:
            if self.webhook_mode:
                await stop.wait()
            else:
                await self.poll(stop)
        finally:
            await self.dispatcher.drain()

    # -- updates in ------------------------------------------------------------------------

    async def poll(self, stop: asyncio.Event) -> None:
        """One getUpdates after another; errors pause the loop (doubling), never end it."""
        stopped = asyncio.ensure_future(stop.wait())
        pause = self.config.backoff_first_delay
        try:
            while not stop.is_set():
                call = asyncio.ensure_future(self.api.get_updates(self.config.poll_timeout))
                await asyncio.wait({call, stopped}, return_when=asyncio.FIRST_COMPLETED)
                if not call.done():
                    call.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await call
                    return
                try:
                    update = call.result()
                except (ZaloBotError, ServerError, httpx.HTTPError) as error:
                    self._log_poll_error(error)
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(asyncio.shield(stopped), pause)
                    pause = min(pause * 2, self.config.error_pause_max)
                    continue
                pause = self.config.backoff_first_delay
                if update is not None:
                    self.accept(update)
        finally:
            stopped.cancel()

    @staticmethod
    def _log_poll_error(error: Exception) -> None:
        if isinstance(error, ZaloBotError):
            logger.error("Zalo bot getUpdates failed: %s %s", error.code, error.description)
        else:
            logger.warning("Zalo bot getUpdates failed: %s", type(error).__name__)

    async def webhook(self, request: Request) -> Response:
        """Refuse a request without the right secret; otherwise answer at once and
        handle the update in the background."""
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return Response(status_code=401)
        if not hmac.compare_digest(given.encode(), self.config.webhook_secret.encode()):
            logger.warning("Zalo bot webhook: wrong secret token, request refused")
            return Response(status_code=403)
        try:
            body = await read_body(request)
        except BodyTooLarge:
            return too_large("Zalo bot")
        if body.strip():  # an empty probe is answered 200 too
            try:
                self.accept(json.loads(body))
            except (json.JSONDecodeError, UnicodeDecodeError):
                return Response(status_code=400)
        return JSONResponse({"ok": True})

    def accept(self, body: Any) -> bool:
        """Queue an update for its person; False for redeliveries and unreadable ones."""
        update = convert.unwrap(body)
        try:
            who = convert.chat_of(update) if update is not None else None
        except (AttributeError, TypeError, ValueError):
            who = None
        if update is None or who is None:
            logger.info("Zalo bot: an update the bot does not handle was skipped")
            return False
        key = convert.update_key(update)
        if key is not None and not self._seen.first_time(key):
            return False
        self.dispatcher.submit(who[0], lambda: self._handle(update))
        return True

    async def _handle(self, update: dict[str, Any]) -> None:
        await self._answer(await convert.to_inbound(update, self._fetch))

    # -- replies out -----------------------------------------------------------------------

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Send replies as texts (their menus already numbered into them by handlers); a
        file is not sent (no files out)."""
        ids: list[str] = []
        for reply in replies:
            if reply.file is not None:
                logger.warning("Zalo bot cannot send files; sending the text only")
            for text in convert.texts_of(reply):
                ids.append(await self._send_text(chat_id, text))
        return ids

    async def _send_text(self, chat_id: str, text: str) -> str:
        """Network errors that outlive the retries become RetryLater, never a crash."""
        try:
            return await self.api.send_message(chat_id, text)
        except (httpx.TransportError, ServerError) as error:
            raise RetryLater(30, f"Zalo bot unreachable: {type(error).__name__}") from error
