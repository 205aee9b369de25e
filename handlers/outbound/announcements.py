"""Messages the bot sends first, as recipients see them: reminders signed by who set
them, with a command button to the flow they are about; broadcast announcements.
The flows preview them and the scheduler sends them."""

from __future__ import annotations

from handlers.commands import BUTTON_LABELS
from handlers.io import Button, Reply, rows
from handlers.texts import Texts
from storage.models import OrgUnit, ReminderRule


def command_button(t: Texts, command: str) -> Button:
    """A button opening a flow; a command payload is accepted on any later menu."""
    return Button(getattr(t, BUTTON_LABELS.get(command, "BTN_PROGRESS")), command)


def reminder_reply(t: Texts, rule: ReminderRule, unit: OrgUnit) -> Reply:
    """ "📣 Ban Chấp hành Công đoàn ... nhắc: ..." with a button to the flow."""
    issuer = t.REMINDER_ISSUER.get(rule.issuer_role, t.REMINDER_ISSUER["admin"])
    text = t.REMINDER_TEXT.format(issuer=issuer.format(unit=unit.name), message=rule.message)
    return Reply(text, buttons=rows([command_button(t, rule.button)]))


def broadcast_text(t: Texts, text: str) -> str:
    return f"{t.BROADCAST_HEADER}\n{text}"
