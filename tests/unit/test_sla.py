"""The SLA clock: due times from tier and policy, the state at an instant, the daily customer update."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.policy.document import Target, parse_policy
from core.tickets.lifecycle import NewTicket, intake, load, log_contact, set_status
from core.tickets.sla import add_target, customer_update_due_by, due_times, next_due, sla_state
from tests.conftest import UTC, sh

CALENDAR = parse_policy('[sla]\nmode = "calendar"\n', "calendar.toml")
BUSINESS = parse_policy('[sla]\nmode = "business"\nyellow = { solution = "3wd" }\n', "business.toml")
# Monday 2026-11-23 a holiday in business mode
BUSINESS_HOLIDAY = parse_policy(
    '[sla]\nmode = "business"\nyellow = { solution = "3wd" }\n[calendar]\nholidays = ["2026-11-23"]\n',
    "holiday.toml",
)


# ------------------------------------------------------------ due times


def test_calendar_mode_due_times_are_wall_clock_offsets():
    received = sh(2026, 11, 20, 10, 0)
    assert due_times(received, "red", CALENDAR) == (sh(2026, 11, 20, 10, 15), sh(2026, 11, 20, 12, 0))
    assert due_times(received, "yellow", CALENDAR) == (sh(2026, 11, 20, 10, 30), sh(2026, 11, 20, 14, 0))
    assert due_times(received, "green", CALENDAR) == (sh(2026, 11, 20, 11, 0), sh(2026, 11, 21, 10, 0))


def test_calendar_mode_runs_through_the_night_and_weekend():
    received = sh(2026, 11, 20, 23, 0)  # Friday night
    assert due_times(received, "red", CALENDAR) == (sh(2026, 11, 20, 23, 15), sh(2026, 11, 21, 1, 0))


def test_business_mode_red_at_friday_1750_is_due_monday_morning():
    response, solution = due_times(sh(2026, 11, 20, 17, 50), "red", BUSINESS)
    assert response == sh(2026, 11, 23, 9, 5)
    assert solution == sh(2026, 11, 23, 10, 50)  # 10 min on Friday + 110 min on Monday
    assert response.tzinfo == UTC


def test_business_mode_received_on_saturday_starts_at_monday_opening():
    response, _ = due_times(sh(2026, 11, 21, 11, 0), "red", BUSINESS)
    assert response == sh(2026, 11, 23, 9, 15)


def test_business_mode_skips_a_holiday():
    response, _ = due_times(sh(2026, 11, 20, 17, 50), "red", BUSINESS_HOLIDAY)
    assert response == sh(2026, 11, 24, 9, 5)


def test_working_day_target_crosses_the_weekend():
    _, solution = due_times(sh(2026, 11, 20, 10, 0), "yellow", BUSINESS)  # "3wd" from Friday
    assert solution == sh(2026, 11, 25, 10, 0)  # Mon, Tue, Wed


def test_working_day_target_skips_a_holiday_too():
    _, solution = due_times(sh(2026, 11, 20, 10, 0), "yellow", BUSINESS_HOLIDAY)
    assert solution == sh(2026, 11, 26, 10, 0)  # Tue, Wed, Thu


def test_working_day_target_from_a_weekend_counts_from_monday_opening():
    _, solution = due_times(sh(2026, 11, 21, 15, 0), "yellow", BUSINESS)
    assert solution == sh(2026, 11, 26, 9, 0)


def test_working_days_and_hours_combine():
    due = add_target(sh(2026, 11, 20, 10, 0), Target(minutes=60, working_days=1), BUSINESS)
    assert due == sh(2026, 11, 23, 11, 0)


def test_next_due_is_response_then_solution_then_nothing():
    r, s = sh(2026, 11, 20, 10, 15), sh(2026, 11, 20, 12, 0)
    assert next_due("new", None, r, s) == r
    assert next_due("in_progress", sh(2026, 11, 20, 10, 5), r, s) == s
    assert next_due("resolved", None, r, s) is None
    assert next_due("closed", None, r, s) is None


# ------------------------------------------------------------ state


@pytest.fixture
def red_ref(floor):
    """A red ticket received at the clock's 10:00: response due 10:15, solution due 12:00."""
    return intake(floor, NewTicket(customer_code="C001", channel="phone", description="货物破损"))


def state(floor, ref):
    return sla_state(load(ref), floor.now(), floor.policy)


def test_time_left_for_response_and_solution(floor, clock, red_ref):
    clock.advance(minutes=5)
    s = state(floor, red_ref)
    assert s.response.left == timedelta(minutes=10) and not s.response.overdue
    assert s.solution.left == timedelta(minutes=115)
    assert s.nearest_left == timedelta(minutes=10)
    assert not s.breaching


def test_response_overdue_after_its_target(floor, clock, red_ref):
    clock.advance(minutes=20)
    s = state(floor, red_ref)
    assert s.response.left == timedelta(minutes=-5)
    assert s.response.overdue and s.breaching
    assert not s.solution.overdue


def test_late_first_response_is_met_late_and_stops_counting(floor, clock, red_ref, as_li):
    clock.advance(minutes=20)
    log_contact(as_li, red_ref, "out", "已致电客户确认破损情况")
    clock.advance(minutes=10)
    s = state(floor, red_ref)
    assert s.response.left is None and not s.response.overdue
    assert s.response.done_at == sh(2026, 11, 20, 10, 20)
    assert s.response.met_late
    assert s.solution.left == timedelta(minutes=90)


def test_first_response_in_time_is_not_late(floor, clock, red_ref, as_li):
    clock.advance(minutes=14)
    log_contact(as_li, red_ref, "out", "已回复")
    assert not state(floor, red_ref).response.met_late


def test_solution_overdue_while_open(floor, clock, red_ref, as_li):
    log_contact(as_li, red_ref, "out", "已回复")
    clock.advance(hours=3)
    s = state(floor, red_ref)
    assert s.solution.left == timedelta(hours=-1)
    assert s.solution.overdue and s.breaching


def test_resolved_late_is_met_late_and_has_no_pending_time(floor, clock, red_ref, as_li):
    log_contact(as_li, red_ref, "out", "已回复")
    clock.advance(hours=2, minutes=30)
    set_status(as_li, red_ref, "resolved", "换货", confirmation="客户电话确认")
    s = state(floor, red_ref)
    assert s.solution.met_late and s.solution.done_at == sh(2026, 11, 20, 12, 30)
    assert s.solution.left is None and s.nearest_left is None
    assert not s.breaching


def test_closed_ticket_has_no_pending_time(floor, clock, red_ref, as_li):
    clock.advance(hours=1)
    set_status(floor, red_ref, "in_progress")
    set_status(floor, red_ref, "resolved", "已补发")
    set_status(floor, red_ref, "closed")
    clock.advance(days=3)
    s = state(floor, red_ref)
    assert s.response.left is None and s.solution.left is None
    assert s.nearest_left is None and not s.breaching
    assert s.update_due_by is None and not s.update_overdue


# ------------------------------------------------------------ customer update before 17:00


def test_update_owed_today_when_no_outbound_contact_yet(floor, new_ticket):
    ref = new_ticket(received_at=sh(2026, 11, 20, 9, 0))
    due = customer_update_due_by(load(ref), floor.now(), floor.policy)
    assert due == sh(2026, 11, 20, 17, 0)


def test_update_not_owed_after_an_outbound_contact_today(floor, clock, new_ticket, as_li):
    ref = new_ticket()
    clock.advance(minutes=30)
    log_contact(as_li, ref, "out", "已告知处理进度")
    assert customer_update_due_by(load(ref), floor.now(), floor.policy) is None


def test_inbound_contact_does_not_count_as_an_update(floor, new_ticket, as_li):
    ref = new_ticket()
    log_contact(as_li, ref, "in", "客户来电催促")
    assert customer_update_due_by(load(ref), floor.now(), floor.policy) == sh(2026, 11, 20, 17, 0)


def test_yesterdays_contact_does_not_cover_today(floor, clock, new_ticket, as_li):
    clock.set(sh(2026, 11, 19, 10, 0))
    ref = new_ticket()
    log_contact(as_li, ref, "out", "已回复")
    clock.set(sh(2026, 11, 20, 9, 30))
    assert customer_update_due_by(load(ref), floor.now(), floor.policy) == sh(2026, 11, 20, 17, 0)


def test_update_not_owed_on_a_weekend(floor, clock, new_ticket):
    ref = new_ticket()
    clock.set(sh(2026, 11, 21, 10, 0))
    assert customer_update_due_by(load(ref), floor.now(), floor.policy) is None


def test_update_not_owed_on_a_holiday(floor, new_ticket):
    ref = new_ticket(received_at=sh(2026, 11, 20, 9, 0))
    holiday = parse_policy('[calendar]\nholidays = ["2026-11-20"]\n', "holiday.toml")
    assert customer_update_due_by(load(ref), floor.now(), holiday) is None


def test_update_not_owed_for_a_ticket_received_after_the_cutoff(floor, clock, new_ticket):
    clock.set(sh(2026, 11, 20, 17, 45))
    ref = new_ticket(received_at=sh(2026, 11, 20, 17, 30))
    assert customer_update_due_by(load(ref), floor.now(), floor.policy) is None


def test_update_overdue_after_the_cutoff(floor, clock, new_ticket):
    ref = new_ticket(received_at=sh(2026, 11, 20, 9, 0))
    clock.set(sh(2026, 11, 20, 17, 30))
    s = state(floor, ref)
    assert s.update_due_by == sh(2026, 11, 20, 17, 0)
    assert s.update_overdue


def test_update_not_overdue_before_the_cutoff(floor, new_ticket):
    s = state(floor, new_ticket())
    assert s.update_due_by == sh(2026, 11, 20, 17, 0) and not s.update_overdue


def test_update_not_owed_once_resolved(floor, new_ticket):
    ref = new_ticket()
    set_status(floor, ref, "in_progress")
    set_status(floor, ref, "resolved", "已解答")
    assert customer_update_due_by(load(ref), floor.now(), floor.policy) is None


def test_update_cutoff_follows_the_policy(floor, new_ticket):
    ref = new_ticket(received_at=sh(2026, 11, 20, 9, 0))
    early = parse_policy('[floor]\nupdate_cutoff = "16:00"\n', "cutoff.toml")
    assert customer_update_due_by(load(ref), floor.now(), early) == sh(2026, 11, 20, 16, 0)
