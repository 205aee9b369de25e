"""The one command table. Each row is a command: its English alias, the flow it starts,
who finds it in /trogiup, its main-menu button and whether Telegram's command menu lists
it. The router's flow table, the role menus, the help, the reminder buttons and Telegram's
aliases and `setMyCommands` are all read from here. Adding a command is one row here, its
flow in `handlers.router.ALL_FLOWS`, and its texts (`HELP_LINES`, `COMMAND_HINTS`, the
button label) in both catalogues.

Nothing here imports a flow: the table names flows, so the scheduler and the channels can
read it without loading every conversation."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import Role

EVERYONE = frozenset()  # a main-menu button every linked person sees
# Everyone's buttons placed before this come first, the role buttons next, then the rest.
ROLE_BUTTONS_PLACE = 10


@dataclass(frozen=True)
class MenuButton:
    """A main-menu button: the text name of its label, the roles that see it (EVERYONE:
    all), and for everyone's buttons their place (see ROLE_BUTTONS_PLACE)."""

    label: str
    roles: frozenset[Role] = EVERYONE
    place: int = 0


@dataclass(frozen=True)
class Command:
    """One command. `flow` is a flow name (None: the router answers it itself); `helped`
    are the roles whose /trogiup lists its `HELP_LINES[name]` line; `console`: listed in
    the help only where the console is served; `telegram`: in Telegram's command menu,
    with its `COMMAND_HINTS[name]` hint."""

    name: str
    alias: str | None = None
    flow: str | None = None
    helped: frozenset[Role] = frozenset()
    button: MenuButton | None = None
    telegram: bool = False
    console: bool = False

    @property
    def english(self) -> str:
        """The name in the English command menu."""
        return self.alias or self.name


STAFF = frozenset({Role.STAFF})
APPROVERS = frozenset({Role.MANAGER, Role.UNION_COMMITTEE, Role.PARTY_COMMITTEE})
PARTY = frozenset({Role.PARTY_COMMITTEE})
SCHEDULERS = frozenset({Role.UNION_COMMITTEE, Role.PARTY_COMMITTEE, Role.ADMIN})

# The order of the rows is the order of the help lines and of Telegram's command menu.
COMMANDS: tuple[Command, ...] = (
    Command("start"),
    Command(
        "dangky",
        "register",
        "resubmit",  # a returned entry first, else a new registration
        STAFF,
        MenuButton("BTN_REGISTER", place=1),
        telegram=True,
    ),
    Command(
        "minhchung",
        "evidence",
        "evidence",
        STAFF,
        MenuButton("BTN_EVIDENCE", place=2),
        telegram=True,
    ),
    Command(
        "chamdiem",
        "selfscore",
        "selfscore",
        STAFF,
        MenuButton("BTN_SELFSCORE", place=3),
        telegram=True,
    ),
    Command("tiendo", "progress", None, STAFF, MenuButton("BTN_PROGRESS", place=4), telegram=True),
    Command("dulieu", "mydata", "privacy", STAFF, MenuButton("BTN_MYDATA", place=6), telegram=True),
    Command("ngonngu", "language", "language", STAFF, telegram=True),
    Command("trogiup", "help", button=MenuButton("BTN_HELP", place=5), telegram=True),
    Command("menu", helped=STAFF, telegram=True),
    Command("huy", "cancel", helped=STAFF, telegram=True),
    Command("baocao", "report", "digests", frozenset({Role.MANAGER})),
    Command("nhacviec", "reminders", "reminders", SCHEDULERS),
    Command("thongbao", "announce", "broadcast", frozenset({Role.ADMIN})),
    Command("duyet", "approve", "approval", APPROVERS, MenuButton("BTN_APPROVE_LIST", APPROVERS)),
    Command(
        "thamdinh",
        "review",
        "review",
        frozenset({Role.REVIEWER}),
        MenuButton("BTN_REVIEW", frozenset({Role.REVIEWER})),
    ),
    Command("phancong", "assign", "assign", PARTY, MenuButton("BTN_ASSIGN", PARTY)),
    Command(
        "binhxet",
        "vote",
        "council",
        PARTY | {Role.COUNCIL_MEMBER},
        MenuButton("BTN_VOTE", PARTY | {Role.COUNCIL_MEMBER}),
    ),
    Command("ketqua", "results", "results", STAFF | PARTY, MenuButton("BTN_RESULTS", place=20)),
    Command("gopy", "comment", "comments", STAFF | PARTY),
    Command("bangxephang", "leaderboard", "leaderboard", STAFF),
    Command("dienhinh", "exemplars", "exemplars", STAFF),
    Command("xuatketqua", "export", "export", PARTY | {Role.ADMIN}),
    Command("giaidoan", "phase", "phase", PARTY),
    Command("web", "console", console=True),
)
BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}
ALIASES: dict[str, str] = {c.alias: c.name for c in COMMANDS if c.alias}
TELEGRAM_MENU: tuple[Command, ...] = tuple(c for c in COMMANDS if c.telegram)
# The label of each command's button, for buttons that open a flow (reminders).
BUTTON_LABELS: dict[str, str] = {f"/{c.name}": c.button.label for c in COMMANDS if c.button}


def canonical(command: str) -> str:
    """The Vietnamese command for an English alias (or the command itself)."""
    return ALIASES.get(command, command)


def helped(roles: set[Role], console: bool) -> list[Command]:
    """The commands /trogiup lists for these roles: staff's first, then each other role's
    in role order, then the console link where it is served."""
    ordered = [Role.STAFF, *sorted(roles - {Role.STAFF})]
    found = [c for role in ordered for c in COMMANDS if role in c.helped]
    if console:
        found += [c for c in COMMANDS if c.console]
    return list(dict.fromkeys(found))


def menu_buttons(roles: set[Role]) -> list[Command]:
    """The commands with a main-menu button for these roles: everyone's first ones, each
    role's (in role order, each once), then everyone's last ones."""
    with_button = [c for c in COMMANDS if c.button is not None]
    everyone = sorted((c for c in with_button if not c.button.roles), key=_place)
    by_role = [c for role in sorted(roles) for c in with_button if role in c.button.roles]
    first = [c for c in everyone if _place(c) < ROLE_BUTTONS_PLACE]
    last = [c for c in everyone if _place(c) >= ROLE_BUTTONS_PLACE]
    return list(dict.fromkeys([*first, *by_role, *last]))


def _place(command: Command) -> int:
    return command.button.place if command.button else 0
