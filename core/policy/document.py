"""The floor's policy as data: SLA targets, calendar, keywords, categories, channels,
departments, callback rules, alerts, shifts and the report's phrase words. Built-in defaults
are the floor's handbook values (docs/policy.md lists them); a TOML file overrides them
section by section. Every error names the file, the key and what is wrong.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.basics import PolicyError, Term
from core.policy.calendar import WorkingCalendar
from core.policy.shifts import Shifts, read_shifts
from core.policy.values import (  # noqa: F401  (the value types are part of the policy's API)
    WEEKDAYS,
    AlertRules,
    CallbackRules,
    Category,
    Channel,
    DepartmentDefault,
    Label,
    Reader,
    Target,
    Vocabulary,
    parse_clock_time,
    parse_hours,
    parse_target,
)

TIERS = ("red", "yellow", "green")


@dataclass(frozen=True)
class Policy:
    source: str | Term
    timezone: str
    language: str | None  # None: each agent's --lang or locale decides
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
    at_risk: timedelta = timedelta(hours=1)
    """A ticket whose next target is this near (working time in business mode) is at risk:
    the queue shows it first, while it can still be saved."""
    pause_on_handoff: bool = False
    """A handoff waiting for its department ("sent") pauses the ticket's solution clock."""
    keys: tuple[tuple[str, str], ...] = ()  # the floor's remapped keys: (binding id, keys)
    callbacks: CallbackRules = CallbackRules()  # [callbacks]: when each callback is due
    alerts: AlertRules = AlertRules()  # [alerts]: when supervisors are told before a breach
    shifts: Shifts = Shifts()  # [shifts]: who is expected at work when (default: everyone "hours")
    exports_folder: str = "exports"
    """[exports] folder: where the floor's report exports go unless a supervisor types another
    path; relative to the floor file's folder (on PostgreSQL: to ~/callfloor). See
    core.report.export_file.exports_folder."""
    phrases: Vocabulary = Vocabulary()
    """[phrases] keep and ignore: the floor's own words for the report's "what customers keep
    saying" (core.report.phrases)."""

    def category(self, id_: str) -> Category | None:
        return next((c for c in self.categories if c.id == id_), None)


def _labels(rows, cls=Label, **extra):
    return tuple(cls(*row[:3], **{k: v for k, v in zip(extra, row[3:], strict=False)}) for row in rows)


DEFAULT_CATEGORIES = (
    Category(
        "quality",
        "产品质量",
        "Product quality",
        _labels(
            [
                ("defect", "功能缺陷", "Function defect"),
                ("appearance", "外观瑕疵", "Appearance flaw"),
                ("missing_item", "漏发", "Missing item"),
                ("damage", "破损", "Damage"),
            ]
        ),
    ),
    Category(
        "efficiency",
        "服务效率",
        "Service efficiency",
        _labels(
            [("delivery_delay", "物流配送", "Delivery delay"), ("slow_response", "响应速度", "Slow response")]
        ),
    ),
    Category("attitude", "人员态度", "Staff attitude"),
    Category("process", "流程优化", "Process"),
    Category("howto", "操作咨询", "How-to question"),
    Category("billing", "账单疑问", "Billing"),
    Category("other", "其他", "Other"),
)
DEFAULT_CHANNELS = (
    Channel("phone", "电话", "Phone"),
    Channel("online_ticket", "线上工单", "Online ticket"),
    Channel("online_chat", "在线客服", "Online chat"),
    Channel("email", "邮件", "Email"),
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
    "red": (
        "漏发",
        "破损",
        "今天必须",
        "延迟",
        "故障",
        "投诉",
        "missing item",
        "missing",
        "damaged",
        "broken",
        "delayed",
        "delay",
        "late delivery",
        "fault",
        "faulty",
        "not working",
        "complaint",
        "complain",
        "must be today",
    ),
    "yellow": (),
    "green": ("建议", "表扬", "suggestion", "suggest", "praise", "compliment"),
}
DEFAULT_TOML = """
[floor]
timezone = "Asia/Shanghai"
update_cutoff = "17:00"

[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri"]
hours = ["09:00-18:00"]
official = "CN"
holidays = []
extra_workdays = []
not_holidays = []
not_workdays = []

[sla]
mode = "business"
default_tier = "yellow"
at_risk = "1h"
pause_on_handoff = false
red = { response = "15m", solution = "2h" }
yellow = { response = "30m", solution = "4h" }
green = { response = "1h", solution = "24h" }

[handoff]
stuck_after = "2h"
sync_within = "30m"

[callbacks]
resolved_within = "24h"
complaint_from = 2
complaint_by = 3
complaint_words = ["投诉", "complaint", "complain"]
new_customer_from = 3
new_customer_by = 7
long_standing_after = "90d"
long_standing_every = "quarter"
churn_every = "quarter"
low_score_max = 2
low_score_within = 3
verify_within = "7d"
max_attempts = 3
retry_after = "2h"
look_back = "7d"
gap = "7d"
low_score_to = "team"
morning_ends = "12:00"

[alerts]
unclaimed_red = "5m"
owner_away = "30m"
bell = false

[shifts]
default = "hours"

[exports]
folder = "exports"

[phrases]
keep = []
ignore = []
"""

_SECTIONS = {
    "floor": {"timezone", "language", "update_cutoff"},
    "calendar": {
        "workdays",
        "hours",
        "official",
        "holidays",
        "extra_workdays",
        "not_holidays",
        "not_workdays",
    },
    "sla": {"mode", "default_tier", "at_risk", "pause_on_handoff", *TIERS},
    "handoff": {"stuck_after", "sync_within"},
    "callbacks": {
        "resolved_within",
        "complaint_from",
        "complaint_by",
        "complaint_words",
        "new_customer_from",
        "new_customer_by",
        "long_standing_after",
        "long_standing_every",
        "churn_every",
        "low_score_max",
        "low_score_within",
        "verify_within",
        "max_attempts",
        "retry_after",
        "look_back",
        "gap",
        "low_score_to",
        "morning_ends",
    },
    "alerts": {"unclaimed_red", "owner_away", "bell"},
    "exports": {"folder"},
    "phrases": {"keep", "ignore"},
    "shifts": None,  # login (or "default") -> shift pattern(s), checked by read_shifts
    "keys": None,  # binding id -> keys, e.g. "queue.claim" = "ctrl+k"
    "keywords": set(TIERS),
    "categories": None,  # arrays of tables, checked row by row
    "channels": None,
    "departments": None,
}


def default_policy() -> Policy:
    return parse_policy("", Term("policy.source.built_in"))


def read_policy_text(path) -> str:
    try:
        with open(path, "rb") as file:
            return file.read().decode("utf-8")
    except OSError as exc:
        raise PolicyError(str(path), "", "policy.file.unreadable", reason=exc.strerror) from exc
    except UnicodeDecodeError as exc:
        raise PolicyError(str(path), "", "policy.file.not_utf8") from exc


def load_policy(path) -> Policy:
    return parse_policy(read_policy_text(path), str(path))


def parse_policy(text: str, source: str | Term) -> Policy:
    """The policy in text over the built-in defaults; PolicyError names the key at fault."""
    try:
        given = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "", "policy.file.not_toml", error=str(exc)) from exc
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise PolicyError(source, "", "policy.file.too_deep") from None
    _check_keys(given, source)
    defaults = tomllib.loads(DEFAULT_TOML)
    section = lambda name: {**defaults.get(name, {}), **given.get(name, {})}  # noqa: E731
    reader = Reader(source)

    floor, cal, sla, handoff = section("floor"), section("calendar"), section("sla"), section("handoff")
    tz_name = reader.text(floor, "floor.timezone")
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a name too long for a path
        raise PolicyError(source, "floor.timezone", "policy.timezone.unknown", value=tz_name) from exc
    # Unset: each agent's --lang or locale decides.
    language = reader.choice(floor, "floor.language", ("en", "zh")) if "language" in floor else None
    calendar = WorkingCalendar(
        tz=tz,
        workdays=frozenset(
            reader.weekday(d, f"calendar.workdays[{i}]")
            for i, d in enumerate(reader.array(cal, "calendar.workdays"))
        ),
        hours=reader.hours(cal, "calendar.hours"),
        holidays=frozenset(reader.dates(cal, "calendar.holidays")),
        extra_workdays=frozenset(reader.dates(cal, "calendar.extra_workdays")),
        official=reader.official(cal, "calendar.official"),
        not_holidays=frozenset(reader.dates(cal, "calendar.not_holidays")),
        not_workdays=frozenset(reader.dates(cal, "calendar.not_workdays")),
    )
    if not calendar.workdays:
        raise PolicyError(source, "calendar.workdays", "policy.calendar.no_workdays")
    targets = {}
    for tier in TIERS:
        row = sla.get(tier)
        if not isinstance(row, dict):
            raise PolicyError(source, f"sla.{tier}", "policy.sla.not_table")
        unknown = set(row) - {"response", "solution"}
        if unknown:
            raise PolicyError(source, f"sla.{tier}.{sorted(unknown)[0]}", "policy.sla.unknown_key")
        merged = {**defaults["sla"][tier], **row}
        targets[tier] = (
            reader.target(merged, f"sla.{tier}.response"),
            reader.target(merged, f"sla.{tier}.solution"),
        )
    keywords = {
        tier: tuple(
            reader.text(k, f"keywords.{tier}[{i}]").strip().lower()
            for i, k in enumerate(
                reader.array(given.get("keywords", {}), f"keywords.{tier}", DEFAULT_KEYWORDS[tier])
            )
        )
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
        at_risk=reader.duration(sla, "sla.at_risk"),
        pause_on_handoff=reader.flag(sla, "sla.pause_on_handoff"),
        targets=targets,
        keywords=keywords,
        categories=reader.categories(given.get("categories")) or DEFAULT_CATEGORIES,
        channels=reader.labelled(given.get("channels"), "channels", Channel, {"needs_platform": bool})
        or DEFAULT_CHANNELS,
        departments=reader.labelled(
            given.get("departments"), "departments", DepartmentDefault, {"hours": str}
        )
        or DEFAULT_DEPARTMENTS,
        handoff_stuck_after=reader.duration(handoff, "handoff.stuck_after"),
        handoff_sync_within=reader.duration(handoff, "handoff.sync_within"),
        keys=reader.keymap(given.get("keys")),
        callbacks=reader.callbacks(section("callbacks")),
        alerts=reader.alerts(section("alerts")),
        shifts=read_shifts(_over(defaults["shifts"], given.get("shifts")), reader),
        exports_folder=reader.folder(section("exports"), "exports.folder"),
        phrases=reader.phrases(section("phrases")),
    )


def _over(default: dict, given: object) -> object:
    """A table given over its defaults; anything else as given, for its reader to refuse."""
    return {**default, **given} if isinstance(given, dict) else default if given is None else given


def _check_keys(given: dict, source: str | Term) -> None:
    for name, value in given.items():
        if name not in _SECTIONS:
            raise PolicyError(source, name, "policy.section.unknown", known=", ".join(sorted(_SECTIONS)))
        keys = _SECTIONS[name]
        if keys is None:
            continue
        if not isinstance(value, dict):
            raise PolicyError(source, name, "policy.section.not_table", section=name)
        for key in value:
            if key not in keys:
                raise PolicyError(
                    source, f"{name}.{key}", "policy.key.unknown_of", known=", ".join(sorted(keys))
                )
