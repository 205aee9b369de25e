"""The ceiling for the Telegram benchmarks: a bare python-telegram-bot echo bot with the
same number of updates in flight, no database, no flows. By long polling, or by webhook
(`--webhook-port`): python-telegram-bot's custom-webhook recipe, a Starlette route on
uvicorn (the server our bot uses) that checks the secret header and puts each update on
the application's queue.

    TOKEN=... BASE_URL=... FILE_BASE_URL=... python bench/echo_bot.py --in-flight 32
    TOKEN=... BASE_URL=... FILE_BASE_URL=... SECRET=... python bench/echo_bot.py \
        --webhook-port 8443 --webhook-url https://bot.example.vn/telegram
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import os
import signal
from urllib.parse import urlsplit

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


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
    application.add_handler(MessageHandler(filters.TEXT, echo))
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    if args.webhook_port:
        await by_webhook(application, args.webhook_port, args.webhook_url, stop)
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
) -> None:
    """Serve updates on 127.0.0.1:`port` at the URL's path until `stop`."""
    secret = os.environ["SECRET"].encode()

    async def telegram(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, secret):
            return Response(status_code=403)
        await application.update_queue.put(Update.de_json(await request.json(), application.bot))
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
    asyncio.run(main(parser.parse_args()))
