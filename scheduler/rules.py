"""Firing reminder rules: the audience is computed at fire time, each occurrence fires
once (the rule remembers its last occurrence and the outbox refuses duplicates), one
missed while the bot was down fires late only within the grace period, and quiet hours
push delivery to the morning."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.outbound.announcements import reminder_reply
from handlers.outbound.payloads import to_payload
from scheduler.jobs import Jobs
from scheduler.messages import enqueue_localized
from storage.models import Campaign, OrgUnit, ReminderRule, RuleStatus, ScheduleKind
from storage.services import audiences, reminders
from storage.services.schedules import Schedule, rule_schedule

logger = logging.getLogger(__name__)


def occurrence_key(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%MZ")


async def schedule_of(session: AsyncSession, rule: ReminderRule, timezone: str) -> Schedule | None:
    campaign = await session.get(Campaign, rule.campaign_id) if rule.campaign_id else None
    return rule_schedule(rule, campaign, timezone)


class RuleJobs(Jobs):
    """What a rule's job does when it runs at `now`."""

    async def fire(self, rule_id: int, now: datetime | None = None) -> int:
        """Send the rule's newest due occurrence if not yet sent; returns rows queued."""
        now = now or self.clock()
        async with self.sessionmaker() as session, session.begin():
            rule = await session.get(ReminderRule, rule_id)
            if rule is None or rule.status != RuleStatus.ACTIVE:
                return 0
            occurrence = await self._due_occurrence(session, rule, now)
            if occurrence is None:
                return 0
            added = await self._enqueue(session, rule, occurrence, now)
            rule.last_occurrence = occurrence
            if rule.schedule != ScheduleKind.WEEKLY:
                rule.status = RuleStatus.DONE
        logger.info("rule %s fired for %s: %s messages", rule_id, occurrence_key(occurrence), added)
        if added:
            self.wake()
        return added

    async def _due_occurrence(
        self, session: AsyncSession, rule: ReminderRule, now: datetime
    ) -> datetime | None:
        """The newest occurrence at or before `now`, if it is new and within grace."""
        schedule = await schedule_of(session, rule, self.config.timezone)
        latest = schedule.latest(now) if schedule else None
        if latest is None or latest < rule.updated_at:
            return None
        if rule.last_occurrence is not None and latest <= rule.last_occurrence:
            return None
        if now - latest > self.config.grace:
            logger.info("rule %s: occurrence %s missed beyond grace", rule.id, latest)
            if rule.schedule != ScheduleKind.WEEKLY:
                rule.status = RuleStatus.DONE
            rule.last_occurrence = latest
            return None
        return latest

    async def _enqueue(
        self, session: AsyncSession, rule: ReminderRule, occurrence: datetime, now: datetime
    ) -> int:
        unit = await session.get(OrgUnit, rule.unit_id)
        if unit is None:
            return 0
        target = audiences.Target(
            unit,
            rule.audience,
            rule.campaign_id,
            rule.model_code,
            rule.evidence_days or 14,
        )
        people = await audiences.resolve(session, target, now)
        return await enqueue_localized(
            session,
            person_ids=people,
            build=lambda t: to_payload(reminder_reply(t, rule, unit)),
            default_language=self.config.language,
            now=now,
            source=f"rule:{rule.id}",
            occurrence=occurrence_key(occurrence),
            not_before=self.config.quiet.defer(now),
        )

    async def fire_all(self, now: datetime | None = None) -> int:
        """Every active rule once: on start, this sends what was missed within grace."""
        now = now or self.clock()
        async with self.sessionmaker() as session:
            ids = [rule.id or 0 for rule in await reminders.live_rules(session)]
        return sum([await self.fire(rule_id, now) for rule_id in ids])
