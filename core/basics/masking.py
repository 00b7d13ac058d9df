"""Phones and order numbers never leave the floor in clear (docs/floor.md, Privacy).

One rule for every masked view (lists, the wall board, the masked workbook). Customers write
numbers every way, so the rule reads a folded copy of the text: digits of any script
(full-width １３８) as ASCII digits and full-width punctuation as ASCII, one character for
one, so a match's place in the copy is its place in the text. Then, in this order:

1. dates (2026-12-01, 01/12/2026, a range of two), times (10:00) and the floor's ticket refs
   (T000123) stay as they are;
2. after an order word (订单号, 单号, order no./#) the number is an order number: SO1****678;
3. phone shapes (a mobile, a landline with its area code, 400/800), with or without
   +86/0086/86, separators (space - . / parentheses), glued to words or followed by an
   extension (ext21, 转21, x21, -21), get the hint agents match callers on: 138****5678;
4. two to four letters and six digits or more (SO12345678) are an order number;
5. any other run of seven digits or more, separators between them allowed, is masked too.

Shorter numbers (5天, 99.5元, 3台, 分机8001) stay readable; a bare 8-digit date (20261201) or a
price of seven digits does not. The `phonenumbers` library was weighed: it finds well-formed
phone numbers, but not order numbers nor phones glued to words or in full-width digits, so
this rule would be needed beside it anyway.
Masking is idempotent: digits glued to a mask's stars (the 138 and 5678 of 138****5678) are
what is left of a mask, never a new number.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SEP = r"[ \-./()\u2010-\u2015\u2212]"
"""What people put between a number's digits (the dashes are ones NFKC leaves as they are)."""
_GAP = _SEP + "{0,3}"
_YEAR = r"(?:19[0-9]{2}|2[0-2][0-9]{2})"  # a floor's years (it takes in 1900..2200) and a margin
_MONTH, _DAY = r"(?:0?[1-9]|1[0-2])", r"(?:0?[1-9]|[12][0-9]|3[01])"
_KEPT = re.compile(
    rf"(?<![0-9])(?<![0-9][-./])(?:{_YEAR}[-./]{_MONTH}[-./]{_DAY}|{_DAY}[-./]{_MONTH}[-./]{_YEAR})"
    rf"(?:\s*[-~至到]\s*(?:{_YEAR}[-./])?{_MONTH}[-./]{_DAY})?(?![0-9])(?![-./][+(]?[0-9])"  # a date or two
    r"|(?<![0-9])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?![0-9])"  # a time
    rf"|(?<![A-Za-z0-9])T[0-9]{{6,7}}(?![0-9])(?!{_SEP}{{1,3}}\+?[0-9])"
)  # the floor's ticket ref (core.tickets.lifecycle)
_ORDER = re.compile(
    r"(?:订单(?:编?号)?|单号|(?<![a-z])order(?:\s*(?:no\.?|number|#))?(?![a-z]))\s*[:#]?\s*"
    r"((?=[a-z\-]*[0-9])[a-z0-9][a-z0-9\-]{3,}+)(?!\*)",
    re.IGNORECASE,
)  # not into a mask: SO1****678
_FREE = r"(?<![0-9*\x00])"
"""Starts no number after a digit, a mask's star or a kept date (its fill below): "(" stays."""
_CC = rf"(?:\(?(?:\+|00){_SEP}{{0,2}}86\)?|86){_GAP}"
_PHONE = re.compile(
    _FREE + rf"(?P<cc>{_CC})?(?P<number>"
    rf"\(?1{_GAP}[3-9](?:{_GAP}[0-9]){{9}}"  # a mobile
    # a landline (0 after +86 or not)
    rf"|(?(cc)\(?0?|\(?0)[1-9][0-9]{{1,2}}\)?{_GAP}[1-9](?:{_GAP}[0-9]){{6,7}}"
    rf"|[48]00{_GAP}(?:[0-9]{{3}}{_GAP}[0-9]{{4}}|[0-9]{{4}}{_GAP}[0-9]{{3}})"  # 400/800: 400-123-4567
    r")(?![0-9*])"
)
# A pattern that starts with what it consumes (its look-behind after) is searched for at C speed.
_CODE = re.compile(
    r"[A-Za-z](?<![0-9*\x00][A-Za-z])[A-Za-z]{1,3}-?[0-9](?:-?[0-9]){5,}(?![0-9*])"
)  # glued too
_RUN = re.compile(rf"[0-9](?<![0-9][0-9])(?:{_GAP}[0-9])*")
_DATE_HINT = re.compile(r"[0-9][-./][0-9]")
_DIGIT, _NOT_DIGIT, _DIGITS = re.compile(r"[0-9]"), re.compile(r"[^0-9]"), "0123456789"
_SEPARATORS = " -./()\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_LONG_RUN = 7
"""Digits in a run (separators aside) from which any number is masked."""
_SIX_DIGITS = re.compile(r"\d(?:\D{0,3}\d){5}")  # any script's: fewer leave nothing to mask but an order
_ORDER_WORD = re.compile(r"订单|单号|order|ｏｒｄｅｒ", re.IGNORECASE)
_ORDER_WORD_WIDTH = 24
"""How far before its number an order word may start (order number #: 1023)."""
_TO_FOLD = re.compile(r"[^\x00-\x7f\u3400-\u9fff]")  # ASCII and Chinese characters stay as they are
_KEPT_FILL, _MASKED_FILL = "\x00", "*"
"""What a kept date or a masked number becomes in the folded copy, so later steps pass it by."""
_GLUES = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-./+(")
"""Before a phone, what would join a mask that began with a digit to the text before it."""
_KEPT_BY_MASKS = "0123456789-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""What a mask keeps of the number at its ends (138****5678, SO1****678)."""


@lru_cache(maxsize=4096)
def _folded(ch: str) -> str:
    if ch.isdecimal():
        return str(unicodedata.decimal(ch))
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 and not folded.isdigit() else ch  # ① and ² are no digits


def _fold(text: str) -> str:
    """The text at the same length: any script's digits ASCII, full-width punctuation ASCII."""
    return text if text.isascii() else _TO_FOLD.sub(lambda m: _folded(m[0]), text)


def _hint(digits: str) -> str:
    """138****5678 for a number of phone length (the country code is not what agents match on)."""
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    elif len(digits) == 15 and digits.startswith("00861"):
        digits = digits[4:]
    if len(digits) >= 10:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) >= 3:
        return f"****{digits[-2:]}"
    return "****"


def mask_phone(phone: str | None) -> str:
    """138****5678: the first three and last four digits stay, so agents can still match a caller."""
    if not phone:
        return ""
    folded = _fold(phone)
    found = _PHONE.search(folded)  # the number without its country code, extension or words
    return _hint(_NOT_DIGIT.sub("", found["number"] if found else folded))


def mask_order(number: str | None) -> str:
    """SO2*****001: enough of the ends to recognise the order, not enough to use it."""
    if not number:
        return ""
    if len(number) <= 4:
        return "*" * len(number)
    keep_head = 3 if len(number) >= 10 else 1
    keep_tail = 3 if len(number) >= 7 else 2
    return number[:keep_head] + "*" * (len(number) - keep_head - keep_tail) + number[-keep_tail:]


def mask_text(text: str | None) -> str:
    """Free text with every phone and order number masked, by the rule above."""
    if not text:
        return ""
    order_word = _ORDER_WORD.search(text) is not None
    if not order_word and _SIX_DIGITS.search(text) is None:
        return text  # most texts: no order word, never six digits close together
    folded = _fold(text)
    first = _DIGIT.search(folded)
    if first is None:
        return text
    # Numbers live near digits: the steps read from a little before the first to just after the last.
    near = (max(0, first.start() - 8), min(len(folded), max(map(folded.rfind, _DIGITS)) + 4))
    if ":" in folded or "T" in folded or _DATE_HINT.search(folded, *near) is not None:
        for kept in _KEPT.finditer(folded, *near):
            folded = folded[: kept.start()] + _KEPT_FILL * (kept.end() - kept.start()) + folded[kept.end() :]
    masked: list[tuple[int, int, str]] = []
    for step in (_orders, _phones, _codes, _long_runs) if order_word else (_phones, _codes, _long_runs):
        found = step(text, folded, near)
        masked += found
        for start, end, shown in found:
            folded = folded[:start] + _as_read(shown, end - start) + folded[end:]
    if not masked:
        return text
    pieces: list[str] = []
    at = 0
    for start, end, shown in sorted(masked):
        pieces += (text[at:start], shown)
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _as_read(shown: str, width: int) -> str:
    """A mask as the next steps read it, at the width of what it replaces: its digits at both
    ends, stars between (138******8000), as a second masking will read it, so it changes nothing."""
    shown = _fold(shown)
    head, tail = (
        len(shown) - len(shown.lstrip(_KEPT_BY_MASKS)),
        len(shown) - len(shown.rstrip(_KEPT_BY_MASKS)),
    )
    if head + tail >= width:
        return _MASKED_FILL * width
    return shown[:head] + _MASKED_FILL * (width - head - tail) + shown[len(shown) - tail :]


def _orders(text: str, folded: str, near: tuple[int, int]) -> list[tuple[int, int, str]]:
    return [
        (m.start(1), m.end(1), mask_order(text[m.start(1) : m.end(1)]))
        for m in _ORDER.finditer(folded, max(0, near[0] - _ORDER_WORD_WIDTH), near[1])
    ]


def _phones(text: str, folded: str, near: tuple[int, int]) -> list[tuple[int, int, str]]:
    """A country code or bracket goes with the number, unless it is glued to a word or a
    separator: there it stays as written (Tel+86 138****5678), so a second masking reads
    the text around the mask as the first did."""
    found = []
    for m in _PHONE.finditer(folded, *near):
        start = m.start()
        if start and folded[start - 1] in _GLUES:
            start = m.start("number") + m["number"].startswith("(")
        found.append((start, m.end(), _hint(_NOT_DIGIT.sub("", m["number"]))))
    return found


def _codes(text: str, folded: str, near: tuple[int, int]) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), mask_order(text[m.start() : m.end()])) for m in _CODE.finditer(folded, *near)
    ]


def _long_runs(text: str, folded: str, near: tuple[int, int]) -> list[tuple[int, int, str]]:
    found = []
    for run in _RUN.finditer(folded, *near):
        start, end = run.span()
        if end - start < _LONG_RUN:
            continue  # too short to hold enough digits
        # Digits glued to a mask's stars are what is left of it: at most four after them (the
        # 5678 of 138****5678), three before them (its 138).
        if folded[max(0, start - 2) : start] == "**":
            start += min(4, len(run[0]) - len(run[0].lstrip(_DIGITS)))
        if folded[end : end + 2] == "**":
            end -= min(3, len(run[0]) - len(run[0].rstrip(_DIGITS)))
        number = folded[start:end]
        digits = _NOT_DIGIT.sub("", number)
        if len(digits) >= _LONG_RUN:  # from its first digit to its last
            found.append(
                (
                    start + len(number) - len(number.lstrip(_SEPARATORS)),
                    end - len(number) + len(number.rstrip(_SEPARATORS)),
                    _hint(digits),
                )
            )
    return found


def mask_name(name: str | None) -> str:
    """华**, Nor******: the first third of a customer's name, enough for the floor to know
    whose request it is, not enough for a visitor reading the wall screen."""
    if not name:
        return ""
    text = name.strip()
    keep = max(1, len(text) // 3)
    return text[:keep] + "*" * min(len(text) - keep, 6)
