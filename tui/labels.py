"""Names of the floor's list items (categories, channels, ...) in the current language."""

from __future__ import annotations

from core.policy import Policy
from tui.i18n import language


def label(policy: Policy, kind: str, ident: str | None) -> str:
    if not ident:
        return ""
    items = {"category": policy.categories, "channel": policy.channels, "department": policy.departments}[
        kind
    ]
    for item in items:
        if item.id == ident:
            return item.name(language())
        for sub in getattr(item, "subtags", ()):
            if sub.id == ident:
                return sub.name(language())
    return ident
