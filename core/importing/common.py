"""Shared by both imports: who may import, collecting a row's problems."""

from __future__ import annotations

from collections.abc import Callable

from core.basics import InvalidInput
from core.floor import Session, audit
from core.importing.csvfile import Row, Table
from core.importing.times import BadTime

BATCH = 500
"""Rows per INSERT and keys per IN (...) query."""

BAD = object()
"""What RowCheck returns for a value that failed; its problem is already recorded."""


def require_supervisor(session: Session, what: str) -> None:
    """Only a supervisor on the floor imports (UnknownAgent for a login not on the floor)."""
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            f"importing {what} is a supervisor's job; {session.login} is an agent. "
            "Ask a supervisor to run the import",
            action=f"import {what}",
            target=what,
        )


class RowCheck:
    """Runs one row's checks and keeps every problem, so one pass reports them all."""

    def __init__(self, table: Table, row: Row):
        self.table, self.row = table, row
        self.problems: list[tuple[int, str]] = []

    def __call__(self, check: Callable, *args):
        try:
            return check(*args)
        except InvalidInput as exc:
            self.fail(str(exc))
            return BAD

    def fail(self, reason: str) -> None:
        self.problems.append((self.row.line, reason))

    def time(self, column: str, parse: Callable, *args):
        """parse(cell, *args) for a time column; None when blank, BAD (recorded) when unusable."""
        value = self.row.get(column)
        if not value.strip():
            return None
        try:
            return parse(value, *args)
        except BadTime as exc:
            self.fail(f"{self.table.label(column)} {value.strip()!r} {exc}")
            return BAD

    @property
    def ok(self) -> bool:
        return not self.problems


def text_or_none(value: str) -> str | None:
    return value if value.strip() else None
