"""Shared by the imports: who may import, collecting a row's problems, the dry run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from core.basics import InvalidInput
from core.basics.errors import Message, Term
from core.floor import Session, audit
from core.importing.summary import ImportSummary
from core.importing.table import Problem, Row, Table
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
            "import.supervisors_only",
            action=f"import {what}",
            target=what,
            what=Term(f"import.what.{what}"),
            login=session.login,
        )


class RowCheck:
    """Runs one row's checks and keeps every problem, so one pass reports them all."""

    def __init__(self, table: Table, row: Row):
        self.table, self.row = table, row
        self.problems: list[Problem] = []

    def __call__(self, check: Callable, *args):
        try:
            return check(*args)
        except InvalidInput as exc:
            # a check shared with the forms names its field ("category"); the file's own header
            # (问题类型) is what the person will look for
            name = exc.field.replace(" ", "_")
            if name in self.table.headers:
                exc.field = self.table.label(name)
            self.problems.append((self.row.line, exc))
            return BAD

    def fail(self, code: str, /, **params) -> None:
        self.problems.append((self.row.line, Message(code, params)))

    def time(self, column: str, parse: Callable, *args):
        """parse(cell, *args) for a time column; None when blank, BAD (recorded) when unusable."""
        value = self.row.get(column)
        if not value.strip():
            return None
        try:
            return parse(value, *args)
        except BadTime as exc:
            self.fail("import.row.bad_time", **self.cell(column), problem=exc.message)
            return BAD

    def cell(self, name: str) -> dict:
        """A column's label and the row's value there: the params of a message about that cell."""
        return {"column": self.table.label(name), "value": self.row.get(name).strip()}

    def other_cell(self, name: str) -> dict:
        """The same for the cell a message compares the first one with."""
        return {"other_column": self.table.label(name), "other_value": self.row.get(name).strip()}

    @property
    def ok(self) -> bool:
        return not self.problems


def text_or_none(value: str) -> str | None:
    return value if value.strip() else None


class _DryRun(Exception):
    def __init__(self, summary: ImportSummary):
        self.summary = summary


def written(session: Session, write: Callable[[], ImportSummary], dry_run: bool = False) -> ImportSummary:
    """write() in one write transaction; for a dry run the same, rolled back: the summary is
    what the real run would say, as it was found by doing it."""
    try:
        with session.writing():
            summary = write()
            if dry_run:
                raise _DryRun(summary)
    except _DryRun as rolled_back:
        return replace(rolled_back.summary, dry_run=True)
    return summary
