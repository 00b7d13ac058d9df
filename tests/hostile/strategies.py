"""Generated hostile text: what a customer message, a spreadsheet cell or a policy file may hold.

Terminal escapes, Rich/Textual markup, NUL and other control characters, right-to-left marks,
emoji, whitespace only, and strings far longer than any field allows, mixed with ordinary text.
"""

from __future__ import annotations

from hypothesis import strategies as st

SPECIMENS = (
    "[bold red]X[/]",
    "[link=http://x]y[/link]",
    "[/]",
    "[",
    "]",
    "[@click=app.quit]q[/]",
    "\x1b[31mRED\x1b]0;title\x07",
    "\x1b[2J",
    "\x1b[H",
    "\x1bc",
    "\x9b31m",
    "\r",
    "\r\n",
    "\n",
    "\x00",
    "\x07",
    "\x08",
    "\t",
    "\x7f",
    "\u202e",
    "\u200f",
    "\ufeff",
    "\u2028",
    "🙂",
    "👨‍👩‍👧",
    "华东",
    "مرحبا",
    "   ",
    "",
    "'",
    '"',
    ",",
    ";",
    "=1+1",
    "+86",
    "-",
    "@",
    "{customer}",
    "{",
    "}",
    "%s",
    "\\",
    "NULL",
    "None",
)
"""Pieces known to break terminals, markup parsers, CSV readers and format strings."""

LONG = st.sampled_from(("x" * 70_000, "长" * 100_001, "a\n" * 5_000, " " * 300, "9" * 40))
"""Longer than any limit, or long in a way that matters (one unbroken line, many lines)."""

piece = st.one_of(
    st.sampled_from(SPECIMENS),
    st.text(max_size=12),  # any unicode but surrogates
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=8),  # C0/C1 controls and ASCII
)
hostile_text = st.one_of(st.lists(piece, max_size=6).map("".join), LONG)
"""One field's worth of hostile text."""

SHORT_LONG = st.sampled_from(("x" * 100_001, "长" * 201, "a\n" * 40, " " * 300))
"""Just over the limits (descriptions, names), without files of thousands of lines."""

hostile_cell = st.one_of(st.lists(piece, max_size=6).map("".join), SHORT_LONG)
"""One spreadsheet cell's worth of hostile text: quick enough for files of several rows."""

maybe_text = st.one_of(st.none(), hostile_text)
