"""The leader's APScheduler: one job per active reminder rule and per digest schedule,
rebuilt from the database at start and whenever the rows change (checked every
`sync_seconds`, so a rule edited in any process takes effect without a restart)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from scheduler.broadcasts import BroadcastJobs
from scheduler.config import SchedulerConfig
from scheduler.digests import DigestJobs, schedule_key
from scheduler.jobs import Jobs
from scheduler.rules import RuleJobs, schedule_of
from scheduler.sender import OutboxSender
from storage import backup as backups
from storage.db import SessionMaker
from storage.models import Campaign, DigestSetting, ReminderRule, ScheduleKind
from storage.services import reminders, retention
from storage.services.schedules import parse_time, parse_weekdays
from storage.types import utcnow

logger = logging.getLogger(__name__)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A job may wake a hair early; the occurrence it is for must count as due.
SKEW = timedelta(seconds=1)


def weekly_trigger(weekdays: str, time_of_day: str, timezone: str) -> CronTrigger | None:
    days, clock = parse_weekdays(weekdays), parse_time(time_of_day)
    if not days or clock is None:
        return None
    return CronTrigger(
        day_of_week=",".join(DAYS[d] for d in days),
        hour=clock.hour,
        minute=clock.minute,
        timezone=ZoneInfo(timezone),
    )


class Runner(Jobs):
    def __init__(
        self,
        sessionmaker: SessionMaker,
        config: SchedulerConfig,
        sender: OutboxSender,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(sessionmaker, config, clock, sender.wake.set)
        self.rules = RuleJobs(sessionmaker, config, clock, self.wake)
        self.digests = DigestJobs(sessionmaker, config, clock, self.wake)
        self.broadcasts = BroadcastJobs(sessionmaker, config, clock, self.wake, sender=sender)
        self.scheduler = AsyncIOScheduler(timezone=ZoneInfo(config.timezone))
        self.fingerprint: tuple[Any, ...] | None = None

    def _add(self, job_id: str, func: Callable[..., Any], trigger: BaseTrigger, *args: Any) -> None:
        self.scheduler.add_job(
            func,
            trigger,
            args=args,
            id=job_id,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(self.config.grace.total_seconds()),
        )

    async def _fire_rule(self, rule_id: int) -> None:
        await self.rules.fire(rule_id, self.clock() + SKEW)

    async def _fire_digests(self) -> None:
        await self.digests.fire(self.clock() + SKEW)

    async def retain(self, now: datetime | None = None) -> dict[str, int]:
        """The daily clean-up of what no purpose still needs (see `retention`)."""
        async with self.sessionmaker() as session, session.begin():
            removed = await retention.apply(session, self.config.retention, now or self.clock())
        logger.info("retention: removed %s", removed)
        return removed

    async def rebuild(self, now: datetime | None = None) -> None:
        """Replace the rule and digest jobs with ones made from the rows now."""
        now = now or self.clock()
        for job in self.scheduler.get_jobs():
            if job.id.startswith(("rule:", "digest:")):
                job.remove()
        async with self.sessionmaker() as session:
            for rule in await reminders.live_rules(session):
                trigger = await self._rule_trigger(session, rule, now)
                if trigger is not None:
                    self._add(f"rule:{rule.id}", self._fire_rule, trigger, rule.id)
            settings = await self.digests.settings(session)
        keys = {schedule_key(s): s for s in settings if s.enabled}
        keys.setdefault(schedule_key(DigestSetting(person_id=0)), DigestSetting(person_id=0))
        for key, setting in keys.items():
            trigger = weekly_trigger(setting.weekdays, setting.time_of_day, self.config.timezone)
            if trigger is not None:
                self._add(f"digest:{key}", self._fire_digests, trigger)
        logger.info("scheduler jobs rebuilt: %s", len(self.scheduler.get_jobs()))

    async def _rule_trigger(
        self, session: AsyncSession, rule: ReminderRule, now: datetime
    ) -> BaseTrigger | None:
        if rule.schedule == ScheduleKind.WEEKLY:
            return weekly_trigger(rule.weekdays, rule.time_of_day, self.config.timezone)
        schedule = await schedule_of(session, rule, self.config.timezone)
        at = schedule.next_after(now) if schedule else None
        return DateTrigger(run_date=at) if at else None

    async def _fingerprint(self) -> tuple[Any, ...]:
        async with self.sessionmaker() as session:
            rules = (
                await session.exec(
                    select(func.count(), func.max(ReminderRule.updated_at)).where(
                        ReminderRule.status == "active"
                    )
                )
            ).one()
            digest = (
                await session.exec(select(func.count(), func.max(DigestSetting.updated_at)))
            ).one()
            dates = (
                await session.exec(
                    select(
                        Campaign.id,
                        Campaign.evidence_deadline,
                        Campaign.registration_closes,
                        Campaign.self_scoring_opens,
                        Campaign.self_scoring_closes,
                        Campaign.registration_opens,
                    )
                )
            ).all()
        return (tuple(rules), tuple(digest), tuple(tuple(d) for d in dates))

    async def sync(self, now: datetime | None = None) -> bool:
        """Rebuild the jobs when the rows changed (and catch up); queue new broadcasts."""
        now = now or self.clock()
        fingerprint = await self._fingerprint()
        changed = fingerprint != self.fingerprint
        if changed:
            self.fingerprint = fingerprint
            await self.rebuild(now)
            await self.rules.fire_all(now)
        await self.broadcasts.fire_queued(now)
        return changed

    async def start(self, now: datetime | None = None) -> None:
        """Build the jobs, send what was missed within grace, then let APScheduler run."""
        now = now or self.clock()
        await self.sync(now)
        await self.digests.fire(now)
        self._add("sync", self.sync, IntervalTrigger(seconds=self.config.sync_seconds))
        self._add(
            "progress", self.broadcasts.track, IntervalTrigger(seconds=self.config.progress_seconds)
        )
        daily = weekly_trigger("0,1,2,3,4,5,6", self.config.retention_time, self.config.timezone)
        if daily is not None:
            self._add("retention", self.retain, daily)
        if self.config.backup_dir is not None:
            at = parse_time(self.config.backup_at)
            assert at is not None  # the settings check it
            daily = CronTrigger(
                hour=at.hour, minute=at.minute, timezone=ZoneInfo(self.config.timezone)
            )
            self._add("backup", self.backup, daily)
        self.scheduler.start()

    async def backup(self) -> None:
        """The daily backup: database and evidence files, keeping `backup_keep`."""
        assert self.config.backup_dir is not None
        engine = self.sessionmaker.kw["bind"]
        try:
            result = await backups.backup(
                engine,
                self.config.files_dir,
                self.config.backup_dir,
                keep=self.config.backup_keep,
                database_url=self.config.database_url or None,
            )
        except (backups.BackupError, OSError):
            logger.exception("daily backup failed")
            return
        logger.info(
            "daily backup %s: %s rows, %s new files, %s removed",
            result.path.name,
            sum(result.rows.values()),
            result.new_files,
            len(result.removed),
        )

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
