"""A query's rows as plain or named tuples, typed so the checker sees what comes.

Tuples skip building model objects (much faster for lists, reports and the demo). peewee's stubs
keep the model as the row type of `.tuples()` and `.namedtuples()`, so
`for ref, tier in Ticket.select(...).tuples()` reads to the checker as unpacking a Ticket, and
`row.customer` of a named tuple as a Customer where the row holds its id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from peewee import BaseQuery, Case, fn


def as_tuples(query: BaseQuery) -> Iterator[tuple[Any, ...]]:
    """Iterate query's rows as tuples of its selected columns, in order."""
    return iter(query.tuples())


def as_namedtuples(query: BaseQuery) -> Iterator[Any]:
    """Iterate query's rows as named tuples, a field per selected column (a foreign key's is its
    id). Any, as the names come from the query."""
    return iter(query.namedtuples())


def count_where(condition):
    """SQL: how many rows of the group meet condition (0, not NULL, for none). Portable, where
    SUM(condition) is not: PostgreSQL does not add up booleans."""
    return fn.SUM(Case(None, [(condition, 1)], 0))
