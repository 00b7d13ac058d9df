""" "By when": the deadline a person types for a handoff, read in floor time.

Accepted: "11:00" (today), "+2h" / "+30m" / "+1d" / "+1h30m" (from now), "today 16:00",
"tomorrow 10:00" (also 今天 / 明天 / 后天, with or without a space: "明天10:00"), a weekday
("周一 14:00", "星期五 9:30", "mon 14:00", "friday 16:00": the next such day, today if the time
is still ahead; "下周一 10:00" / "next mon 10:00": that day of next week), and full dates such
as "2026-11-21 10:00" or "2026/11/21 10:00". A deadline that has already passed is refused,
and so is one more than a year ahead (a typo such as "+99999999h" would otherwise overflow the
calendar).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta, tzinfo

from dateutil import parser as dateparser

from core.basics import InvalidInput, check_date

_RELATIVE = re.compile(r"^\+(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_DAY_WORDS = {"today": 0, "今天": 0, "tomorrow": 1, "明天": 1, "后天": 2}
_WEEKDAY_WORDS = {
    **{f"{prefix}{day}": n for prefix in ("周", "星期", "礼拜") for n, day in enumerate("一二三四五六日")},
    **{f"{prefix}天": 6 for prefix in ("周", "星期", "礼拜")},
    **{
        name: n
        for n, names in enumerate(
            (
                ("mon", "monday"),
                ("tue", "tues", "tuesday"),
                ("wed", "wednesday"),
                ("thu", "thur", "thurs", "thursday"),
                ("fri", "friday"),
                ("sat", "saturday"),
                ("sun", "sunday"),
            )
        )
        for name in names
    },
}
_NEXT_WEEK = ("下", "next ")
_DAY_THEN_CLOCK = re.compile(r"^(.+?)\s*(\d{1,2}:\d{2})$")
MAX_AHEAD = timedelta(days=366)
"""The furthest a deadline may lie ahead: no department is asked for something next year."""


def parse_deadline(text, now: datetime, tz: tzinfo, field: str = "due") -> datetime:
    """The instant text names (aware, UTC), or InvalidInput saying what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(field, "deadline.empty")
    typed = " ".join(text.strip().lower().split())
    local_now = now.astimezone(tz)
    due = _relative(typed, now) or _day_and_clock(typed, local_now, tz) or _full_date(typed, tz, field)
    if due is None:
        raise InvalidInput(field, "deadline.not_a_time", value=text.strip())
    if due is not _TOO_FAR:
        check_date(due, field)  # before comparing: zone arithmetic overflows near year 9999
    if due is _TOO_FAR or due - now > MAX_AHEAD:
        raise InvalidInput(field, "deadline.too_far", value=text.strip())
    if due <= now:
        raise InvalidInput(field, "deadline.passed", value=text.strip(), now=f"{local_now:%Y-%m-%d %H:%M}")
    return due.astimezone(now.tzinfo)


def _relative(typed: str, now: datetime) -> datetime | None:
    match = _RELATIVE.match(typed.replace(" ", ""))
    if not match or not any(match.groups()):
        return None
    # More than six digits is over a year in any unit (and int() refuses thousands of digits).
    if any(g and len(g) > 6 for g in match.groups()):
        return _TOO_FAR
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    ahead = timedelta(days=days, hours=hours, minutes=minutes)
    return _TOO_FAR if ahead > MAX_AHEAD else now + ahead


_TOO_FAR = datetime.max.replace(tzinfo=UTC)
"""_relative's answer for more than MAX_AHEAD: refused before any arithmetic can overflow."""


def _clock(text: str) -> time | None:
    match = _CLOCK.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def _day_and_clock(typed: str, local_now: datetime, tz: tzinfo) -> datetime | None:
    at = _clock(typed)
    if at is not None:
        return datetime.combine(local_now.date(), at, tzinfo=tz)
    match = _DAY_THEN_CLOCK.match(typed)
    if not match or (at := _clock(match[2])) is None:
        return None
    word = match[1].strip()
    if word in _DAY_WORDS:
        return datetime.combine(local_now.date() + timedelta(days=_DAY_WORDS[word]), at, tzinfo=tz)
    next_week = word.startswith(_NEXT_WEEK)
    if next_week:
        word = word.removeprefix("下").removeprefix("next ").strip()
    if word not in _WEEKDAY_WORDS:
        return None
    weekday, today = _WEEKDAY_WORDS[word], local_now.date()
    if next_week:  # that day of the week after this one (Monday to Sunday)
        day = today + timedelta(days=7 - today.weekday() + weekday)
    else:
        day = today + timedelta(days=(weekday - today.weekday()) % 7)
        if datetime.combine(day, at, tzinfo=tz) <= local_now:
            day += timedelta(days=7)  # "周一 14:00" said on Monday at 15:00: next Monday
    return datetime.combine(day, at, tzinfo=tz)


def _full_date(typed: str, tz: tzinfo, field: str) -> datetime | None:
    if not re.search(r"\d{4}[-/年]\d{1,2}[-/月]\d{1,2}", typed):
        return None  # only year-first dates: never ambiguous
    cleaned = typed.replace("年", "-").replace("月", "-").replace("日", " ").replace("/", "-")
    try:
        parsed = dateparser.parse(cleaned, dayfirst=False, yearfirst=True)
    except (ValueError, OverflowError) as exc:
        raise InvalidInput(field, "deadline.not_real", value=typed, error=str(exc)) from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed
