"""Managers' digests on their schedules: who is due, one snapshot of the organisation
for all of them, then each digest's text, chart and workbook into the outbox."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from functools import cached_property

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.outbound.digest_report import digest_replies
from handlers.outbound.payloads import to_payload
from handlers.texts import LANGUAGES, for_language
from scheduler.jobs import Jobs
from storage.files import FileStore
from storage.models import DigestSetting
from storage.services import campaigns, digests, outbox
from storage.services.schedules import Schedule, weekly

logger = logging.getLogger(__name__)
SOURCE = "digest"


def schedule_key(setting: DigestSetting) -> str:
    return f"{setting.weekdays}@{setting.time_of_day}"


class DigestJobs(Jobs):
    """Builds and queues the digests that are due at `now`."""

    @cached_property
    def files(self) -> FileStore:
        return FileStore(self.config.files_dir)

    def schedule(self, setting: DigestSetting) -> Schedule:
        return weekly(setting.weekdays, setting.time_of_day, self.config.timezone)

    async def settings(self, session: AsyncSession) -> list[DigestSetting]:
        """Every manager's schedule (the default one for managers who kept it)."""
        managers = await digests.managers(session)
        stored = {s.person_id: s for s in (await session.exec(select(DigestSetting))).all()}
        return [stored.get(pid) or await digests.schedule_of(session, pid) for pid in managers]

    def _due(self, setting: DigestSetting, now: datetime) -> datetime | None:
        if not setting.enabled:
            return None
        latest = self.schedule(setting).latest(now)
        if latest is None or now - latest > self.config.grace:
            return None
        if setting.last_occurrence is not None and latest <= setting.last_occurrence:
            return None
        return latest

    async def fire(self, now: datetime | None = None) -> int:
        """Queue every due digest once; returns how many managers got one."""
        now = now or self.clock()
        async with self.sessionmaker() as session, session.begin():
            due = {
                s.person_id: (s, occ)
                for s in await self.settings(session)
                if (occ := self._due(s, now))
            }
            accounts = await outbox.accounts_for(session, list(due))
            active = await campaigns.active_campaigns(session)
            if not accounts or not active:
                return 0
            since = now - timedelta(days=self.config.digest_period_days)
            snap = await digests.snapshot(session, active[0].id or 0, since)
            scopes = await digests.managers(session)
            sent = 0
            for person_id, account in accounts.items():
                setting, occurrence = due[person_id]
                sent += await self._queue_one(
                    session,
                    snap,
                    person_id,
                    scopes[person_id][0],
                    account.language,
                    occurrence,
                    now,
                )
                await self._remember(session, setting, occurrence)
        if sent:
            self.wake()
        return sent

    async def _queue_one(
        self,
        session: AsyncSession,
        snap: digests.OrgSnapshot,
        person_id: int,
        unit_id: int,
        language: str | None,
        occurrence: datetime,
        now: datetime,
    ) -> int:
        t = for_language(language if language in LANGUAGES else None, self.config.language)
        digest = digests.digest_for(snap, person_id, unit_id)
        start = (now - timedelta(days=self.config.digest_period_days)).date()
        replies = await asyncio.to_thread(digest_replies, digest, t, start, now.date())
        key = occurrence.strftime("%Y-%m-%dT%H:%MZ")
        for part, reply in enumerate(replies):
            path = self.files.put(reply.file.data).relative_path if reply.file else None
            await outbox.enqueue(
                session,
                person_ids=[person_id],
                payload=to_payload(reply, file_path=path),
                now=now,
                source=SOURCE,
                occurrence=f"{key}#{part}",
                not_before=self.config.quiet.defer(now),
            )
        return 1

    async def _remember(
        self, session: AsyncSession, setting: DigestSetting, occurrence: datetime
    ) -> None:
        stored = await session.get(DigestSetting, setting.person_id)
        if stored is None:
            stored = DigestSetting(
                person_id=setting.person_id,
                weekdays=setting.weekdays,
                time_of_day=setting.time_of_day,
                updated_at=setting.updated_at,
            )
            session.add(stored)
        stored.last_occurrence = occurrence
