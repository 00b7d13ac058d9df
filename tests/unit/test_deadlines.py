"""Deadlines typed for a handoff, with a frozen clock (Friday 2026-11-20 10:00 Shanghai)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from core.basics.errors import InvalidInput
from core.policy.deadlines import parse_deadline

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def at(*args):
    return datetime(*args, tzinfo=SH).astimezone(UTC)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("11:00", at(2026, 11, 20, 11, 0)),
        ("+2h", at(2026, 11, 20, 12, 0)),
        ("+30m", at(2026, 11, 20, 10, 30)),
        ("+1h30m", at(2026, 11, 20, 11, 30)),
        ("+1d", at(2026, 11, 21, 10, 0)),
        ("tomorrow 10:00", at(2026, 11, 21, 10, 0)),
        ("明天 9:30", at(2026, 11, 21, 9, 30)),
        ("today 16:00", at(2026, 11, 20, 16, 0)),
        ("2026-11-21 10:00", at(2026, 11, 21, 10, 0)),
        ("2026/11/23 08:15", at(2026, 11, 23, 8, 15)),
        ("2026年11月23日 08:15", at(2026, 11, 23, 8, 15)),
        ("  Tomorrow   10:00 ", at(2026, 11, 21, 10, 0)),
    ],
)
def test_accepted_forms(typed, expected):
    assert parse_deadline(typed, NOW, SH) == expected


@pytest.mark.parametrize(
    "typed, message",
    [
        ("09:00", "already passed"),
        ("2026-11-19 10:00", "already passed"),
        ("", "is empty"),
        ("soon", "is not a time"),
        ("25:00", "is not a time"),
        ("2026-02-30 10:00", "not a real date"),
        ("03/04/2026 10:00", "is not a time"),  # day-first or month-first? refused, not guessed
    ],
)
def test_refused_forms_say_why(typed, message):
    with pytest.raises(InvalidInput) as raised:
        parse_deadline(typed, NOW, SH)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("周一 14:00", at(2026, 11, 23, 14, 0)),  # said on Friday: next Monday
        ("星期五 11:00", at(2026, 11, 20, 11, 0)),  # today, the time still ahead
        ("星期五 9:30", at(2026, 11, 27, 9, 30)),  # today's 9:30 passed: next Friday
        ("周日 10:00", at(2026, 11, 22, 10, 0)),
        ("礼拜天 10:00", at(2026, 11, 22, 10, 0)),
        ("mon 14:00", at(2026, 11, 23, 14, 0)),
        ("Friday 16:00", at(2026, 11, 20, 16, 0)),
        ("下周五 10:00", at(2026, 11, 27, 10, 0)),  # that day of next week, not today
        ("next mon 10:00", at(2026, 11, 23, 10, 0)),
        ("明天10:00", at(2026, 11, 21, 10, 0)),  # no space after a day word
    ],
)
def test_weekdays_as_people_say_them(typed, expected):
    assert parse_deadline(typed, NOW, SH) == expected


@pytest.mark.parametrize("typed", ["周八 10:00", "mon", "next 10:00", "下周 10:00"])
def test_a_weekday_that_is_not_one_is_refused(typed):
    with pytest.raises(InvalidInput, match="is not a time"):
        parse_deadline(typed, NOW, SH)
