"""The policy in force written out as a TOML file: every key, defaults included, that
`policy check` accepts and `policy load` takes back after editing (policy_toml(parse(x))
parses to the same policy). `callfloor policy show` prints it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, time, timedelta

from core.policy.document import TIERS, Policy
from core.policy.official import library_version
from core.policy.shifts import Shifts
from core.policy.values import WEEKDAYS, AlertRules, CallbackRules, Label, Target


def policy_toml(policy: Policy, heading: Iterable[str] = ()) -> str:
    """The whole policy as TOML; heading: comment lines put first (where it came from)."""
    cal = policy.calendar
    lines = [f"# {line}" for line in heading]
    lines += ["[floor]", f"timezone = {_str(policy.timezone)}"]
    if policy.language is not None:
        lines.append(f"language = {_str(policy.language)}")
    else:
        lines.append('# language = "zh"  (unset: each agent\'s --lang or locale decides)')
    lines += [f"update_cutoff = {_str(_clock(policy.update_cutoff))}", ""]

    official = cal.official.country if cal.official else "none"
    lines += [
        "[calendar]",
        f"workdays = {_list(WEEKDAYS[d] for d in sorted(cal.workdays))}",
        f"hours = {_list(f'{_clock(a)}-{_clock(b)}' for a, b in cal.hours)}",
        f"# official public holidays and make-up working days (调休): python-holidays {library_version()}",
        f"official = {_str(official)}",
        "# the floor's own days off and working days, over the official calendar",
        f"holidays = {_dates(cal.holidays)}",
        f"extra_workdays = {_dates(cal.extra_workdays)}",
        "# official days the floor does not follow",
        f"not_holidays = {_dates(cal.not_holidays)}",
        f"not_workdays = {_dates(cal.not_workdays)}",
        "",
        "[sla]",
        f"mode = {_str(policy.sla_mode)}",
        f"default_tier = {_str(policy.default_tier)}",
        f"at_risk = {_str(_duration(policy.at_risk))}",
        f"pause_on_handoff = {_bool(policy.pause_on_handoff)}",
    ]
    for tier in TIERS:
        response, solution = policy.targets[tier]
        lines.append(
            f"{tier} = {{ response = {_str(_target(response))}, solution = {_str(_target(solution))} }}"
        )
    lines += [
        "",
        "[handoff]",
        f"stuck_after = {_str(_duration(policy.handoff_stuck_after))}",
        f"sync_within = {_str(_duration(policy.handoff_sync_within))}",
        "",
        *_callbacks(policy.callbacks),
        "",
        *_alerts(policy.alerts),
        "",
        *_shifts(policy.shifts),
        "",
        "[exports]",
        "# where report exports go unless a supervisor types another path; relative: beside the floor file",
        f"folder = {_str(policy.exports_folder)}",
        "",
        "[phrases]",
        "# what customers keep saying (the report): words kept whole (product names), words ignored",
        f"keep = {_list(policy.phrases.keep)}",
        f"ignore = {_list(sorted(policy.phrases.ignore))}",
        "",
        "[keywords]",
        *(f"{tier} = {_list(policy.keywords[tier])}" for tier in TIERS),
    ]
    if policy.keys:
        lines += ["", "[keys]", *(f"{_str(ident)} = {_str(keys)}" for ident, keys in policy.keys)]
    for category in policy.categories:
        lines += ["", "[[categories]]", *_label(category)]
        if category.subtags:
            subtags = ", ".join(_inline(tag) for tag in category.subtags)
            lines.append(f"subtags = [{subtags}]")
    for channel in policy.channels:
        lines += ["", "[[channels]]", *_label(channel)]
        if channel.needs_platform:
            lines.append("needs_platform = true")
    for department in policy.departments:
        lines += ["", "[[departments]]", *_label(department)]
        if department.hours:
            lines.append(f"hours = {_str(department.hours)}")
    return "\n".join(lines) + "\n"


def _callbacks(rules: CallbackRules) -> list[str]:
    return [
        "[callbacks]",
        f"resolved_within = {_str(_duration(rules.resolved_within))}",
        f"complaint_from = {rules.complaint_from}",
        f"complaint_by = {rules.complaint_by}",
        f"complaint_words = {_list(rules.complaint_words)}",
        f"new_customer_from = {rules.new_customer_from}",
        f"new_customer_by = {rules.new_customer_by}",
        f"long_standing_after = {_str(_duration(rules.long_standing_after))}",
        f"long_standing_every = {_str(rules.long_standing_every)}",
        f"churn_every = {_str(rules.churn_every)}",
        f"low_score_max = {rules.low_score_max}",
        f"low_score_within = {rules.low_score_within}",
        f"verify_within = {_str(_duration(rules.verify_within))}",
        f"max_attempts = {rules.max_attempts}",
        f"retry_after = {_str(_duration(rules.retry_after))}",
        f"look_back = {_str(_duration(rules.look_back))}",
        f"gap = {_str(_duration(rules.gap))}",
        f"low_score_to = {_str(rules.low_score_to)}",
        f"morning_ends = {_str(rules.morning_ends.strftime('%H:%M'))}",
    ]


def _alerts(rules: AlertRules) -> list[str]:
    return [
        "[alerts]",
        "# a red ticket still unclaimed this long before its response target: supervisors are told",
        f"unclaimed_red = {_str(_duration(rules.unclaimed_red))}",
        "# a ticket this near its solution target whose owner is away: supervisors and the owner are told",
        f"owner_away = {_str(_duration(rules.owner_away))}",
        f"bell = {_bool(rules.bell)}",
    ]


def _shifts(shifts: Shifts) -> list[str]:
    lines = ["[shifts]", "# who is expected at work when, per login (docs/policy.md); default: everyone else"]
    for login, rules in (("default", shifts.default), *shifts.by_login):
        texts = [rule.text for rule in rules]
        value = _str(texts[0]) if len(texts) == 1 else _list(texts)
        lines.append(f"{_key(login)} = {value}")
    return lines


def _key(name: str) -> str:
    """A TOML key: bare when it can be (a login with a dot is quoted)."""
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _str(name)


def _str(text: str) -> str:
    # A TOML basic string: JSON's escapes (\" \\ \n \t \uXXXX) are all valid TOML escapes.
    return json.dumps(text, ensure_ascii=False)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _list(items: Iterable[str]) -> str:
    return "[" + ", ".join(_str(item) for item in items) + "]"


def _clock(at: time) -> str:
    return f"{at:%H:%M}"


def _dates(days: Iterable[date]) -> str:
    """Dates in order, runs of consecutive days as ranges ("2026-10-01..2026-10-07")."""
    spans: list[list[date]] = []
    for day in sorted(days):
        if spans and (day - spans[-1][1]).days == 1:
            spans[-1][1] = day
        else:
            spans.append([day, day])
    return _list(a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}" for a, b in spans)


def _target(target: Target) -> str:
    # whole days from two on ("90d"), else hours and minutes ("24h" reads as the handbook does)
    days, rest = (
        divmod(target.minutes, 1440)
        if target.minutes % 1440 == 0 and target.minutes >= 2880
        else (0, target.minutes)
    )
    hours, minutes = divmod(rest, 60)
    text = (
        (f"{target.working_days}wd" if target.working_days else "")
        + (f"{days}d" if days else "")
        + (f"{hours}h" if hours else "")
        + (f"{minutes}m" if minutes else "")
    )
    return text or "0m"


def _duration(span: timedelta) -> str:
    return _target(Target(minutes=int(span.total_seconds() // 60)))


def _label(label: Label) -> list[str]:
    return [f"id = {_str(label.id)}", f"zh = {_str(label.zh)}", f"en = {_str(label.en)}"]


def _inline(label: Label) -> str:
    return f"{{ id = {_str(label.id)}, zh = {_str(label.zh)}, en = {_str(label.en)} }}"
