"""Reminders, digests and the outbox sender (APScheduler); grows with the scheduler issue."""
