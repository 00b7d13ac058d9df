"""Why a callback was booked, as facts a screen can say in its own language. The booking writes
a reason line in English for the record (core.callbacks.schedule and low_scores: "T000123
resolved 2026-12-01 10:31", "churn risk, 2026-Q4", "callback #4781 scored 2 of 5: ..."); this
reads those lines back into a code and its values. A line in no known shape (an imported or
older one) comes back as ("text", {"text": line})."""

from __future__ import annotations

import re

_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("resolved", re.compile(r"^(?P<ref>\S+) resolved (?P<at>\d{4}-\d{2}-\d{2} \d{2}:\d{2})$")),
    ("delivered", re.compile(r"^delivered (?P<day>\d{4}-\d{2}-\d{2})$")),
    ("churn_risk", re.compile(r"^churn risk, (?P<period>\d{4}-[QH]\d)$")),
    ("long_standing", re.compile(r"^customer since (?P<day>\d{4}-\d{2}-\d{2}), (?P<period>\d{4}-[QH]\d)$")),
    (
        "low_score",
        re.compile(r"^callback #(?P<number>\d+) scored (?P<score>\d) of 5(?:: (?P<said>.*))?$", re.S),
    ),
    ("improvement", re.compile(r"^(?P<ref>[^:\s]+): (?P<text>.*)$", re.S)),
)


def reason_facts(group: str, reason: str | None) -> tuple[str, dict[str, str]]:
    """(code, values) for a callback's reason line; ("", {}) without one."""
    if not reason:
        return "", {}
    for code, shape in _SHAPES:
        if code == "improvement" and group != "improvement_verify":
            continue
        match = shape.match(reason.strip())
        if match:
            return code, {k: v or "" for k, v in match.groupdict().items()}
    return "text", {"text": reason}


__all__ = ["reason_facts"]
