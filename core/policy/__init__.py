"""The floor's policy as data: the TOML document and its defaults, the values it holds,
the working calendar (hours, holidays) and due-date arithmetic on it.
"""

from core.policy import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.policy.calendar import WorkingCalendar
from core.policy.deadlines import parse_deadline
from core.policy.document import (
    TIERS,
    Policy,
    Target,
    default_policy,
    load_policy,
    parse_policy,
    read_policy_text,
)
from core.policy.shifts import ShiftRule, Shifts
from core.policy.toml_text import policy_toml
from core.policy.values import AlertRules, CallbackRules, Vocabulary, parse_hours

__all__ = [
    "AlertRules",
    "CallbackRules",
    "Policy",
    "ShiftRule",
    "Shifts",
    "TIERS",
    "Target",
    "Vocabulary",
    "WorkingCalendar",
    "default_policy",
    "load_policy",
    "parse_deadline",
    "parse_hours",
    "parse_policy",
    "policy_toml",
    "read_policy_text",
]
