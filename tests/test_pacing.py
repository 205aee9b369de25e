"""Token buckets, driven by a hand-moved clock (no real waiting)."""

from __future__ import annotations

import pytest

from scheduler.pacing import TokenBucket


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=30, burst=30, clock=clock)
    for _ in range(30):
        assert bucket.delay() == 0
        bucket.tokens -= 1
    assert bucket.delay() == pytest.approx(1 / 30)
    clock.now += 0.5
    assert bucket.delay() == 0 and bucket.tokens == pytest.approx(15)


def test_pause_after_retry_after() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=1, burst=3, clock=clock)
    bucket.pause(5)
    assert bucket.delay() == pytest.approx(5)
    clock.now += 5
    assert bucket.delay() == 0


def test_invalid_rates_are_refused() -> None:
    with pytest.raises(ValueError):
        TokenBucket(rate=0)


async def test_pacer_spaces_sends_evenly_across_chats() -> None:
    from scheduler.pacing import Pacer

    pacer = Pacer(per_second=1000, per_chat_per_second=1)
    clock = Clock()
    pacer.global_bucket.clock = clock
    pacer.global_bucket.updated = clock.now
    await pacer.take("a")
    assert pacer.global_bucket.delay() == pytest.approx(0.001)
    assert pacer.chat_bucket("a").delay() > 0.9
    assert pacer.chat_bucket("b").delay() == 0
