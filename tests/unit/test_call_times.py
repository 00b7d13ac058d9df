"""A call-again time the agent types when the customer is busy (core.callbacks.call_times, and
core.callbacks.calls.customer_busy): outside working time it is named with its weekday, the next
working slot is offered, and it is booked only when the agent confirms it.

The floor's built-in calendar: Asia/Shanghai, Monday to Friday 09:00-18:00, China's official days
from python-holidays (2026: National Day 10-01..10-07 off; Sunday 09-20 and Saturday 10-10 are
make-up working days). Every instant is fixed: the pure functions take it, the sessions' clock is
the frozen one of tests/conftest.py, moved with clock.set().
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from core.basics import InvalidInput
from core.callbacks.call_times import (
    OutsideWorkingTime,
    check_call_time,
    hours_words,
    next_working_slot,
    read_call_time,
    require_working_time,
    when_words,
)
from core.callbacks.calls import call_log, customer_busy, get_callback, start_call
from core.callbacks.schedule import schedule_callbacks
from core.policy.calendar import WorkingCalendar
from core.policy.document import default_policy
from core.tickets.lifecycle import claim, set_status
from tests.conftest import SHANGHAI, sh

CAL = default_policy().calendar
LUNCH = WorkingCalendar(
    tz=SHANGHAI, hours=((time(9), time(12)), (time(13, 30), time(18))), official=CAL.official
)


def test_the_calendar_is_what_the_docstring_says():
    assert date(2026, 12, 4).strftime("%a") == "Fri" and date(2026, 11, 20).strftime("%a") == "Fri"
    assert {date(2026, 9, 20), date(2026, 10, 10)} <= CAL.official.make_up_days(2026)
    assert not CAL.is_working_day(date(2026, 10, 1)) and not CAL.is_working_day(date(2026, 9, 19))


# ------------------------------------------------------------- the next working slot


@pytest.mark.parametrize(
    ("typed", "slot"),
    [
        (sh(2026, 12, 5, 10), sh(2026, 12, 7, 10)),  # Saturday 10:00 -> Monday 10:00
        (sh(2026, 12, 6, 16, 45), sh(2026, 12, 7, 16, 45)),  # Sunday afternoon -> Monday, same time
        (sh(2026, 12, 5, 7), sh(2026, 12, 7, 9)),  # Saturday 07:00 -> Monday's opening
        (sh(2026, 12, 5, 20), sh(2026, 12, 7, 9)),  # Saturday 20:00 -> Monday's opening
        (sh(2026, 12, 4, 19), sh(2026, 12, 7, 9)),  # Friday after the close -> Monday's opening
        (sh(2026, 12, 1, 19), sh(2026, 12, 2, 9)),  # Tuesday after the close -> Wednesday 09:00
        (sh(2026, 12, 1, 18), sh(2026, 12, 2, 9)),  # exactly at the close: closed
        (sh(2026, 12, 2, 7, 30), sh(2026, 12, 2, 9)),  # a working day before it opens -> that opening
        (sh(2026, 10, 1, 10), sh(2026, 10, 8, 10)),  # National Day -> the first working day after it
        (sh(2026, 9, 19, 10), sh(2026, 9, 20, 10)),  # Saturday off -> the make-up Sunday
    ],
)
def test_the_next_working_slot(typed, slot):
    assert next_working_slot(typed, CAL) == slot
    assert CAL.is_working_time(slot)


def test_working_time_is_its_own_slot_a_make_up_saturday_included():
    for at in (sh(2026, 12, 4, 17, 59), sh(2026, 10, 10, 10), sh(2026, 9, 20, 9)):
        assert next_working_slot(at, CAL) == at and check_call_time(at, CAL).working


def test_the_next_working_slot_with_a_lunch_break():
    assert next_working_slot(sh(2026, 12, 1, 12, 30), LUNCH) == sh(2026, 12, 1, 13, 30)  # after lunch
    assert next_working_slot(sh(2026, 12, 5, 12, 30), LUNCH) == sh(2026, 12, 7, 13, 30)  # Saturday's lunch
    assert next_working_slot(sh(2026, 12, 5, 11), LUNCH) == sh(2026, 12, 7, 11)
    assert next_working_slot(sh(2026, 12, 5, 19), LUNCH) == sh(2026, 12, 7, 9)


# ---------------------------------------------------------------------- words


def test_the_warning_names_the_weekday_the_hours_and_the_slot_in_both_languages():
    checked = check_call_time(sh(2026, 12, 5, 10), CAL)
    assert not checked.working and checked.slot == sh(2026, 12, 7, 10)
    assert checked.said.say("en") == (
        "Sat 12-05 10:00 is outside working hours (Mon-Fri 09:00-18:00); "
        "the next working slot is Mon 12-07 10:00"
    )
    assert checked.said.say("zh") == (
        "周六 12-05 10:00 不在工作时间内（周一至周五 09:00-18:00）；下一个工作时段是 周一 12-07 10:00"
    )


def test_a_working_time_is_said_with_its_weekday():
    checked = check_call_time(sh(2026, 10, 10, 10), CAL)
    assert checked.working and checked.slot is None
    assert (checked.said.say("en"), checked.said.say("zh")) == ("Sat 10-10 10:00", "周六 10-10 10:00")
    assert when_words(sh(2026, 12, 7, 9), CAL).say("zh") == "周一 12-07 09:00"


def test_a_public_holiday_is_named():
    checked = check_call_time(sh(2026, 10, 1, 10), CAL)
    assert checked.said.say("en") == (
        "Thu 10-01 10:00 is a public holiday (National Day); the next working slot is Thu 10-08 10:00"
    )
    assert (
        checked.said.say("zh") == "周四 10-01 10:00 是法定节假日（国庆节）；下一个工作时段是 周四 10-08 10:00"
    )


def test_a_floors_own_day_off_and_its_own_hours():
    own = WorkingCalendar(tz=SHANGHAI, workdays={0, 2, 4}, holidays={date(2026, 12, 4)})
    assert check_call_time(sh(2026, 12, 4, 10), own).said.say("en") == (
        "Fri 12-04 10:00 is one of the floor's days off; the next working slot is Mon 12-07 10:00"
    )
    assert hours_words(own).say("en") == "Mon, Wed, Fri 09:00-18:00"
    assert hours_words(LUNCH).say("en") == "Mon-Fri 09:00-12:00, 13:30-18:00"
    assert hours_words(LUNCH).say("zh") == "周一至周五 09:00-12:00、13:30-18:00"


# --------------------------------------------------------------- typed times


def test_tomorrow_typed_on_a_friday_is_saturday_and_warned():
    checked = read_call_time("明天 10:00", sh(2026, 12, 4, 10), CAL)
    assert checked.at == sh(2026, 12, 5, 10) and checked.slot == sh(2026, 12, 7, 10)
    assert checked.said.say("en").startswith("Sat 12-05 10:00 is outside working hours")


def test_two_hours_typed_at_17_00_is_after_the_close_and_warned():
    checked = read_call_time("+2h", sh(2026, 12, 1, 17), CAL)
    assert checked.at == sh(2026, 12, 1, 19) and checked.slot == sh(2026, 12, 2, 9)


def test_tomorrow_typed_before_a_make_up_saturday_is_working_time():
    assert read_call_time("明天 10:00", sh(2026, 10, 9, 10), CAL).working


def test_a_bad_or_past_time_is_still_refused_as_before():
    with pytest.raises(InvalidInput) as bad:
        read_call_time("soon", sh(2026, 12, 4, 10), CAL)
    assert bad.value.code == "deadline.not_a_time" and bad.value.field == "call again at"
    with pytest.raises(InvalidInput) as past:
        read_call_time("9:00", sh(2026, 12, 4, 10), CAL)
    assert past.value.code == "deadline.passed"


def test_require_working_time_refuses_with_the_slot():
    require_working_time(sh(2026, 12, 4, 10), CAL)
    with pytest.raises(OutsideWorkingTime) as refused:
        require_working_time(sh(2026, 12, 5, 10), CAL)
    error = refused.value
    assert isinstance(error, InvalidInput) and error.field == "call again at"
    assert error.code == "callback.busy.off_hours" and error.slot == sh(2026, 12, 7, 10)
    assert error.at == sh(2026, 12, 5, 10)
    assert error.say("zh").startswith("再打时间：周六 12-05 10:00 不在工作时间内")


# --------------------------------------------------------- the busy outcome


@pytest.fixture
def started(floor, as_li, new_ticket):
    """A resolved ticket's callback, started by li (Friday 2026-11-20 10:00)."""
    ref = new_ticket(description="发票抬头开错了")
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "重开发票")
    [task] = schedule_callbacks(floor)
    start_call(as_li, task.id)
    return task.id


def test_busy_on_a_friday_for_tomorrow_is_refused_naming_saturday_and_monday(floor, as_li, clock, started):
    clock.set(sh(2026, 11, 20, 16))
    with pytest.raises(OutsideWorkingTime) as refused:
        customer_busy(as_li, started, "明天 10:00", "在开会")
    assert refused.value.slot == sh(2026, 11, 23, 10)
    assert str(refused.value) == (
        "call again at: Sat 11-21 10:00 is outside working hours (Mon-Fri 09:00-18:00); "
        "the next working slot is Mon 11-23 10:00"
    )
    assert get_callback(floor, started).call_after is None and call_log(floor, started) == []


def test_busy_outside_working_time_confirmed_anyway_is_kept(floor, as_li, clock, started):
    clock.set(sh(2026, 11, 20, 16))
    outcome = customer_busy(as_li, started, "明天 10:00", "客户说周六在家", anyway=True)
    assert outcome.call_after == sh(2026, 11, 21, 10)
    assert get_callback(floor, started).call_after == sh(2026, 11, 21, 10)
    [busy] = call_log(floor, started)
    assert busy.outcome == "busy"


def test_busy_at_the_suggested_slot_is_taken_without_confirming(floor, as_li, clock, started):
    clock.set(sh(2026, 11, 20, 16))
    outcome = customer_busy(as_li, started, "2026-11-23 10:00")
    assert outcome.call_after == sh(2026, 11, 23, 10)


def test_busy_two_hours_after_17_00_is_refused(floor, as_li, clock, started):
    clock.set(sh(2026, 11, 20, 17))
    with pytest.raises(OutsideWorkingTime) as refused:
        customer_busy(as_li, started, "+2h")
    assert refused.value.at == sh(2026, 11, 20, 19) and refused.value.slot == sh(2026, 11, 23, 9)


def test_busy_in_working_time_is_booked_as_before(floor, as_li, started):
    assert customer_busy(as_li, started, "15:30").call_after == sh(2026, 11, 20, 15, 30)


def test_busy_on_a_holiday_and_on_a_make_up_day(floor, as_li, clock, started):
    clock.set(sh(2026, 9, 30, 10))
    with pytest.raises(OutsideWorkingTime) as refused:
        customer_busy(as_li, started, "明天 10:00")
    assert refused.value.code == "callback.busy.holiday" and refused.value.slot == sh(2026, 10, 8, 10)
    clock.set(sh(2026, 10, 9, 10))
    assert customer_busy(as_li, started, "明天 10:00").call_after == sh(2026, 10, 10, 10)


def test_the_floor_policys_hours_decide(floor, as_li, clock, started):
    from core.policy.document import parse_policy

    as_li.policy = parse_policy('[calendar]\nhours = ["09:00-12:00", "13:30-18:00"]\n', "floor.toml")
    clock.set(sh(2026, 11, 19, 10))  # Thursday
    with pytest.raises(OutsideWorkingTime) as refused:
        customer_busy(as_li, started, "12:30")
    assert refused.value.slot == sh(2026, 11, 19, 13, 30)
    assert "(Mon-Fri 09:00-12:00, 13:30-18:00)" in str(refused.value)


def test_checks_take_any_aware_time_and_answer_in_utc():
    slot = next_working_slot(datetime(2026, 12, 5, 10, tzinfo=SHANGHAI), CAL)
    assert slot == sh(2026, 12, 7, 10) and slot.utcoffset().total_seconds() == 0
    assert (
        check_call_time(datetime(2026, 12, 5, 10, tzinfo=SHANGHAI), CAL).at.utcoffset().total_seconds() == 0
    )
