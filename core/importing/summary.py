"""What an import did, counted: the CLI prints .text(), tests read the numbers."""
from __future__ import annotations

from dataclasses import dataclass

SHOWN = 10
"""How many updated records .text() names before it says "and N more"."""


@dataclass(frozen=True)
class ImportSummary:
    what: str
    """"customers" or "tickets"."""
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
        if self.customers_created:
            noun = "customer" if self.customers_created == 1 else "customers"
            parts.append(f"{self.customers_created} new {noun} added")
        return f"{self.source}: " + ", ".join(parts)
