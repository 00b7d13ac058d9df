"""The weekly workbook's Improvements sheet (issue 23; core.report.improvements): the week's
improvement actions and each recently closed one's expected figure against the measured one,
then a line counting those opened, due, late, done and closed in the week.

A title is typed text: written as text, never a formula (core.report.book). A measured share is
a percentage, a measured count a number a week, each in its own column, so every cell keeps
its number format.
"""

from __future__ import annotations

from core.improvement import STATUS_WORDS
from core.report.book import Book
from core.report.improvements import COUNTS, Improvements

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("action_number", "text", 8),
    ("action_title", "long", 36),
    ("action_problem", "long", 24),
    ("action_status", "text", 12),
    ("department", "text", 14),
    ("owner", "text", 12),
    ("action_due", "date", 17),
    ("action_this_week", "text", 24),
    ("action_expected", "text", 24),
    ("measured_share", "rate", 12),
    ("measured_count", "score", 12),
    ("measured_weeks", "text", 24),
    ("action_met", "text", 12),
)
"""(words' key, kind, width cap) of each column."""
ACTION_STATUSES = {ident: (en.capitalize(), zh) for ident, (en, zh) in STATUS_WORDS.items()}
"""As the workbook says a status: capitalised in English, as its other coded values are."""
IN_WEEK = {
    "opened": ("opened", "新建"),
    "due": ("due", "到期"),
    "late": ("late", "逾期"),
    "done": ("done", "完成"),
    "closed": ("closed", "闭环"),
}


def problem_words(w, problem: tuple[str | None, str | None, str | None]) -> str:
    """ "Service efficiency / Delivery delay", "“态度生硬”": the category and sub-tag as the
    policy names them, a phrase in quotes."""
    category, subtag, phrase = problem
    said = [w.item("category", category), w.item("subtag", subtag)]
    if phrase:
        said.append(f"“{phrase}”")
    return " / ".join(part for part in said if part)


def improvement_sheet(book: Book, found: Improvements) -> None:
    w = book.words
    language = w.language
    zh = language == "zh"
    closed = {c.number: c for c in found.closed}
    numbers = [a.number for a in found.actions] + [
        n for n in closed if n not in {a.number for a in found.actions}
    ]
    lines = {a.number: a for a in found.actions}
    rows = []
    for number in numbers:
        line, result = lines.get(number), closed.get(number)
        one = line or result
        assert one is not None  # every number is a line's or a result's
        flags = line.flags if line else ()
        met = None if result is None else result.met
        rows.append(
            (
                f"A{number}",
                one.title,
                problem_words(w, one.problem),
                w.pick(ACTION_STATUSES, line.status if line else "closed"),
                w.item("department", one.department),
                one.owner,
                one.due_at,
                ("、" if zh else ", ").join(IN_WEEK[f][1 if zh else 0] for f in flags),
                one.expected.say(language),
                result.measured if result and result.expected.measure == "share" else None,
                result.measured if result and result.expected.measure == "count" else None,
                " – ".join((result.weeks[0], result.weeks[-1])) if result and result.weeks else "",
                "" if result is None else w("action_not_yet") if met is None else w.yes_no(met),
            )
        )
    ws = book.table(
        w.sheet("improvements"),
        [w(key) for key, _, _ in COLUMNS],
        rows,
        tuple(kind for _, kind, _ in COLUMNS),
        caps=[cap for _, _, cap in COLUMNS],
        empty=w("no_rows"),
    )
    counts = ("、" if zh else " · ").join(f"{IN_WEEK[k][1 if zh else 0]} {found.counts[k]}" for k in COUNTS)
    ws.write_string(max(len(rows), 1) + 2, 0, w("actions_counted", counts=counts), book.note)
