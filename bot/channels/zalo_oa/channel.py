"""The Zalo Official Account channel on httpx: webhook events checked by their signature
before anything else, consultation messages with query buttons, images and files, the
"share your phone" card, and the 7-day window: it never writes to someone outside it.
Also a `Sender` for reminders and broadcasts (`OutsideWindow` = unreachable on Zalo)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.channels.base import BlockedHook
from bot.channels.retry import Backoff, ServerError
from bot.channels.webhooks import BodyTooLarge, WebhookServer, read_body, too_large
from bot.channels.zalo_common import ZaloAdapter, ZaloLimits
from bot.channels.zalo_oa import convert
from bot.channels.zalo_oa import webhook as events
from bot.channels.zalo_oa.api import ZaloOAClient, ZaloOAError
from bot.channels.zalo_oa.tokens import OATokens, OAuthConfig, SecretStore
from handlers.io import (
    Capabilities,
    DeliveryError,
    FileKind,
    OutgoingFile,
    OutsideWindow,
    RecipientBlocked,
    Reply,
    RetryLater,
)
from handlers.router import Router
from handlers.texts import Texts, for_language
from scheduler.pacing import Pacer
from storage.services import reach
from storage.types import utcnow

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-ZEvent-Signature"


@dataclass(frozen=True)
class ZaloOAConfig(ZaloLimits):
    app_id: str
    secret_key: str
    webhook_secret_key: str = ""  # the OA secret key of the MAC; empty = secret_key
    refresh_token: str = ""  # a first refresh token, used only while the database has none
    api_base_url: str = "https://openapi.zalo.me"
    oauth_base_url: str = "https://oauth.zaloapp.com"
    webhook_path: str = "/zalo/oa"
    per_second: float = 1.5
    refresh_margin: timedelta = timedelta(minutes=10)

    @property
    def mac_key(self) -> str:
        return self.webhook_secret_key or self.secret_key


class ZaloOAChannel(ZaloAdapter):
    """The adapter; `on_blocked(chat_id, True)` marks a person who left the OA."""

    name = convert.CHANNEL
    label = "Zalo OA"
    capabilities = Capabilities(
        buttons=True,
        contact_sharing=True,
        max_text=convert.TEXT_LIMIT,
        operator_reads_log=True,  # the OA's admins read its conversations on oa.zalo.me
    )

    def __init__(
        self,
        router: Router,
        config: ZaloOAConfig,
        *,
        http: httpx.AsyncClient | None = None,
        clock: Callable[[], datetime] = utcnow,
        on_blocked: BlockedHook | None = None,
        store: SecretStore | None = None,
    ) -> None:
        super().__init__(router, config, http)
        self.config = config
        self.clock = clock
        self.on_blocked = on_blocked
        backoff = Backoff(first_delay=config.backoff_first_delay)
        oauth = OAuthConfig(
            config.app_id,
            config.secret_key,
            config.oauth_base_url,
            config.refresh_token,
            config.refresh_margin,
        )
        self.tokens = OATokens(
            oauth,
            self.http,
            store or SecretStore(router.sessionmaker),
            clock=clock,
            backoff=backoff,
        )
        self.api = ZaloOAClient(
            config.api_base_url,
            http=self.http,
            tokens=self.tokens,
            pacer=Pacer(config.per_second, config.per_chat_per_second, config.chat_burst),
            backoff=backoff,
            rate_limit_wait=config.rate_limit_wait,
        )

    async def open(self, server: WebhookServer | None = None) -> None:
        """Take the webhook route and get an access token (a failure is logged loudly;
        the channel still takes events and tries again at the next send)."""
        if server is None:
            raise ValueError("the Zalo OA channel needs the webhook server")
        server.add(self.config.webhook_path, self.webhook)
        try:
            await self.tokens.access_token()
        except DeliveryError:
            logger.error("Zalo OA: no access token at start; messages wait for a good one")
        logger.info("Zalo OA channel listening at %s", self.config.webhook_path)

    async def run(self, stop: asyncio.Event) -> None:
        try:
            await stop.wait()
        finally:
            await self.dispatcher.drain()

    # -- events in -------------------------------------------------------------------------

    async def webhook(self, request: Request) -> Response:
        """At most 1 MB is read; the MAC is checked on the raw bytes before any parsing; a
        signed event older than the dedupe window (or from the future) is acknowledged
        and dropped. Then answer at once and work in the background.

        Answers: 413 too large, 401 bad signature, 400 unreadable signed body; 200 for
        everything Zalo should not send again (a stale event is answered 200 because
        Zalo retries what it sees failing, and retrying it cannot make it fresh)."""
        try:
            body = await read_body(request)
        except BodyTooLarge:
            return too_large("Zalo OA")
        header = request.headers.get(SIGNATURE_HEADER)
        timestamp = events.signed_timestamp(self.config.app_id, body, self.config.mac_key, header)
        if timestamp is None:
            logger.warning("Zalo OA webhook: bad or missing signature, request refused")
            return Response(status_code=401)
        try:
            event = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            event = None
        if not isinstance(event, dict):
            return Response(status_code=400)
        if str(event.get("timestamp", "")) != timestamp:
            logger.warning("Zalo OA webhook: the signed timestamp is not the event's, refused")
            return Response(status_code=401)
        age = events.age_of(timestamp, utcnow())
        if age is not events.Age.FRESH:
            logger.warning("Zalo OA webhook: event %s (%s) ignored", age.value, timestamp)
            return JSONResponse({"error": 0})
        self.accept(event)
        return JSONResponse({"error": 0})

    def accept(self, event: dict[str, Any]) -> bool:
        """Queue an event for its person; False for redeliveries and events for others."""
        user_id = convert.user_of(event)
        if user_id is None or str(event.get("app_id", self.config.app_id)) != self.config.app_id:
            return False
        key = convert.event_key(event, user_id)
        if not self._seen.first_time(key):
            return False
        self.dispatcher.submit(user_id, lambda: self._handle(event, user_id))
        return True

    async def _handle(self, event: dict[str, Any], user_id: str) -> None:
        if event.get("event_name") == "unfollow":
            await self._mark(user_id, True)
            return
        await self._answer(await convert.to_inbound(event, self._fetch, self.config.max_file_bytes))

    async def _mark(self, chat_id: str, blocked: bool) -> None:
        if self.on_blocked is not None:
            await self.on_blocked(chat_id, blocked)

    # -- messages out ----------------------------------------------------------------------

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Send replies, or raise OutsideWindow without calling Zalo when the person's
        last interaction is 7 days old or more."""
        t = await self._check_window(chat_id)
        ids: list[str] = []
        for reply in replies:
            for message in convert.messages_of(reply, t):
                ids.append(await self._post(chat_id, message))
            if reply.file is not None:
                ids.append(await self._post(chat_id, await self._file_message(reply.file)))
        return ids

    async def _check_window(self, chat_id: str) -> Texts:
        async with self.router.sessionmaker() as session:
            account = await reach.chat_account(session, self.name, chat_id)
        if account is None or not reach.within_window(account, self.clock()):
            raise OutsideWindow(f"Zalo OA: {chat_id} last wrote 7 or more days ago")
        return for_language(account.language, self.config.language)

    async def _file_message(self, file: OutgoingFile) -> dict[str, Any]:
        if file.kind is FileKind.PHOTO:
            data = await self._guard(self.api.upload("image", file.name, file.data, file.mime))
            return convert.image_message(str(data.get("attachment_id", "")))
        data = await self._guard(self.api.upload("file", file.name, file.data, file.mime))
        return convert.file_message(str(data.get("token", "")))

    async def _post(self, chat_id: str, message: dict[str, Any]) -> str:
        try:
            return await self._guard(self.api.send(chat_id, message))
        except RecipientBlocked:
            await self._mark(chat_id, True)
            raise

    @staticmethod
    async def _guard(call: Awaitable[Any]) -> Any:
        """Errors that outlive the retries become DeliveryErrors, logged with their code."""
        try:
            return await call
        except ZaloOAError as error:
            logger.error("Zalo OA API error %s: %s", error.code, error.message)
            raise
        except (httpx.TransportError, ServerError) as error:
            raise RetryLater(30, f"Zalo OA unreachable: {type(error).__name__}") from error
