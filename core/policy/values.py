"""The policy's value types, and reading them out of a parsed policy TOML: every failure is
a PolicyError that names the key, e.g. `sla.red.response: "15 minutes" is not a duration`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any, NoReturn

from core.basics import Label, PolicyError, Term, date_outside
from core.policy.official import OfficialDays, is_country_code

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MAX_TARGET_MINUTES = 366 * 24 * 60
MAX_TARGET_WORKING_DAYS = 260
MAX_LEAD_MINUTES = 24 * 60
"""An alert comes at most a day (24h) before its target: [alerts] unclaimed_red, owner_away."""
MAX_DATE_RANGE_DAYS = 36_525
"""A hundred years of days at most: 0001-01-01..9999-12-31 would take seconds and fill memory."""
MAX_FOLDER_CHARS = 1024
"""A folder's path in the policy is at most this long (Linux takes 4096 bytes; no floor needs more)."""
MAX_PHRASE_WORDS = 2_000
"""[phrases] keep and ignore list at most this many words each (a floor's product names and
filler are tens or hundreds; thousands would slow every report's segmenting)."""
MAX_PHRASE_WORD_CHARS = 40
"""A kept or ignored word is at most this long ("智能门锁X3 Pro 尊享版" is 16)."""
_DURATION = re.compile(r"^(?:(\d+)wd)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")


@dataclass(frozen=True)
class Target:
    """A time allowed: business or calendar minutes, plus whole working days."""

    minutes: int = 0
    working_days: int = 0


@dataclass(frozen=True)
class Category(Label):
    subtags: tuple[Label, ...] = ()


@dataclass(frozen=True)
class Channel(Label):
    needs_platform: bool = False


@dataclass(frozen=True)
class DepartmentDefault(Label):
    hours: str = ""


PERIODS = ("quarter", "half")
LOW_SCORE_ROUTES = ("team", "round_robin")
MAX_CALLBACK_WORKING_DAYS = 60


@dataclass(frozen=True)
class CallbackRules:
    """The policy's [callbacks]: when each callback group is due (core/callbacks/rules.py
    applies them). The defaults here are docs/floor.md's and equal the built-in [callbacks]."""

    resolved_within: timedelta = timedelta(hours=24)
    """A resolved ticket's callback is due within this long of the resolution."""
    complaint_from: int = 2
    """A resolved complaint is called from this many working days after the resolution day..."""
    complaint_by: int = 3
    """...to the close of this many working days after it."""
    complaint_words: tuple[str, ...] = ("投诉", "complaint", "complain")
    """Casefolded words that make a resolved ticket's description a complaint."""
    new_customer_from: int = 3
    """A new customer is called from this many working days after delivery..."""
    new_customer_by: int = 7
    """...to the close of this many working days after it."""
    long_standing_after: timedelta = timedelta(days=90)
    """A customer known longer than this is long-standing."""
    long_standing_every: str = "quarter"
    """How often a long-standing customer is called: "quarter" or "half" (year)."""
    churn_every: str = "quarter"
    """How often a churn-risk customer is called: "quarter" or "half" (year)."""
    low_score_max: int = 2
    """An overall score at or below this starts the supervisor's low-score follow-up."""
    low_score_within: int = 3
    """Working days the supervisor has for that follow-up."""
    verify_within: timedelta = timedelta(days=7)
    """After an improvement ships, the verification callback is due within this long."""
    max_attempts: int = 3
    """Unreachable tries before a callback is given up."""
    retry_after: timedelta = timedelta(hours=2)
    """Business time between an unreachable try and the next."""
    look_back: timedelta = timedelta(days=7)
    """The scheduler only considers resolutions, deliveries and improvements this recent."""
    gap: timedelta = timedelta(days=7)
    """No routine callback is due within this long of the customer's last done call."""
    low_score_to: str = "team"
    """Who gets a low score's follow-up: "team" (the supervisor of the scored agent's team,
    else round robin) or "round_robin" (among the active supervisors)."""
    morning_ends: time = time(12, 0)
    """A window whose end falls before a working day opens (a weekend, a holiday, the night)
    is due by this time of that working day: the next working morning."""


@dataclass(frozen=True)
class Vocabulary:
    """The policy's [phrases]: the floor's own words for "what customers keep saying"
    (core.report.phrases): kept whole by the segmenter (product names), and ignored (the
    floor's filler). Both are NFKC-normalised as the texts are; ignored words are lower-cased,
    as English words are when counted."""

    keep: tuple[str, ...] = ()
    ignore: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class AlertRules:
    """The policy's [alerts]: when supervisors are told before a breach, not after."""

    unclaimed_red: timedelta = timedelta(minutes=5)
    """A red ticket still unclaimed this long before its response target: supervisors are told."""
    owner_away: timedelta = timedelta(minutes=30)
    """A ticket this near its solution target whose owner is away: supervisors and the owner
    are told."""
    bell: bool = False
    """Also ring the terminal bell."""


def parse_target(text: object) -> Target | None:
    """'15m', '2h', '1h30m', '3d' (calendar days), '5wd' (working days); None if malformed."""
    match = _DURATION.match(text.strip().replace(" ", "")) if isinstance(text, str) else None
    if not match or not any(match.groups()):
        return None
    # More than nine digits is over any limit (and int() refuses thousands of them): keep it
    # huge, so the caller says "longer than a year" rather than crashing or "not a duration".
    wd, days, hours, minutes = (int(g) if g and len(g) <= 9 else 10**9 if g else 0 for g in match.groups())
    return Target(minutes=days * 1440 + hours * 60 + minutes, working_days=wd)


def parse_clock_time(text: object) -> time | None:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip()) if isinstance(text, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def parse_hours(text: str) -> tuple[time, time] | None:
    """'08:00-18:00' as (start, end); None if malformed or not start < end."""
    parts = text.split("-") if isinstance(text, str) else []
    if len(parts) != 2:
        return None
    start, end = parse_clock_time(parts[0]), parse_clock_time(parts[1])
    return (start, end) if start and end and start < end else None


_NOT_KIND = {bool: "policy.labels.not_bool", str: "policy.labels.not_str", list: "policy.labels.not_list"}
"""The refusal for an extra column of the wrong TOML type (must be a bool, a str, a list)."""


class Reader:
    """Typed reads from the parsed TOML; each failure becomes a PolicyError naming the key."""

    def __init__(self, source: str | Term):
        self.source = source

    def fail(self, key: str, code: str, /, **params: Any) -> NoReturn:
        raise PolicyError(self.source, key, code, **params)

    def text(self, table_or_value, key: str) -> str:
        value = (
            table_or_value.get(key.rsplit(".", 1)[-1]) if isinstance(table_or_value, dict) else table_or_value
        )
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "policy.value.not_text", value=value)
        return value

    def array(self, table: dict, key: str, default=None) -> list:
        """A TOML array (a list or tuple), as a list."""
        value = table.get(key.rsplit(".", 1)[-1], default)
        if not isinstance(value, (list, tuple)):
            self.fail(key, "policy.value.not_list", value=value)
        return list(value)

    def choice(self, table: dict, key: str, allowed: Sequence[str]) -> str:
        value = table.get(key.rsplit(".", 1)[-1])
        if not isinstance(value, str) or value not in allowed:
            self.fail(key, "policy.value.not_allowed", value=value, allowed=", ".join(allowed))
        return value

    def weekday(self, value, key: str) -> int:
        word = value.strip().lower() if isinstance(value, str) else ""
        if word not in WEEKDAYS and word not in WEEKDAY_NAMES:
            self.fail(key, "policy.value.not_weekday", value=value)
        return WEEKDAYS.index(word[:3])

    def clock_time(self, table: dict, key: str) -> time:
        value = table.get(key.rsplit(".", 1)[-1])
        parsed = parse_clock_time(value)
        if parsed is None:
            self.fail(key, "policy.value.not_time_of_day", value=value)
        return parsed

    def hours(self, table: dict, key: str) -> tuple[tuple[time, time], ...]:
        value = table.get("hours")
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.fail(key, "policy.hours.missing")
        spans = []
        for i, item in enumerate(items):
            span = parse_hours(item)
            if span is None:
                self.fail(f"{key}[{i}]", "policy.hours.not_span", value=item)
            spans.append(span)
        spans.sort()
        for (_, end), (start, _) in pairwise(spans):
            if start < end:
                self.fail(key, "policy.hours.overlap")
        return tuple(spans)

    def dates(self, table: dict, key: str) -> list[date]:
        days = []
        for i, item in enumerate(self.array(table, key)):
            if isinstance(item, datetime):
                self.fail(f"{key}[{i}]", "policy.date.has_time", value=item)
            if isinstance(item, date):
                if (outside := date_outside(item)) is not None:
                    self.fail(f"{key}[{i}]", outside.code, **outside.params)
                days.append(item)
                continue
            bounds = str(item).split("..")
            try:
                first, last = date.fromisoformat(bounds[0].strip()), date.fromisoformat(bounds[-1].strip())
            except ValueError:
                self.fail(f"{key}[{i}]", "policy.date.not_date", value=item)
            for bound in (first, last):
                if (outside := date_outside(bound)) is not None:
                    self.fail(f"{key}[{i}]", outside.code, **outside.params)
            if len(bounds) > 2 or last < first:
                self.fail(f"{key}[{i}]", "policy.date.range_backwards", value=item)
            if (last - first).days > MAX_DATE_RANGE_DAYS:
                self.fail(
                    f"{key}[{i}]", "policy.date.range_too_long", value=item, days=(last - first).days + 1
                )
            days.extend(first + timedelta(days=n) for n in range((last - first).days + 1))
        return days

    def flag(self, table: dict, key: str) -> bool:
        value = table.get(key.rsplit(".", 1)[-1])
        if not isinstance(value, bool):
            self.fail(key, "policy.value.not_bool", value=value)
        return value

    def folder(self, table: dict, key: str) -> str:
        """A folder on the floor host: absolute, or relative to the floor file's folder. Not
        "~..." (each person's home is another folder: the floor's exports are one place), not
        a .xlsx file's name (the export names the files), no control characters."""
        value = table.get(key.rsplit(".", 1)[-1])
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "policy.folder.not_folder", value=value)
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            self.fail(key, "policy.folder.control", value=value)
        if len(value) > MAX_FOLDER_CHARS:
            self.fail(key, "policy.folder.too_long", chars=len(value), most=MAX_FOLDER_CHARS)
        if value.strip() != value:
            self.fail(key, "policy.folder.spaces", value=value)
        if value.startswith("~"):
            self.fail(key, "policy.folder.home", value=value)
        if value.lower().rstrip("/").endswith(".xlsx"):
            self.fail(key, "policy.folder.file", value=value)
        return value

    def official(self, table: dict, key: str) -> OfficialDays | None:
        """A country code of the official calendar (python-holidays), or "none"."""
        value = table.get(key.rsplit(".", 1)[-1])
        if isinstance(value, str) and value.strip().lower() == "none":
            return None
        code = value.strip().upper() if isinstance(value, str) else ""
        # The shape here; whether the holiday library knows the country, when the calendar is
        # first used (policy check and policy load count a target with it before taking a file).
        if not is_country_code(code):
            self.fail(key, "policy.official.unknown", value=value)
        return OfficialDays(code)

    def phrases(self, table: dict) -> Vocabulary:
        """[phrases], already merged over the built-in defaults (two empty lists)."""
        keep = self.phrase_words(table, "phrases.keep", spaces=False)
        ignore = self.phrase_words(table, "phrases.ignore", spaces=True)
        return Vocabulary(tuple(dict.fromkeys(keep)), frozenset(word.lower() for word in ignore))

    def phrase_words(self, table: dict, key: str, *, spaces: bool) -> list[str]:
        """A list of words, each NFKC-normalised and stripped: not empty, no control character,
        at most MAX_PHRASE_WORD_CHARS long, at most MAX_PHRASE_WORDS of them. A kept word has no
        space: the segmenter cuts every text at its spaces, so such a word is never whole."""
        items = self.array(table, key)
        if len(items) > MAX_PHRASE_WORDS:
            self.fail(key, "policy.phrases.too_many", count=len(items), most=MAX_PHRASE_WORDS)
        words = []
        for i, item in enumerate(items):
            where = f"{key}[{i}]"
            if not isinstance(item, str) or not item.strip():
                self.fail(where, "policy.phrases.not_word", value=item)
            if any(unicodedata.category(ch) == "Cc" for ch in item):
                self.fail(where, "policy.phrases.control", value=item)
            word = unicodedata.normalize("NFKC", item).strip()
            if len(word) > MAX_PHRASE_WORD_CHARS:
                self.fail(
                    where, "policy.phrases.too_long", value=item, chars=len(word), most=MAX_PHRASE_WORD_CHARS
                )
            if not spaces and any(ch.isspace() for ch in word):
                self.fail(where, "policy.phrases.space", value=item)
            words.append(word)
        return words

    def whole_number(self, table: dict, key: str, low: int, high: int) -> int:
        value = table.get(key.rsplit(".", 1)[-1])
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(key, "policy.value.not_whole_number", low=low, high=high, value=value)
        return value

    def callbacks(self, table: dict) -> CallbackRules:
        """[callbacks], already merged over the built-in defaults."""

        def days(name: str) -> int:
            return self.whole_number(table, f"callbacks.{name}", 1, MAX_CALLBACK_WORKING_DAYS)

        def span(name: str) -> tuple[int, int]:
            first, last = days(f"{name}_from"), days(f"{name}_by")
            if first > last:
                self.fail(
                    f"callbacks.{name}_from",
                    "policy.callbacks.window_backwards",
                    first=first,
                    closes=f"{name}_by",
                    last=last,
                )
            return first, last

        complaint_from, complaint_by = span("complaint")
        new_customer_from, new_customer_by = span("new_customer")
        words = tuple(
            self.text(w, f"callbacks.complaint_words[{i}]").strip().casefold()
            for i, w in enumerate(self.array(table, "callbacks.complaint_words"))
        )
        return CallbackRules(
            resolved_within=self.duration(table, "callbacks.resolved_within"),
            complaint_from=complaint_from,
            complaint_by=complaint_by,
            complaint_words=words,
            new_customer_from=new_customer_from,
            new_customer_by=new_customer_by,
            long_standing_after=self.duration(table, "callbacks.long_standing_after"),
            long_standing_every=self.choice(table, "callbacks.long_standing_every", PERIODS),
            churn_every=self.choice(table, "callbacks.churn_every", PERIODS),
            low_score_max=self.whole_number(table, "callbacks.low_score_max", 1, 4),
            low_score_within=days("low_score_within"),
            verify_within=self.duration(table, "callbacks.verify_within"),
            max_attempts=self.whole_number(table, "callbacks.max_attempts", 1, 20),
            retry_after=self.duration(table, "callbacks.retry_after"),
            look_back=self.duration(table, "callbacks.look_back"),
            gap=self.duration(table, "callbacks.gap"),
            low_score_to=self.choice(table, "callbacks.low_score_to", LOW_SCORE_ROUTES),
            morning_ends=self.clock_time(table, "callbacks.morning_ends"),
        )

    def alerts(self, table: dict) -> AlertRules:
        """[alerts], already merged over the built-in defaults."""
        return AlertRules(
            unclaimed_red=self.lead_time(table, "alerts.unclaimed_red"),
            owner_away=self.lead_time(table, "alerts.owner_away"),
            bell=self.flag(table, "alerts.bell"),
        )

    def lead_time(self, table: dict, key: str) -> timedelta:
        """An alert's lead: minutes and hours, longer than zero and at most MAX_LEAD_MINUTES.
        Each refusal says what a lead takes, not what a target does ("0m", "-5m", "400d",
        "1wd" and a bare 5 are each refused as such)."""
        value = table.get(key.rsplit(".", 1)[-1])
        text = value.strip() if isinstance(value, str) else None
        parsed = parse_target(text.lstrip(" -")) if text else None
        if text is None or parsed is None:
            self.fail(key, "policy.alerts.not_lead", value=value)
        if text.startswith("-") or parsed == Target():
            self.fail(key, "policy.duration.not_positive", value=value)
        if parsed.working_days:
            self.fail(key, "policy.alerts.lead_in_days", value=value)
        if parsed.minutes > MAX_LEAD_MINUTES:
            self.fail(key, "policy.alerts.lead_too_long", value=value)
        if "d" in text.lower():
            self.fail(key, "policy.alerts.lead_in_days", value=value)
        return timedelta(minutes=parsed.minutes)

    def target(self, table: dict, key: str) -> Target:
        value = table.get(key.rsplit(".", 1)[-1])
        parsed = parse_target(value)
        if parsed is None or (parsed.minutes == 0 and parsed.working_days == 0):
            self.fail(key, "policy.duration.not_duration", value=value)
        if parsed.minutes > MAX_TARGET_MINUTES or parsed.working_days > MAX_TARGET_WORKING_DAYS:
            self.fail(key, "policy.duration.too_long", value=value)
        return parsed

    def duration(self, table: dict, key: str) -> timedelta:
        parsed = self.target(table, key)
        if parsed.working_days:
            self.fail(key, "policy.duration.no_working_days")
        return timedelta(minutes=parsed.minutes)

    def labelled(self, rows, key: str, cls, extras: dict) -> tuple:
        if rows is None:
            return ()
        if not isinstance(rows, list) or not rows:
            self.fail(key, "policy.labels.not_array", key=key)
        items, seen = [], set()
        for i, row in enumerate(rows):
            where = f"{key}[{i}]"
            if not isinstance(row, dict):
                self.fail(where, "policy.labels.not_table")
            unknown = set(row) - {"id", "zh", "en", "subtags", *extras}
            if unknown:
                self.fail(f"{where}.{sorted(unknown)[0]}", "policy.key.unknown")
            ident = self.text(row, f"{where}.id")
            if not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
                self.fail(f"{where}.id", "policy.labels.bad_id", value=ident)
            if ident in seen:
                self.fail(f"{where}.id", "policy.labels.id_twice", value=ident)
            seen.add(ident)
            kwargs = {}
            for name, kind in extras.items():
                if name in row:
                    if not isinstance(row[name], kind):
                        self.fail(f"{where}.{name}", _NOT_KIND[kind])
                    kwargs[name] = row[name]
            if "hours" in kwargs and parse_hours(kwargs["hours"]) is None:
                self.fail(f"{where}.hours", "policy.labels.hours_not_span", value=kwargs["hours"])
            items.append(cls(ident, self.text(row, f"{where}.zh"), self.text(row, f"{where}.en"), **kwargs))
        return tuple(items)

    def keymap(self, table) -> tuple[tuple[str, str], ...]:
        """[keys]: binding id = "keys" (comma-separated alternatives), e.g. "queue.claim" = "ctrl+k"."""
        if table is None:
            return ()
        if not isinstance(table, dict):
            self.fail("keys", "policy.keys.not_table")
        pairs = []
        for ident, keys in table.items():
            if not re.fullmatch(r"[A-Za-z_]+(\.[A-Za-z_]+)+", ident):  # a capital: the app suggests the id
                self.fail(f"keys.{ident}", "policy.keys.bad_id")
            if isinstance(keys, str) and not keys.replace(" ", "").replace(",", ""):
                self.fail(f"keys.{ident}", "policy.keys.empty")
            # Upper case is a capital letter's key ("C", Shift+c); whether a terminal can send
            # a key, and whether the id is the app's, only the app knows (tui/key_maps.py).
            if not isinstance(keys, str) or not re.fullmatch(
                r"[A-Za-z0-9_+]+(,[A-Za-z0-9_+]+)*", keys.replace(" ", "")
            ):
                self.fail(f"keys.{ident}", "policy.keys.bad_keys", value=keys)
            pairs.append((ident, keys.replace(" ", "")))
        return tuple(pairs)

    def categories(self, rows) -> tuple[Category, ...]:
        def label_only(ident, zh, en, subtags=None):
            return Label(ident, zh, en)

        plain = self.labelled(rows, "categories", label_only, {"subtags": list})
        result = []
        for i, label in enumerate(plain):
            subtags = self.labelled(rows[i].get("subtags") or None, f"categories[{i}].subtags", Label, {})
            result.append(Category(label.id, label.zh, label.en, subtags))
        return tuple(result)
