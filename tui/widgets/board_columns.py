"""The board's word columns for a width: which there are, how wide, and the gaps between.

Three shapes: under WIDE (an agent's 80 columns) short marks and stage times; from WIDE the
deadline and the marks spelled out; from BIG_WIDTH (a wall screen) three-line rows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tui.text.block_font import block_width

WIDE = 120
"""From this many columns: the deadline and the marks spelled out (below it the marks are one
character each and the screen shows their legend)."""
LONG_STAGES = 160
"""From this many columns the stage times carry their words (10:00 sent → …)."""
BIG_WIDTH = 200
"""From this many columns (a wall screen) a row is three lines: the ticket and the countdown in
block letters, the department on a coloured band, what is needed on up to two lines."""
REF_SAMPLE = "T000000"
"""A ticket ref as wide as the floor's refs: the big ticket column fits it in block letters."""


@dataclass(frozen=True)
class Column:
    key: str  # i18n key of the heading, and the name of the value
    width: int
    gap: int = 1
    """Blank cells after it."""


@lru_cache(maxsize=8)
def layout(width: int, table_width: int) -> tuple[Column, ...]:
    """The word columns for the words' width, by the whole table's width (which decides the
    countdown's width too). What is needed takes the room the others leave."""
    if table_width >= BIG_WIDTH:
        return _wall_layout(width)
    if table_width >= WIDE:
        extra = max(0, table_width - WIDE) // 10
        stages = 44 if table_width >= LONG_STAGES else 14
        before = [Column("ref", 7), Column("department", 12 + extra), Column("customer", 10 + extra)]
        after = [Column("stages", stages), Column("due", 11), Column("flags", 11)]
    else:
        # 80 columns: the ticket, the whole department name (Tech support) and the customer
        # uncut; the marks one character each, explained by the legend under the rows
        before = [Column("ref", 7), Column("department", 12), Column("customer", 10)]
        after = [Column("stages", 13), Column("flags", 3)]
    used = sum(c.width + c.gap for c in before + after) + 2
    return tuple([*before, Column("need", max(8, width - used)), *after])


NEED_MEASURE = 60
"""On a wall the need wraps at most this wide: two lines still read at a glance; the rest of
the width goes to the department band and the gutters, not to a column of blank."""


def _wall_layout(width: int) -> tuple[Column, ...]:
    """Three-line rows: the ref in block letters, the department band, the need on two lines."""
    ref = Column("ref", block_width(REF_SAMPLE), 3)
    department, customer = 18, 16
    gap = 2
    fixed = [("stages", 34), ("due", 11), ("flags", 11)]
    used = 1 + ref.width + ref.gap + department + customer + sum(w for _, w in fixed) + 5 * gap + 1
    need = width - used
    if need > NEED_MEASURE:  # room to spare: a wider band, wider gutters, then a wider need
        spare = need - NEED_MEASURE
        grow = min(spare, 8)
        department, spare = department + grow, spare - grow
        gap_more = min(spare // 5, 1)
        gap, spare = gap + gap_more, spare - 5 * gap_more
        need = NEED_MEASURE + spare
    return (
        ref,
        Column("department", department, gap),
        Column("customer", customer, gap),
        Column("need", max(8, need), gap),
        *(Column(key, w, gap) for key, w in fixed[:-1]),
        Column(*fixed[-1], 1),
    )
