"""What the fake Zalo OA refuses in a consultation message, as the real one would
(limits marked [?] in zalo.md are the adapter's assumptions, checked here alike)."""

from __future__ import annotations

from typing import Any

TEXT_LIMIT = 2000
BUTTON_TYPES = {"oa.query.hide", "oa.query.show", "oa.open.url", "oa.open.phone"}
MAX_BUTTONS = 5
TITLE_LIMIT = 100
PAYLOAD_LIMIT = 1000


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_message(message: Any, uploads: dict[str, str]) -> str | None:
    """A reason to refuse the message, or None."""
    if not isinstance(message, dict) or not (message.get("text") or message.get("attachment")):
        return "message needs a text or an attachment"
    text = message.get("text")
    if text is not None and (not isinstance(text, str) or not 1 <= units(text) <= TEXT_LIMIT):
        return "text must be 1-2000 characters"
    attachment = message.get("attachment")
    if attachment is None:
        return None
    payload = attachment.get("payload") or {}
    if attachment.get("type") == "file":
        return None if payload.get("token") in uploads else "unknown file token"
    if attachment.get("type") != "template":
        return "unknown attachment type"
    if "buttons" in payload:
        return _check_buttons(payload["buttons"])
    return _check_template(payload, uploads)


def _check_buttons(buttons: Any) -> str | None:
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= MAX_BUTTONS:
        return "1 to 5 buttons"
    for button in buttons:
        if button.get("type") not in BUTTON_TYPES:
            return "unknown button type"
        if not 1 <= len(button.get("title") or "") <= TITLE_LIMIT:
            return "button title must be 1-100 characters"
        if len(str(button.get("payload") or "")) > PAYLOAD_LIMIT:
            return "button payload over 1000 characters"
    return None


def _check_template(payload: dict[str, Any], uploads: dict[str, str]) -> str | None:
    elements = payload.get("elements") or []
    kind = payload.get("template_type")
    if kind == "request_user_info":
        ok = len(elements) == 1 and elements[0].get("title") and elements[0].get("subtitle")
        return None if ok else "request_user_info needs one element with title and subtitle"
    if kind == "media":
        element = elements[0] if len(elements) == 1 else {}
        ok = element.get("attachment_id") in uploads or str(element.get("url", "")).startswith(
            "http"
        )
        return None if ok else "media needs an uploaded image"
    return "unknown template"
