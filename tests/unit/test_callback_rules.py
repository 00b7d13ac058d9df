"""When each callback is due (core.callbacks.rules): every rule over weekends, a holiday week with
make-up working days, year and half-year boundaries, and a customer's preferred call time.

The floor: Asia/Shanghai (UTC+8), Monday to Friday 09:00-18:00; National Day 2026-10-01..07 and
New Year's Day 2027-01-01 are holidays; Sunday 2026-09-27 and Saturday 2026-10-10 are make-up
working days (调休). Every instant is fixed; no clock is read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.basics.errors import InvalidInput
from core.callbacks.rules import (
    Window,
    complaint_window,
    improvement_window,
    is_complaint,
    low_score_window,
    new_customer_window,
    parse_call_time,
    period_of,
    resolved_window,
    respect_preferred,
    retry_time,
)
from core.policy.calendar import WorkingCalendar
from core.policy.document import CallbackRules, default_policy, parse_policy

UTC = UTC
SHANGHAI = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar(
    tz=SHANGHAI,
    holidays=frozenset({date(2026, 10, d) for d in range(1, 8)} | {date(2027, 1, 1)}),
    extra_workdays=frozenset({date(2026, 9, 27), date(2026, 10, 10)}),
)
RULES = default_policy().callbacks


def sh(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """A Shanghai wall-clock time, as the UTC instant the rules take."""
    return datetime(y, m, d, hh, mm, tzinfo=SHANGHAI).astimezone(UTC)


def window(start: datetime, end: datetime) -> Window:
    return Window(start, end)


def assert_window(actual: Window, due_from: datetime, due_by: datetime) -> None:
    assert actual.due_from.tzinfo is UTC and actual.due_by.tzinfo is UTC
    assert (actual.due_from, actual.due_by) == (due_from, due_by)


def test_the_test_calendar_is_what_the_docstring_says():
    assert date(2026, 11, 20).strftime("%a") == "Fri"
    assert date(2026, 9, 25).strftime("%a") == "Fri"
    assert date(2026, 12, 31).strftime("%a") == "Thu"
    assert CAL.is_working_day(date(2026, 9, 27)) and CAL.is_working_day(date(2026, 10, 10))
    assert not CAL.is_working_day(date(2026, 10, 1)) and not CAL.is_working_day(date(2027, 1, 1))


def test_the_rules_default_to_the_policy_defaults():
    assert RULES == CallbackRules()


# ------------------------------------------------------------ resolved ticket


def test_resolved_on_a_tuesday_morning_is_due_the_next_morning():
    assert_window(
        resolved_window(sh(2026, 11, 17, 10), CAL, RULES), sh(2026, 11, 17, 10), sh(2026, 11, 18, 10)
    )


def test_resolved_friday_afternoon_is_due_the_next_working_morning_not_saturday_nor_mondays_close():
    # Friday 17:00 + 24h = Saturday 17:00, a day off: Monday's morning, 12:00 (callbacks.morning_ends).
    assert_window(
        resolved_window(sh(2026, 11, 20, 17), CAL, RULES), sh(2026, 11, 20, 17), sh(2026, 11, 23, 12)
    )


def test_resolved_after_hours_is_called_from_the_next_opening_until_that_days_close():
    # Tuesday 19:00 + 24h = Wednesday 19:00, after Wednesday's close: back to that close, 18:00.
    assert_window(
        resolved_window(sh(2026, 11, 17, 19), CAL, RULES), sh(2026, 11, 18, 9), sh(2026, 11, 18, 18)
    )


def test_resolved_exactly_at_the_close_is_due_at_the_next_days_close():
    assert_window(
        resolved_window(sh(2026, 11, 17, 18), CAL, RULES), sh(2026, 11, 18, 9), sh(2026, 11, 18, 18)
    )


def test_resolved_the_day_before_a_holiday_week_is_due_the_morning_after_it():
    # Wednesday 15:00 + 24h = Thursday 10-01, National Day: Thursday 10-08's morning.
    assert_window(resolved_window(sh(2026, 9, 30, 15), CAL, RULES), sh(2026, 9, 30, 15), sh(2026, 10, 8, 12))


def test_resolved_friday_before_a_make_up_saturday_is_due_that_saturday():
    assert_window(resolved_window(sh(2026, 10, 9, 17), CAL, RULES), sh(2026, 10, 9, 17), sh(2026, 10, 10, 17))


def test_resolved_within_comes_from_the_policy():
    rules = parse_policy('[callbacks]\nresolved_within = "4h"\n', "t").callbacks
    assert_window(
        resolved_window(sh(2026, 11, 17, 10), CAL, rules), sh(2026, 11, 17, 10), sh(2026, 11, 17, 14)
    )


def test_resolved_window_ending_in_a_lunch_break_moves_back_to_the_mornings_close():
    lunch = WorkingCalendar(tz=SHANGHAI, hours=((time(9), time(12)), (time(13, 30), time(18))))
    # Monday 12:30 + 24h = Tuesday 12:30, in the lunch break: Tuesday 12:00, the morning's close.
    assert_window(
        resolved_window(sh(2026, 11, 16, 12, 30), lunch, RULES),
        sh(2026, 11, 16, 13, 30),
        sh(2026, 11, 17, 12),
    )


# ------------------------------------------------------------------ complaint


def test_complaint_resolved_thursday_is_called_monday_to_tuesday():
    assert_window(
        complaint_window(sh(2026, 11, 19, 10), CAL, RULES), sh(2026, 11, 23, 9), sh(2026, 11, 24, 18)
    )


def test_complaint_counts_from_the_resolution_day_even_after_hours():
    assert_window(
        complaint_window(sh(2026, 11, 19, 19, 30), CAL, RULES), sh(2026, 11, 23, 9), sh(2026, 11, 24, 18)
    )


def test_complaint_day_is_the_floors_local_day_not_utcs():
    resolved = datetime(2026, 11, 19, 17, 0, tzinfo=UTC)  # Friday 01:00 in Shanghai
    assert_window(complaint_window(resolved, CAL, RULES), sh(2026, 11, 24, 9), sh(2026, 11, 25, 18))


def test_complaint_skips_the_holiday_week():
    # Tuesday 09-29: Wednesday 09-30 is 1, then 10-01..07 off: Thursday 10-08 is 2, Friday 10-09 is 3.
    assert_window(complaint_window(sh(2026, 9, 29, 11), CAL, RULES), sh(2026, 10, 8, 9), sh(2026, 10, 9, 18))


def test_complaint_counts_a_make_up_sunday():
    # Saturday 09-26: Sunday 09-27 (调休) is 1, Monday 2, Tuesday 3.
    assert_window(complaint_window(sh(2026, 9, 26, 11), CAL, RULES), sh(2026, 9, 28, 9), sh(2026, 9, 29, 18))


def test_complaint_window_from_the_policy():
    rules = parse_policy("[callbacks]\ncomplaint_from = 1\ncomplaint_by = 1\n", "t").callbacks
    assert_window(
        complaint_window(sh(2026, 11, 20, 10), CAL, rules), sh(2026, 11, 23, 9), sh(2026, 11, 23, 18)
    )


# --------------------------------------------------------------- new customer


def test_new_customer_is_called_three_to_seven_working_days_after_delivery():
    # Monday 11-16: Tue 1, Wed 2, Thu 3 ... Mon 5, Tue 6, Wed 7.
    assert_window(
        new_customer_window(date(2026, 11, 16), CAL, RULES), sh(2026, 11, 19, 9), sh(2026, 11, 25, 18)
    )


def test_new_customer_delivered_on_the_friday_before_the_holiday_week():
    # Friday 09-25: Sun 27 (调休) 1, Mon 28 2, Tue 29 3, Wed 30 4, Oct 8 5, Oct 9 6, Sat Oct 10 (调休) 7.
    assert_window(
        new_customer_window(date(2026, 9, 25), CAL, RULES), sh(2026, 9, 29, 9), sh(2026, 10, 10, 18)
    )


def test_new_customer_delivered_on_a_holiday_counts_from_after_it():
    # 10-03 (holiday): Thu 10-08 1, Fri 2, Sat 10-10 (调休) 3, Mon 12 4, ... Thu 15 7.
    assert_window(
        new_customer_window(date(2026, 10, 3), CAL, RULES), sh(2026, 10, 10, 9), sh(2026, 10, 15, 18)
    )


def test_new_customer_window_refuses_a_datetime_for_the_delivery_day():
    with pytest.raises(TypeError):
        new_customer_window(sh(2026, 11, 16, 10), CAL, RULES)


# ------------------------------------------------------------------- periods


def test_quarter_label_and_window_in_the_middle_of_a_quarter():
    label, win = period_of(sh(2026, 11, 20, 10), CAL, "quarter")
    assert label == "2026-Q4"
    assert_window(win, sh(2026, 11, 20, 10), sh(2026, 12, 31, 18))


def test_the_last_day_of_the_year_still_belongs_to_q4_until_the_close():
    label, win = period_of(sh(2026, 12, 31, 10), CAL, "quarter")
    assert label == "2026-Q4"
    assert_window(win, sh(2026, 12, 31, 10), sh(2026, 12, 31, 18))


def test_after_the_last_close_of_the_year_the_next_quarter_is_due():
    label, win = period_of(sh(2026, 12, 31, 19), CAL, "quarter")
    assert label == "2027-Q1"
    # 2027-01-01 is a holiday and the 2nd and 3rd a weekend: Monday 01-04 opens Q1.
    assert_window(win, sh(2027, 1, 4, 9), sh(2027, 3, 31, 18))


def test_new_years_day_holiday_opens_q1_on_the_first_working_day():
    label, win = period_of(sh(2027, 1, 1, 10), CAL, "quarter")
    assert label == "2027-Q1"
    assert_window(win, sh(2027, 1, 4, 9), sh(2027, 3, 31, 18))


def test_a_quarter_ending_on_a_weekend_closes_on_its_last_working_day():
    assert date(2029, 3, 31).strftime("%a") == "Sat"
    label, win = period_of(sh(2029, 2, 1, 10), CAL, "quarter")
    assert label == "2029-Q1"
    assert win.due_by == sh(2029, 3, 30, 18)


def test_a_weekend_at_the_end_of_a_quarter_belongs_to_the_next_one():
    assert date(2026, 3, 28).strftime("%a") == "Sat"
    label, win = period_of(sh(2026, 3, 28, 10), CAL, "quarter")
    assert label == "2026-Q1"  # Tuesday 03-31 is still to come
    assert_window(win, sh(2026, 3, 30, 9), sh(2026, 3, 31, 18))


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 1, 5), "2026-Q1"),
        (date(2026, 3, 31), "2026-Q1"),
        (date(2026, 4, 1), "2026-Q2"),
        (date(2026, 6, 30), "2026-Q2"),
        (date(2026, 7, 1), "2026-Q3"),
        (date(2026, 9, 30), "2026-Q3"),
        (date(2026, 10, 8), "2026-Q4"),
    ],
)
def test_quarter_labels_at_each_boundary(day, label):
    assert period_of(sh(day.year, day.month, day.day, 10), CAL, "quarter")[0] == label


def test_half_years():
    label, win = period_of(sh(2026, 6, 30, 10), CAL, "half")
    assert label == "2026-H1"
    assert_window(win, sh(2026, 6, 30, 10), sh(2026, 6, 30, 18))
    label, win = period_of(sh(2026, 7, 1, 10), CAL, "half")
    assert label == "2026-H2"
    assert_window(win, sh(2026, 7, 1, 10), sh(2026, 12, 31, 18))


def test_a_saturday_in_the_half_year_is_due_from_monday():
    label, win = period_of(sh(2026, 12, 26, 10), CAL, "half")
    assert label == "2026-H2"
    assert_window(win, sh(2026, 12, 28, 9), sh(2026, 12, 31, 18))


def test_unknown_period_is_refused():
    with pytest.raises(ValueError):
        period_of(sh(2026, 11, 20, 10), CAL, "month")


# ------------------------------------------------------------------ low score


def test_low_score_on_friday_is_followed_up_by_wednesdays_close():
    assert_window(
        low_score_window(sh(2026, 11, 20, 15), CAL, RULES), sh(2026, 11, 20, 15), sh(2026, 11, 25, 18)
    )


def test_low_score_after_hours_on_friday_is_due_from_monday_by_wednesday():
    assert_window(
        low_score_window(sh(2026, 11, 20, 19), CAL, RULES), sh(2026, 11, 23, 9), sh(2026, 11, 25, 18)
    )


def test_low_score_before_the_holiday_week():
    # Tuesday 09-29: Wed 09-30 1, Thu 10-08 2, Fri 10-09 3.
    assert_window(low_score_window(sh(2026, 9, 29, 16), CAL, RULES), sh(2026, 9, 29, 16), sh(2026, 10, 9, 18))


# ---------------------------------------------------------------- improvement


def test_improvement_shipped_monday_is_verified_within_a_week():
    assert_window(
        improvement_window(sh(2026, 11, 16, 10), CAL, RULES), sh(2026, 11, 16, 10), sh(2026, 11, 23, 10)
    )


def test_improvement_shipped_on_a_saturday_is_due_from_monday_by_the_next_mondays_morning():
    # +7d is Saturday 11-21: the next working morning, Monday 11-23 12:00.
    assert_window(
        improvement_window(sh(2026, 11, 14, 12), CAL, RULES), sh(2026, 11, 16, 9), sh(2026, 11, 23, 12)
    )


def test_improvement_verification_landing_in_the_holiday_moves_past_it():
    # Saturday 09-26: next opening the make-up Sunday 09-27; +7d is Saturday 10-03 (holiday).
    assert_window(
        improvement_window(sh(2026, 9, 26, 10), CAL, RULES), sh(2026, 9, 27, 9), sh(2026, 10, 8, 12)
    )


# ---------------------------------------------------------------------- retry


def test_retry_two_business_hours_later_within_the_day():
    assert retry_time(sh(2026, 11, 17, 10), CAL, RULES) == sh(2026, 11, 17, 12)


def test_retry_over_the_evening_continues_next_morning():
    assert retry_time(sh(2026, 11, 17, 17), CAL, RULES) == sh(2026, 11, 18, 10)


def test_retry_over_the_weekend_and_the_holiday_week():
    assert retry_time(sh(2026, 11, 20, 17, 30), CAL, RULES) == sh(2026, 11, 23, 10, 30)
    assert retry_time(sh(2026, 9, 30, 17, 30), CAL, RULES) == sh(2026, 10, 8, 10, 30)


def test_retry_after_hours_counts_from_the_next_opening():
    result = retry_time(sh(2026, 11, 17, 20), CAL, RULES)
    assert result == sh(2026, 11, 18, 11) and result.tzinfo is UTC


def test_retry_after_comes_from_the_policy():
    rules = parse_policy('[callbacks]\nretry_after = "30m"\n', "t").callbacks
    assert retry_time(sh(2026, 11, 17, 17, 45), CAL, rules) == sh(2026, 11, 18, 9, 15)


# ------------------------------------------------------------ preferred time


def test_parse_call_time():
    assert parse_call_time("14:00-17:00") == (time(14), time(17))
    assert parse_call_time(" 9:30 - 11:00 ") == (time(9, 30), time(11))


@pytest.mark.parametrize(
    "text",
    [
        "17:00-14:00",
        "14:00-14:00",
        "14:00",
        "",
        "afternoon",
        "14h-17h",
        "25:00-26:00",
        "14:00-17:00-18:00",
        "14:60-17:00",
        None,
    ],
)
def test_malformed_preferred_call_time_says_how_to_write_it(text):
    with pytest.raises(InvalidInput) as caught:
        parse_call_time(text)
    assert caught.value.field == "preferred call time"
    assert '"14:00-17:00"' in caught.value.problem and "start before end" in caught.value.problem


def test_no_preference_leaves_the_window_alone():
    win = window(sh(2026, 11, 17, 10), sh(2026, 11, 18, 10))
    assert respect_preferred(win, None, CAL) == win


def test_a_window_already_inside_the_preference_is_unchanged():
    win = window(sh(2026, 11, 17, 15), sh(2026, 11, 18, 10))
    assert respect_preferred(win, (time(14), time(17)), CAL) == win


def test_preferred_afternoon_moves_due_from_and_keeps_due_by():
    win = resolved_window(sh(2026, 11, 17, 10), CAL, RULES)
    assert_window(
        respect_preferred(win, (time(14), time(17)), CAL), sh(2026, 11, 17, 14), sh(2026, 11, 18, 10)
    )


def test_preferred_slot_after_due_by_extends_due_by_to_the_slots_end():
    win = window(sh(2026, 11, 17, 17, 30), sh(2026, 11, 18, 12))
    assert_window(
        respect_preferred(win, (time(14), time(17)), CAL), sh(2026, 11, 18, 14), sh(2026, 11, 18, 17)
    )


def test_preferred_slot_is_cut_to_the_opening_hours():
    win = window(sh(2026, 11, 17, 10), sh(2026, 11, 17, 12))
    assert_window(
        respect_preferred(win, (time(17), time(20)), CAL), sh(2026, 11, 17, 17), sh(2026, 11, 17, 18)
    )


def test_preferred_morning_skips_the_weekend_and_the_holiday_week():
    win = window(sh(2026, 9, 30, 17), sh(2026, 9, 30, 18))
    assert_window(respect_preferred(win, (time(9), time(10)), CAL), sh(2026, 10, 8, 9), sh(2026, 10, 8, 10))
    win = window(sh(2026, 11, 20, 11), sh(2026, 11, 20, 18))
    assert_window(respect_preferred(win, (time(9), time(10)), CAL), sh(2026, 11, 23, 9), sh(2026, 11, 23, 10))


def test_preferred_time_on_a_make_up_saturday_counts():
    win = window(sh(2026, 10, 9, 17), sh(2026, 10, 10, 17))
    assert_window(respect_preferred(win, (time(9), time(10)), CAL), sh(2026, 10, 10, 9), sh(2026, 10, 10, 17))


def test_preferred_time_over_a_lunch_break_starts_after_lunch():
    lunch = WorkingCalendar(tz=SHANGHAI, hours=((time(9), time(12)), (time(13, 30), time(18))))
    win = window(sh(2026, 11, 17, 10), sh(2026, 11, 17, 11))
    assert_window(
        respect_preferred(win, (time(12), time(14)), lunch), sh(2026, 11, 17, 13, 30), sh(2026, 11, 17, 14)
    )


def test_a_preference_outside_all_opening_hours_leaves_the_window_alone():
    win = window(sh(2026, 11, 17, 10), sh(2026, 11, 18, 10))
    assert respect_preferred(win, (time(19), time(21)), CAL) == win
    assert respect_preferred(win, (time(18), time(19)), CAL) == win


# ------------------------------------------------------------------ complaint?


def test_is_complaint_finds_the_words_casefolded():
    assert is_complaint("客户投诉物流太慢", RULES)
    assert is_complaint("Customer COMPLAINED about the delay", RULES)
    assert is_complaint("Formal Complaint filed", RULES)
    assert not is_complaint("Asked how to reset the device", RULES)
    assert not is_complaint("", RULES) and not is_complaint(None, RULES)


def test_is_complaint_uses_the_policy_words_casefolded():
    rules = parse_policy('[callbacks]\ncomplaint_words = ["Straße", "差评"]\n', "t").callbacks
    assert rules.complaint_words == ("strasse", "差评")
    assert is_complaint("LIEFERUNG STRASSE FALSCH", rules)
    assert is_complaint("给了差评", rules)
    assert not is_complaint("客户投诉", rules)


def test_no_complaint_words_means_no_complaints():
    rules = parse_policy("[callbacks]\ncomplaint_words = []\n", "t").callbacks
    assert not is_complaint("投诉 complaint", rules)


def test_every_result_is_utc_even_for_a_zone_aware_non_utc_input():
    at = datetime(2026, 11, 17, 10, tzinfo=SHANGHAI)
    for win in (
        resolved_window(at, CAL, RULES),
        low_score_window(at, CAL, RULES),
        improvement_window(at, CAL, RULES),
        complaint_window(at, CAL, RULES),
    ):
        assert win.due_from.tzinfo is UTC and win.due_by.tzinfo is UTC
        assert win.due_from < win.due_by
    assert retry_time(at, CAL, RULES).tzinfo is UTC
    assert period_of(at, CAL, "half")[1].due_from.tzinfo is UTC


def test_every_window_is_callable_and_never_empty_around_the_holidays():
    """Every half hour from 2026-09-24 to 2026-10-14: each window opens in working time, not
    before the event, and closes after it opens; a preferred 14:00-17:00 moves it into both
    working time and the preference, never earlier; a retry lands in working time or at a close."""
    at = sh(2026, 9, 24)
    while at < sh(2026, 10, 14):
        windows = [
            resolved_window(at, CAL, RULES),
            complaint_window(at, CAL, RULES),
            new_customer_window(CAL.local(at).date(), CAL, RULES),
            low_score_window(at, CAL, RULES),
            improvement_window(at, CAL, RULES),
            period_of(at, CAL, "quarter")[1],
        ]
        for win in windows:
            assert CAL.is_working_time(win.due_from) and win.due_from < win.due_by
            moved = respect_preferred(win, (time(14), time(17)), CAL)
            assert CAL.is_working_time(moved.due_from) and moved.due_from >= win.due_from
            assert time(14) <= CAL.local(moved.due_from).time() < time(17)
            assert moved.due_from < moved.due_by
            assert moved.due_by == win.due_by or moved.due_by > win.due_by
        for win in windows[:1] + windows[3:]:
            assert win.due_from >= at
        retry = retry_time(at, CAL, RULES)
        assert CAL.is_working_time(retry) or retry == CAL.end_of_working_day(CAL.local(retry).date())
        at += timedelta(minutes=30)


def test_a_resolution_whose_24h_ends_at_the_next_opening_still_gets_that_morning():
    # Saturday 09-26 09:00 + 24h = the make-up Sunday's 09:00 opening: due by Sunday's morning.
    assert_window(resolved_window(sh(2026, 9, 26, 9), CAL, RULES), sh(2026, 9, 27, 9), sh(2026, 9, 27, 12))
    assert_window(
        resolved_window(sh(2026, 9, 26, 9, 30), CAL, RULES), sh(2026, 9, 27, 9), sh(2026, 9, 27, 12)
    )


def test_a_short_verification_time_still_leaves_the_first_morning():
    rules = parse_policy('[callbacks]\nverify_within = "1h"\n', "t").callbacks
    # Friday 20:00 + 1h is Friday 21:00, before the window opens (Monday 09:00): Monday's morning.
    assert_window(
        improvement_window(sh(2026, 11, 20, 20), CAL, rules), sh(2026, 11, 23, 9), sh(2026, 11, 23, 12)
    )
    assert_window(
        improvement_window(sh(2026, 11, 20, 10), CAL, rules), sh(2026, 11, 20, 10), sh(2026, 11, 20, 11)
    )


# ------------------------------------------- working time for calls (issue 17)
#
# "Callbacks are due within the floor's working hours and days": a window that runs past a close
# ends at that close; one that runs into the night, a weekend or a holiday ends the next working
# morning (callbacks.morning_ends, 12:00), not at that day's close. These read the built-in
# calendar: China's official days from python-holidays, whose 2026 National Day holidays are
# 10-01..10-07 with make-up working days Sunday 09-20 and Saturday 10-10.

OFFICIAL = default_policy().calendar
LUNCH = WorkingCalendar(
    tz=SHANGHAI, hours=((time(9), time(12)), (time(13, 30), time(18))), official=OFFICIAL.official
)
"""A floor that closes for lunch: "09:00-12:00,13:30-18:00"."""


def test_the_official_2026_calendar_is_what_these_tests_say():
    days_off = {date(2026, 10, d) for d in range(1, 8)}
    assert not any(OFFICIAL.is_working_day(d) for d in days_off)
    assert OFFICIAL.why_not_working(date(2026, 10, 1)) == "National Day"
    assert {date(2026, 9, 20), date(2026, 10, 10)} <= OFFICIAL.official.make_up_days(2026)
    assert date(2026, 9, 20).strftime("%a") == "Sun" and date(2026, 10, 10).strftime("%a") == "Sat"
    assert OFFICIAL.is_working_day(date(2026, 9, 20)) and OFFICIAL.is_working_day(date(2026, 10, 10))
    assert not OFFICIAL.is_working_day(date(2026, 9, 19))  # the Saturday before it is off
    assert OFFICIAL.hours == ((time(9), time(18)),) and RULES.morning_ends == time(12)


def test_resolved_friday_morning_within_24h_is_due_monday_noon():
    """The issue's case: Friday 10:00 + 24h is Saturday 10:00; due Monday 12:00, not Monday 18:00."""
    assert_window(
        resolved_window(sh(2026, 11, 20, 10), OFFICIAL, RULES), sh(2026, 11, 20, 10), sh(2026, 11, 23, 12)
    )


def test_resolved_friday_evening_is_callable_monday_morning():
    assert_window(
        resolved_window(sh(2026, 11, 20, 19), OFFICIAL, RULES), sh(2026, 11, 23, 9), sh(2026, 11, 23, 12)
    )


def test_resolved_on_saturday_is_callable_monday_morning_and_due_by_noon():
    assert_window(
        resolved_window(sh(2026, 11, 21, 10), OFFICIAL, RULES), sh(2026, 11, 23, 9), sh(2026, 11, 23, 12)
    )


def test_resolved_late_on_sunday_is_due_at_mondays_close():
    # Sunday 23:00 + 24h = Monday 23:00, after Monday's close: Monday 18:00.
    assert_window(
        resolved_window(sh(2026, 11, 22, 23), OFFICIAL, RULES), sh(2026, 11, 23, 9), sh(2026, 11, 23, 18)
    )


def test_resolved_before_the_national_day_week_is_due_the_morning_after_it():
    # Wednesday 09-30 10:00 + 24h = Thursday 10-01 (National Day): Thursday 10-08 12:00.
    assert_window(
        resolved_window(sh(2026, 9, 30, 10), OFFICIAL, RULES), sh(2026, 9, 30, 10), sh(2026, 10, 8, 12)
    )


def test_resolved_during_the_national_day_week_is_callable_the_first_working_morning_after_it():
    assert_window(
        resolved_window(sh(2026, 10, 3, 11), OFFICIAL, RULES), sh(2026, 10, 8, 9), sh(2026, 10, 8, 12)
    )


def test_resolved_friday_before_the_make_up_saturday_is_due_that_saturday():
    # Friday 10-09 10:00 + 24h = Saturday 10-10 10:00, a make-up working day: due then.
    assert_window(
        resolved_window(sh(2026, 10, 9, 10), OFFICIAL, RULES), sh(2026, 10, 9, 10), sh(2026, 10, 10, 10)
    )
    # Friday 19:00: callable from the make-up Saturday's opening; + 24h is Saturday 19:00: its close.
    assert_window(
        resolved_window(sh(2026, 10, 9, 19), OFFICIAL, RULES), sh(2026, 10, 10, 9), sh(2026, 10, 10, 18)
    )


def test_a_window_ending_on_a_saturday_off_is_due_the_make_up_sundays_morning():
    # Friday 09-18 10:00 + 24h = Saturday 09-19 (off): the next working day is Sunday 09-20 (调休).
    assert_window(
        resolved_window(sh(2026, 9, 18, 10), OFFICIAL, RULES), sh(2026, 9, 18, 10), sh(2026, 9, 20, 12)
    )


def test_a_floor_with_a_lunch_break():
    # Friday 10:00 + 24h = Saturday: Monday's morning; 12:00 is the morning interval's close.
    assert_window(
        resolved_window(sh(2026, 11, 20, 10), LUNCH, RULES), sh(2026, 11, 20, 10), sh(2026, 11, 23, 12)
    )
    # Resolved in Friday's lunch break: callable from 13:30, due Monday's morning.
    assert_window(
        resolved_window(sh(2026, 11, 20, 12, 30), LUNCH, RULES),
        sh(2026, 11, 20, 13, 30),
        sh(2026, 11, 23, 12),
    )
    # Tuesday 19:00 + 24h = Wednesday 19:00: Wednesday's close.
    assert_window(
        resolved_window(sh(2026, 11, 17, 19), LUNCH, RULES), sh(2026, 11, 18, 9), sh(2026, 11, 18, 18)
    )
    # Resolved on Monday's lunch break with an hour to verify: never due before the afternoon's close.
    rules = parse_policy('[callbacks]\nverify_within = "1h"\n', "t").callbacks
    assert_window(
        improvement_window(sh(2026, 11, 16, 12, 30), LUNCH, rules),
        sh(2026, 11, 16, 13, 30),
        sh(2026, 11, 16, 18),
    )


def test_a_morning_end_outside_the_opening_hours_is_the_first_intervals_close():
    early = WorkingCalendar(tz=SHANGHAI, hours=((time(9), time(11, 30)), (time(13), time(18))))
    assert_window(
        resolved_window(sh(2026, 11, 20, 10), early, RULES), sh(2026, 11, 20, 10), sh(2026, 11, 23, 11, 30)
    )
    afternoons = WorkingCalendar(tz=SHANGHAI, hours=((time(13), time(18)),))
    assert_window(
        resolved_window(sh(2026, 11, 20, 14), afternoons, RULES), sh(2026, 11, 20, 14), sh(2026, 11, 23, 18)
    )


def test_morning_ends_comes_from_the_policy():
    rules = parse_policy('[callbacks]\nmorning_ends = "10:30"\n', "t").callbacks
    assert_window(
        resolved_window(sh(2026, 11, 20, 10), OFFICIAL, rules), sh(2026, 11, 20, 10), sh(2026, 11, 23, 10, 30)
    )
    assert_window(
        improvement_window(sh(2026, 11, 14, 12), OFFICIAL, rules),
        sh(2026, 11, 16, 9),
        sh(2026, 11, 23, 10, 30),
    )


def test_a_short_window_still_leaves_an_hour_to_call():
    four = parse_policy('[callbacks]\nresolved_within = "4h"\n', "t").callbacks
    # Tuesday 17:45 + 4h = 21:45, back to the close would leave 15 minutes: an hour, Wednesday 09:45.
    assert_window(
        resolved_window(sh(2026, 11, 17, 17, 45), OFFICIAL, four),
        sh(2026, 11, 17, 17, 45),
        sh(2026, 11, 18, 9, 45),
    )
    # Tuesday 15:00 + 4h = 19:00: Tuesday's close leaves three hours.
    assert_window(
        resolved_window(sh(2026, 11, 17, 15), OFFICIAL, four), sh(2026, 11, 17, 15), sh(2026, 11, 17, 18)
    )
    half = parse_policy('[callbacks]\nresolved_within = "30m"\n', "t").callbacks
    # A window shorter than the hour keeps all of its own time: 30 working minutes.
    assert_window(
        resolved_window(sh(2026, 11, 20, 17, 45), OFFICIAL, half),
        sh(2026, 11, 20, 17, 45),
        sh(2026, 11, 23, 9, 15),
    )


def test_the_customers_preferred_time_still_wins_inside_working_time():
    afternoon = (time(14), time(17))
    # Friday 10:00: the preference starts Friday 14:00, before Monday 12:00: due_by stays.
    assert_window(
        respect_preferred(resolved_window(sh(2026, 11, 20, 10), OFFICIAL, RULES), afternoon, OFFICIAL),
        sh(2026, 11, 20, 14),
        sh(2026, 11, 23, 12),
    )
    # Friday 17:30 and Saturday: the first slot is Monday 14:00, after the morning: due Monday 17:00.
    for resolved in (sh(2026, 11, 20, 17, 30), sh(2026, 11, 21, 10)):
        assert_window(
            respect_preferred(resolved_window(resolved, OFFICIAL, RULES), afternoon, OFFICIAL),
            sh(2026, 11, 23, 14),
            sh(2026, 11, 23, 17),
        )
    # A slot that starts exactly at due_by is the slot, not an empty window.
    two = parse_policy('[callbacks]\nmorning_ends = "14:00"\n', "t").callbacks
    win = resolved_window(sh(2026, 11, 21, 10), OFFICIAL, two)
    assert_window(win, sh(2026, 11, 23, 9), sh(2026, 11, 23, 14))
    assert_window(respect_preferred(win, afternoon, OFFICIAL), sh(2026, 11, 23, 14), sh(2026, 11, 23, 17))
    # Over the National Day week the preference lands on the first working afternoon after it.
    assert_window(
        respect_preferred(resolved_window(sh(2026, 9, 30, 17), OFFICIAL, RULES), afternoon, OFFICIAL),
        sh(2026, 10, 8, 14),
        sh(2026, 10, 8, 17),
    )


@pytest.mark.parametrize("calendar", [OFFICIAL, LUNCH], ids=["official", "lunch"])
def test_resolved_and_improvement_windows_end_in_working_time_and_leave_time_to_call(calendar):
    """Every 20 minutes from 2026-09-17 to 2026-10-13 (the make-up Sunday, National Day, the make-up
    Saturday): due_by is working time or a close, never before due_from plus an hour of working time,
    and an event outside working time is due no earlier than the morning of its first working day."""
    at = sh(2026, 9, 17)
    while at < sh(2026, 10, 13):
        for win in (resolved_window(at, calendar, RULES), improvement_window(at, calendar, RULES)):
            local = calendar.local(win.due_by)
            closes = [end for _, end in calendar._intervals(local.date())]
            assert calendar.is_working_time(win.due_by) or (
                calendar.is_working_day(local.date()) and win.due_by in closes
            ), (at, win)
            assert calendar.business_time_between(win.due_from, win.due_by) >= timedelta(hours=1), (at, win)
            if not calendar.is_working_time(at):
                first = calendar.local(win.due_from).date()
                noon = datetime.combine(first, time(12), tzinfo=SHANGHAI)
                assert win.due_by >= min(noon, calendar.end_of_working_day(first)), (at, win)
        at += timedelta(minutes=20)
