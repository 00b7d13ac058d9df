"""The report's week: ISO week text, local-midnight bounds (also across daylight saving time),
the last full week by default, and every refusal with its message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.basics.errors import InvalidInput
from core.report.week import Week, last_full_week, parse_week, week_containing
from tests.conftest import FLOOR_MORNING, SHANGHAI

UTC = UTC
BERLIN = ZoneInfo("Europe/Berlin")
NOW = FLOOR_MORNING  # Friday 2026-11-20 10:00 Shanghai: in 2026-W47


def test_a_week_runs_from_monday_midnight_to_the_next_monday_midnight_floor_time():
    week = parse_week("2026-W47", NOW, SHANGHAI)
    assert (week.year, week.number, week.label, str(week)) == (2026, 47, "2026-W47", "2026-W47")
    # Monday 2026-11-16 00:00 +08:00 is Sunday 16:00 UTC
    assert week.start == datetime(2026, 11, 15, 16, 0, tzinfo=UTC)
    assert week.end == datetime(2026, 11, 22, 16, 0, tzinfo=UTC)
    assert week.local_start.isoformat() == "2026-11-16T00:00:00+08:00"
    assert week.local_end.isoformat() == "2026-11-23T00:00:00+08:00"
    assert week.end - week.start == timedelta(days=7)
    assert week.contains(week.start) and not week.contains(week.end)
    assert week.contains(week.end - timedelta(seconds=1))


def test_other_spellings_of_the_same_week_are_accepted():
    for text in ("2026-W47", "2026W47", "2026-w47", " 2026-W47 "):
        assert parse_week(text, NOW, SHANGHAI).label == "2026-W47"
    assert parse_week("2026-W5", NOW, SHANGHAI).label == "2026-W05"


def test_no_week_means_the_last_full_week():
    assert parse_week(None, NOW, SHANGHAI).label == "2026-W46"
    assert parse_week("  ", NOW, SHANGHAI).label == "2026-W46"
    assert last_full_week(NOW, SHANGHAI).label == "2026-W46"
    # Monday 00:00 floor time is already the new week: the last full week is the one just ended
    monday = datetime(2026, 11, 23, 0, 0, tzinfo=SHANGHAI)
    assert last_full_week(monday, SHANGHAI).label == "2026-W47"
    assert last_full_week(monday - timedelta(seconds=1), SHANGHAI).label == "2026-W46"


def test_the_week_is_the_floor_s_local_week_not_the_utc_one():
    # Monday 2026-11-23 01:00 in Shanghai is still Sunday 17:00 UTC
    instant = datetime(2026, 11, 23, 1, 0, tzinfo=SHANGHAI)
    assert week_containing(instant, SHANGHAI).label == "2026-W48"
    assert week_containing(instant, UTC).label == "2026-W47"


def test_the_current_week_is_allowed_a_future_one_is_refused_saying_which_are_allowed():
    current = parse_week("2026-W47", NOW, SHANGHAI)
    assert not current.is_finished(NOW)
    with pytest.raises(InvalidInput) as refused:
        parse_week("2026-W48", NOW, SHANGHAI)
    message = str(refused.value)
    assert message.startswith("week: 2026-W48 has not begun yet (it starts 2026-11-23 00:00 floor time)")
    assert "give this week, 2026-W47 (figures as of now), or an earlier one" in message
    assert "the last full week is 2026-W46" in message
    with pytest.raises(InvalidInput, match="2027-W01 has not begun yet"):
        parse_week("2027-W01", NOW, SHANGHAI)


@pytest.mark.parametrize("text", ["abc", "2026-47", "W47", "2026-W", "2026-W470", "26-W47", "2026-W47-1"])
def test_text_that_is_not_an_iso_week_is_refused_with_the_form_to_use(text):
    with pytest.raises(InvalidInput) as refused:
        parse_week(text, NOW, SHANGHAI)
    assert (
        str(refused.value)
        == f"week: {text!r} is not an ISO week; write it like 2026-W47 (the ISO year, W, the week number)"
    )


def test_a_week_number_the_year_does_not_have_is_refused():
    with pytest.raises(InvalidInput) as refused:
        parse_week("2025-W54", NOW, SHANGHAI)
    assert (
        str(refused.value) == "week: '2025-W54' does not exist: 2025 has 52 ISO weeks (2025-W01 to 2025-W52)"
    )
    with pytest.raises(InvalidInput, match="'2025-W53' does not exist: 2025 has 52 ISO weeks"):
        parse_week("2025-W53", NOW, SHANGHAI)
    with pytest.raises(InvalidInput, match="'2025-W00' does not exist"):
        parse_week("2025-W00", NOW, SHANGHAI)
    with pytest.raises(InvalidInput, match="before 1900"):
        parse_week("0001-W01", NOW, SHANGHAI)
    # 2020 is a long ISO year: its week 53 exists (Monday 2020-12-28 .. Sunday 2021-01-03)
    long_week = parse_week("2020-W53", NOW, SHANGHAI)
    assert long_week.local_start.date().isoformat() == "2020-12-28"
    assert long_week.shifted(1).label == "2021-W01"


def test_weeks_move_across_year_ends():
    first = parse_week("2026-W01", NOW, SHANGHAI)
    assert first.monday.isoformat() == "2025-12-29"  # ISO week 1 holds the year's first Thursday
    assert first.previous.label == "2025-W52"
    assert first.shifted(-8).label == "2025-W45"
    assert Week(2026, 47, SHANGHAI).shifted(1).label == "2026-W48"


def test_in_a_daylight_saving_zone_the_bounds_stay_at_local_midnight():
    """Europe/Berlin springs forward on Sunday 2026-03-29 and falls back on 2026-10-25."""
    now = datetime(2026, 11, 20, 10, 0, tzinfo=BERLIN)
    spring = parse_week("2026-W13", now, BERLIN)
    assert spring.local_start.isoformat() == "2026-03-23T00:00:00+01:00"
    assert spring.local_end.isoformat() == "2026-03-30T00:00:00+02:00"
    assert spring.start == datetime(2026, 3, 22, 23, 0, tzinfo=UTC)
    assert spring.end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)
    assert spring.end - spring.start == timedelta(hours=167)  # the hour 02:00-03:00 never happened
    autumn = parse_week("2026-W43", now, BERLIN)
    assert autumn.start == datetime(2026, 10, 18, 22, 0, tzinfo=UTC)  # +02:00
    assert autumn.end == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)  # +01:00
    assert autumn.end - autumn.start == timedelta(hours=169)
    assert autumn.shifted(1).start == autumn.end  # weeks tile time, no gap, no overlap
