"""What goes into one cell of the report: masked text, Excel's dates, column widths.

- Privacy (docs/floor.md): unless the export is clear, phone and order numbers inside free text
  are masked by core.basics.masking.mask_text, the rule of every masked view (the wall board too).
- Dates are the floor's wall-clock time without a zone (Excel has no time zones).
- A column is as wide as its widest text, counting an East Asian wide character as two,
  within a cap, so Chinese text is not cut off; long text wraps in its capped column, its row
  given the height of its lines (wrapped_height: neither LibreOffice nor every Excel grows a
  row for wrapped text on opening the file).
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from core.basics import mask_text

MAX_CELL_TEXT = 32_767
"""Excel keeps at most this many characters (UTF-16 units) in a cell."""
TRUNCATED = " …"


def mask_free_text(text: str | None) -> str:
    """Free text with its phone and order numbers masked."""
    return mask_text(text)


def local_naive(moment: datetime | None, tz) -> datetime | None:
    """An instant as the floor's wall-clock time, without a zone: what Excel can hold."""
    return None if moment is None else moment.astimezone(tz).replace(tzinfo=None)


def fit_excel(text: str) -> str:
    """text cut to what one Excel cell holds."""
    if len(text) * 2 <= MAX_CELL_TEXT:
        return text
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > MAX_CELL_TEXT - len(TRUNCATED):
            return text[:index] + TRUNCATED
    return text


def text_width(text: str) -> int:
    """Columns the text takes: East Asian wide and full-width characters count two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


LINE_POINTS = 16
"""A wrapped line's height in points at 11 pt, the CJK fallback fonts' (taller than Calibri's 15)."""


def wrapped_lines(text: str | None, cap: int) -> int:
    """About how many lines text takes wrapped in a column cap characters wide (its width
    with padding). Quick: a character of three bytes in UTF-8 (CJK, full-width punctuation)
    counts two, others one; ASCII a tenth wider for the words that do not fill a line."""
    if not text or len(text) <= cap // 2:
        return 1
    if text.isascii():
        width = len(text) * 11 // 10
    else:
        width = len(text) + (len(text.encode("utf-8")) - len(text)) // 2
    return max(1, -(-width // (cap + 2)))


def wrapped_height(lines: int) -> float | None:
    """The height of a row of that many wrapped lines, in points; None for one line (the
    default height)."""
    return None if lines <= 1 else float(LINE_POINTS * lines)


class Widths:
    """The widest text seen per column, from the header's, within each column's cap."""

    PADDING = 2

    def __init__(self, headers: list[str], caps: list[int]):
        self.caps = caps
        self.seen = [min(text_width(h), cap) for h, cap in zip(headers, caps, strict=True)]

    def see(self, col: int, text: str) -> None:
        seen = self.seen[col]
        if seen >= self.caps[col] or len(text) * 2 <= seen:
            return  # cannot be wider than what is already kept
        width = text_width(text.split("\n", 1)[0])
        if width > seen:
            self.seen[col] = min(width, self.caps[col])

    def columns(self) -> list[int]:
        return [w + self.PADDING for w in self.seen]
