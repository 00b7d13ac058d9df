"""Checks shared by every form, command and import: each failure says what is wrong and how to fix it."""

from __future__ import annotations

from datetime import date, datetime

from core.basics.errors import InvalidInput
from core.basics.labels import Label

MAX_TEXT = 100_000
"""The longest free text kept (a 20,000-character complaint is ordinary; a megabyte is a mistake)."""


def require_text(value, field: str, max_len: int = MAX_TEXT, hint: str = "") -> str:
    """The text exactly as typed; refused when blank or too long."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(field, "is empty" + (f"; {hint}" if hint else ""))
    if len(value) > max_len:
        raise InvalidInput(field, f"is {len(value):,} characters long; the most is {max_len:,}")
    return value


def optional_text(value, field: str, max_len: int = 200) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return require_text(value, field, max_len)


def pick(value, items: tuple[Label, ...], field: str, language: str = "en") -> str:
    """The id of the item named by value (its id, Chinese or English name, any case)."""
    wanted = (value or "").strip().lower().replace("-", "_") if isinstance(value, str) else ""
    for item in items:
        if wanted in (item.id, item.zh.lower(), item.en.lower().replace("-", "_"), item.en.lower()):
            return item.id
    known = ", ".join(f"{i.id} ({i.zh})" for i in items)
    shown = value if value not in (None, "") else "(blank)"
    raise InvalidInput(field, f"unknown {field} {shown!r}; use one of: {known}")


def pick_word(value, allowed: dict[str, tuple[str, ...]], field: str) -> str:
    """Like pick, for small fixed vocabularies given as {id: (aliases...)}."""
    wanted = (value or "").strip().lower().replace("-", "_") if isinstance(value, str) else ""
    for ident, aliases in allowed.items():
        if wanted == ident or wanted in aliases:
            return ident
    shown = value if value not in (None, "") else "(blank)"
    raise InvalidInput(field, f"unknown {field} {shown!r}; use one of: {', '.join(allowed)}")


EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2200, 12, 31)
"""The dates the floor keeps. A "no date" placeholder such as 9999-12-31 sits within days of
the calendar's end, where the floor's date arithmetic (next working day, a window's end)
overflows; refusing it where it is typed keeps it out of every rule."""


def date_problem(value: date | datetime) -> str | None:
    """Why value is outside the dates the floor keeps, or None when it is inside."""
    day = value.date() if isinstance(value, datetime) else value
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return None
    return (
        f"{day.isoformat()} is outside the dates the floor keeps ({EARLIEST_DAY.isoformat()} to "
        f"{LATEST_DAY.isoformat()}); write the real date (check the year)"
    )


def check_date(value, field: str):
    """value (a date or datetime) unchanged, or InvalidInput naming field when out of range."""
    if value is not None and (problem := date_problem(value)) is not None:
        raise InvalidInput(field, problem)
    return value
