"""The ceiling for the Telegram benchmarks: a bare python-telegram-bot echo bot with the
same number of updates in flight, no database, no flows. By long polling, or by webhook
(`--webhook-port`): python-telegram-bot's custom-webhook recipe, a Starlette route on
uvicorn (the server our bot uses) that checks the secret header and puts each update on
the application's queue.

With `--floor DSN` (webhook only) it is the floor instead: the least any bot keeping the
issue's promises must do for the flows' updates, and nothing more. Each update is recorded
in PostgreSQL (one INSERT, asyncpg, no ORM) before the 200 and removed once answered (one
DELETE); a text is answered with a message carrying a button, a button press the way the
flows answer one (answerCallbackQuery, then editMessageText keeping the button). No
conversation, no lock, no flows: what it costs is a lower bound for ours.

    TOKEN=... BASE_URL=... FILE_BASE_URL=... python bench/echo_bot.py --in-flight 32
    TOKEN=... BASE_URL=... FILE_BASE_URL=... SECRET=... python bench/echo_bot.py \
        --webhook-port 8443 --webhook-url https://bot.example.vn/telegram [--floor DSN]
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import json
import os
import signal
from urllib.parse import urlsplit

import asyncpg
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
NEXT = InlineKeyboardMarkup([[InlineKeyboardButton("Tiếp", callback_data="next")]])
# No chat key or time: the floor keeps no order per person and sweeps nothing.
INBOX = "CREATE TABLE IF NOT EXISTS floor_inbox (update_id bigint PRIMARY KEY, body jsonb NOT NULL)"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text, reply_markup=NEXT)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer()
    await query.edit_message_text(f"đã nhận {update.update_id}", reply_markup=NEXT)


def floor_handlers(application: Application, pool: asyncpg.Pool) -> None:  # type: ignore[type-arg]
    """Answer as the flows do, then remove the update from the inbox (group 1: after)."""

    async def done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await pool.execute("DELETE FROM floor_inbox WHERE update_id = $1", update.update_id)

    application.add_handler(MessageHandler(filters.TEXT, text))
    application.add_handler(CallbackQueryHandler(pressed))
    application.add_handler(TypeHandler(Update, done), group=1)


async def main(args: argparse.Namespace) -> None:
    in_flight = args.in_flight
    builder = (
        ApplicationBuilder()
        .token(os.environ["TOKEN"])
        .base_url(os.environ["BASE_URL"])
        .base_file_url(os.environ["FILE_BASE_URL"])
        .concurrent_updates(in_flight)
        .connection_pool_size(in_flight + 4)
        .pool_timeout(30)
    )
    if args.webhook_port:
        builder = builder.updater(None)
    application = builder.build()
    pool = None
    if args.floor:
        pool = await asyncpg.create_pool(args.floor, min_size=2, max_size=in_flight + 4)
        await pool.execute(INBOX)
        floor_handlers(application, pool)
    else:
        application.add_handler(MessageHandler(filters.TEXT, echo))
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    if args.webhook_port:
        try:
            await by_webhook(application, args.webhook_port, args.webhook_url, stop, pool)
        finally:
            if pool is not None:
                await pool.close()
        return
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(timeout=1)
        await stop.wait()
        await application.updater.stop()
        await application.stop()


async def by_webhook(
    application: Application,  # type: ignore[type-arg]
    port: int,
    url: str,
    stop: asyncio.Event,
    pool: asyncpg.Pool | None = None,
) -> None:
    """Serve updates on 127.0.0.1:`port` at the URL's path until `stop`; with a `pool`,
    each update recorded there before its 200 (a redelivery is not answered again)."""
    secret = os.environ["SECRET"].encode()

    async def telegram(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, secret):
            return Response(status_code=403)
        body = await request.json()
        if pool is not None:
            status = await pool.execute(
                "INSERT INTO floor_inbox (update_id, body) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                body["update_id"],
                json.dumps(body),
            )
            if status.endswith(" 0"):  # a redelivery: recorded already
                return Response(status_code=200)
        await application.update_queue.put(Update.de_json(body, application.bot))
        return Response(status_code=200)

    routes = [Route(urlsplit(url).path or "/", telegram, methods=["POST"])]
    config = uvicorn.Config(
        Starlette(routes=routes), host="127.0.0.1", port=port, log_config=None, access_log=False
    )
    server = uvicorn.Server(config)
    async with application:
        await application.bot.set_webhook(url, secret_token=secret.decode())
        await application.start()
        serving = asyncio.create_task(server.serve())
        await stop.wait()
        server.should_exit = True
        await serving
        await application.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--in-flight", type=int, default=32)
    parser.add_argument("--webhook-port", type=int, default=0)
    parser.add_argument("--webhook-url", default="https://bot.example.vn/telegram")
    parser.add_argument("--floor", default="", help="PostgreSQL DSN: the floor, not the echo")
    asyncio.run(main(parser.parse_args()))
