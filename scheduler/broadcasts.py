"""Admin broadcasts: a queued announcement goes into the outbox, and its admin sees one
progress message kept up to date, then a report with a button to retry the failed."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from handlers.io import Button, DeliveryError, Reply, rows
from handlers.kit import format as fmt
from handlers.outbound.announcements import broadcast_text
from handlers.texts import Texts, for_language
from scheduler.jobs import Jobs
from scheduler.messages import enqueue_localized
from scheduler.sender import OutboxSender
from storage.models import Announcement, AnnouncementStatus, ChatAccount
from storage.services import broadcasts

logger = logging.getLogger(__name__)


def broadcast_payload(t: Texts, ann: Announcement) -> dict[str, Any]:
    payload: dict[str, Any] = {"text": broadcast_text(t, ann.text), "buttons": []}
    if ann.file_path:
        payload["file"] = {
            "path": ann.file_path,
            "name": ann.file_name or "tep",
            "kind": ann.file_kind or "document",
            "mime": ann.file_mime or "application/octet-stream",
        }
    return payload


@dataclass(eq=False)
class BroadcastJobs(Jobs):
    """Queues the announcements and keeps their admins' progress messages up to date,
    through the sender's channels and pacers."""

    sender: OutboxSender = field(kw_only=True)
    last_edit: dict[int, float] = field(default_factory=dict, init=False)

    async def fire_queued(self, now: datetime | None = None) -> int:
        """Put every queued announcement in the outbox; returns how many were queued."""
        now = now or self.clock()
        async with self.sessionmaker() as session:
            queued = await broadcasts.in_progress(session, statuses=(AnnouncementStatus.QUEUED,))
        for ann in queued:
            async with self.sessionmaker() as session, session.begin():
                ann = await session.get(Announcement, ann.id)
                if ann is None or ann.status != AnnouncementStatus.QUEUED:
                    continue
                people = await broadcasts.person_ids(session, ann)
                ann.total = await enqueue_localized(
                    session,
                    person_ids=people,
                    build=lambda t, a=ann: broadcast_payload(t, a),
                    default_language=self.config.language,
                    now=now,
                    source=broadcasts.source_of(ann.id or 0),
                    occurrence="1",
                    urgent=ann.urgent,
                    not_before=now if ann.urgent else self.config.quiet.defer(now),
                )
                ann.status, ann.started_at, ann.updated_at = AnnouncementStatus.SENDING, now, now
            logger.info("broadcast %s queued for %s accounts", ann.id, ann.total)
        if queued:
            self.wake()
        return len(queued)

    async def track(self, now: datetime | None = None, *, force: bool = False) -> None:
        """Bring each sending announcement's progress message up to date; finish the done."""
        now = now or self.clock()
        async with self.sessionmaker() as session:
            sending = await broadcasts.in_progress(session, statuses=(AnnouncementStatus.SENDING,))
        for ann in sending:
            try:
                await self._track_one(ann.id or 0, now, force)
            except Exception:
                logger.exception("progress of broadcast %s", ann.id)

    async def _track_one(self, ann_id: int, now: datetime, force: bool) -> None:
        async with self.sessionmaker() as session:
            ann = await session.get(Announcement, ann_id)
            account = await session.get(ChatAccount, ann.chat_account_id) if ann else None
            if ann is None or account is None:
                return
            counts = await broadcasts.progress(session, ann_id)
        t = for_language(account.language, self.config.language)
        finished = counts.pending == 0
        shown = f"{counts.done}/{counts.total}/{counts.failed}/{finished}"
        recent = time.monotonic() - self.last_edit.get(ann_id, 0) < self.config.progress_seconds
        if shown == ann.progress_shown or (recent and not finished and not force):
            return
        template = t.BROADCAST_FINISHED if finished else t.BROADCAST_PROGRESS
        figures = {k: fmt.number(v, t) for k, v in vars(counts).items()}
        text = template.format(id=ann_id, **figures | {"done": fmt.number(counts.done, t)})
        stop = () if finished else rows([Button(t.BTN_STOP_BROADCAST, f"/thongbao dung {ann_id}")])
        message_id = await self._show(account, ann.progress_message_id, Reply(text, buttons=stop))
        self.last_edit[ann_id] = time.monotonic()
        if finished:
            await self._report(account, t, ann_id, counts)
        async with self.sessionmaker() as session, session.begin():
            stored = await session.get(Announcement, ann_id)
            if stored is None or stored.status != AnnouncementStatus.SENDING:
                return
            stored.progress_message_id, stored.progress_shown = message_id, shown
            if finished:
                stored.status, stored.finished_at = AnnouncementStatus.DONE, now
                stored.updated_at = now

    async def _show(self, account: ChatAccount, message_id: str | None, reply: Reply) -> str | None:
        """Edit the progress message, or send it the first time."""
        channel = self.sender.senders.get(account.channel)
        if channel is None:
            return message_id
        try:
            await self.sender.pacers[account.channel].take(account.chat_id)
            if message_id is not None:
                await channel.edit(account.chat_id, message_id, reply)
                return message_id
            ids = await channel.send(account.chat_id, [reply])
            return ids[0] if ids else None
        except (DeliveryError, OSError) as exc:
            logger.warning("progress message to account %s: %s", account.id, type(exc).__name__)
            return message_id

    async def _report(
        self, account: ChatAccount, t: Texts, ann_id: int, counts: broadcasts.Progress
    ) -> None:
        retry = (
            rows(
                [
                    Button(
                        t.BTN_RETRY_FAILED.format(count=counts.failed), f"/thongbao thulai {ann_id}"
                    )
                ]
            )
            if counts.failed
            else ()
        )
        figures = {k: fmt.number(v, t) for k, v in vars(counts).items()}
        report = Reply(t.BROADCAST_REPORT.format(id=ann_id, **figures), buttons=retry)
        await self._show(account, None, report)
