"""What an import did, counted: the CLI prints .text(), tests read the numbers."""

from __future__ import annotations

from dataclasses import dataclass

SHOWN = 10
"""How many updated records .text() names before it says "and N more"."""


@dataclass(frozen=True)
class ImportSummary:
    what: str
    """"customers", "tickets" or "callbacks"."""
    source: str
    """The file's name."""
    created: int = 0
    unchanged: int = 0
    """Already on file and left as they were (for tickets: every ref already on file)."""
    updated: int = 0
    """Customers on file whose values the file changed (tickets are never updated)."""
    updates: tuple[str, ...] = ()
    """One entry per updated record: "C001: phone, type"."""
    customers_created: int = 0
    """Ticket import only: customers the rows named that were not on file yet."""
    follow_ups: int = 0
    """Callback import only: low scores that booked the supervisor's follow-up."""
    followed_up: int = 0
    """Callback import only: low scores whose follow-up the file says was already done."""
    reopened: tuple[str, ...] = ()
    """Callback import only: the tickets a low score reopened."""
    differing: tuple[str, ...] = ()
    """Ticket import only: refs on file (counted in unchanged) whose description the file writes
    differently; an import never changes a ticket, so a corrected file must say so."""

    @property
    def rows(self) -> int:
        return self.created + self.unchanged + self.updated

    def text(self) -> str:
        """One line for a person, e.g. "tickets.csv: 120 tickets created, 3 already on file"."""
        noun = self.what[:-1] if self.created == 1 else self.what
        parts = [f"{self.created} {noun} created"]
        if self.updated:
            named = "; ".join(self.updates[:SHOWN])
            more = f"; and {len(self.updates) - SHOWN} more" if len(self.updates) > SHOWN else ""
            parts.append(f"{self.updated} updated ({named}{more})")
        if self.unchanged:
            parts.append(f"{self.unchanged} already on file, unchanged")
        if self.differing:
            named = ", ".join(self.differing[:SHOWN])
            more = f" and {len(self.differing) - SHOWN} more" if len(self.differing) > SHOWN else ""
            parts.append(
                f"{len(self.differing)} of those with a different description in the file ({named}{more}), "
                "kept as on file: an import never changes a ticket (add a note with the right text)"
            )
        if self.customers_created:
            noun = "customer" if self.customers_created == 1 else "customers"
            parts.append(f"{self.customers_created} new {noun} added")
        if self.follow_ups:
            noun = "low score" if self.follow_ups == 1 else "low scores"
            parts.append(f"{self.follow_ups} {noun} booked the supervisor's follow-up")
        if self.followed_up:
            noun = "low score was" if self.followed_up == 1 else "low scores were"
            parts.append(f"{self.followed_up} {noun} already followed up")
        if self.reopened:
            named = ", ".join(self.reopened[:SHOWN])
            more = f" and {len(self.reopened) - SHOWN} more" if len(self.reopened) > SHOWN else ""
            noun = "ticket" if len(self.reopened) == 1 else "tickets"
            parts.append(f"{len(self.reopened)} {noun} reopened ({named}{more})")
        return f"{self.source}: " + ", ".join(parts)
