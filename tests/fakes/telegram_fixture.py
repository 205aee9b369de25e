"""The `fake_telegram` fixture: a started fake Bot API that fails the test if the bot broke
the spec (set `tg.allow_violations = True` in a test that breaks it on purpose)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.telegram_server import FakeTelegram


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as tg:
        yield tg
    problems = tg.problems()
    if problems and not tg.allow_violations:
        listed = "\n  ".join(problems)
        pytest.fail(
            "fake Telegram: requests the real Bot API would refuse, methods the fake lacks,"
            f" or retries before retry_after (tg.allow_violations = True if meant):\n  {listed}"
        )
