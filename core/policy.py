"""The floor's policy as data: SLA targets, calendar, keywords, categories, channels,
departments. Built-in defaults are DOMAIN.md's; a TOML file overrides them section by
section. Every error names the file, the key and what is wrong.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.calendar import WorkingCalendar
from core.errors import PolicyError

TIERS = ("red", "yellow", "green")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Target:
    """A time allowed: business or calendar minutes, plus whole working days."""

    minutes: int = 0
    working_days: int = 0


@dataclass(frozen=True)
class Label:
    """Something the floor picks from a list: a stable id and its names in both languages."""

    id: str
    zh: str
    en: str

    def name(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


@dataclass(frozen=True)
class Category(Label):
    subtags: tuple[Label, ...] = ()


@dataclass(frozen=True)
class Channel(Label):
    needs_platform: bool = False


@dataclass(frozen=True)
class DepartmentDefault(Label):
    hours: str = ""


@dataclass(frozen=True)
class Policy:
    source: str
    timezone: str
    language: str
    update_cutoff: time
    calendar: WorkingCalendar
    sla_mode: str  # "calendar" or "business"
    default_tier: str
    targets: dict  # tier -> (response Target, solution Target)
    keywords: dict  # tier -> tuple of keywords
    categories: tuple[Category, ...]
    channels: tuple[Channel, ...]
    departments: tuple[DepartmentDefault, ...]
    handoff_stuck_after: timedelta
    handoff_sync_within: timedelta

    def category(self, id_: str) -> Category | None:
        return next((c for c in self.categories if c.id == id_), None)


def _labels(rows, cls=Label, **extra):
    return tuple(cls(*row[:3], **{k: v for k, v in zip(extra, row[3:])}) for row in rows)


DEFAULT_CATEGORIES = (
    Category("quality", "产品质量", "Product quality", _labels([
        ("defect", "功能缺陷", "Function defect"), ("appearance", "外观瑕疵", "Appearance flaw"),
        ("missing_item", "漏发", "Missing item"), ("damage", "破损", "Damage")])),
    Category("efficiency", "服务效率", "Service efficiency", _labels([
        ("delivery_delay", "物流配送", "Delivery delay"), ("slow_response", "响应速度", "Slow response")])),
    Category("attitude", "人员态度", "Staff attitude"),
    Category("process", "流程优化", "Process"),
    Category("howto", "操作咨询", "How-to question"),
    Category("billing", "账单疑问", "Billing"),
    Category("other", "其他", "Other"),
)
DEFAULT_CHANNELS = (
    Channel("phone", "电话", "Phone"), Channel("online_ticket", "线上工单", "Online ticket"),
    Channel("online_chat", "在线客服", "Online chat"), Channel("email", "邮件", "Email"),
    Channel("face_to_face", "面谈", "Face to face"),
    Channel("social_media", "社交媒体", "Social media", needs_platform=True),
)
DEFAULT_DEPARTMENTS = (
    DepartmentDefault("warehouse", "仓库", "Warehouse", "08:00-18:00"),
    DepartmentDefault("logistics", "物流", "Logistics", "08:00-20:00"),
    DepartmentDefault("tech", "技术", "Tech support", "09:00-18:00"),
    DepartmentDefault("production", "生产", "Production", "08:00-17:00"),
    DepartmentDefault("rnd", "研发", "R&D", "09:30-18:30"),
)
DEFAULT_KEYWORDS = {
    "red": ("漏发", "破损", "今天必须", "延迟", "故障", "投诉", "missing item", "missing",
            "damaged", "broken", "delayed", "delay", "late delivery", "fault", "faulty",
            "not working", "complaint", "complain", "must be today"),
    "yellow": (),
    "green": ("建议", "表扬", "suggestion", "suggest", "praise", "compliment"),
}
DEFAULT_TOML = """
[floor]
timezone = "Asia/Shanghai"
language = "zh"
update_cutoff = "17:00"

[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri"]
hours = ["09:00-18:00"]
holidays = []
extra_workdays = []

[sla]
mode = "calendar"
default_tier = "yellow"
red = { response = "15m", solution = "2h" }
yellow = { response = "30m", solution = "4h" }
green = { response = "1h", solution = "24h" }

[handoff]
stuck_after = "2h"
sync_within = "30m"
"""

_SECTIONS = {
    "floor": {"timezone", "language", "update_cutoff"},
    "calendar": {"workdays", "hours", "holidays", "extra_workdays"},
    "sla": {"mode", "default_tier", *TIERS},
    "handoff": {"stuck_after", "sync_within"},
    "keywords": set(TIERS),
    "categories": None,  # arrays of tables, checked row by row
    "channels": None,
    "departments": None,
}
_DURATION = re.compile(r"^(?:(\d+)wd)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")


def default_policy() -> Policy:
    return parse_policy("", "built-in defaults")


def load_policy(path) -> Policy:
    try:
        with open(path, "rb") as file:
            text = file.read().decode("utf-8")
    except OSError as exc:
        raise PolicyError(str(path), "", f"cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise PolicyError(str(path), "", "is not UTF-8 text; save it as UTF-8") from exc
    return parse_policy(text, str(path))


def parse_policy(text: str, source: str) -> Policy:
    """The policy in text over the built-in defaults; PolicyError names the key at fault."""
    try:
        given = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "", f"is not valid TOML ({exc})") from exc
    _check_keys(given, source)
    defaults = tomllib.loads(DEFAULT_TOML)
    section = lambda name: {**defaults.get(name, {}), **given.get(name, {})}  # noqa: E731
    reader = _Reader(source)

    floor, cal, sla, handoff = section("floor"), section("calendar"), section("sla"), section("handoff")
    tz_name = reader.text(floor, "floor.timezone")
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise PolicyError(source, "floor.timezone", f"unknown time zone {tz_name!r}; use a name like \"Asia/Shanghai\"") from exc
    language = reader.choice(floor, "floor.language", ("en", "zh"))
    calendar = WorkingCalendar(
        tz=tz,
        workdays=frozenset(reader.weekday(d, f"calendar.workdays[{i}]") for i, d in enumerate(reader.list(cal, "calendar.workdays"))),
        hours=reader.hours(cal, "calendar.hours"),
        holidays=frozenset(reader.dates(cal, "calendar.holidays")),
        extra_workdays=frozenset(reader.dates(cal, "calendar.extra_workdays")),
    )
    if not calendar.workdays and not calendar.extra_workdays:
        raise PolicyError(source, "calendar.workdays", "no working days at all; list at least one, e.g. [\"mon\"]")
    targets = {}
    for tier in TIERS:
        row = sla.get(tier)
        if not isinstance(row, dict):
            raise PolicyError(source, f"sla.{tier}", 'must be a table like { response = "15m", solution = "2h" }')
        unknown = set(row) - {"response", "solution"}
        if unknown:
            raise PolicyError(source, f"sla.{tier}.{sorted(unknown)[0]}", "unknown key; use response and solution")
        merged = {**defaults["sla"][tier], **row}
        targets[tier] = (reader.target(merged, f"sla.{tier}.response"), reader.target(merged, f"sla.{tier}.solution"))
    keywords = {
        tier: tuple(reader.text(k, f"keywords.{tier}[{i}]").strip().lower()
                    for i, k in enumerate(reader.list(given.get("keywords", {}), f"keywords.{tier}", DEFAULT_KEYWORDS[tier])))
        for tier in TIERS
    }
    return Policy(
        source=source,
        timezone=tz_name,
        language=language,
        update_cutoff=reader.clock_time(floor, "floor.update_cutoff"),
        calendar=calendar,
        sla_mode=reader.choice(sla, "sla.mode", ("calendar", "business")),
        default_tier=reader.choice(sla, "sla.default_tier", TIERS),
        targets=targets,
        keywords=keywords,
        categories=reader.categories(given.get("categories")) or DEFAULT_CATEGORIES,
        channels=reader.labelled(given.get("channels"), "channels", Channel, {"needs_platform": bool}) or DEFAULT_CHANNELS,
        departments=reader.labelled(given.get("departments"), "departments", DepartmentDefault, {"hours": str}) or DEFAULT_DEPARTMENTS,
        handoff_stuck_after=reader.duration(handoff, "handoff.stuck_after"),
        handoff_sync_within=reader.duration(handoff, "handoff.sync_within"),
    )


def _check_keys(given: dict, source: str) -> None:
    for name, value in given.items():
        if name not in _SECTIONS:
            raise PolicyError(source, name, f"unknown section; known: {', '.join(sorted(_SECTIONS))}")
        keys = _SECTIONS[name]
        if keys is None:
            continue
        if not isinstance(value, dict):
            raise PolicyError(source, name, "must be a table ([" + name + "])")
        for key in value:
            if key not in keys:
                raise PolicyError(source, f"{name}.{key}", f"unknown key; known: {', '.join(sorted(keys))}")


def parse_target(text: str) -> Target | None:
    """'15m', '2h', '1h30m', '3d' (calendar days), '5wd' (working days); None if malformed."""
    match = _DURATION.match(text.strip().replace(" ", "")) if isinstance(text, str) else None
    if not match or not any(match.groups()):
        return None
    wd, days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    return Target(minutes=days * 1440 + hours * 60 + minutes, working_days=wd)


def parse_clock_time(text: str) -> time | None:
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


class _Reader:
    """Typed reads from the parsed TOML; each failure becomes a PolicyError naming the key."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, key: str, problem: str):
        raise PolicyError(self.source, key, problem)

    def text(self, table_or_value, key: str) -> str:
        value = table_or_value.get(key.rsplit(".", 1)[-1]) if isinstance(table_or_value, dict) else table_or_value
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty string, not {value!r}")
        return value

    def list(self, table: dict, key: str, default=None) -> list:
        value = table.get(key.rsplit(".", 1)[-1], default)
        if not isinstance(value, (list, tuple)):
            self.fail(key, f"must be a list, not {value!r}")
        return list(value)

    def choice(self, table: dict, key: str, allowed) -> str:
        value = table.get(key.rsplit(".", 1)[-1])
        if value not in allowed:
            self.fail(key, f"{value!r} is not one of: {', '.join(allowed)}")
        return value

    def weekday(self, value, key: str) -> int:
        word = value.strip().lower() if isinstance(value, str) else ""
        if word not in WEEKDAYS and word not in WEEKDAY_NAMES:
            self.fail(key, f"{value!r} is not a weekday; use mon, tue, wed, thu, fri, sat, sun")
        return WEEKDAYS.index(word[:3])

    def clock_time(self, table: dict, key: str) -> time:
        value = table.get(key.rsplit(".", 1)[-1])
        parsed = parse_clock_time(value)
        if parsed is None:
            self.fail(key, f"{value!r} is not a time of day; write it like \"17:00\"")
        return parsed

    def hours(self, table: dict, key: str) -> tuple[tuple[time, time], ...]:
        value = table.get("hours")
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.fail(key, 'must list opening hours, e.g. ["09:00-12:00", "13:30-18:00"]')
        spans = []
        for i, item in enumerate(items):
            span = parse_hours(item)
            if span is None:
                self.fail(f"{key}[{i}]", f"{item!r} is not a span like \"09:00-18:00\" (start before end)")
            spans.append(span)
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:]):
            if start < end:
                self.fail(key, "opening hours overlap; list separate spans like \"09:00-12:00\", \"13:30-18:00\"")
        return tuple(spans)

    def dates(self, table: dict, key: str) -> list[date]:
        days = []
        for i, item in enumerate(self.list(table, key)):
            if isinstance(item, datetime):
                self.fail(f"{key}[{i}]", f"{item!r} is a date and time; write the date alone, e.g. \"2026-10-01\"")
            if isinstance(item, date):
                days.append(item)
                continue
            bounds = str(item).split("..")
            try:
                first, last = date.fromisoformat(bounds[0].strip()), date.fromisoformat(bounds[-1].strip())
            except ValueError:
                self.fail(f"{key}[{i}]", f"{item!r} is not a date or range; write \"2026-10-01\" or \"2026-10-01..2026-10-07\"")
            if len(bounds) > 2 or last < first:
                self.fail(f"{key}[{i}]", f"{item!r} is not a range from an earlier to a later date")
            days.extend(first + timedelta(days=n) for n in range((last - first).days + 1))
        return days

    def target(self, table: dict, key: str) -> Target:
        value = table.get(key.rsplit(".", 1)[-1])
        parsed = parse_target(value)
        if parsed is None or (parsed.minutes == 0 and parsed.working_days == 0):
            self.fail(key, f"{value!r} is not a duration; write it like \"15m\", \"2h\", \"1h30m\", \"3d\" or \"5wd\" (working days)")
        return parsed

    def duration(self, table: dict, key: str) -> timedelta:
        parsed = self.target(table, key)
        if parsed.working_days:
            self.fail(key, "takes minutes or hours here, not working days")
        return timedelta(minutes=parsed.minutes)

    def labelled(self, rows, key: str, cls, extras: dict) -> tuple:
        if rows is None:
            return ()
        if not isinstance(rows, list) or not rows:
            self.fail(key, f"must be a non-empty array of tables ([[{key}]])")
        items, seen = [], set()
        for i, row in enumerate(rows):
            where = f"{key}[{i}]"
            if not isinstance(row, dict):
                self.fail(where, "must be a table with id, zh and en")
            unknown = set(row) - {"id", "zh", "en", "subtags", *extras}
            if unknown:
                self.fail(f"{where}.{sorted(unknown)[0]}", "unknown key")
            ident = self.text(row, f"{where}.id")
            if not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
                self.fail(f"{where}.id", f"{ident!r} must be lower-case letters, digits and _")
            if ident in seen:
                self.fail(f"{where}.id", f"{ident!r} is listed twice")
            seen.add(ident)
            kwargs = {}
            for name, kind in extras.items():
                if name in row:
                    if not isinstance(row[name], kind):
                        self.fail(f"{where}.{name}", f"must be a {kind.__name__}")
                    kwargs[name] = row[name]
            if "hours" in kwargs and parse_hours(kwargs["hours"]) is None:
                self.fail(f"{where}.hours", f"{kwargs['hours']!r} is not a span like \"08:00-18:00\"")
            items.append(cls(ident, self.text(row, f"{where}.zh"), self.text(row, f"{where}.en"), **kwargs))
        return tuple(items)

    def categories(self, rows) -> tuple[Category, ...]:
        def label_only(ident, zh, en, subtags=None):
            return Label(ident, zh, en)

        plain = self.labelled(rows, "categories", label_only, {"subtags": list})
        result = []
        for i, label in enumerate(plain):
            subtags = self.labelled(rows[i].get("subtags") or None, f"categories[{i}].subtags", Label, {})
            result.append(Category(label.id, label.zh, label.en, subtags))
        return tuple(result)
