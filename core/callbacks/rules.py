"""When each callback (回访) is due: pure rules over the floor's working calendar and the
policy's [callbacks] (core.policy.values.CallbackRules). No database, no clock: every
datetime in and out is aware and in UTC; days and hours are read in the floor's local time.

One line per rule (``wd`` = working days; "close" = the end of an opening interval):
- resolved ticket: from the next opening after the resolution, due by resolution + resolved_within,
  kept inside working time ("the window ends in working time, the next working morning"):
  - a due time on a working day after one of its opening intervals (after the close, or in a lunch
    break) moves back to the close of the last interval that ended before it that day
    (Tuesday 19:00 + 24h = Wednesday 19:00: due Wednesday 18:00, not Thursday's close);
  - a due time before a working day's first opening, or on a day off (a weekend, a holiday), moves
    to the next working day's *morning*: callbacks.morning_ends (12:00) of that day when that is
    working time or a close, else the close of that day's first opening interval (resolved Friday
    10:00 with 24h: due Monday 12:00, not Saturday 10:00 nor Monday 18:00; across the National Day
    week, the morning of the first working day after it, a make-up Saturday or Sunday included);
  - the window always leaves time to call: a resolution outside working time is never due before
    the morning of the first working day after it (or, when the window opens after that morning,
    as from a lunch break, the close of the interval it opens in: Saturday's resolution is due
    Monday 12:00), and no window holds less than LEAST_TO_CALL (1 h) of working time, or all of
    resolved_within when that is shorter (a "4h" window from 17:45 is due 09:45 the next working
    day, not 18:00 the same evening).
- complaint (a resolved ticket whose description contains a complaint word, casefolded): instead of
  the resolved callback, from the opening of the working day complaint_from wd after the
  resolution's local day to the close of the working day complaint_by wd after it.
- new customer: the same shape from the delivery date, new_customer_from .. new_customer_by wd.
- long-standing and churn-risk customers: once per quarter ("2026-Q4") or half year ("2026-H2"),
  from the next opening to the close of the period's last working day; the label is part of the
  callback's key, so one callback per customer and period. A moment after the period's last
  close belongs to the next period (its window would already be over).
- low score (overall at or below low_score_max): the supervisor's follow-up from the next opening
  to the close of the working day low_score_within wd after the score's local day.
- improvement verification: from the next opening to shipped + verify_within, kept inside working
  time like the resolved rule (the next working morning over a weekend or a holiday).
- unreachable: the next try is retry_after of business time later (the evening does not count).
- preferred call time ("14:00-17:00", floor local time): due_from moves to the first moment that is
  both working time and inside the preference; if that is at or after due_by (a 14:00-17:00 customer
  of a window due Monday 12:00), due_by becomes the end of that slot, Monday 17:00 (the customer's
  preference beats the window, and beats the working morning). A preference that never overlaps the
  opening hours leaves the window as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from core.customers.call_time import parse_call_time
from core.policy import CallbackRules, WorkingCalendar

__all__ = [
    "Window",
    "resolved_window",
    "complaint_window",
    "new_customer_window",
    "period_of",
    "low_score_window",
    "improvement_window",
    "retry_time",
    "parse_call_time",
    "respect_preferred",
    "is_complaint",
]

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Window:
    """When a callback may be made: from due_from, overdue after due_by (both UTC)."""

    due_from: datetime
    due_by: datetime


# ------------------------------------------------------------------ helpers


LEAST_TO_CALL = timedelta(hours=1)
"""The least working time a resolved or improvement window holds (all of its allowed time when
that is shorter): a window never closes minutes after it opens."""


def _is_close(dt: datetime, day: date, cal: WorkingCalendar) -> bool:
    return any(end == dt for _, end in cal._intervals(day))


def _morning(day: date, cal: WorkingCalendar, morning_ends: time) -> datetime:
    """The working day's morning, by which a window that ran into the night, a weekend or a holiday
    is due: morning_ends that day when it is working time or a close, else the close of the
    day's first opening interval (a floor that opens at 13:00 calls until its close)."""
    noon = datetime.combine(day, morning_ends, tzinfo=cal.tz).astimezone(UTC)
    if cal.is_working_time(noon) or _is_close(noon, day, cal):
        return noon
    return cal._intervals(day)[0][1]


def _in_working_time(dt: datetime, cal: WorkingCalendar, morning_ends: time) -> datetime:
    """``dt`` if it is working time or exactly a close; after an opening interval of a working day,
    the close of the last interval that ended before it that day; before a working day's first
    opening or on a day off, the morning of the next working day (that day, before its opening)."""
    dt = dt.astimezone(UTC)
    if cal.is_working_time(dt):
        return dt
    day = cal.local(dt).date()
    if cal.is_working_day(day):
        ended = [end for _, end in cal._intervals(day) if end <= dt]
        if ended:
            return ended[-1]
        return _morning(day, cal, morning_ends)
    return _morning(cal.next_working_day(day), cal, morning_ends)


def _close_of(working: datetime, cal: WorkingCalendar) -> datetime:
    """The close of the opening interval that ``working`` (a working-time instant) lies in."""
    return next(end for start, end in cal._intervals(cal.local(working).date()) if start <= working < end)


def _within(at: datetime, allowed: timedelta, cal: WorkingCalendar, morning_ends: time) -> Window:
    """From the next opening after ``at`` to ``at + allowed`` kept inside working time (see the
    module's docstring); never less than min(allowed, LEAST_TO_CALL) of working time, and an event
    outside working time is never due before the morning of the first working day after it
    (Saturday 09:00 + 24h would otherwise be due the moment Sunday's make-up day opens)."""
    due_from = cal.next_opening(at)
    due_by = _in_working_time(at + allowed, cal, morning_ends)
    if due_from != at:
        morning = _morning(cal.local(due_from).date(), cal, morning_ends)
        due_by = max(due_by, morning if morning > due_from else _close_of(due_from, cal))
    due_by = max(due_by, cal.add_business_time(due_from, min(allowed, LEAST_TO_CALL)))
    return Window(due_from, due_by)


def _working_day_after(day: date, n: int, cal: WorkingCalendar) -> date:
    """The n-th working day strictly after ``day`` (n >= 1)."""
    for _ in range(n):
        day = cal.next_working_day(day)
    return day


def _opening_of(day: date, cal: WorkingCalendar) -> datetime:
    return cal._intervals(day)[0][0]


def _days_window(day: date, first: int, last: int, cal: WorkingCalendar) -> Window:
    return Window(
        _opening_of(_working_day_after(day, first, cal), cal),
        cal.end_of_working_day(_working_day_after(day, last, cal)),
    )


# -------------------------------------------------------------------- rules


def resolved_window(resolved_at: datetime, cal: WorkingCalendar, rules: CallbackRules) -> Window:
    return _within(resolved_at, rules.resolved_within, cal, rules.morning_ends)


def complaint_window(resolved_at: datetime, cal: WorkingCalendar, rules: CallbackRules) -> Window:
    day = cal.local(resolved_at).date()
    return _days_window(day, rules.complaint_from, rules.complaint_by, cal)


def new_customer_window(delivery: date, cal: WorkingCalendar, rules: CallbackRules) -> Window:
    if isinstance(delivery, datetime):
        raise TypeError("delivery must be a date, not a datetime (use cal.local(dt).date())")
    return _days_window(delivery, rules.new_customer_from, rules.new_customer_by, cal)


def _period(day: date, every: str) -> tuple[str, date]:
    """The label of the quarter or half year containing ``day``, and the first day after it."""
    if every == "quarter":
        index, months = (day.month - 1) // 3 + 1, 3
        label = f"{day.year}-Q{index}"
    elif every == "half":
        index, months = (day.month - 1) // 6 + 1, 6
        label = f"{day.year}-H{index}"
    else:
        raise ValueError(f"every must be 'quarter' or 'half', not {every!r}")
    after_month = index * months + 1
    return label, date(day.year + 1, 1, 1) if after_month > 12 else date(day.year, after_month, 1)


def period_of(now: datetime, cal: WorkingCalendar, every: str) -> tuple[str, Window]:
    """The quarter or half year the floor works in next, and its window.

    Read from the floor's next opening, so Saturday belongs to the period of the Monday
    after it, and 31 December after the close to the new year's first period.
    """
    opening = cal.next_opening(now)  # never before the period's first opening
    label, after = _period(cal.local(opening).date(), every)
    last = after - _ONE_DAY
    while not cal.is_working_day(last):  # the opening above lies in the period, so this stops
        last -= _ONE_DAY
    return label, Window(opening, cal.end_of_working_day(last))


def low_score_window(at: datetime, cal: WorkingCalendar, rules: CallbackRules) -> Window:
    last = _working_day_after(cal.local(at).date(), rules.low_score_within, cal)
    return Window(cal.next_opening(at), cal.end_of_working_day(last))


def improvement_window(at: datetime, cal: WorkingCalendar, rules: CallbackRules) -> Window:
    return _within(at, rules.verify_within, cal, rules.morning_ends)


def retry_time(at: datetime, cal: WorkingCalendar, rules: CallbackRules) -> datetime:
    return cal.add_business_time(at, rules.retry_after)


# ---------------------------------------------------------- preferred time


def respect_preferred(window: Window, preferred: tuple[time, time] | None, cal: WorkingCalendar) -> Window:
    if preferred is None:
        return window
    wanted_start, wanted_end = preferred
    if not any(wanted_start < end and start < wanted_end for start, end in cal.hours):
        return window  # never callable inside opening hours: the agent sees the preference
    utc = UTC
    day = cal.local(window.due_from).date()
    if not cal.is_working_day(day):
        day = cal.next_working_day(day)
    while True:
        slot_start = datetime.combine(day, wanted_start, tzinfo=cal.tz).astimezone(utc)
        slot_end = datetime.combine(day, wanted_end, tzinfo=cal.tz).astimezone(utc)
        for start, end in cal._intervals(day):
            begin = max(start, slot_start, window.due_from.astimezone(utc))
            finish = min(end, slot_end)
            if begin < finish:
                return Window(begin, window.due_by if begin < window.due_by else finish)
        day = cal.next_working_day(day)


def is_complaint(description: str | None, rules: CallbackRules) -> bool:
    text = (description or "").casefold()
    return any(word.casefold() in text for word in rules.complaint_words)
