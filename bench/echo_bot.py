"""The ceiling for the Telegram benchmark: a bare python-telegram-bot echo bot with the
same number of updates in flight, no database, no flows.

    TOKEN=... BASE_URL=... FILE_BASE_URL=... python bench/echo_bot.py --in-flight 32
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def main(in_flight: int) -> None:
    application = (
        ApplicationBuilder()
        .token(os.environ["TOKEN"])
        .base_url(os.environ["BASE_URL"])
        .base_file_url(os.environ["FILE_BASE_URL"])
        .concurrent_updates(in_flight)
        .connection_pool_size(in_flight + 4)
        .pool_timeout(30)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(timeout=1)
        await stop.wait()
        await application.updater.stop()
        await application.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--in-flight", type=int, default=32)
    asyncio.run(main(parser.parse_args().in_flight))
