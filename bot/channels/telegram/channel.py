"""The Telegram channel on python-telegram-bot: one bridge handler turns each `Update`
into an `Inbound`, hands it to the router, and renders the replies as Bot API calls."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from telegram import (
    Bot,
    BotCommand,
    InputFile,
    MenuButtonDefault,
    MenuButtonWebApp,
    Message,
    ReplyKeyboardRemove,
    Update,
    WebAppInfo,
)
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.channels.base import ApiCallHook, BlockedHook, Recent, deliver, ignore_call
from bot.channels.telegram import convert
from bot.channels.telegram.limits import (
    OrderedPerPersonProcessor,
    PacedRateLimiter,
    direct_replies,
    telegram_backoff,
)
from bot.channels.telegram.observe import CountingRequest
from handlers.commands import TELEGRAM_MENU
from handlers.io import Capabilities, FileKind, Inbound, RecipientBlocked, Reply
from handlers.router import Router
from handlers.texts import En, Vi, for_language
from scheduler.pacing import Pacer, SlidingWindow

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class TelegramConfig:
    token: str
    api_base_url: str = "https://api.telegram.org/bot"
    file_base_url: str = "https://api.telegram.org/file/bot"
    max_in_flight: int = 64
    per_second: float = 30
    per_chat_per_second: float = 0.9
    chat_burst: int = 3
    poll_timeout: int = 10
    language: str = "vi"
    backoff_first_delay: float = 0.5
    console_url: str | None = None  # the console as a Mini App (https), when it is served


class TelegramChannel:
    """The adapter; also a `Sender` for reminders and broadcasts."""

    name = convert.CHANNEL
    capabilities = Capabilities(
        buttons=True, contact_sharing=True, edits=True, max_text=convert.TEXT_LIMIT
    )

    def __init__(
        self,
        router: Router,
        config: TelegramConfig,
        on_blocked: BlockedHook | None = None,
        on_api_call: ApiCallHook = ignore_call,
    ) -> None:
        self.router = router
        self.config = config
        self.on_blocked = on_blocked
        self.on_api_call = on_api_call
        self.backoff = telegram_backoff(config.backoff_first_delay)
        self.pacer = Pacer(config.per_second, config.per_chat_per_second)
        # A chat may take `chat_burst` messages at once, then about one a second.
        self.chat_windows = SlidingWindow(config.chat_burst, float(config.chat_burst))
        self._running: Recent[tuple[str, str], str] = Recent()
        self._contact_keyboard: set[str] = set()
        self.application = self._build()

    def _build(self) -> Application:
        size = self.config.max_in_flight + 4
        application = (
            ApplicationBuilder()
            .token(self.config.token)
            .base_url(self.config.api_base_url)
            .base_file_url(self.config.file_base_url)
            .concurrent_updates(OrderedPerPersonProcessor(self.config.max_in_flight))
            .rate_limiter(PacedRateLimiter(self.pacer, self.chat_windows))
            .request(CountingRequest(self.on_api_call, connection_pool_size=size, pool_timeout=30))
            .get_updates_request(
                CountingRequest(
                    self.on_api_call,
                    connection_pool_size=1,
                    read_timeout=self.config.poll_timeout + 10,
                )
            )
            .build()
        )
        application.add_handler(TypeHandler(Update, self.on_update))
        application.add_error_handler(self.on_error)
        return application

    @property
    def t(self) -> type[Vi]:
        return for_language(self.config.language)

    async def set_commands(self) -> None:
        """The command menu in Vietnamese (default) and English."""
        vi = [BotCommand(c.name, Vi.COMMAND_HINTS[c.name]) for c in TELEGRAM_MENU]
        en = [BotCommand(c.english, En.COMMAND_HINTS[c.name]) for c in TELEGRAM_MENU]
        bot = self.application.bot
        await self.backoff.run(lambda: bot.set_my_commands(vi))
        await self.backoff.run(lambda: bot.set_my_commands(en, language_code="en"))
        await self.set_menu_button()

    async def set_menu_button(self) -> None:
        """The chat's menu button opens the console as a Mini App when it is served (an
        unlinked person meets its sign-in page, which says how to link); without it,
        Telegram's default button, so a console switched off leaves no dead button."""
        url = self.config.console_url
        button = (
            MenuButtonWebApp(self.t.BTN_CONSOLE, WebAppInfo(url)) if url else MenuButtonDefault()
        )
        bot = self.application.bot
        await self.backoff.run(lambda: bot.set_chat_menu_button(menu_button=button))

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The bridge: Update -> Inbound -> router -> replies, one person at a time; the
        replies go out at once (within the chat's burst), not paced like bulk sends."""
        with direct_replies():
            await self._on_update(update)

    async def _on_update(self, update: Update) -> None:
        msg = convert.to_inbound(update, self.application.bot)
        replies = await self.router.handle(msg, self.capabilities) if msg is not None else []
        await self.respond(update, msg, replies)

    async def respond(self, update: Update, msg: Inbound | None, replies: list[Reply]) -> None:
        """Show the replies to an update: after a button press by editing the menu,
        else as new messages; an update with nothing to handle only stops the spinner."""
        if msg is None:
            if update.callback_query is not None:
                await self._answer(update, None)
            return
        if update.callback_query is not None:
            await self._after_press(update, replies)
            return
        if msg.contact is not None:
            self._contact_keyboard.add(msg.chat_id)
        await self.deliver(msg.chat_id, replies)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        logger.error("update %s failed", update_id, exc_info=context.error)

    async def _answer(self, update: Update, text: str | None) -> None:
        query = update.callback_query
        assert query is not None
        try:
            await self.backoff.run(lambda: query.answer(text=text))
        except TelegramError as error:  # an old query id: nothing to stop spinning
            logger.info("answerCallbackQuery failed: %s", error)

    async def _after_press(self, update: Update, replies: list[Reply]) -> None:
        """Stop the spinner; turn the pressed menu into the answer when it is one plain
        message, else mark the choice on it and send the answer below. A stale press
        only loses its keyboard; the current step comes as a new message."""
        query = update.callback_query
        assert query is not None and query.message is not None
        chat_id = str(query.message.chat.id)
        notice = next((r.notice for r in replies if r.notice), None)
        await self._answer(update, notice)
        merged = convert.merge(replies)
        if not merged:
            return
        message_id = str(query.message.message_id)
        single = merged[0] if len(merged) == 1 else None
        in_place = single is not None and single.file is None and not single.ask_contact
        if not notice and in_place and await self._edit_quietly(chat_id, message_id, single):
            return
        label = None if notice else convert.label_of(query.message, query.data or "")
        original = getattr(query.message, "text", None)
        if label and original and len(original) + len(label) + 4 <= convert.TEXT_LIMIT:
            await self._edit_quietly(chat_id, message_id, Reply(f"{original}\n\n✔ {label}"))
        else:
            await self._drop_keyboard(chat_id, message_id)
        await self.deliver(chat_id, merged)

    async def deliver(self, chat_id: str, replies: Sequence[Reply]) -> None:
        """Send replies to a person who wrote to us; failures are logged, not raised."""
        await deliver(self, chat_id, replies, label="Telegram", failures=(TelegramError,))

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Send replies; a reply naming a running message edits it instead."""
        sent: list[str] = []
        for reply in convert.merge(list(replies)):
            key = (chat_id, reply.updates) if reply.updates else None
            running = self._running.get(key) if key is not None else None
            if running is not None and await self._edit_quietly(chat_id, running, reply):
                sent.append(running)
                continue
            message_ids = await self._send_one(chat_id, reply)
            sent.extend(message_ids)
            if key is not None and message_ids:
                self._running.remember(key, message_ids[-1])
        return sent

    async def _send_one(self, chat_id: str, reply: Reply) -> list[str]:
        bot = self.application.bot
        ids = []
        for piece in convert.pieces(reply, contact_label=self.t.BTN_SHARE_PHONE):
            markup = piece.markup
            if markup is None and chat_id in self._contact_keyboard:
                markup = ReplyKeyboardRemove()
                self._contact_keyboard.discard(chat_id)
            if reply.ask_contact:
                self._contact_keyboard.add(chat_id)
            message = await self._guard(
                chat_id, lambda p=piece, m=markup: self._post(bot, chat_id, p, m)
            )
            ids.append(str(message.message_id))
        return ids

    @staticmethod
    async def _post(bot: Bot, chat_id: str, piece: convert.Piece, markup: Any) -> Message:
        if piece.file is None:
            return await bot.send_message(chat_id, piece.text, reply_markup=markup)
        upload = InputFile(piece.file.data, filename=piece.file.name)
        caption = piece.text or None
        if piece.file.kind is FileKind.PHOTO:
            return await bot.send_photo(chat_id, upload, caption=caption, reply_markup=markup)
        return await bot.send_document(chat_id, upload, caption=caption, reply_markup=markup)

    async def _guard(self, chat_id: str, call: Callable[[], Awaitable[T]]) -> T:
        """Retry network errors; a 403 marks the person blocked and raises RecipientBlocked."""
        try:
            return await self.backoff.run(call)
        except Forbidden as error:
            if self.on_blocked is not None:
                await self.on_blocked(chat_id, True)
            raise RecipientBlocked(str(error)) from error

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        bot = self.application.bot
        await self._guard(
            chat_id,
            lambda: bot.edit_message_text(
                reply.text[: convert.TEXT_LIMIT],
                chat_id=chat_id,
                message_id=int(message_id),
                reply_markup=convert.keyboard(reply),
            ),
        )

    async def _edit_quietly(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        """Edit a message; False when Telegram will not (too old, deleted, unchanged)."""
        if len(reply.text) > convert.TEXT_LIMIT:
            return False
        try:
            await self.edit(chat_id, message_id, reply)
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return True
            logger.info("could not edit message %s in chat %s: %s", message_id, chat_id, error)
            return False
        except (RecipientBlocked, TelegramError) as error:
            logger.info("could not edit message %s in chat %s: %s", message_id, chat_id, error)
            return False
        return True

    async def _drop_keyboard(self, chat_id: str, message_id: str) -> None:
        bot = self.application.bot
        try:
            await self._guard(
                chat_id,
                lambda: bot.edit_message_reply_markup(
                    chat_id=chat_id, message_id=int(message_id), reply_markup=None
                ),
            )
        except (RecipientBlocked, TelegramError) as error:
            logger.info("could not drop the keyboard of %s: %s", message_id, error)
