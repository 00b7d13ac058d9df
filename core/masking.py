"""Phones and order numbers never leave the floor in clear (DOMAIN.md, Privacy)."""
from __future__ import annotations

import re

# A run of digits, spaces and dashes; a date such as 2026-11-20 is not a phone number.
_MOBILE_OR_LONG_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])(?!\d{4}-\d{1,2}-\d{1,2}(?!\d))(?:\+?86[- ]?)?\d[\d -]{6,}\d(?![0-9A-Za-z])"
)


def mask_phone(phone: str | None) -> str:
    """138****5678: the first three and last four digits stay, so agents can still match a caller."""
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]  # +86 138...: the country code is not the part agents match on
    if len(digits) >= 8:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) >= 3:
        return f"****{digits[-2:]}"
    return "****"


def mask_order(number: str | None) -> str:
    """SO2*****001: enough of the ends to recognise the order, not enough to use it."""
    if not number:
        return ""
    if len(number) <= 4:
        return "*" * len(number)
    keep_head = 3 if len(number) >= 10 else 1
    keep_tail = 3 if len(number) >= 7 else 2
    return number[:keep_head] + "*" * (len(number) - keep_head - keep_tail) + number[-keep_tail:]


def mask_text(text: str) -> str:
    """Free text with every phone-like run of 8 or more digits masked."""

    def mask(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return mask_phone(digits) if len(digits) >= 8 else match.group(0)

    return _MOBILE_OR_LONG_NUMBER.sub(mask, text)


def mask_name(name: str | None) -> str:
    """华**, Nor******: the first third of a customer's name, enough for the floor to know
    whose request it is, not enough for a visitor reading the wall screen."""
    if not name:
        return ""
    text = name.strip()
    keep = max(1, len(text) // 3)
    return text[:keep] + "*" * min(len(text) - keep, 6)
