"""Telegram updates by webhook, through the update inbox.

A POST is checked (secret header, size, JSON) and its update recorded in the inbox before
Telegram gets its 200, so an acknowledged update is never lost; a database that cannot
record it gets 503 and Telegram delivers it again. Recorded updates are answered from the
inbox by whichever process holds the person's chat lock, oldest update first, the lock held
until the answer is sent: so any number of processes may take updates and each person's
updates are still handled one at a time, in order. The answer is kept with the conversation
in one transaction; a process that dies before sending it leaves it to the next process
(its sweep, or the person's next update), which sends it without handling the update again.
A worker serves people by arrival: while others wait for a slot it lets go of a person
after each answer and queues again (one task a person per process).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import Collection
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from telegram import Update

from bot.channels import reply_json
from bot.channels.telegram import convert
from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.limits import direct_replies
from bot.channels.webhooks import BodyTooLarge, read_body
from handlers.io import Reply
from storage.chat_lock import ChatLocks, InboxLink
from storage.db import SessionMaker
from storage.services import inbox
from storage.types import utcnow

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CHANNEL = convert.CHANNEL
# What a database that cannot take the update raises: the update is refused (503).
UNAVAILABLE = (SQLAlchemyError, OSError, TimeoutError)


def chat_key_of(payload: object) -> str | None:
    """Whose update this is: the sender, else the chat (the person's lock and order)."""
    if not isinstance(payload, dict):
        return None
    for holder in (payload.get("from"), payload.get("chat"), payload.get("user")):
        if isinstance(holder, dict) and isinstance(holder.get("id"), int):
            return str(holder["id"])
    message = payload.get("message")
    return chat_key_of(message) if isinstance(message, dict) else None


class TelegramWebhook:
    """The `/telegram` endpoint and the inbox worker of one process."""

    def __init__(
        self,
        channel: TelegramChannel,
        sessionmaker: SessionMaker,
        engine: AsyncEngine,
        *,
        secret: str,
        allowed_updates: Collection[str],
        workers: int = 8,
        sweep_seconds: float = 5,
    ) -> None:
        self.channel = channel
        self.sessionmaker = sessionmaker
        self.secret = secret.encode()
        self.allowed_updates = tuple(allowed_updates)
        self.sweep_seconds = sweep_seconds
        self.locks = ChatLocks(engine, sessionmaker)
        # Each person being answered holds a lock connection and then a session: bounded
        # so the pool never runs dry; people waiting for a slot hold nothing.
        self._slots = asyncio.Semaphore(workers)
        self._queued = 0  # people waiting for a slot
        self._draining: set[str] = set()  # people with a task in this process
        self._again: set[str] = set()  # ... kicked again while it ran
        self._tasks: set[asyncio.Task[None]] = set()
        self.ready = asyncio.Event()  # set once the webhook is registered and served

    # -- taking updates ------------------------------------------------------------------

    async def endpoint(self, request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return Response("missing secret token", status_code=401)
        if not hmac.compare_digest(given.encode(), self.secret):
            return Response("wrong secret token", status_code=403)
        try:
            raw = await read_body(request)
        except BodyTooLarge:
            return Response("update too large", status_code=413)
        try:
            body = json.loads(raw)
        except ValueError:
            return Response("malformed JSON", status_code=400)
        update_id = body.get("update_id") if isinstance(body, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return Response("not an update", status_code=400)
        kind = next((k for k in self.allowed_updates if k in body), None)
        chat_key = chat_key_of(body[kind]) if kind is not None else None
        if chat_key is None:  # a kind we do not handle: acknowledged and dropped
            logger.info("ignoring update %s of a kind not handled", update_id)
            return Response(status_code=200)
        try:
            async with self.locks.link() as link:
                await link.run(
                    lambda connection: inbox.record(
                        connection,
                        channel=CHANNEL,
                        update_id=update_id,
                        chat_key=chat_key,
                        body=body,
                        now=utcnow(),
                    )
                )
        except UNAVAILABLE as error:
            logger.warning("update %s refused, the database is unavailable: %s", update_id, error)
            return Response("database unavailable", status_code=503)
        self.kick(chat_key)
        return Response(status_code=200)

    # -- answering them ------------------------------------------------------------------

    def kick(self, chat_key: str) -> None:
        """Answer the person's waiting updates in the background: one task a person in
        this process; a kick while it runs makes it look once more before it ends."""
        if chat_key in self._draining:
            self._again.add(chat_key)
            return
        self._draining.add(chat_key)
        task = asyncio.get_running_loop().create_task(self.drain(chat_key))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self, chat_key: str) -> None:
        """Answer the person's updates, oldest first, in turns holding their lock; if
        someone else holds it, they will: a holder looks again after letting go."""
        try:
            more = True
            while more:
                self._again.discard(chat_key)
                more = await self._turn(chat_key) or chat_key in self._again
        except UNAVAILABLE as error:  # the sweep tries again
            logger.warning("could not answer chat %s now: %s", chat_key, error)
        except Exception:
            logger.exception("answering chat %s failed", chat_key)
        finally:  # no await since `more` was read: a kick now starts a new task
            self._draining.discard(chat_key)
            self._again.discard(chat_key)

    async def _turn(self, chat_key: str) -> bool:
        """One turn with a worker slot; True when the person has more waiting."""
        self._queued += 1
        try:
            await self._slots.acquire()
        finally:
            self._queued -= 1
        try:
            async with self.locks.link() as link:
                async with self.locks.hold(link, CHANNEL, chat_key) as held:
                    if not held:
                        return False
                    if await self._answer_some(link, chat_key):
                        return True
                # Let go: an update recorded meanwhile whose kick met the lock is ours.
                return await link.run(lambda c: inbox.has_waiting(c, CHANNEL, chat_key))
        finally:
            self._slots.release()

    async def _answer_some(self, link: InboxLink, chat_key: str) -> bool:
        """The person's waiting updates in turn, an answered one removed as the next is
        read; True when one still waits but other people wait for a slot: the turn is
        given up so that a worker serves people by arrival, not one person on and on."""
        row = await link.run(lambda c: inbox.next_for(c, CHANNEL, chat_key))
        while row is not None:
            await self._answer(row)
            row = await link.run(
                lambda c, done=row.update_id: inbox.done_then_next(c, CHANNEL, chat_key, done)
            )
            if row is not None and self._queued:
                return True
        return False

    async def _answer(self, row: inbox.Waiting) -> None:
        bot = self.channel.application.bot
        try:
            update = Update.de_json(row.body, bot)
            msg = convert.to_inbound(update, bot)
        except Exception:
            logger.exception("update %s could not be read; dropped", row.update_id)
            return
        if row.replies is not None:  # decided before a crash, maybe not sent: send it
            replies = reply_json.decode(row.replies)
        elif msg is not None:

            async def journal(session: AsyncSession, decided: list[Reply]) -> None:
                await inbox.keep_replies(
                    session, CHANNEL, row.update_id, reply_json.encode(decided)
                )

            replies = await self.channel.router.handle(msg, self.channel.capabilities, journal)
        else:
            replies = []
        with direct_replies():  # answers to a person's own update: not paced like bulk
            await self.channel.respond(update, msg, replies)

    async def sweep(self) -> int:
        """Take up people whose updates have waited longer than a sweep (their process
        died, or the database was away); returns how many were found."""
        before = utcnow() - timedelta(seconds=self.sweep_seconds)
        async with self.sessionmaker() as session, session.begin():
            chats = await inbox.waiting_chats(session, CHANNEL, received_before=before)
        for chat_key in chats:
            self.kick(chat_key)
        return len(chats)

    async def sweep_until(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.sweep()
            except UNAVAILABLE as error:
                logger.warning("inbox sweep failed: %s", error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.sweep_seconds)

    async def finish(self) -> None:
        """Wait for the answers in hand (after the server stopped taking requests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def set_webhook(self, url: str, max_connections: int) -> None:
        bot = self.channel.application.bot
        secret = self.secret.decode()
        await self.channel.backoff.run(
            lambda: bot.set_webhook(
                url,
                secret_token=secret,
                allowed_updates=list(self.allowed_updates),
                max_connections=max_connections,
            )
        )
