"""The workbooks' sheet of what customers kept saying (issue 23): the period's top phrases
(core.report.period_phrases), weekly and monthly alike.

A phrase is the customers' own words: written as text (core.report.book: never a formula, a
link or a number) and, unless the export is clear, with phone and order numbers masked as every
customer text of the workbook is (a product code can be one).
"""

from __future__ import annotations

from core.report.book import Book
from core.report.figures import ratio
from core.report.long_sheets import Privacy
from core.report.period_phrases import PeriodPhrases

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("rank", "count", 8),
    ("phrase", "text", 40),
    ("tickets", "count", 12),
    ("share", "rate", 12),
    ("examples", "text", 40),
)
"""(words' key, kind, width cap) of each column."""


def phrase_sheet(book: Book, said: PeriodPhrases, privacy: Privacy, empty: str) -> None:
    """Rank, phrase, the tickets that said it, their share of the tickets that said anything
    (the note under the table says how many), and example tickets; empty under the heading
    when nobody said anything."""
    w = book.words
    rows = [
        (rank, privacy.text(p.text), p.count, ratio(p.count, said.tickets), ", ".join(p.examples))
        for rank, p in enumerate(said.phrases, 1)
    ]
    ws = book.table(
        w.sheet("phrases"),
        [w(key) for key, _, _ in COLUMNS],
        rows,
        tuple(kind for _, kind, _ in COLUMNS),
        caps=[cap for _, _, cap in COLUMNS],
        empty=empty,
    )
    if rows:
        ws.write_string(len(rows) + 2, 0, w("phrases_note", n=said.tickets), book.note)
