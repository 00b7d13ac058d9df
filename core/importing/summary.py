"""What an import did (or, for --dry-run, would do), counted per kind of record: the CLI prints
.text(), tests read the numbers."""

from __future__ import annotations

from dataclasses import dataclass

SHOWN = 10
"""How many records a line names before it says "and N more"."""


def _named(items: tuple[str, ...], sep: str = ", ") -> str:
    more = f"{sep}and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return sep.join(items[:SHOWN]) + more


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


@dataclass(frozen=True)
class ImportSummary:
    what: str
    """"customers", "tickets", "callbacks" or "contacts"."""
    source: str
    """The file's name (and the sheet read, for a workbook)."""
    created: int = 0
    unchanged: int = 0
    """Already on file and left as they were (for tickets: every ref already on file)."""
    updated: int = 0
    """Customers on file whose values the file changed (tickets are never updated)."""
    updates: tuple[str, ...] = ()
    """One entry per updated record: "C001: phone, type"."""
    customers_created: int = 0
    """Customers the rows named that were not on file yet (tickets, callbacks, contacts)."""
    customers_filled: tuple[str, ...] = ()
    """Customers on file a callback or contact file filled a blank field of: "C002: phone"."""
    customers_kept: tuple[str, ...] = ()
    """Customers on file the file describes otherwise, kept as on file: "C003: phone"."""
    phones_masked: tuple[str, ...] = ()
    """Customers whose phone the file writes masked (138****5678): not kept, there is no number."""
    tickets_created: int = 0
    """Contacts import only: tickets a contact's new reference made."""
    tickets_open: tuple[str, ...] = ()
    """Tickets created open (new work on the queue), by ref."""
    tickets_stamped: int = 0
    """Tickets the file says were resolved but gives no time for: stamped at their received time."""
    no_customer: int = 0
    """Tickets whose row names no customer, filed under the floor's 'not recorded' customer."""
    follow_ups: int = 0
    """Callback import only: low scores that booked the supervisor's follow-up."""
    followed_up: int = 0
    """Callback import only: low scores whose follow-up the file says was already done."""
    low_too_old: int = 0
    """Callback import only: low scores older than the look-back, marked high priority only."""
    look_back_days: int = 0
    reopened: tuple[str, ...] = ()
    """Callback import only: the tickets a low score reopened."""
    differing: tuple[str, ...] = ()
    """Ticket import only: refs on file (counted in unchanged) whose description the file writes
    differently; an import never changes a ticket, so a corrected file must say so."""
    ignored: tuple[str, ...] = ()
    """Columns not read, each with why: "序号: not imported"."""
    above: tuple[str, ...] = ()
    """Text above the header that was skipped (a title)."""
    fields_above: tuple[str, ...] = ()
    """Fields above the table read for every row: "客户编号 = C001"."""
    notes: tuple[str, ...] = ()
    """Other things said about reading the file (which sheet was read)."""
    dry_run: bool = False

    @property
    def rows(self) -> int:
        return self.created + self.unchanged + self.updated

    def lines(self) -> list[str]:
        """The summary for a person: the records the file is about first, then the others."""
        would = self.dry_run
        noun = {"contacts": "contact"}.get(self.what, self.what[:-1])
        plural = self.what
        made = "would be created" if would else "created"
        parts = [f"{_count(self.created, noun, plural)} {made}"]
        if self.updated:
            parts.append(
                f"{self.updated} {'would be updated' if would else 'updated'} ({_named(self.updates, '; ')})"
            )
        if self.unchanged:
            parts.append(f"{self.unchanged} already on file, unchanged")
        if self.differing:
            parts.append(
                f"{len(self.differing)} of those with a different description in the file "
                f"({_named(self.differing)}), kept as on file: an import never changes a ticket "
                "(add a note with the right text)"
            )
        if self.follow_ups:
            parts.append(
                f"{_count(self.follow_ups, 'low score')} {'would book' if would else 'booked'} "
                "the supervisor's follow-up"
            )
        if self.followed_up:
            were = "low score was" if self.followed_up == 1 else "low scores were"
            parts.append(f"{self.followed_up} {were} already followed up")
        if self.low_too_old:
            parts.append(
                f"{_count(self.low_too_old, 'low score')} older than the policy's look-back "
                f"({self.look_back_days} days) marked high priority, no follow-up booked now"
            )
        if self.reopened:
            parts.append(
                f"{_count(len(self.reopened), 'ticket')} {'would be reopened' if would else 'reopened'} "
                f"({_named(self.reopened)})"
            )
        head = f"{self.source}: " + ", ".join(parts)
        lines = [f"dry run, nothing written: {head}" if would else head]
        lines += self._tickets(would) + self._customers(would) + self._notes()
        return lines

    def _tickets(self, would: bool) -> list[str]:
        lines = []
        if self.tickets_created:
            lines.append(f"tickets: {self.tickets_created} {'would be created' if would else 'created'}")
        if self.tickets_open:
            lines.append(
                f"tickets left open, as the file does not say they were solved "
                f"(on the queue now): {_named(self.tickets_open)}"
            )
        if self.tickets_stamped:
            lines.append(
                f"tickets: {self.tickets_stamped} resolved with no time given (解决时间): "
                "stamped at their feedback time"
            )
        if self.no_customer:
            lines.append(
                f"tickets: {self.no_customer} name no customer: filed under the customer "
                "'not recorded' (未记录客户)"
            )
        return lines

    def _customers(self, would: bool) -> list[str]:
        parts = []
        if self.customers_created:
            parts.append(f"{self.customers_created} {'would be created' if would else 'created'}")
        if self.customers_filled:
            parts.append(
                f"{len(self.customers_filled)} {'would be filled' if would else 'filled'} in where blank "
                f"({_named(self.customers_filled, '; ')})"
            )
        if self.customers_kept:
            parts.append(
                f"{len(self.customers_kept)} described otherwise in the file, kept as on file "
                "(edit the customer or import the customer list to change them: "
                f"{_named(self.customers_kept, '; ')})"
            )
        lines = [f"customers: {', '.join(parts)}"] if parts else []
        if self.phones_masked:
            lines.append(
                f"phones written masked (138****5678), so not kept: {_named(self.phones_masked)}; "
                "give the full number to keep it"
            )
        return lines

    def _notes(self) -> list[str]:
        return [*self.notes, *file_notes(self.fields_above, self.ignored, self.above)]

    def text(self) -> str:
        return "\n".join(self.lines())


def table_notes(table, language: str = "en") -> dict:
    """The ImportSummary fields that describe the file rather than its records."""
    source = f"{table.name} [{table.sheet}]" if table.sheet else table.name
    return dict(
        source=source,
        ignored=_grouped(table.ignored, language),
        above=tuple(table.above),
        fields_above=tuple(f"{table.headers.get(n, n)} = {v}" for n, v in table.fields_above.items()),
        notes=tuple(table.notes),
    )


def file_notes(fields_above, ignored, above) -> list[str]:
    """What was read around the table: fields above it, columns ignored, text skipped."""
    lines = []
    if fields_above:
        lines.append(f"read above the table, for every row: {'; '.join(fields_above)}")
    if ignored:
        lines.append(f"columns ignored: {'; '.join(ignored)}")
    if above:
        lines.append(f"skipped above the header: {'; '.join(a[:60] for a in above[:SHOWN])}")
    return lines


def refusal_preview(refused, table, shown: int = 20) -> list[str]:
    """A dry run's account of a file that would be refused: its rows, what was read around the
    table, and the first problems (the real run lists them all)."""
    bad = len({line for line, _ in refused.problems})
    read = len(table.rows) + len({line for line, _ in table.problems})
    notes = table_notes(table)
    lines = [
        f"dry run, nothing written: {notes['source']}: {read} rows read, {bad} with problems; "
        "as it is the file would be refused, nothing imported",
        *notes["notes"],
        *file_notes(notes["fields_above"], notes["ignored"], notes["above"]),
        f"first problems ({min(shown, len(refused.problems))} of {len(refused.problems)}):",
    ]
    lines += [f"  {line}" for line in refused.lines()[:shown]]
    return lines


def _grouped(ignored, language: str) -> tuple[str, ...]:
    """序号, 填表人: not imported; 回访日期, 回访方式: belongs to ... (one entry per reason)."""
    reasons: dict[str, list[str]] = {}
    for header, why in ignored:
        reasons.setdefault(why.say(language), []).append(header)
    return tuple(f"{', '.join(headers)}: {why}" for why, headers in reasons.items())
