"""The main menu and help, fitted to the person's roles."""

from __future__ import annotations

from handlers.core import Convo
from handlers.io import Button, rows
from storage.models import Role
from storage.services import org

# English aliases of the Vietnamese commands.
ALIASES = {
    "register": "dangky",
    "evidence": "minhchung",
    "progress": "tiendo",
    "selfscore": "chamdiem",
    "cancel": "huy",
    "help": "trogiup",
    "language": "ngonngu",
    "mydata": "dulieu",
    "reminders": "nhacviec",
    "report": "baocao",
    "announce": "thongbao",
    "console": "web",
}
STAFF_COMMANDS = ("dangky", "minhchung", "chamdiem", "tiendo", "dulieu", "ngonngu", "menu", "huy")
# What each role adds to the help; everyone on the roster is staff.
ROLE_COMMANDS: dict[Role, tuple[str, ...]] = {
    Role.STAFF: STAFF_COMMANDS,
    Role.MANAGER: ("baocao",),
    Role.UNION_COMMITTEE: ("nhacviec",),
    Role.PARTY_COMMITTEE: ("nhacviec",),
    Role.ADMIN: ("nhacviec", "thongbao"),
}

# -- review, vote, publication -------------------------------------------------------------
ALIASES.update(
    {
        "approve": "duyet",
        "review": "thamdinh",
        "assign": "phancong",
        "vote": "binhxet",
        "results": "ketqua",
        "comment": "gopy",
        "leaderboard": "bangxephang",
        "exemplars": "dienhinh",
        "export": "xuatketqua",
        "phase": "giaidoan",
    }
)
REVIEW_COMMANDS: dict[Role, tuple[str, ...]] = {
    Role.STAFF: ("ketqua", "gopy", "bangxephang", "dienhinh"),
    Role.MANAGER: ("duyet",),
    Role.UNION_COMMITTEE: ("duyet",),
    Role.PARTY_COMMITTEE: (
        "duyet",
        "phancong",
        "binhxet",
        "ketqua",
        "gopy",
        "xuatketqua",
        "giaidoan",
    ),
    Role.REVIEWER: ("thamdinh",),
    Role.COUNCIL_MEMBER: ("binhxet",),
    Role.ADMIN: ("xuatketqua",),
}
for _role, _commands in REVIEW_COMMANDS.items():
    ROLE_COMMANDS[_role] = ROLE_COMMANDS.get(_role, ()) + _commands
# Main-menu buttons a role adds: (text name of the label, command).
ROLE_BUTTONS: dict[Role, tuple[tuple[str, str], ...]] = {
    Role.MANAGER: (("BTN_APPROVE_LIST", "/duyet"),),
    Role.UNION_COMMITTEE: (("BTN_APPROVE_LIST", "/duyet"),),
    Role.PARTY_COMMITTEE: (
        ("BTN_APPROVE_LIST", "/duyet"),
        ("BTN_ASSIGN", "/phancong"),
        ("BTN_VOTE", "/binhxet"),
    ),
    Role.REVIEWER: (("BTN_REVIEW", "/thamdinh"),),
    Role.COUNCIL_MEMBER: (("BTN_VOTE", "/binhxet"),),
}


async def role_buttons(convo: Convo) -> list[Button]:
    """The buttons of the person's roles, then results for everyone."""
    assert convo.person is not None
    roles = await org.roles_of(convo.session, convo.person)
    wanted = [pair for role in sorted(roles) for pair in ROLE_BUTTONS.get(role, ())]
    unique = dict.fromkeys(wanted)
    buttons = [Button(getattr(convo.t, name), command) for name, command in unique]
    return [*buttons, Button(convo.t.BTN_RESULTS, "/ketqua")]


def canonical(command: str) -> str:
    return ALIASES.get(command, command)


async def main_menu(convo: Convo) -> tuple[tuple[Button, ...], ...]:
    """Buttons for what this person can do; none before the account is linked."""
    if convo.person is None:
        return ()
    t = convo.t
    buttons = [
        Button(t.BTN_REGISTER, "/dangky"),
        Button(t.BTN_EVIDENCE, "/minhchung"),
        Button(t.BTN_SELFSCORE, "/chamdiem"),
        Button(t.BTN_PROGRESS, "/tiendo"),
        Button(t.BTN_HELP, "/trogiup"),
        Button(t.BTN_MYDATA, "/dulieu"),
    ]
    buttons += await role_buttons(convo)
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
    ordered = [Role.STAFF, *sorted(roles - {Role.STAFF})]
    commands = [c for role in ordered for c in ROLE_COMMANDS.get(role, ())]
    if convo.deps.web_base_url:
        commands.append("web")
    lines = [t.HELP_LINES[c] for c in dict.fromkeys(commands) if c in t.HELP_LINES]
    return "\n".join([t.HELP_HEADER, *lines])
