"""The long sheets' columns and rows: Tickets (every ticket of the week), Callbacks (the week's
done callbacks, low scores highlighted) and Suggestions (what those callbacks said, grouped).

The rows come from core.report.export_rows in the sheets' column order; each column says
what it shows for a value (an id's name in the report's language, a masked phone), worked out
once per distinct value. Phones are masked (core.basics.masking.mask_phone), and free text, customer
names and codes have their phone and order numbers masked (core.report.cells.mask_free_text),
unless the export is clear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from core.basics import mask_phone
from core.report.cells import mask_free_text
from core.report.figures import ratio
from core.report.streamed import DATE, NUMBER, RATE, SCORE, WRAP, Column, StreamedSheet
from core.report.words import FOLLOW_UPS, METHODS, STATUSES, TIERS, Words


class Privacy:
    """Masked (the default) or clear phones and free text."""

    def __init__(self, clear: bool):
        self.clear = clear
        self._said: dict[str | None, str] = {}

    def phone(self, phone: str | None) -> str:
        return (phone or "") if self.clear else mask_phone(phone)

    def text(self, text: str | None) -> str:
        return (text or "") if self.clear else mask_free_text(text)

    def said(self, text: str | None) -> str:
        """Callback feedback and suggestions: often said alike, so each is masked once."""
        found = self._said.get(text)
        if found is None:
            found = self._said[text] = self.text(text)
        return found


def _named(names: dict[str, str]) -> Callable:
    return lambda ident: names.get(ident, ident)


def ticket_columns(w: Words, privacy: Privacy) -> list[Column]:
    """In the order of core.report.export_rows.TICKET_FIELDS."""
    return [
        Column(w("ref"), cap=16),
        Column(w("received_at"), DATE),
        Column(w("channel"), cap=16, repeats=True, shown=_named(w.items("channel"))),
        Column(w("category"), cap=20, repeats=True, shown=_named(w.items("category"))),
        Column(w("subtag"), cap=16, repeats=True, shown=_named(w.items("subtag"))),
        Column(w("tier"), cap=8, repeats=True, shown=_named(w.choices(TIERS))),
        Column(w("status"), cap=12, repeats=True, shown=_named(w.choices(STATUSES))),
        Column(w("owner"), cap=16, repeats=True),
        Column(w("customer_code"), cap=14, repeats=True, shown=privacy.text),  # a code may be a phone
        Column(w("customer"), cap=24, repeats=True, shown=privacy.text),
        Column(w("phone"), cap=18, repeats=True, shown=privacy.phone),
        Column(w("first_response_at"), DATE),
        Column(w("response_due_at"), DATE),
        Column(w("resolved_at"), DATE),
        Column(w("wait_minutes"), NUMBER, cap=10),
        Column(w("reopened_count"), NUMBER, cap=10),
        Column(w("inbound_contacts"), NUMBER, cap=10),
        Column(w("description"), WRAP, cap=44, shown=privacy.text),
    ]


def callback_columns(w: Words, privacy: Privacy) -> list[Column]:
    """In the order of core.report.export_rows.CALLBACK_FIELDS (up to feedback)."""
    yes_no = {1: w("yes"), 0: w("no")}
    return [
        Column(w("completed"), DATE),
        Column(w("group"), cap=20, repeats=True, shown=_named(w.groups())),
        Column(w("customer_code"), cap=14, repeats=True, shown=privacy.text),
        Column(w("customer"), cap=30, repeats=True, shown=privacy.text),
        Column(w("phone"), cap=18, repeats=True, shown=privacy.phone),
        Column(w("ticket"), cap=16),
        Column(w("agent"), cap=16, repeats=True),
        Column(w("method"), cap=8, repeats=True, shown=_named(w.choices(METHODS))),
        Column(w("overall"), NUMBER, cap=10),
        Column(w("efficiency"), NUMBER, cap=10),
        Column(w("solving"), NUMBER, cap=10),
        Column(w("attitude"), NUMBER, cap=10),
        Column(w("warm"), cap=8, repeats=True, shown=yes_no.get),
        Column(w("follow_up"), cap=16, repeats=True, shown=_named(w.choices(FOLLOW_UPS))),
        Column(w("feedback"), WRAP, cap=50, repeats=True, shown=privacy.said),
    ]


def suggestion_columns(w: Words) -> list[Column]:
    return [
        Column(w("kind"), cap=12, repeats=True),
        Column(w("text"), WRAP, cap=60),
        Column(w("times"), NUMBER, cap=10),
        Column(w("share_of_callbacks"), RATE, cap=10),
        Column(w("average_overall"), SCORE, cap=10),
        Column(w("last_said"), DATE),
    ]


def write_tickets(rows: Iterable[tuple], sheet: StreamedSheet, progress: Callable[[int], None]) -> None:
    """The Tickets sheet from core.report.export_rows.ticket_rows."""
    sheet.add_all(rows, progress)


class _Said:
    """One suggestion or feedback text: how often the week's callbacks said it."""

    __slots__ = ("times", "scores", "scored", "last")

    def __init__(self):
        self.times = self.scores = self.scored = 0
        self.last = None

    def add(self, overall: int | None, when: str) -> None:
        self.times += 1
        if overall is not None:
            self.scores += overall
            self.scored += 1
        self.last = when  # the rows come in order of completion


def write_callbacks(
    rows: Iterable[tuple],
    sheet: StreamedSheet,
    suggestions: StreamedSheet,
    w: Words,
    privacy: Privacy,
    low_max: int,
) -> int:
    """The Callbacks sheet from core.report.export_rows.callback_rows, low scores highlighted,
    and the Suggestions sheet: every suggestion and feedback text with how often it was said,
    suggestions first, the most said first. Returns the number of callbacks."""
    add, said_as, done = sheet.add, privacy.said, 0
    said: dict[tuple[int, str], _Said] = {}  # (0 suggestion or 1 feedback, text) -> tally
    for row in rows:
        done += 1
        overall = row[8]
        add(row, overall is not None and overall <= low_max)
        for kind, text in ((0, row[16]), (1, row[14])):  # suggestion, feedback
            if text:
                text = said_as(text).strip()
                if text:
                    (said.get((kind, text)) or said.setdefault((kind, text), _Said())).add(overall, row[0])
    for (kind, text), tally in sorted(
        said.items(), key=lambda item: (item[0][0], -item[1].times, item[0][1])
    ):
        suggestions.add(
            (
                w("suggestion" if kind == 0 else "feedback"),
                text,
                tally.times,
                ratio(tally.times, done),
                ratio(tally.scores, tally.scored, 2),
                tally.last,
            )
        )
    return done
