"""The policy's [shifts]: who is expected at work when, per agent login, so that a supervisor's
"away" means something (an agent away outside their shift is simply off).

A login's value is one pattern or a list of them; the login is expected when any of them says
so. A pattern is "hours" (the floor's own working time: the calendar's working days, holidays
and make-up days included, and its opening hours), "always", "off", or days and times:
"mon-fri 08:00-17:00", "workdays 09:00-18:00", "daily 22:00-06:00", "mon,wed,fri 09:00-12:00,
13:00-17:00". Times are floor time; a span whose end is not after its start crosses midnight
and belongs to the day it starts. Weekdays are literal; "workdays" follows the calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.policy.calendar import WorkingCalendar
from core.policy.values import WEEKDAY_NAMES, WEEKDAYS, Reader, parse_clock_time

__all__ = ["ShiftRule", "Shifts", "read_shifts"]

LOGIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")
"""core/people/agents.py's login pattern (core.policy sits below core.people: a copy)."""
_ALONE = ("hours", "always", "off")
_WHEN = re.compile(r"(?P<days>\S.*?)\s+(?P<spans>\d.*)", re.S)
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class ShiftRule:
    """One pattern of a login's shift.

    kind: "hours" (the floor's working time), "always", "off", "workdays" (the spans on the
    calendar's working days) or "days" (the spans on the weekdays in ``weekdays``, 0 = Monday;
    "daily" is all seven). spans: (start, end) in floor time; end <= start crosses midnight.
    text: the pattern as written, tidied ("mon-fri 08:00-17:00").
    """

    kind: str
    text: str
    weekdays: frozenset[int] = frozenset()
    spans: tuple[tuple[time, time], ...] = ()

    def covers(self, at: datetime, calendar: WorkingCalendar) -> bool:
        """Whether this pattern expects its agent at work at the instant ``at`` (aware)."""
        if self.kind == "always":
            return True
        if self.kind == "off":
            return False
        if self.kind == "hours":
            return calendar.is_working_time(at)
        local = calendar.local(at)
        today, now = local.date(), local.time()
        for start, end in self.spans:
            if start < end:
                if start <= now < end and self._on(today, calendar):
                    return True
            elif now >= start and self._on(today, calendar):
                return True  # the evening part of a shift that crosses midnight
            elif now < end and today > date.min and self._on(today - _ONE_DAY, calendar):
                return True  # the morning part: it belongs to yesterday's shift
        return False

    def _on(self, day: date, calendar: WorkingCalendar) -> bool:
        if self.kind == "workdays":
            return calendar.is_working_day(day)
        return day.weekday() in self.weekdays


HOURS = ShiftRule("hours", "hours")


@dataclass(frozen=True)
class Shifts:
    """[shifts]: each login's patterns, and the default for everyone not named."""

    default: tuple[ShiftRule, ...] = (HOURS,)
    by_login: tuple[tuple[str, tuple[ShiftRule, ...]], ...] = ()
    """(login, patterns), sorted by login."""

    def pattern_of(self, login: str) -> tuple[ShiftRule, ...]:
        """The login's own patterns, else the default."""
        return next((rules for name, rules in self.by_login if name == login), self.default)

    def expected(self, login: str, at: datetime, calendar: WorkingCalendar) -> bool:
        """Whether the login is expected at work at the instant ``at`` (aware), in floor time."""
        return any(rule.covers(at, calendar) for rule in self.pattern_of(login))

    def text_of(self, login: str) -> str:
        """The login's patterns as written, for display ("workdays 09:00-18:00; sat 09:00-13:00")."""
        return "; ".join(rule.text for rule in self.pattern_of(login))


def read_shifts(table: object, reader: Reader) -> Shifts:
    """[shifts] as given in the file (None: not given); every refusal names the login's key."""
    if table is None:
        return Shifts()
    if not isinstance(table, dict):
        reader.fail("shifts", "policy.section.not_table", section="shifts")
    default, by_login = Shifts().default, []
    for login, value in table.items():
        key = f"shifts.{login}"
        if login != "default" and not LOGIN.fullmatch(login):
            reader.fail(key, "policy.shifts.bad_login", value=login)
        rules = _patterns(value, key, reader)
        if login == "default":
            default = rules
        else:
            by_login.append((login, rules))
    return Shifts(default=default, by_login=tuple(sorted(by_login)))


def _patterns(value: object, key: str, reader: Reader) -> tuple[ShiftRule, ...]:
    if isinstance(value, str):
        return (_pattern(value, key, reader),)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        reader.fail(key, "policy.shifts.not_text", value=value)
    if not value:
        reader.fail(key, "policy.shifts.empty")
    rules = tuple(_pattern(item, f"{key}[{i}]", reader) for i, item in enumerate(value))
    if len(rules) > 1:
        for i, rule in enumerate(rules):
            if rule.kind in ("always", "off"):
                reader.fail(f"{key}[{i}]", "policy.shifts.alone", value=rule.text)
    return rules


def _pattern(text: str, key: str, reader: Reader) -> ShiftRule:
    word = " ".join(text.split()).lower()
    if word in _ALONE:
        return ShiftRule(word, word)
    match = _WHEN.fullmatch(word)
    if match is None:
        reader.fail(key, "policy.shifts.not_shift", value=text)
    days_text = re.sub(r"[a-z]+", _short_day, match["days"].replace(" ", ""))  # "monday" -> "mon"
    spans = []
    for item in match["spans"].replace(" ", "").split(","):
        bounds = item.split("-")
        start, end = (parse_clock_time(b) for b in bounds) if len(bounds) == 2 else (None, None)
        if start is None or end is None:
            reader.fail(key, "policy.shifts.bad_span", value=text, span=item)
        spans.append((start, end))
    written = f"{days_text} " + ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in spans)
    if days_text == "workdays":
        return ShiftRule("workdays", written, spans=tuple(spans))
    if days_text == "daily":
        return ShiftRule("days", written, frozenset(range(7)), tuple(spans))
    weekdays = _weekdays(days_text)
    if weekdays is None:
        reader.fail(key, "policy.shifts.bad_days", value=text, days=match["days"])
    return ShiftRule("days", written, weekdays, tuple(spans))


def _weekdays(text: str) -> frozenset[int] | None:
    """ "mon", "mon-fri", "fri-mon" (wrapping), "mon,wed,fri" or "mon-wed,sat"; None if not."""
    days: set[int] = set()
    for item in text.split(","):
        bounds = [_weekday(b) for b in item.split("-")]
        if not 1 <= len(bounds) <= 2 or None in bounds:
            return None
        first, last = bounds[0], bounds[-1]
        assert first is not None and last is not None
        days.update((first + n) % 7 for n in range((last - first) % 7 + 1))
    return frozenset(days)


def _short_day(word: re.Match[str]) -> str:
    """A full weekday name as its short one ("monday" -> "mon"); any other word as it is."""
    return WEEKDAYS[WEEKDAY_NAMES.index(word[0])] if word[0] in WEEKDAY_NAMES else word[0]


def _weekday(word: str) -> int | None:
    if word in WEEKDAYS:
        return WEEKDAYS.index(word)
    return WEEKDAY_NAMES.index(word) if word in WEEKDAY_NAMES else None
