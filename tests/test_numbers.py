"""The one strict reader of typed numbers, and what a person sees when a number is not one."""

from __future__ import annotations

import math
from datetime import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from handlers.kit.numbers import parse_clock, parse_decimal, parse_int, parse_score
from handlers.texts import Vi
from storage.errors import InvalidInput
from storage.models import RegistrationCriterion, ReminderRule
from storage.services.schedules import parse_weekdays
from storage.services.selfscore import check_score
from tests.fakes.memory import joined
from tests.support.helpers import linked
from tests.test_registration import register

NOT_NUMBERS = [
    "²",  # a superscript: str.isdigit() says yes, int() says no
    "①",
    "٣",  # Arabic-Indic three
    "1_0",  # Python's digit separator
    "1e1",
    "nan",
    "inf",
    "0x10",
    "7.",
    ".5",
    "7,5,0",
    "1 0",
    "1\u200b0",  # a zero-width space inside
    "\u202e7",  # a right-to-left override
    "5" * 5000,
    "",
]


@pytest.mark.parametrize("typed", NOT_NUMBERS)
def test_what_is_not_a_plain_number_is_refused(typed: str) -> None:
    assert parse_decimal(typed, signed=True) is None
    assert parse_int(typed, -(10**9), 10**9) is None
    assert parse_score(typed) is None
    assert parse_clock(typed) is None or typed == "7."  # "7." is 07:00, as "7h" is


@pytest.mark.parametrize(
    ("typed", "value"),
    [("7", 7.0), (" 7,5 ", 7.5), ("7.5", 7.5), ("７,５", 7.5), ("１０", 10.0), ("-1", -1.0)],
)
def test_scores_as_a_phone_types_them(typed: str, value: float) -> None:
    assert parse_score(typed) == value


def test_minus_zero_is_zero() -> None:
    value = parse_score("-0")
    assert value == 0 and math.copysign(1.0, value) == 1.0
    assert parse_decimal("-0,0", signed=True) == Decimal(0)


def test_signs_only_where_the_step_takes_them() -> None:
    assert parse_int("-3", 1, 365) is None and parse_int("+3", 1, 365) is None
    assert parse_int("-3", -60, 60) == -3 and parse_int("−3", -60, 60) == -3
    assert parse_int("366", 1, 365) is None and parse_int("３６５", 1, 365) == 365


def test_times_of_day() -> None:
    assert parse_clock("7h30") == time(7, 30) and parse_clock("１９:００") == time(19, 0)
    assert parse_clock("19H") == time(19, 0) and parse_clock("24:00") is None
    assert parse_clock("²:00") is None
    assert parse_weekdays("0,²,3,9") == (0, 3)


@given(st.text(max_size=300))
def test_any_text_reads_as_a_number_in_range_or_none(typed: str) -> None:
    number = parse_int(typed, 1, 365)
    assert number is None or 1 <= number <= 365
    score = parse_score(typed)
    assert score is None or math.isfinite(score)
    parse_clock(typed)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (7.0000000001, "score_step"),
        (7.3, "score_step"),
        (-0.0, "score_out_of_range"),
        (-0.5, "score_out_of_range"),
        (10.5, "score_out_of_range"),
        (float("nan"), "score_out_of_range"),
        (float("inf"), "score_out_of_range"),
    ],
)
def test_the_service_keeps_scores_on_the_grid(value: float, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_score(value, max_points=10, step=0.5)
    assert refused.value.code == code


def test_scores_on_the_grid_pass() -> None:
    for value in (0.0, 0.5, 7.5, 10.0):
        check_score(value, max_points=10, step=0.5)
    check_score(0.3, max_points=10, step=0.1)


async def test_self_scores_that_are_not_plain_numbers_are_not_stored(
    demo, chat_for, sessionmaker, clock
):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    await chat.send("/chamdiem")
    for typed in ("1_0", "²", "5" * 5000, "1e1"):
        replies = await chat.send(typed)
        assert replies[0].text == Vi.SCORE_NOT_NUMBER.format(max=10), typed
    replies = await chat.send("7,0000000001")
    assert replies[0].text == Vi.SCORE_STEP.format(step="0,5")
    async with sessionmaker() as session:
        scores = (await session.exec(select(RegistrationCriterion.self_score))).all()
    assert scores == [None, None]
    replies = await chat.send("-0")
    assert replies[0].text == "Đã lưu M1.01: 0 điểm."
    async with sessionmaker() as session:
        scores = (await session.exec(select(RegistrationCriterion.self_score))).all()
    assert [math.copysign(1.0, s) for s in scores if s is not None] == [1.0]


async def test_days_offsets_and_times_refuse_odd_digits_with_their_message(
    demo, chat_for, sessionmaker, clock
):
    union = await linked(chat_for, sessionmaker, clock, "HNI0003")
    await union.send("/nhacviec")
    await union.press("Tạo nhắc việc mới")
    await union.press("Bưu điện thành phố Hà Nội")
    await union.press("Người chưa gửi minh chứng gần đây")
    for typed in ("²", "5" * 5000, "1_0", "0", "366"):
        replies = await union.send(typed)
        assert replies[0].text == Vi.BAD_DAYS, typed
    await union.send("１４")
    await union.press("Mọi mô hình")
    await union.press("Theo mốc")
    await union.press("Hạn đăng ký")
    for typed in ("²", "-²", "9" * 5000, "61"):
        replies = await union.send(typed)
        assert replies[0].text == Vi.BAD_OFFSET, typed
    await union.send("−3")
    for typed in ("²:30", "7" * 5000, "7:60"):
        replies = await union.send(typed)
        assert replies[0].text == Vi.BAD_TIME, typed
    await union.send("７h３０")
    await union.send("Nhắc gửi minh chứng.")
    await union.press("Lưu nhắc việc")
    async with sessionmaker() as session:
        rule = (await session.exec(select(ReminderRule))).one()
    assert (rule.evidence_days, rule.offset_days, rule.time_of_day) == (14, 3, "07:30")
    assert "UNEXPECTED" not in joined(union.replies)
    assert Vi.UNEXPECTED_ERROR not in joined(union.replies)
