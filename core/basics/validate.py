"""Checks shared by every form, command and import: each failure says what is wrong and how to fix it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from core.basics.errors import InvalidInput, Message, Term, words
from core.basics.labels import Label

MAX_TEXT = 100_000
"""The longest free text kept (a 20,000-character complaint is ordinary; a megabyte is a mistake)."""


def require_text(value, field: str, max_len: int = MAX_TEXT, hint: str = "") -> str:
    """The text exactly as typed; refused when blank or too long. hint: the code of the words
    that say what to write (registered by the caller's package)."""
    if not isinstance(value, str) or not value.strip():
        if hint:
            raise InvalidInput(field, "input.empty_hint", hint=Term(hint))
        raise InvalidInput(field, "input.empty")
    if len(value) > max_len:
        raise InvalidInput(field, "input.too_long", length=len(value), most=max_len)
    if "\x00" in value:  # PostgreSQL refuses it, SQLite keeps it: refused here on both
        raise InvalidInput(field, "input.nul")
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
    raise _unknown(value, field, ", ".join(f"{i.id} ({i.zh})" for i in items))


def pick_word(value, allowed: Mapping[str, tuple[str, ...]], field: str) -> str:
    """Like pick, for small fixed vocabularies given as {id: (aliases...)}."""
    wanted = (value or "").strip().lower().replace("-", "_") if isinstance(value, str) else ""
    for ident, aliases in allowed.items():
        if wanted == ident or wanted in aliases:
            return ident
    raise _unknown(value, field, ", ".join(allowed))


def _unknown(value, field: str, allowed: str) -> InvalidInput:
    """The refusal of a value that names none of the allowed ones (a blank one has its own code,
    so a form can say "choose one" without reading the words)."""
    if value in (None, ""):
        return InvalidInput(field, "input.unknown_blank", field=_field_words(field), allowed=allowed)
    return InvalidInput(field, "input.unknown", field=_field_words(field), value=value, allowed=allowed)


def _field_words(field: str) -> Term | str:
    """The field's registered name, said in the message's language; the field as given when its
    package registered no words for it (its English words are the field itself)."""
    return Term(f"field.{field}") if f"field.{field}" in words() else field


EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2200, 12, 31)
"""The dates the floor keeps. A "no date" placeholder such as 9999-12-31 sits within days of
the calendar's end, where the floor's date arithmetic (next working day, a window's end)
overflows; refusing it where it is typed keeps it out of every rule."""


def date_outside(value: date | datetime) -> Message | None:
    """Why value is outside the dates the floor keeps ("input.date_outside"), or None when it is inside."""
    day = value.date() if isinstance(value, datetime) else value
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return None
    return Message(
        "input.date_outside",
        {"day": day.isoformat(), "earliest": EARLIEST_DAY.isoformat(), "latest": LATEST_DAY.isoformat()},
    )


def date_problem(value: date | datetime) -> str | None:
    """date_outside's words in English, for callers that still build their message from text."""
    outside = date_outside(value)
    return None if outside is None else str(outside)


def check_date(value, field: str):
    """value (a date or datetime) unchanged, or InvalidInput naming field when out of range."""
    if value is not None and (outside := date_outside(value)) is not None:
        raise InvalidInput(field, outside.code, **outside.params)
    return value
