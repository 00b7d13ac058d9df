"""Reading the times people and spreadsheets write, as floor-local time.

Accepted (full-width digits and colons are fine, case does not matter):

- year first, never ambiguous: ``2026-11-20 14:30``, ``2026-11-20T14:30:00``,
  ``2026/11/20 14:30``, ``2026/11/20 14:30:15``, ``2026.11.20 14:30``,
  ``2026年11月20日 14:30``, ``2026年11月20日14时30分``, ``2026年11月20日 下午2:30``;
- year last: ``20/11/2026 14:30`` or ``11/20/2026 2:30 PM`` (see the day/month rule below);
- month names, through python-dateutil: ``20 Nov 2026 14:30``, ``Nov 20, 2026 2:30 PM``;
- ``AM``/``PM`` (上午/下午/晚上), seconds and fractions of a second (dropped).

A time without an offset is the floor's wall-clock time (policy ``floor.timezone``); an
explicit offset (``Z``, ``UTC``, ``+08:00``, ``+0800``, ``GMT+8``) is honoured. The result is
always an aware UTC datetime, to the second.

The day/month rule for year-last dates (``a/b/yyyy``): the order is decided per file, because
one file comes from one program. If some year-last date in the file has a first number above
12 the file is day-first (``20/11/2026``); if some has a second number above 12 it is
month-first (``11/20/2026``). A date whose two numbers are both 12 or less and differ
(``03/04/2026``) is read that way; when the file shows no order, or shows both, such a date
is refused as ambiguous and the message asks for the year-first form. Nothing is guessed
silently. Two-digit years are refused for the same reason.

Impossible values (``2026-02-30``, ``2026-13-01``, ``25:00``, a wall-clock time skipped by a
daylight-saving change) are refused, never rolled over; so is a date outside 1900-01-01 to
2200-12-31 (core.basics.validate.date_outside: a "no date" placeholder like 9999-12-31).
"""

from __future__ import annotations

import re
import unicodedata
from calendar import month_abbr
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

from dateutil import parser as dateutil_parser

from core.basics import date_outside
from core.basics.errors import Message

DAY_FIRST, MONTH_FIRST = "dmy", "mdy"


class BadTime(ValueError):
    """The reason a value is not a usable time, phrased to follow "<column> '<value>' ": a code
    and its params (.message), or the Message core.basics.date_outside gave. str() is its English."""

    def __init__(self, code: str | Message, /, **params: Any):
        self.message = code if isinstance(code, Message) else Message(code, params)
        super().__init__(str(self.message))

    @property
    def code(self) -> str:
        return self.message.code


_NUMERIC = re.compile(
    r"""^
    (?: (?P<y>\d{4}) [-/.] (?P<a>\d{1,2}) [-/.] (?P<b>\d{1,2})
      | (?P<p>\d{1,2}) [-/.] (?P<q>\d{1,2}) [-/.] (?P<y2>\d{4}) )
    (?: (?:T|\s+) (?P<ap1>AM|PM)? \s* (?P<H>\d{1,2}) : (?P<M>\d{1,2}) (?: : (?P<S>\d{1,2}) (?:[.,]\d+)? )?
        \s* (?P<ap2>AM|PM)? )?
    \s* (?P<tz>Z|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}(?::?\d{2})?)?
$""",
    re.X | re.I,
)
_OFFSET = re.compile(r"(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$", re.I)
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)
_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_CN_TIME = re.compile(r"(\d{1,2})\s*[时時点點]\s*(?:(\d{1,2})\s*分)?\s*(?:(\d{1,2})\s*秒)?")
_CN_MERIDIEM = (
    ("上午", " AM "),
    ("凌晨", " AM "),
    ("早上", " AM "),
    ("中午", " PM "),
    ("下午", " PM "),
    ("晚上", " PM "),
)


def normalise(value: str) -> str:
    """Full-width to ASCII, Chinese date/time words to digits and separators, one space."""
    if value.isascii():
        return " ".join(value.split())
    text = unicodedata.normalize("NFKC", value).strip()
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        for word, latin in _CN_MERIDIEM:
            text = text.replace(word, latin)
        text = _CN_DATE.sub(lambda m: f"{m[1]}-{m[2]}-{m[3]} ", text)
        text = _CN_TIME.sub(lambda m: f"{m[1]}:{m[2] or '00'}" + (f":{m[3]}" if m[3] else ""), text)
    return " ".join(text.split())


def day_order(values: Iterable[str]) -> str | None:
    """DAY_FIRST or MONTH_FIRST as the file's year-last dates show it; None if they do not."""
    seen = set()
    for value in values:
        if not value or not value.strip():
            continue
        match = _NUMERIC.match(normalise(value))
        if match and match["y2"]:
            first, second = int(match["p"]), int(match["q"])
            if first > 12 >= second:
                seen.add(DAY_FIRST)
            elif second > 12 >= first:
                seen.add(MONTH_FIRST)
    return seen.pop() if len(seen) == 1 else None


def parse_datetime(value: str, tz: tzinfo, order: str | None = None) -> datetime:
    """An instant to the second, aware UTC; BadTime says why not."""
    parts, offset = _parts(value, order)
    if len(parts) < 5:
        raise BadTime("import.time.no_time_of_day")
    try:
        naive = datetime(*parts)
    except ValueError:
        raise BadTime("import.time.not_real") from None
    if (outside := date_outside(naive)) is not None:
        raise BadTime(outside)  # before the zone arithmetic, which overflows near year 9999
    if offset is not None:
        return naive.replace(tzinfo=offset).astimezone(UTC)
    local = naive.replace(tzinfo=tz)
    utc = local.astimezone(UTC)
    if utc.astimezone(tz).replace(tzinfo=None) != naive:
        raise BadTime("import.time.skipped", zone=str(tz))
    return utc


def parse_date(value: str, order: str | None = None) -> date:
    """A calendar day; a time of day, if written (Excel adds 0:00), is ignored."""
    parts, _ = _parts(value, order)
    try:
        day = date(*parts[:3])
    except ValueError:
        raise BadTime("import.time.not_real_day") from None
    if (outside := date_outside(day)) is not None:
        raise BadTime(outside)
    return day


_Parts = tuple[int, int, int] | tuple[int, int, int, int, int, int]
"""(year, month, day) or (year, month, day, hour, minute, second)."""


def _parts(value: str, order: str | None) -> tuple[_Parts, tzinfo | None]:
    """(year, month, day[, hour, minute, second]) and the explicit offset, unchecked ranges."""
    text = normalise(value)
    match = _NUMERIC.match(text)
    if match is None:
        return _by_dateutil(text, order)
    if match["y"]:
        year, month, day = int(match["y"]), int(match["a"]), int(match["b"])
    else:
        year, month, day = int(match["y2"]), *_day_month(int(match["p"]), int(match["q"]), order, match)
    offset = _offset(match["tz"])
    if match["H"] is None:
        return (year, month, day), offset
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    meridiem = (match["ap1"] or match["ap2"] or "").upper()
    if meridiem:
        if not 1 <= hour <= 12:
            raise BadTime("import.time.not_real")
        hour = hour % 12 + (12 if meridiem == "PM" else 0)
    return (year, month, day, hour, minute, second), offset


def _day_month(first: int, second: int, order: str | None, match) -> tuple[int, int]:
    """(month, day) of a year-last date, by the rule in the module docstring."""
    if first > 12 and second > 12:
        raise BadTime("import.time.not_real")
    if first > 12 or first == second:
        return second, first
    if second > 12:
        return first, second
    if order == DAY_FIRST:
        return second, first
    if order == MONTH_FIRST:
        return first, second
    year = int(match["y2"])
    raise BadTime(
        "import.time.ambiguous",
        first=first,
        second=second,
        first_month=month_abbr[first],
        second_month=month_abbr[second],
        year=year,
    )


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    match = _OFFSET.match(text)
    if match is None:
        raise BadTime("import.time.bad_offset", value=text)
    hours, minutes = int(match[2]), int(match[3] or 0)
    if hours > 14 or minutes > 59:
        raise BadTime("import.time.bad_offset", value=text)
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if match[1] == "-" else delta)


_DEFAULTS = (datetime(2001, 1, 1, 0, 0, 0), datetime(2002, 2, 2, 1, 1, 1))


def _by_dateutil(text: str, order: str | None) -> tuple[_Parts, tzinfo | None]:
    """Forms with a month name; anything dateutil would complete by guessing is refused."""
    unreadable = BadTime("import.time.unreadable")
    if not _MONTH_NAME.search(text) or not re.search(r"(?<!\d)\d{4}(?!\d)", text):
        raise unreadable
    results = []
    for default in _DEFAULTS:
        try:
            results.append(dateutil_parser.parse(text, default=default, dayfirst=order == DAY_FIRST))
        except (ValueError, OverflowError) as exc:
            if "range" in str(exc) or "must be in" in str(exc):  # dateutil's words for 2026-02-30
                raise BadTime("import.time.not_real") from None
            raise unreadable from None
    a, b = results
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        raise unreadable
    offset = a.tzinfo if a.tzinfo is not None and a.utcoffset() is not None else None
    if (a.hour, a.minute) != (b.hour, b.minute):
        return (a.year, a.month, a.day), offset
    return (a.year, a.month, a.day, a.hour, a.minute, a.second if a.second == b.second else 0), offset
