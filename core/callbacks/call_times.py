"""A call-again time the agent types (the customer is busy: "明天 10:00", "+2h"), read against the
floor's working calendar. Pure: no database, no clock (``now`` is given); datetimes are aware.

Callbacks are made in working time (handbooks 000, 002: "at a time convenient to the customer,
within working hours, without disturbing them"). A typed time outside working time is not booked
without a word: check_call_time says so and suggests the next working slot, and core.callbacks.calls
customer_busy refuses it (OutsideWorkingTime) unless the agent confirms it anyway.

The next working slot (next_working_slot), what a floor expects a colleague to propose:
- on a working day, before its opening or in a lunch break: that day's next opening
  (Tuesday 07:30 -> Tuesday 09:00; 12:30 with a 12:00-13:30 break -> 13:30);
- otherwise (after the close, or a day off) the next working day, at the same clock time when
  that is working time (Saturday 10:00 -> Monday 10:00; a make-up working day counts), else at
  its next opening after that clock time when there is one that day (Saturday 12:30 with a lunch
  break -> Monday 13:30), else at its first opening (Friday 19:00 -> Monday 09:00).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from core.basics import InvalidInput
from core.basics.errors import Message, Term
from core.policy import WorkingCalendar, parse_deadline

__all__ = [
    "CallTime",
    "OutsideWorkingTime",
    "check_call_time",
    "hours_words",
    "next_working_slot",
    "read_call_time",
    "require_working_time",
    "when_words",
]

FIELD = "call again at"
"""The busy outcome's field (its words are registered as field.call again at)."""


class OutsideWorkingTime(InvalidInput):
    """A call-again time outside the floor's working time. ``at`` is the time given and ``slot``
    the next working slot (both UTC), so a screen offers the slot without reading words."""

    def __init__(self, field: str, code: str, at: datetime, slot: datetime, /, **params):
        self.at, self.slot = at, slot
        super().__init__(field, code, **params)


@dataclass(frozen=True)
class CallTime:
    """A call-again time read against the calendar."""

    at: datetime
    """The time given (UTC)."""
    slot: datetime | None
    """None when ``at`` is working time; else the next working slot (UTC)."""
    said: Message
    """What the agent reads: the time with its weekday ("Sat 12-05 10:00"), or the warning with
    the next working slot."""

    @property
    def working(self) -> bool:
        return self.slot is None


def next_working_slot(at: datetime, cal: WorkingCalendar) -> datetime:
    """``at`` itself in working time, else the slot the module's docstring describes (UTC)."""
    at = at.astimezone(UTC)
    if cal.is_working_time(at):
        return at
    local = cal.local(at)
    day, clock = local.date(), local.time()
    if cal.is_working_day(day):
        opening = cal.next_opening(at)
        if cal.local(opening).date() == day:  # before the opening, or in a break
            return opening
    following = cal.next_working_day(day)
    same = datetime.combine(following, clock, tzinfo=cal.tz).astimezone(UTC)
    if cal.is_working_time(same):
        return same
    opening = cal.next_opening(same)
    if cal.local(opening).date() == following:
        return opening
    return cal._intervals(following)[0][0]


def check_call_time(at: datetime, cal: WorkingCalendar) -> CallTime:
    """Whether ``at`` is working time, with the words to show and, when not, the next slot."""
    if cal.is_working_time(at):
        return CallTime(at.astimezone(UTC), None, when_words(at, cal))
    slot = next_working_slot(at, cal)
    return CallTime(at.astimezone(UTC), slot, _outside(at, slot, cal).message)


def read_call_time(text: str, now: datetime, cal: WorkingCalendar) -> CallTime:
    """The typed text read as core.policy.parse_deadline reads it (InvalidInput for a bad or
    past time), then checked: what the busy form shows as the agent types."""
    return check_call_time(parse_deadline(text, now, cal.tz, field=FIELD), cal)


def require_working_time(at: datetime, cal: WorkingCalendar) -> None:
    """OutsideWorkingTime when ``at`` is not working time (the agent may then confirm it)."""
    if not cal.is_working_time(at):
        raise _outside(at, next_working_slot(at, cal), cal)


def _outside(at: datetime, slot: datetime, cal: WorkingCalendar) -> OutsideWorkingTime:
    day = cal.local(at).date()
    words = {"time": when_words(at, cal), "next": when_words(slot, cal)}
    if cal.is_working_day(day):  # before the opening, in a break or after the close
        return _refusal("callback.busy.off_hours", at, slot, hours=hours_words(cal), **words)
    if cal.why_not_working(day) is not None:  # an official day off: named (National Day, 国庆节)
        names = {language: cal.why_not_working(day, language) for language in ("en", "zh")}
        return _refusal("callback.busy.holiday", at, slot, name=_HolidayName(names), **words)
    if day.weekday() in cal.workdays:  # a weekday the floor itself takes off
        return _refusal("callback.busy.day_off", at, slot, **words)
    return _refusal("callback.busy.off_hours", at, slot, hours=hours_words(cal), **words)


def _refusal(code: str, at: datetime, slot: datetime, /, **params) -> OutsideWorkingTime:
    return OutsideWorkingTime(FIELD, code, at.astimezone(UTC), slot, **params)


class _HolidayName(Message):
    """An official day off's name from python-holidays (National Day, 国庆节) in the message's
    language; "a public holiday" (法定节假日) when the library has no name in that language."""

    names: dict[str, str | None]

    def __init__(self, names: dict[str, str | None]):
        super().__init__("callback.busy.holiday.name")
        object.__setattr__(self, "names", names)

    def say(self, language: str = "en") -> str:
        return self.names.get(language) or super().say(language)


# ------------------------------------------------------------------- words


def when_words(at: datetime, cal: WorkingCalendar) -> Message:
    """A time with its weekday, in floor time: "Sat 12-05 10:00" / "周六 12-05 10:00"."""
    local = cal.local(at)
    return Message("callback.when", {"day": _weekday(local.weekday()), "time": f"{local:%m-%d %H:%M}"})


def hours_words(cal: WorkingCalendar) -> Message:
    """The floor's working days and hours: "Mon-Fri 09:00-18:00" / "周一至周五 09:00-18:00"."""
    times = [f"{start:%H:%M}-{end:%H:%M}" for start, end in cal.hours]
    return Message("callback.hours", {"on": _days(sorted(cal.workdays)), "hours": _listed(times)})


def _weekday(number: int) -> Term:
    return Term(f"callback.weekday.{number}")


def _days(days: Sequence[int]) -> object:
    if not days:
        return ""
    if len(days) >= 3 and list(days) == list(range(days[0], days[-1] + 1)):
        return Message("callback.days.range", {"first": _weekday(days[0]), "last": _weekday(days[-1])})
    return _listed([_weekday(d) for d in days])


def _listed(items: Sequence[object]) -> object:
    """Items joined with ", " (English) or "、" (Chinese), said in the message's language."""
    if len(items) == 1:
        return items[0]
    return Message("callback.list", {"one": items[0], "more": _listed(items[1:])})
