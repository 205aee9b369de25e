"""The main menu and help, fitted to the person's roles."""

from __future__ import annotations

from handlers.commands import helped, menu_buttons
from handlers.core import Convo
from handlers.io import Button, rows
from storage.models import Role
from storage.services import org


async def main_menu(convo: Convo) -> tuple[tuple[Button, ...], ...]:
    """Buttons for what this person can do; none before the account is linked."""
    if convo.person is None:
        return ()
    roles = await org.roles_of(convo.session, convo.person)
    buttons = [
        Button(getattr(convo.t, c.button.label), f"/{c.name}")
        for c in menu_buttons(roles)
        if c.button is not None
    ]
    if (console := await console_button(convo)) is not None:
        buttons.append(console)
    return rows(buttons, per_row=2)


# Roles whose work has pages in the committee console: every role, since everyone with
# a session has their own entries, the published results and the leaderboard there.
CONSOLE_ROLES = frozenset(Role)


def console_url(base_url: str) -> str | None:
    """The console's address when it is served over https (Telegram requires it)."""
    base = base_url.strip().rstrip("/")
    return f"{base}/console/" if base.startswith("https://") else None


async def console_button(convo: Convo) -> Button | None:
    """The console opened inside Telegram as a Mini App (elsewhere: the `/web` link), for
    people whose roles have console pages."""
    url = console_url(convo.deps.web_base_url)
    if url is None or convo.person is None:
        return None
    if not await org.roles_of(convo.session, convo.person) & CONSOLE_ROLES:
        return None
    return Button(convo.t.BTN_CONSOLE, "/web", web_app=url)


async def help_text(convo: Convo) -> str:
    """The commands this person may use, one per line."""
    t = convo.t
    if convo.person is None:
        return t.HELP_UNLINKED
    roles = await org.roles_of(convo.session, convo.person)
    lines = [t.HELP_LINES[c.name] for c in helped(roles, console=bool(convo.deps.web_base_url))]
    return "\n".join([t.HELP_HEADER, *lines])
