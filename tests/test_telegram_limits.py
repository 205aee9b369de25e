"""The Telegram rate limiter's decisions, on a hand-moved clock (nothing really waits): a
reply to a person's own action goes out at once, bulk sends keep their even pace per
chat, and no chat ever gets more than its burst in any window, both kinds together."""

from __future__ import annotations

import itertools

import pytest

from bot.channels.telegram.limits import PacedRateLimiter, direct_replies
from scheduler.pacing import Pacer, SlidingWindow


class Clock:
    """Time moves only when the limiter sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 100.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def limiter(clock: Clock, per_second: float = 30) -> PacedRateLimiter:
    pacer = Pacer(per_second, 0.9, clock=clock, sleep=clock.sleep)
    return PacedRateLimiter(pacer, SlidingWindow(3, 3.0, clock, clock.sleep))


async def send(limiter: PacedRateLimiter, clock: Clock, sent: list[float], chat: int = 7) -> None:
    async def call() -> bool:
        sent.append(clock.now)
        return True

    await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": chat}, None)


async def test_a_direct_reply_of_three_messages_is_not_held_back_per_chat() -> None:
    clock, sent = Clock(), []
    paced = limiter(clock, per_second=10_000)  # the global pace out of the way
    with direct_replies():
        for _ in range(3):
            await send(paced, clock, sent)
    assert sum(clock.waits) < 0.001 and sent[-1] - sent[0] < 0.001


async def test_answering_a_button_is_never_paced() -> None:
    clock, answered = Clock(), []
    paced = limiter(clock)

    async def answer() -> bool:
        answered.append(clock.now)
        return True

    with direct_replies():
        for _ in range(3):
            await send(paced, clock, [])
    for _ in range(5):
        await paced.process_request(answer, (), {}, "answerCallbackQuery", {}, None)
    assert len(answered) == 5 and answered[-1] == answered[0]


async def test_bulk_sends_keep_their_pace_per_chat() -> None:
    clock, sent = Clock(), []
    paced = limiter(clock, per_second=10_000)
    for _ in range(3):
        await send(paced, clock, sent)
    gaps = [b - a for a, b in itertools.pairwise(sent)]
    assert gaps == [pytest.approx(1 / 0.9), pytest.approx(1 / 0.9)]


async def test_the_burst_then_about_one_a_second_and_never_more_than_three_in_three_seconds():
    clock, sent = Clock(), []
    paced = limiter(clock)
    with direct_replies():
        for _ in range(9):
            await send(paced, clock, sent)
    await send(paced, clock, sent)  # a reminder right after: it counts in the same window
    assert sent[2] - sent[0] < 0.1  # the burst
    assert all(sum(1 for t in sent if s <= t < s + 3.0) <= 3 for s in sent)
    assert sent[-1] - sent[0] < 10.5  # then about one a second


async def test_a_429_for_the_chat_holds_back_its_direct_replies_too() -> None:
    from datetime import timedelta

    from telegram.error import RetryAfter

    clock, sent = Clock(), []
    paced = limiter(clock)
    failures = [RetryAfter(timedelta(seconds=5))]

    async def call() -> bool:
        if failures:
            raise failures.pop()
        sent.append(clock.now)
        return True

    with direct_replies():
        await paced.process_request(call, (), {}, "sendMessage", {"chat_id": 7}, None)
    assert sent and sent[0] >= 105.0
