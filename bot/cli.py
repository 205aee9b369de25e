"""The command line: `python -m bot [command]`. With no command it runs the bot: the
channels whose tokens are set, or else a chat in the terminal on the demo data."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
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
from bot.settings import Settings, describe_errors
from bot.zalo_login import cmd_zalo_oa_login
from handlers.council import exports
from handlers.kit import format as fmt
from handlers.texts import Texts, for_language
from storage import audit
from storage import backup as backups
from storage.db import create_engine, make_sessionmaker
from storage.files import write_atomically
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
    backup = sub.add_parser("backup", help="copy the database and the evidence files")
    backup.add_argument("--out", type=Path, metavar="DIR", help="default BACKUP_DIR")
    backup.add_argument("--keep", type=int, metavar="N", help="default BACKUP_KEEP")
    restore = sub.add_parser("restore", help="load a backup into an empty database")
    restore.add_argument("path", type=Path, metavar="PATH")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"Cấu hình không hợp lệ / invalid settings:\n{describe_errors(exc)}", file=sys.stderr)
        return 2
    console = args.command in (None, "chat") and not settings.channels_configured
    logs.setup(
        "WARNING" if console else settings.log_level,
        settings.secret_values(),
        settings.log_format,
    )
    if args.command == "invite" and not (args.employee_code or (args.all and args.out)):
        print("invite EMPLOYEE_CODE | invite --all --out FILE.csv", file=sys.stderr)
        return 2
    try:
        return asyncio.run(_run(args, settings))
    except KeyboardInterrupt:
        return 0


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "restore":  # the target is migrated to the backup's head first
        return await cmd_restore(settings, args)
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
    secret = app.settings.invite_secret
    key = secret.get_secret_value() if secret else None
    if args.all:
        return await _invite_all(app, args.out, t, key)
    now = utcnow()
    async with app.sessionmaker() as session, session.begin():
        person = await people.find_by_code(session, args.employee_code)
        if person is None:
            print(t.CLI_NO_PERSON.format(code=args.employee_code), file=sys.stderr)
            return 1
        code = await accounts.issue_invite(session, person, ttl_days=ttl, now=now, secret=key)
    expires = fmt.day(now + timedelta(days=ttl))
    print(
        t.CLI_INVITE.format(
            name=person.full_name, code=person.employee_code, invite=code, expires=expires
        )
    )
    return 0


async def _invite_all(app: App, out: Path, t: Texts, key: str | None) -> int:
    """Fresh codes for everyone not linked, written to `out` before the transaction that
    revokes the old codes commits: if the file cannot be written, nothing changes and the
    old codes still work."""
    ttl = app.settings.invite_ttl_days
    now = utcnow()
    try:
        async with app.sessionmaker() as session, session.begin():
            rows = [INVITE_HEADER]
            for person, unit in await people.not_linked(session):
                code = await accounts.issue_invite(
                    session, person, ttl_days=ttl, now=now, secret=key
                )
                expires = fmt.day(now + timedelta(days=ttl))
                rows.append(
                    [person.employee_code, person.full_name, unit.code, unit.name, code, expires]
                )
            write_private_csv(out, rows)
    except OSError as exc:
        print(t.CLI_INVITES_NOT_WRITTEN.format(path=out, error=exc.strerror), file=sys.stderr)
        return 1
    print(t.CLI_INVITES_WRITTEN.format(count=len(rows) - 1, path=out))
    return 0


INVITE_HEADER = ["employee_code", "full_name", "unit_code", "unit_name", "invite_code", "expires"]


def write_private_csv(path: Path, rows: list[list[str]]) -> None:
    """Write a CSV readable by its owner only (mode 600), atomically (Excel reads its BOM)."""
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    write_atomically(path, text.getvalue().encode("utf-8-sig"))


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


async def cmd_backup(app: App, args: argparse.Namespace, t: Texts) -> int:
    out = args.out or app.settings.backup_dir
    keep = args.keep if args.keep is not None else app.settings.backup_keep
    try:
        result = await backups.backup(
            app.engine,
            app.settings.files_dir,
            out,
            keep=keep,
            database_url=app.settings.database_url,
        )
    except backups.BackupError as exc:
        print(t.CLI_BACKUP_FAILED.format(reason=exc), file=sys.stderr)
        return 1
    print(
        t.CLI_BACKUP_DONE.format(
            path=result.path,
            rows=fmt.number(sum(result.rows.values()), t),
            files=fmt.number(result.files, t),
            new=fmt.number(result.new_files, t),
            removed=len(result.removed),
        )
    )
    return 0


async def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    t = for_language(settings.bot_language)
    engine = create_engine(settings.database_url)
    try:
        result = await backups.restore(engine, settings.files_dir, args.path)
        async with make_sessionmaker(engine)() as session, session.begin():
            report = await audit.verify(session)
    except backups.BackupError as exc:
        print(t.CLI_RESTORE_FAILED.format(reason=exc), file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(
        t.CLI_RESTORE_DONE.format(
            rows=fmt.number(sum(result.rows.values()), t),
            files=fmt.number(result.files, t),
            head=result.migration_head,
        )
    )
    if not report.ok:
        print(
            t.CLI_AUDIT_BROKEN.format(id=report.broken_id, reason=report.reason, rows=report.rows),
            file=sys.stderr,
        )
        return 1
    print(t.CLI_AUDIT_OK.format(rows=report.rows))
    return 0


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
    "backup": cmd_backup,
}
