"""The command line: `python -m bot [command]`. With no command it runs the bot: the
channels whose tokens are set, or else a chat in the terminal on the demo data."""

from __future__ import annotations

import argparse
import asyncio
import csv
import logging
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from pydantic import ValidationError
from sqlmodel import select

from bot import demo, logs
from bot.app import App, build_app
from bot.channels.console import ConsoleChannel
from bot.scheduling import run_scheduler, with_scheduler
from bot.settings import Settings
from bot.zalo_login import cmd_zalo_oa_login
from handlers import exports
from handlers import format as fmt
from handlers.texts import Texts, for_language
from storage import audit
from storage.importers.campaign import load_campaign
from storage.importers.common import ImportFailed, ImportResult
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.models import Campaign
from storage.services import accounts, people
from storage.types import utcnow

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    chat = sub.add_parser("chat", help="chat in the terminal (console channel)")
    who = chat.add_mutually_exclusive_group(required=True)
    who.add_argument("--as", dest="as_code", metavar="EMPLOYEE_CODE")
    who.add_argument("--chat-id", metavar="ID")
    sub.add_parser("demo", help="load the sample units, roster and campaign")
    for name, helptext in (
        ("import-units", "units CSV"),
        ("import-roster", "roster CSV/XLSX"),
        ("load-campaign", "campaign YAML"),
    ):
        sub.add_parser(name, help=f"import a {helptext}").add_argument("file", type=Path)
    invite = sub.add_parser("invite", help="print or export single-use invite codes")
    invite.add_argument("employee_code", nargs="?")
    invite.add_argument("--all", action="store_true", help="everyone not yet linked")
    invite.add_argument("--out", type=Path, help="CSV file for --all")
    sub.add_parser("db", help="database").add_argument("action", choices=["upgrade"])
    sub.add_parser("audit", help="audit log").add_argument("action", choices=["verify"])
    export = sub.add_parser("export", help="Excel workbooks")
    export.add_argument("what", choices=["results"])
    export.add_argument("--campaign", required=True, metavar="CODE")
    export.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    sub.add_parser("scheduler", help="run only the scheduler and the outbox sender")
    sub.add_parser("zalo-oa-login", help="authorise the Zalo OA (OAuth v4 + PKCE)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"Cấu hình không hợp lệ / invalid settings:\n{exc}", file=sys.stderr)
        return 2
    console = args.command in (None, "chat") and not settings.channels_configured
    logs.setup("WARNING" if console else settings.log_level, settings.log_format)
    if args.command == "invite" and not (args.employee_code or (args.all and args.out)):
        print("invite EMPLOYEE_CODE | invite --all --out FILE.csv", file=sys.stderr)
        return 2
    try:
        return asyncio.run(_run(args, settings))
    except KeyboardInterrupt:
        return 0


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    app = await build_app(settings)
    t = for_language(settings.bot_language)
    try:
        command: Callable[[App, argparse.Namespace, Texts], Awaitable[int]] = COMMANDS[
            args.command or "run"
        ]
        return await command(app, args, t)
    finally:
        await app.close()


async def cmd_run(app: App, args: argparse.Namespace, t: Texts) -> int:
    if app.settings.channels_configured:
        from bot.runner import run_channels

        return await run_channels(app)
    await _ensure_demo(app, t)
    code = app.settings.demo_employee_code
    return await _chat_as(app, code, t, intro=True)


async def cmd_chat(app: App, args: argparse.Namespace, t: Texts) -> int:
    if args.as_code:
        return await _chat_as(app, args.as_code, t, intro=False)
    channel = ConsoleChannel(app.router, user_id=f"chat:{args.chat_id}")
    await with_scheduler(app, channel, channel.run())
    return 0


async def _chat_as(app: App, code: str, t: Texts, *, intro: bool) -> int:
    """Chat as a roster person, linking a console account to them on first use."""
    user_id = f"staff:{code}"
    async with app.sessionmaker() as session, session.begin():
        person = await people.find_by_code(session, code)
        if person is None:
            print(t.CLI_NO_PERSON.format(code=code), file=sys.stderr)
            return 1
        account = await accounts.get_or_create_account(
            session, channel="console", external_user_id=user_id, chat_id=user_id
        )
        if account.person_id != person.id:
            await accounts.link(session, account, person, now=utcnow(), how="console")
        name = person.full_name
    if intro:
        print(t.CLI_CHAT_INTRO.format(name=name, code=code) + "\n")
    channel = ConsoleChannel(app.router, user_id=user_id)
    await with_scheduler(app, channel, channel.run())
    return 0


async def _ensure_demo(app: App, t: Texts) -> None:
    async with app.sessionmaker() as session, session.begin():
        result = await demo.load_demo(session, utcnow().date())
    if result.loaded:
        print(
            t.CLI_DEMO_LOADED.format(
                units=result.units, people=result.people, campaign=result.campaign
            )
        )


async def cmd_demo(app: App, args: argparse.Namespace, t: Texts) -> int:
    async with app.sessionmaker() as session, session.begin():
        result = await demo.load_demo(session, utcnow().date())
    print(
        t.CLI_DEMO_LOADED.format(units=result.units, people=result.people, campaign=result.campaign)
        if result.loaded
        else t.CLI_DEMO_EXISTS
    )
    return 0


def _importer(run: Callable[..., Awaitable[ImportResult]]) -> Callable[..., Awaitable[int]]:
    async def command(app: App, args: argparse.Namespace, t: Texts) -> int:
        path: Path = args.file
        if not path.is_file():
            print(f"{path}: không tìm thấy tệp / file not found", file=sys.stderr)
            return 2
        try:
            async with app.sessionmaker() as session, session.begin():
                result = await run(session, path)
        except ImportFailed as failed:
            print(t.IMPORT_FAILED.format(path=path, count=len(failed.errors)), file=sys.stderr)
            for error in failed.errors:
                message = t.IMPORT_ERRORS.get(error.code, error.code).format_map(
                    _Blank(error.params)
                )
                print(t.IMPORT_LINE.format(line=error.line, message=message), file=sys.stderr)
            return 1
        print(
            t.IMPORT_OK.format(
                path=path,
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
            )
        )
        return 0

    return command


class _Blank(dict[str, object]):
    """Formats a message even when an error omits one of its values."""

    def __missing__(self, key: str) -> str:
        return ""


async def cmd_invite(app: App, args: argparse.Namespace, t: Texts) -> int:
    ttl = app.settings.invite_ttl_days
    now = utcnow()
    async with app.sessionmaker() as session, session.begin():
        if not args.all:
            person = await people.find_by_code(session, args.employee_code)
            if person is None:
                print(t.CLI_NO_PERSON.format(code=args.employee_code), file=sys.stderr)
                return 1
            code = await accounts.issue_invite(session, person, ttl_days=ttl, now=now)
            print(
                t.CLI_INVITE.format(
                    name=person.full_name,
                    code=person.employee_code,
                    invite=code,
                    expires=fmt.day(now + timedelta(days=ttl)),
                )
            )
            return 0
        rows = []
        for person, unit in await people.not_linked(session):
            code = await accounts.issue_invite(session, person, ttl_days=ttl, now=now)
            rows.append(
                (
                    person.employee_code,
                    person.full_name,
                    unit.code,
                    unit.name,
                    code,
                    fmt.day(now + timedelta(days=ttl)),
                )
            )
    with args.out.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["employee_code", "full_name", "unit_code", "unit_name", "invite_code", "expires"]
        )
        writer.writerows(rows)
    print(t.CLI_INVITES_WRITTEN.format(count=len(rows), path=args.out))
    return 0


async def cmd_db(app: App, args: argparse.Namespace, t: Texts) -> int:
    print(t.CLI_DB_UPGRADED)  # build_app has already applied every migration
    return 0


async def cmd_audit(app: App, args: argparse.Namespace, t: Texts) -> int:
    async with app.sessionmaker() as session, session.begin():
        report = await audit.verify(session)
    if report.ok:
        print(t.CLI_AUDIT_OK.format(rows=report.rows))
        return 0
    print(
        t.CLI_AUDIT_BROKEN.format(id=report.broken_id, reason=report.reason, rows=report.rows),
        file=sys.stderr,
    )
    return 1


async def cmd_export(app: App, args: argparse.Namespace, t: Texts) -> int:
    """The results workbook of a campaign (entries, scores, vote totals, results, comments)."""
    async with app.sessionmaker() as session, session.begin():
        campaign = (
            await session.exec(select(Campaign).where(Campaign.code == args.campaign))
        ).first()
        if campaign is None:
            print(t.CLI_NO_CAMPAIGN.format(code=args.campaign), file=sys.stderr)
            return 1
        data = await exports.results_workbook(session, campaign)
        await audit.record(
            session,
            action="results.export",
            object_type="campaign",
            object_id=campaign.id,
            actor_label="cli",
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(t.CLI_EXPORTED.format(path=args.out, campaign=campaign.code))
    return 0


async def cmd_scheduler(app: App, args: argparse.Namespace, t: Texts) -> int:
    return await run_scheduler(app)


COMMANDS: dict[str, Callable[[App, argparse.Namespace, Texts], Awaitable[int]]] = {
    "run": cmd_run,
    "chat": cmd_chat,
    "demo": cmd_demo,
    "import-units": _importer(import_units),
    "import-roster": _importer(import_roster),
    "load-campaign": _importer(load_campaign),
    "invite": cmd_invite,
    "db": cmd_db,
    "audit": cmd_audit,
    "export": cmd_export,
    "scheduler": cmd_scheduler,
    "zalo-oa-login": cmd_zalo_oa_login,
}
