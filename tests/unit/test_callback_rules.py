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


def test_resolved_friday_afternoon_is_due_by_mondays_close_not_saturday():
    assert_window(
        resolved_window(sh(2026, 11, 20, 17), CAL, RULES), sh(2026, 11, 20, 17), sh(2026, 11, 23, 18)
    )


def test_resolved_after_hours_is_called_from_the_next_opening():
    # Tuesday 19:00 + 24h = Wednesday 19:00, after the close: Thursday's close.
    assert_window(
        resolved_window(sh(2026, 11, 17, 19), CAL, RULES), sh(2026, 11, 18, 9), sh(2026, 11, 19, 18)
    )


def test_resolved_exactly_at_the_close_is_due_at_the_next_days_close():
    assert_window(
        resolved_window(sh(2026, 11, 17, 18), CAL, RULES), sh(2026, 11, 18, 9), sh(2026, 11, 18, 18)
    )


def test_resolved_the_day_before_a_holiday_week_is_due_at_the_close_after_it():
    assert_window(resolved_window(sh(2026, 9, 30, 15), CAL, RULES), sh(2026, 9, 30, 15), sh(2026, 10, 8, 18))


def test_resolved_friday_before_a_make_up_saturday_is_due_that_saturday():
    assert_window(resolved_window(sh(2026, 10, 9, 17), CAL, RULES), sh(2026, 10, 9, 17), sh(2026, 10, 10, 17))


def test_resolved_within_comes_from_the_policy():
    rules = parse_policy('[callbacks]\nresolved_within = "4h"\n', "t").callbacks
    assert_window(
        resolved_window(sh(2026, 11, 17, 10), CAL, rules), sh(2026, 11, 17, 10), sh(2026, 11, 17, 14)
    )


def test_resolved_window_with_a_lunch_break_moves_to_the_afternoons_close():
    lunch = WorkingCalendar(tz=SHANGHAI, hours=((time(9), time(12)), (time(13, 30), time(18))))
    # Monday 12:30 + 24h = Tuesday 12:30, in the lunch break: Tuesday 18:00.
    assert_window(
        resolved_window(sh(2026, 11, 16, 12, 30), lunch, RULES),
        sh(2026, 11, 16, 13, 30),
        sh(2026, 11, 17, 18),
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


def test_improvement_shipped_on_a_saturday_is_due_from_monday_by_the_next_mondays_close():
    assert_window(
        improvement_window(sh(2026, 11, 14, 12), CAL, RULES), sh(2026, 11, 16, 9), sh(2026, 11, 23, 18)
    )


def test_improvement_verification_landing_in_the_holiday_moves_past_it():
    # Saturday 09-26: next opening the make-up Sunday 09-27; +7d is Saturday 10-03 (holiday).
    assert_window(
        improvement_window(sh(2026, 9, 26, 10), CAL, RULES), sh(2026, 9, 27, 9), sh(2026, 10, 8, 18)
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


def test_a_resolution_whose_24h_ends_at_the_next_opening_still_gets_that_opening_interval():
    # Saturday 09-26 09:00 + 24h = the make-up Sunday's 09:00 opening: due by Sunday's close.
    assert_window(resolved_window(sh(2026, 9, 26, 9), CAL, RULES), sh(2026, 9, 27, 9), sh(2026, 9, 27, 18))
    assert_window(
        resolved_window(sh(2026, 9, 26, 9, 30), CAL, RULES), sh(2026, 9, 27, 9), sh(2026, 9, 27, 18)
    )


def test_a_short_verification_time_still_leaves_the_first_opening_interval():
    rules = parse_policy('[callbacks]\nverify_within = "1h"\n', "t").callbacks
    assert_window(
        improvement_window(sh(2026, 11, 20, 20), CAL, rules), sh(2026, 11, 23, 9), sh(2026, 11, 23, 18)
    )
    assert_window(
        improvement_window(sh(2026, 11, 20, 10), CAL, rules), sh(2026, 11, 20, 10), sh(2026, 11, 20, 11)
    )
