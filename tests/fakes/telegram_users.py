"""Simulated Telegram users: each action queues the update the real client would cause."""

from __future__ import annotations

import itertools
import time
from typing import Any

from tests.fakes.telegram_state import JSON, Query, SentMessage, State, StoredFile, file_json

_PHOTO_SIZES = ((90, 67), (320, 240), (1280, 960))
_album_ids = itertools.count(13_000_000_000_000_000)


class FakeUser:
    """A person in a private chat with the bot (chat id == user id); methods return the update."""

    def __init__(
        self, state: State, user_id: int, first_name: str, language_code: str | None
    ) -> None:
        self.state = state
        self.user_id = user_id
        self.first_name = first_name
        self.language_code = language_code

    @property
    def chat_id(self) -> int:
        return self.user_id

    def as_json(self) -> JSON:
        user: JSON = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def send_text(self, text: str) -> JSON:
        """A typed message; "/start ..." carries a bot_command entity like a real client's."""
        extra: JSON = {"text": text}
        if text.startswith("/") and len(text) > 1:
            command = text.split()[0]
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self._message(extra)

    def press(self, label: str) -> JSON:
        """Press a button on the newest message whose keyboard has it (exact label, or else
        a label containing it)."""
        with self.state.lock:
            for message in reversed(self.state.chats.get(self.chat_id, [])):
                button = _find_button(message, label)
                if button is not None:
                    return self._press(message, button)
            menus = [m.labels for m in self.state.chats.get(self.chat_id, []) if m.buttons]
        shown = menus[-1] if menus else "no inline keyboard at all"
        raise AssertionError(f"{self.first_name}: no button {label!r}; newest keyboard: {shown}")

    def press_on(self, message_id: int, label: str) -> JSON:
        """Press a button on a given (possibly old) message, as a person scrolling up would."""
        with self.state.lock:
            message = self.state.find_message(self.chat_id, message_id)
            if message is None:
                raise AssertionError(f"no bot message {message_id} in chat {self.chat_id}")
            button = _find_button(message, label)
            if button is None:
                shown = message.labels
                raise AssertionError(f"no button {label!r} on message {message_id}: {shown}")
            return self._press(message, button)

    def send_photo(
        self, data: bytes, caption: str | None = None, media_group_id: str | None = None
    ) -> JSON:
        """A photo in three sizes; the largest carries `data`, the smaller ones slices of it."""
        with self.state.lock:
            sizes = []
            parts = (data[: max(1, len(data) // 64)], data[: max(1, len(data) // 8)], data)
            for part, (width, height) in zip(parts, _PHOTO_SIZES, strict=True):
                stored = self.state.add_file(part, "photos")
                sizes += file_json(stored, "photo", width, height)
        extra: JSON = {"photo": sizes}
        if caption is not None:
            extra["caption"] = caption
        if media_group_id is not None:
            extra["media_group_id"] = media_group_id
        return self._message(extra)

    def send_album(self, photos: list[bytes], caption: str | None = None) -> list[JSON]:
        """Several photos sent at once: one media_group_id, the caption on the first."""
        group = str(next(_album_ids))
        return [
            self.send_photo(data, caption if i == 0 else None, media_group_id=group)
            for i, data in enumerate(photos)
        ]

    def send_document(
        self,
        data: bytes,
        file_name: str,
        mime_type: str,
        file_size: int | None = None,
        caption: str | None = None,
    ) -> JSON:
        """A document; `file_size` may claim more than `data` (getFile refuses over 20 MB)."""
        with self.state.lock:
            stored = self.state.add_file(
                data, "documents", size=file_size, name=file_name, mime=mime_type
            )
        extra: JSON = {"document": file_json(stored, "document")}
        if caption is not None:
            extra["caption"] = caption
        return self._message(extra)

    def share_contact(self, phone: str, own: bool = True) -> JSON:
        """The "share my phone number" button (own), or someone else's contact card."""
        contact = {
            "phone_number": phone,
            "first_name": self.first_name if own else "Người khác",
            "user_id": self.user_id if own else self.user_id + 1_000_000,
        }
        return self._message({"contact": contact})

    @property
    def messages(self) -> list[SentMessage]:
        """What the bot has sent this person (edits applied)."""
        with self.state.lock:
            return list(self.state.chats.get(self.chat_id, []))

    def file(self, file_id: str) -> StoredFile:
        with self.state.lock:
            return self.state.files[file_id]

    def _message(self, content: JSON) -> JSON:
        with self.state.lock:
            message = {
                "message_id": self.state.next_message_id(self.chat_id),
                "from": self.as_json(),
                "chat": self.state.chat_json(self.chat_id),
                "date": int(time.time()),
                **content,
            }
            update = self.state.add_update("message", message)
        self.state.signal.notify()
        return update

    def _press(self, message: SentMessage, button: JSON) -> JSON:
        data = button.get("callback_data")
        if data is None:
            raise AssertionError(f"button {button.get('text')!r} sends no callback_data: {button}")
        query_id = self.state.next_query_id()
        query: JSON = {
            "id": query_id,
            "from": self.as_json(),
            "message": self.state.message_json(message),
            "chat_instance": f"{-self.chat_id}",
            "data": data,
        }
        self.state.queries[query_id] = Query(query_id, self.user_id, message.message_id, data)
        update = self.state.add_update("callback_query", query)
        self.state.signal.notify()
        return update


def _find_button(message: SentMessage, label: str) -> dict[str, Any] | None:
    buttons = message.buttons
    exact = [b for b in buttons if b.get("text") == label]
    found = exact or [b for b in buttons if label in b.get("text", "")]
    return found[0] if found else None
