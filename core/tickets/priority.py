"""Keyword auto-priority: words in the description set the tier on intake (docs/floor.md step 3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.policy import TIERS, Policy


@dataclass(frozen=True)
class TierGuess:
    tier: str
    keyword: str | None  # the keyword that fired, None when the default tier applies

    @property
    def source(self) -> str:
        return f"keyword:{self.keyword}" if self.keyword else "default"


def guess_tier(text: str, policy: Policy) -> TierGuess:
    """The most urgent tier whose keyword appears; the earliest such keyword is reported.

    CJK keywords match anywhere (Chinese has no spaces); Latin ones match whole words,
    case-insensitively, so "late" does not fire on "later".
    """
    lowered = text.lower()
    for tier in TIERS:
        hits = [(m.start(), kw) for kw in policy.keywords[tier] if (m := _pattern(kw).search(lowered))]
        if hits:
            return TierGuess(tier, min(hits)[1])
    return TierGuess(policy.default_tier, None)


@lru_cache(maxsize=512)
def _pattern(keyword: str) -> re.Pattern:
    escaped = re.escape(keyword.lower())
    if keyword.isascii():
        return re.compile(rf"(?<![a-z0-9]){escaped}(?![a-z0-9])")
    return re.compile(escaped)
