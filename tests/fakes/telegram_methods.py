"""The Bot API methods the fake implements, answering like the real server.

Each handler gets parameters that already passed the spec check, and returns the `result`
or raises `ApiError` with the real API's status and description.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from tests.fakes.botapi_markup import visible_text
from tests.fakes.botapi_spec import parse_bool
from tests.fakes.telegram_state import (
    DOWNLOAD_LIMIT,
    JSON,
    CallbackAnswer,
    Edit,
    SentMessage,
    State,
    Upload,
)

Params = dict[str, Any]
Handler = Callable[[State, Params], Awaitable[Any]]

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice"}
    | {"upload_document", "choose_sticker", "find_location", "record_video_note"}
    | {"upload_video_note"}
)
MAX_COMMANDS = 100


class ApiError(Exception):
    """An error answer: {"ok": false, "error_code": status, "description": ...}."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def chat_of(state: State, params: Params) -> int:
    """The private chat a call targets; only chats of simulated users exist."""
    raw = params.get("chat_id")
    chat_id = int(raw) if isinstance(raw, int) or str(raw).lstrip("-").isdigit() else None
    if chat_id is None or chat_id not in state.users:
        raise ApiError(400, "Bad Request: chat not found")
    return chat_id


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _shown(params: Params, name: str) -> str | None:
    value = params.get(name)
    return None if value is None else visible_text(str(value), params.get("parse_mode"))


async def get_me(state: State, params: Params) -> JSON:
    return state.bot


async def get_updates(state: State, params: Params) -> list[JSON]:
    """Long polling: confirm by offset, then wait up to `timeout` s for something to return."""
    offset = int(params.get("offset") or 0)
    limit = min(max(int(params.get("limit") or 100), 1), 100)
    timeout = max(int(params.get("timeout") or 0), 0)
    with state.lock:
        if state.webhook:
            raise ApiError(409, WEBHOOK_ACTIVE)
        if "allowed_updates" in params:
            state.allowed_updates = frozenset(_json(params["allowed_updates"]) or ())
        if offset < 0:
            state.updates = state.updates[offset:]
        elif offset:
            state.updates = [u for u in state.updates if u["update_id"] >= offset]
        state.polls += 1
        mine = state.polls

    def ready() -> bool:
        with state.lock:
            return bool(state.updates) or state.closing or state.polls != mine

    if timeout:
        await state.signal.wait_until(ready, timeout)
    with state.lock:
        if state.polls != mine:
            raise ApiError(409, CONFLICT)
        return state.updates[:limit]


async def set_webhook(state: State, params: Params) -> bool:
    """Updates go to `url` from now on (the tests deliver them there themselves)."""
    url = str(params["url"])
    if not url:
        return await delete_webhook(state, params)
    if not url.startswith("https://"):
        raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not SECRET_TOKEN.fullmatch(str(secret)):
        raise ApiError(400, "Bad Request: secret token contains unallowed characters")
    connections = int(params.get("max_connections") or 40)
    if not 1 <= connections <= 100:
        raise ApiError(400, "Bad Request: bad webhook: max_connections must be between 1 and 100")
    with state.lock:
        state.webhook = {"url": url, "secret_token": secret, "max_connections": connections}
        if "allowed_updates" in params:
            state.allowed_updates = frozenset(_json(params["allowed_updates"]) or ())
        if parse_bool(params.get("drop_pending_updates", False)):
            state.updates.clear()
    return True


async def delete_webhook(state: State, params: Params) -> bool:
    with state.lock:
        state.webhook = {}
        if parse_bool(params.get("drop_pending_updates", False)):
            state.updates.clear()
    return True


async def get_webhook_info(state: State, params: Params) -> JSON:
    with state.lock:
        pending = len(state.updates)
        hook = dict(state.webhook)
    info: JSON = {
        "url": hook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": pending,
    }
    if hook:
        info["max_connections"] = hook["max_connections"]
        if state.allowed_updates:
            info["allowed_updates"] = sorted(state.allowed_updates)
    return info


async def ok(state: State, params: Params) -> bool:
    return True


async def send_chat_action(state: State, params: Params) -> bool:
    chat_of(state, params)
    if params["action"] not in CHAT_ACTIONS:
        raise ApiError(400, "Bad Request: wrong parameter action in request")
    return True


def scope_key(scope: Any) -> str:
    """ "default", "all_private_chats", "chat:42", "chat_member:42:7"..."""
    scope = _json(scope) or {"type": "default"}
    parts = [scope["type"], *(str(scope[k]) for k in ("chat_id", "user_id") if k in scope)]
    return ":".join(parts)


def _commands_key(params: Params) -> tuple[str, str]:
    return scope_key(params.get("scope")), str(params.get("language_code") or "")


async def set_my_commands(state: State, params: Params) -> bool:
    commands = _json(params["commands"])
    if len(commands) > MAX_COMMANDS:
        raise ApiError(400, "Bad Request: too many commands")
    with state.lock:
        state.commands[_commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
    return True


async def set_chat_menu_button(state: State, params: Params) -> bool:
    """The default menu button, or one private chat's."""
    button = _json(params.get("menu_button")) or {"type": "default"}
    with state.lock:
        state.menu_buttons[str(params.get("chat_id") or "")] = button
    return True


async def get_my_commands(state: State, params: Params) -> list[JSON]:
    with state.lock:
        return list(state.commands.get(_commands_key(params), []))


async def delete_my_commands(state: State, params: Params) -> bool:
    with state.lock:
        state.commands.pop(_commands_key(params), None)
    return True


def _new_message(state: State, params: Params, kind: str, text: str | None, **extra: Any) -> JSON:
    chat_id = chat_of(state, params)
    with state.lock:
        message = SentMessage(
            chat_id=chat_id,
            message_id=state.next_message_id(chat_id),
            kind=kind,
            text=text,
            reply_markup=_json(params.get("reply_markup")),
            date=int(time.time()),
            **extra,
        )
        state.chats.setdefault(chat_id, []).append(message)
        return state.message_json(message)


async def send_message(state: State, params: Params) -> JSON:
    text = _shown(params, "text") or ""
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    return _new_message(state, params, "text", text)


def _media(state: State, params: Params, kind: str, folder: str) -> Any:
    """The uploaded file stored anew, or the stored file a file_id names."""
    value = params[kind]
    with state.lock:
        if isinstance(value, Upload):
            return state.add_file(value.data, folder, name=value.filename, mime=value.content_type)
        stored = state.files.get(str(value))
    if stored is None:
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
    return stored


async def send_photo(state: State, params: Params) -> JSON:
    stored = _media(state, params, "photo", "photos")
    return _new_message(state, params, "photo", _shown(params, "caption"), file=stored)


async def send_document(state: State, params: Params) -> JSON:
    stored = _media(state, params, "document", "documents")
    return _new_message(state, params, "document", _shown(params, "caption"), file=stored)


def _message_to_edit(state: State, params: Params) -> SentMessage:
    if params.get("inline_message_id"):
        raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
    message = state.find_message(chat_of(state, params), int(params["message_id"]))
    if message is None:
        raise ApiError(400, "Bad Request: message to edit not found")
    return message


def _apply_edit(
    state: State, message: SentMessage, method: str, text: str | None, markup: JSON | None
) -> JSON:
    current = message.reply_markup if message.buttons else None  # reply keyboards don't count
    if text == message.text and markup == current:
        raise ApiError(400, NOT_MODIFIED)
    message.text, message.reply_markup = text, markup
    message.edits.append(Edit(method, text, markup, time.monotonic()))
    message.edit_date = int(time.time())
    return state.message_json(message)


async def edit_message_text(state: State, params: Params) -> JSON:
    """New text; the inline keyboard goes away unless it is sent again, as on Telegram."""
    text = _shown(params, "text")
    if not text or not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    with state.lock:
        message = _message_to_edit(state, params)
        if message.kind != "text":
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        markup = _json(params.get("reply_markup"))
        return _apply_edit(state, message, "editMessageText", text, markup)


async def edit_message_reply_markup(state: State, params: Params) -> JSON:
    with state.lock:
        message = _message_to_edit(state, params)
        markup = _json(params.get("reply_markup"))
        return _apply_edit(state, message, "editMessageReplyMarkup", message.text, markup)


async def answer_callback_query(state: State, params: Params) -> bool:
    with state.lock:
        query = state.queries.get(str(params["callback_query_id"]))
        if query is None or query.answered:
            raise ApiError(400, QUERY_INVALID)
        query.answered = True
        text = params.get("text")
        alert = parse_bool(params.get("show_alert", False))
        state.callback_answers.append(CallbackAnswer(query.query_id, text, alert, query.user_id))
    return True


async def get_file(state: State, params: Params) -> JSON:
    with state.lock:
        stored = state.files.get(str(params["file_id"]))
    if stored is None:
        raise ApiError(400, "Bad Request: invalid file_id")
    if stored.size > DOWNLOAD_LIMIT:
        raise ApiError(400, "Bad Request: file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "file_path": stored.file_path,
    }


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "deleteMyCommands": delete_my_commands,
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "answerCallbackQuery": answer_callback_query,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "sendChatAction": send_chat_action,
    "getFile": get_file,
    "close": ok,
    "logOut": ok,
}
# What Telegram's flood limits count as a message, and what a blocked chat refuses.
MESSAGE_METHODS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "editMessageText", "editMessageReplyMarkup"}
)
CHAT_METHODS = MESSAGE_METHODS | {"sendChatAction"}
