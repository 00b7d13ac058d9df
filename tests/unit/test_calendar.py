"""Behaviour of core.policy.calendar.WorkingCalendar: working days, opening hours, business time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.policy.calendar import WorkingCalendar

UTC = UTC
SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")

# National Day golden week 2026 as test data, with two make-up working days
# (调休) on a weekend: Sunday 2026-09-27 and Saturday 2026-10-10.
NATIONAL_DAY = frozenset(date(2026, 10, day) for day in range(1, 8))
MAKE_UP_DAYS = frozenset({date(2026, 9, 27), date(2026, 10, 10)})
LUNCH_HOURS = ((time(9), time(12)), (time(13, 30), time(18)))


def sh(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    """A Shanghai wall-clock time."""
    return datetime(y, m, d, hh, mm, ss, tzinfo=SHANGHAI)


def be(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """A Berlin wall-clock time."""
    return datetime(y, m, d, hh, mm, tzinfo=BERLIN)


def assert_utc_equal(actual: datetime, expected: datetime) -> None:
    """Same instant, and returned in UTC."""
    assert actual.tzinfo is UTC
    assert actual == expected


@pytest.fixture
def plain() -> WorkingCalendar:
    """Monday-Friday 09:00-18:00 in Shanghai, no holidays."""
    return WorkingCalendar(tz=SHANGHAI)


@pytest.fixture
def cal() -> WorkingCalendar:
    """Monday-Friday 09:00-18:00 in Shanghai with the golden week and make-up days."""
    return WorkingCalendar(tz=SHANGHAI, holidays=NATIONAL_DAY, extra_workdays=MAKE_UP_DAYS)


@pytest.fixture
def lunch() -> WorkingCalendar:
    """Like ``cal`` but closed for lunch 12:00-13:30."""
    return WorkingCalendar(tz=SHANGHAI, hours=LUNCH_HOURS, holidays=NATIONAL_DAY, extra_workdays=MAKE_UP_DAYS)


@pytest.fixture
def berlin() -> WorkingCalendar:
    return WorkingCalendar(tz=BERLIN)


# ------------------------------------------------------------ working days


class TestIsWorkingDay:
    def test_weekdays_are_worked_and_weekends_are_not(self, plain):
        week = [date(2026, 9, 14) + timedelta(days=i) for i in range(7)]  # Mon..Sun
        assert [plain.is_working_day(d) for d in week] == [True] * 5 + [False] * 2

    def test_holiday_on_a_weekday_is_not_worked(self, cal):
        assert date(2026, 10, 1).weekday() == 3  # a Thursday
        assert not cal.is_working_day(date(2026, 10, 1))

    def test_make_up_weekend_days_are_worked(self, cal):
        assert cal.is_working_day(date(2026, 9, 27))  # Sunday
        assert cal.is_working_day(date(2026, 10, 10))  # Saturday

    def test_make_up_day_wins_over_holiday(self):
        day = date(2026, 10, 3)
        both = WorkingCalendar(tz=SHANGHAI, holidays={day}, extra_workdays={day})
        assert both.is_working_day(day)

    def test_holiday_on_a_weekend_stays_off(self, cal):
        assert not cal.is_working_day(date(2026, 10, 4))  # Sunday inside the golden week

    def test_custom_workdays_are_respected(self):
        sunday_to_thursday = WorkingCalendar(tz=SHANGHAI, workdays=frozenset({6, 0, 1, 2, 3}))
        assert sunday_to_thursday.is_working_day(date(2026, 9, 20))  # Sunday
        assert not sunday_to_thursday.is_working_day(date(2026, 9, 18))  # Friday

    def test_a_datetime_is_refused_where_a_date_is_expected(self, cal):
        with pytest.raises(TypeError):
            cal.is_working_day(sh(2026, 10, 1, 10))


class TestNextWorkingDay:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2026, 9, 17), date(2026, 9, 18)),  # Thu -> Fri
            (date(2026, 9, 18), date(2026, 9, 21)),  # Fri -> Mon over a plain weekend
            (date(2026, 9, 19), date(2026, 9, 21)),  # Sat -> Mon
            (date(2026, 9, 25), date(2026, 9, 27)),  # Fri -> make-up Sunday
            (date(2026, 9, 30), date(2026, 10, 8)),  # over the golden week
            (date(2026, 10, 3), date(2026, 10, 8)),  # from inside the golden week
            (date(2026, 10, 9), date(2026, 10, 10)),  # Fri -> make-up Saturday
            (date(2026, 10, 10), date(2026, 10, 12)),  # make-up Saturday -> Mon
        ],
    )
    def test_is_strictly_after_and_skips_days_off(self, cal, day, expected):
        assert cal.next_working_day(day) == expected


class TestWorkingDaysBetween:
    def test_lists_working_days_start_inclusive_end_exclusive(self, cal):
        assert cal.working_days_between(date(2026, 9, 24), date(2026, 10, 13)) == [
            date(2026, 9, 24),
            date(2026, 9, 25),
            date(2026, 9, 27),  # make-up Sunday
            date(2026, 9, 28),
            date(2026, 9, 29),
            date(2026, 9, 30),
            date(2026, 10, 8),
            date(2026, 10, 9),
            date(2026, 10, 10),  # make-up Saturday
            date(2026, 10, 12),
        ]

    def test_empty_when_end_is_not_after_start(self, cal):
        assert cal.working_days_between(date(2026, 9, 24), date(2026, 9, 24)) == []
        assert cal.working_days_between(date(2026, 9, 25), date(2026, 9, 24)) == []

    def test_make_up_days_outside_the_range_are_not_listed(self, cal):
        assert cal.working_days_between(date(2026, 9, 28), date(2026, 10, 1)) == [
            date(2026, 9, 28),
            date(2026, 9, 29),
            date(2026, 9, 30),
        ]

    def test_agrees_with_is_working_day_over_a_year(self):
        odd = WorkingCalendar(
            tz=SHANGHAI,
            workdays=frozenset({1, 3, 5}),
            holidays=NATIONAL_DAY | {date(2026, 1, 1), date(2026, 2, 14)},
            extra_workdays=MAKE_UP_DAYS | {date(2026, 10, 3)},  # also a holiday
        )
        start, end = date(2026, 1, 1), date(2027, 1, 1)
        expected = [
            start + timedelta(days=i)
            for i in range((end - start).days)
            if odd.is_working_day(start + timedelta(days=i))
        ]
        assert odd.working_days_between(start, end) == expected
        assert date(2026, 10, 3) in expected

    def test_only_make_up_days_when_no_weekday_is_worked(self):
        only_extra = WorkingCalendar(tz=SHANGHAI, workdays=frozenset(), extra_workdays=MAKE_UP_DAYS)
        assert only_extra.working_days_between(date(2026, 1, 1), date(2027, 1, 1)) == sorted(MAKE_UP_DAYS)


# ------------------------------------------------------------ working time


class TestIsWorkingTime:
    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            (sh(2026, 9, 22, 8, 59, 59), False),
            (sh(2026, 9, 22, 9), True),
            (sh(2026, 9, 22, 11, 59, 59), True),
            (sh(2026, 9, 22, 12), False),  # lunch break starts
            (sh(2026, 9, 22, 13, 29), False),
            (sh(2026, 9, 22, 13, 30), True),
            (sh(2026, 9, 22, 17, 59, 59), True),
            (sh(2026, 9, 22, 18), False),  # close is exclusive
            (sh(2026, 9, 19, 10), False),  # Saturday
            (sh(2026, 10, 2, 10), False),  # holiday
            (sh(2026, 9, 27, 10), True),  # make-up Sunday
        ],
    )
    def test_inside_an_opening_interval_of_a_working_day(self, lunch, moment, expected):
        assert lunch.is_working_time(moment) is expected

    def test_is_judged_in_floor_local_time(self, plain):
        # 01:00 UTC Tuesday is 09:00 in Shanghai; 23:30 UTC Monday is 07:30 Tuesday there.
        assert plain.is_working_time(datetime(2026, 9, 22, 1, tzinfo=UTC))
        assert not plain.is_working_time(datetime(2026, 9, 21, 23, 30, tzinfo=UTC))

    def test_local_converts_to_the_floor_zone(self, plain):
        moment = plain.local(datetime(2026, 9, 22, 1, tzinfo=UTC))
        assert moment.tzinfo is SHANGHAI
        assert (moment.hour, moment.minute) == (9, 0)


class TestNextOpening:
    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            (sh(2026, 9, 22, 10, 15), sh(2026, 9, 22, 10, 15)),  # already working
            (sh(2026, 9, 22, 7), sh(2026, 9, 22, 9)),  # before opening
            (sh(2026, 9, 22, 12, 30), sh(2026, 9, 22, 13, 30)),  # lunch break
            (sh(2026, 9, 22, 18), sh(2026, 9, 23, 9)),  # exactly at close
            (sh(2026, 9, 22, 20), sh(2026, 9, 23, 9)),  # after close
            (sh(2026, 9, 18, 19), sh(2026, 9, 21, 9)),  # Friday evening
            (sh(2026, 9, 19, 20), sh(2026, 9, 21, 9)),  # Saturday
            (sh(2026, 9, 26, 11), sh(2026, 9, 27, 9)),  # Saturday before a make-up Sunday
            (sh(2026, 9, 30, 19), sh(2026, 10, 8, 9)),  # eve of the golden week
            (sh(2026, 10, 4, 10), sh(2026, 10, 8, 9)),  # inside the golden week
        ],
    )
    def test_returns_the_moment_or_the_next_interval_start_in_utc(self, lunch, moment, expected):
        assert_utc_equal(lunch.next_opening(moment), expected)


class TestEndOfWorkingDay:
    def test_is_the_close_of_the_last_interval_in_utc(self, lunch):
        assert_utc_equal(lunch.end_of_working_day(date(2026, 9, 22)), sh(2026, 9, 22, 18))
        assert_utc_equal(lunch.end_of_working_day(date(2026, 10, 10)), sh(2026, 10, 10, 18))

    @pytest.mark.parametrize("day", [date(2026, 9, 19), date(2026, 10, 1)])
    def test_refuses_a_day_off(self, cal, day):
        with pytest.raises(ValueError):
            cal.end_of_working_day(day)


# ------------------------------------------------------------ add working days


class TestAddWorkingDays:
    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (0, sh(2026, 9, 17, 10, 30)),  # Thursday
            (1, sh(2026, 9, 18, 10, 30)),  # Friday
            (3, sh(2026, 9, 22, 10, 30)),  # Tuesday, over the weekend
            (5, sh(2026, 9, 24, 10, 30)),  # Thursday a week later
        ],
    )
    def test_skips_the_weekend_keeping_the_time_of_day(self, plain, n, expected):
        assert_utc_equal(plain.add_working_days(sh(2026, 9, 17, 10, 30), n), expected)

    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (0, sh(2026, 9, 29, 10)),
            (1, sh(2026, 9, 30, 10)),
            (2, sh(2026, 10, 8, 10)),  # the golden week is skipped
            (3, sh(2026, 10, 9, 10)),
            (4, sh(2026, 10, 10, 10)),  # make-up Saturday counts
            (5, sh(2026, 10, 12, 10)),
        ],
    )
    def test_skips_the_holiday_week_and_counts_make_up_days(self, cal, n, expected):
        assert_utc_equal(cal.add_working_days(sh(2026, 9, 29, 10), n), expected)

    def test_make_up_sunday_counts(self, cal):
        assert_utc_equal(cal.add_working_days(sh(2026, 9, 25, 15), 1), sh(2026, 9, 27, 15))

    @pytest.mark.parametrize(
        ("moment", "n", "expected"),
        [
            (sh(2026, 9, 19, 20), 0, sh(2026, 9, 21, 9)),  # Saturday 20:00 -> Monday 09:00
            (sh(2026, 9, 19, 20), 1, sh(2026, 9, 22, 9)),
            (sh(2026, 9, 22, 7), 0, sh(2026, 9, 22, 9)),  # Tuesday 07:00 -> 09:00
            (sh(2026, 9, 22, 12, 30), 0, sh(2026, 9, 22, 13, 30)),  # lunch -> 13:30
            (sh(2026, 9, 22, 12, 30), 1, sh(2026, 9, 23, 13, 30)),
            (sh(2026, 9, 22, 19), 1, sh(2026, 9, 24, 9)),  # after close: Wed 09:00, then +1
            (sh(2026, 10, 1, 10), 0, sh(2026, 10, 8, 9)),  # holiday
        ],
    )
    def test_a_start_outside_working_time_begins_at_the_next_opening(self, lunch, moment, n, expected):
        assert_utc_equal(lunch.add_working_days(moment, n), expected)

    def test_negative_n_is_refused(self, cal):
        with pytest.raises(ValueError):
            cal.add_working_days(sh(2026, 9, 22, 10), -1)


# ------------------------------------------------------------ business time


class TestAddBusinessTime:
    def test_fifteen_minutes_before_friday_close_lands_monday_morning(self, plain):
        result = plain.add_business_time(sh(2026, 9, 18, 17, 50), timedelta(minutes=15))
        assert_utc_equal(result, sh(2026, 9, 21, 9, 5))

    def test_ending_exactly_at_close_returns_the_close(self, lunch):
        assert_utc_equal(
            lunch.add_business_time(sh(2026, 9, 18, 17, 45), timedelta(minutes=15)),
            sh(2026, 9, 18, 18),
        )
        assert_utc_equal(
            lunch.add_business_time(sh(2026, 9, 22, 11), timedelta(hours=1)),
            sh(2026, 9, 22, 12),  # close of the morning interval, not 13:30
        )

    def test_four_hours_span_the_night(self, plain):
        result = plain.add_business_time(sh(2026, 9, 22, 16), timedelta(hours=4))
        assert_utc_equal(result, sh(2026, 9, 23, 11))

    def test_lunch_break_is_not_counted(self, lunch):
        result = lunch.add_business_time(sh(2026, 9, 22, 11), timedelta(hours=2))
        assert_utc_equal(result, sh(2026, 9, 22, 14, 30))

    def test_spans_the_golden_week(self, cal):
        result = cal.add_business_time(sh(2026, 9, 30, 17), timedelta(hours=2))
        assert_utc_equal(result, sh(2026, 10, 8, 10))

    def test_make_up_sunday_is_business_time(self, cal):
        result = cal.add_business_time(sh(2026, 9, 25, 17), timedelta(hours=2))
        assert_utc_equal(result, sh(2026, 9, 27, 10))

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            (sh(2026, 9, 22, 7), sh(2026, 9, 22, 10)),  # before opening
            (sh(2026, 9, 22, 20), sh(2026, 9, 23, 10)),  # after close
            (sh(2026, 9, 19, 14), sh(2026, 9, 21, 10)),  # weekend
            (sh(2026, 10, 5, 14), sh(2026, 10, 8, 10)),  # holiday
        ],
    )
    def test_a_start_outside_working_time_begins_at_the_next_opening(self, cal, moment, expected):
        assert_utc_equal(cal.add_business_time(moment, timedelta(hours=1)), expected)

    def test_zero_returns_the_normalised_start(self, lunch):
        assert_utc_equal(
            lunch.add_business_time(sh(2026, 9, 22, 12, 15), timedelta(0)), sh(2026, 9, 22, 13, 30)
        )
        assert_utc_equal(lunch.add_business_time(sh(2026, 9, 22, 10), timedelta(0)), sh(2026, 9, 22, 10))

    def test_negative_delta_is_refused(self, cal):
        with pytest.raises(ValueError):
            cal.add_business_time(sh(2026, 9, 22, 10), timedelta(minutes=-1))

    def test_thirty_business_days_match_thirty_working_days(self, cal):
        start = sh(2026, 9, 14, 10)  # spans two make-up days and the golden week
        thirty_days = 30 * timedelta(hours=9)
        assert_utc_equal(cal.add_business_time(start, thirty_days), cal.add_working_days(start, 30))
        assert_utc_equal(cal.add_working_days(start, 30), sh(2026, 10, 29, 10))

    def test_full_days_from_opening_end_at_a_close(self, plain):
        result = plain.add_business_time(sh(2026, 1, 5, 9), 30 * timedelta(hours=9))
        assert_utc_equal(result, plain.end_of_working_day(date(2026, 2, 13)))

    @pytest.mark.parametrize("days", [30, 260])
    def test_long_deltas_add_up(self, lunch, days):
        """A long delta lands where counting it back gives it again (its speed is a budget:
        tests/bench/test_calendar_budgets.py)."""
        delta = days * timedelta(hours=7, minutes=30)
        start = sh(2026, 1, 5, 10)
        end = lunch.add_business_time(start, delta)
        assert lunch.business_time_between(start, end) == delta


class TestBusinessTimeBetween:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            (sh(2026, 9, 22, 10), sh(2026, 9, 22, 11, 45), timedelta(hours=1, minutes=45)),
            (sh(2026, 9, 22, 11), sh(2026, 9, 22, 14), timedelta(hours=1, minutes=30)),  # lunch
            (sh(2026, 9, 18, 17), sh(2026, 9, 21, 10), timedelta(hours=2)),  # over a weekend
            (sh(2026, 9, 30, 17), sh(2026, 10, 8, 10), timedelta(hours=2)),  # golden week
            (sh(2026, 9, 19, 8), sh(2026, 9, 20, 20), timedelta(0)),  # a whole weekend
            (sh(2026, 9, 22, 6), sh(2026, 9, 22, 23), timedelta(hours=7, minutes=30)),
            (sh(2026, 9, 22, 10), sh(2026, 9, 22, 10), timedelta(0)),
        ],
    )
    def test_counts_only_opening_time(self, lunch, a, b, expected):
        assert lunch.business_time_between(a, b) == expected

    def test_reversed_order_is_negative(self, lunch):
        a, b = sh(2026, 9, 18, 17), sh(2026, 9, 21, 10)
        assert lunch.business_time_between(b, a) == -lunch.business_time_between(a, b)
        assert lunch.business_time_between(b, a) == -timedelta(hours=2)

    def test_mixed_zones_are_compared_as_instants(self, plain):
        a = datetime(2026, 9, 22, 1, tzinfo=UTC)  # 09:00 Shanghai
        assert plain.business_time_between(a, sh(2026, 9, 22, 12)) == timedelta(hours=3)

    @pytest.mark.parametrize(
        "start",
        [
            sh(2026, 9, 22, 10, 17),
            sh(2026, 9, 22, 12, 10),  # lunch break
            sh(2026, 9, 18, 17, 59),
            sh(2026, 9, 19, 3),  # weekend
            sh(2026, 9, 29, 16),  # just before the golden week
            sh(2026, 10, 6, 9),  # inside it
        ],
    )
    @pytest.mark.parametrize(
        "delta",
        [
            timedelta(0),
            timedelta(seconds=1),
            timedelta(minutes=15),
            timedelta(hours=3),
            timedelta(hours=7, minutes=30),  # one full lunch-calendar day
            timedelta(hours=41, minutes=7),
            timedelta(days=20),
        ],
    )
    def test_is_the_inverse_of_add_business_time(self, lunch, start, delta):
        assert lunch.business_time_between(start, lunch.add_business_time(start, delta)) == delta


# ------------------------------------------------------------ daylight saving time


class TestBerlinDaylightSaving:
    """Europe/Berlin springs forward on Sunday 2026-03-29 and falls back on 2026-10-25."""

    def test_opening_stays_at_nine_local_across_spring_forward(self, berlin):
        assert_utc_equal(berlin.next_opening(be(2026, 3, 27, 19)), be(2026, 3, 30, 9))
        assert berlin.next_opening(be(2026, 3, 28, 12)) == datetime(2026, 3, 30, 7, tzinfo=UTC)
        assert berlin.next_opening(be(2026, 3, 27, 8)) == datetime(2026, 3, 27, 8, tzinfo=UTC)

    def test_opening_stays_at_nine_local_across_fall_back(self, berlin):
        assert berlin.next_opening(be(2026, 10, 24, 12)) == datetime(2026, 10, 26, 8, tzinfo=UTC)

    def test_working_time_follows_the_local_clock(self, berlin):
        assert berlin.is_working_time(datetime(2026, 3, 30, 7, tzinfo=UTC))  # 09:00 CEST
        assert not berlin.is_working_time(datetime(2026, 3, 30, 6, 59, tzinfo=UTC))

    def test_add_working_days_keeps_local_time_of_day(self, berlin):
        result = berlin.add_working_days(be(2026, 3, 27, 10), 1)
        assert_utc_equal(result, be(2026, 3, 30, 10))
        assert result == datetime(2026, 3, 30, 8, tzinfo=UTC)

    def test_add_business_time_over_the_dst_weekend(self, berlin):
        result = berlin.add_business_time(be(2026, 3, 27, 17, 50), timedelta(minutes=15))
        assert result == datetime(2026, 3, 30, 7, 5, tzinfo=UTC)  # 09:05 CEST

    def test_business_time_is_unaffected_by_the_lost_hour(self, berlin):
        friday_open, monday_close = be(2026, 3, 27, 9), be(2026, 3, 30, 18)
        assert berlin.business_time_between(friday_open, monday_close) == timedelta(hours=18)
        assert berlin.end_of_working_day(date(2026, 3, 30)) == datetime(2026, 3, 30, 16, tzinfo=UTC)


# ------------------------------------------------------------ refusals


NAIVE = datetime(2026, 9, 22, 10)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.is_working_time(NAIVE),
        lambda c: c.local(NAIVE),
        lambda c: c.next_opening(NAIVE),
        lambda c: c.add_working_days(NAIVE, 1),
        lambda c: c.add_business_time(NAIVE, timedelta(hours=1)),
        lambda c: c.business_time_between(NAIVE, sh(2026, 9, 22, 12)),
        lambda c: c.business_time_between(sh(2026, 9, 22, 12), NAIVE),
    ],
)
def test_naive_datetimes_are_refused(cal, call):
    with pytest.raises(ValueError, match="must be timezone-aware"):
        call(cal)


class TestCalendarWithoutWorkingDays:
    @pytest.fixture
    def empty(self) -> WorkingCalendar:
        return WorkingCalendar(tz=SHANGHAI, workdays=frozenset())

    @pytest.mark.parametrize(
        "call",
        [
            lambda c: c.next_working_day(date(2026, 9, 22)),
            lambda c: c.next_opening(sh(2026, 9, 22, 10)),
            lambda c: c.add_working_days(sh(2026, 9, 22, 10), 0),
            lambda c: c.add_working_days(sh(2026, 9, 22, 10), 3),
            lambda c: c.add_business_time(sh(2026, 9, 22, 10), timedelta(hours=1)),
        ],
    )
    def test_searches_are_refused(self, empty, call):
        with pytest.raises(ValueError, match="the calendar has no working days"):
            call(empty)

    def test_questions_with_a_bounded_answer_still_work(self, empty):
        assert not empty.is_working_day(date(2026, 9, 22))
        assert not empty.is_working_time(sh(2026, 9, 22, 10))
        assert empty.working_days_between(date(2026, 1, 1), date(2027, 1, 1)) == []
        assert empty.business_time_between(sh(2026, 1, 1), sh(2027, 1, 1)) == timedelta(0)

    def test_search_gives_up_once_the_make_up_days_run_out(self):
        past_only = WorkingCalendar(
            tz=SHANGHAI, workdays=frozenset(), extra_workdays=frozenset({date(2020, 1, 4)})
        )
        with pytest.raises(ValueError, match="the calendar has no working days"):
            past_only.next_opening(sh(2026, 9, 22, 10))

    def test_only_make_up_days_are_searchable(self):
        only_extra = WorkingCalendar(tz=SHANGHAI, workdays=frozenset(), extra_workdays=MAKE_UP_DAYS)
        assert only_extra.next_working_day(date(2026, 9, 27)) == date(2026, 10, 10)
        assert_utc_equal(only_extra.next_opening(sh(2026, 9, 1)), sh(2026, 9, 27, 9))


class TestConstruction:
    @pytest.mark.parametrize(
        "hours",
        [
            (),
            ((time(18), time(9)),),  # ends before it starts
            ((time(9), time(9)),),  # empty interval
            ((time(13), time(18)), (time(9), time(12))),  # not sorted
            ((time(9), time(13)), (time(12), time(18))),  # overlapping
            ((time(9, tzinfo=UTC), time(18, tzinfo=UTC)),),  # not a wall-clock time
        ],
    )
    def test_bad_opening_hours_are_refused(self, hours):
        with pytest.raises(ValueError):
            WorkingCalendar(tz=SHANGHAI, hours=hours)

    def test_bad_weekday_numbers_are_refused(self):
        with pytest.raises(ValueError):
            WorkingCalendar(tz=SHANGHAI, workdays=frozenset({0, 7}))

    def test_plain_sets_and_lists_are_stored_immutably(self):
        built = WorkingCalendar(
            tz=SHANGHAI,
            workdays={0, 1, 2, 3, 4},
            hours=[[time(9), time(12)], [time(13, 30), time(18)]],
            holidays={date(2026, 10, 1)},
        )
        assert built.workdays == frozenset({0, 1, 2, 3, 4})
        assert built.hours == LUNCH_HOURS
        assert isinstance(built.holidays, frozenset)
        assert built == WorkingCalendar(
            tz=SHANGHAI, hours=LUNCH_HOURS, holidays=frozenset({date(2026, 10, 1)})
        )
        hash(built)
