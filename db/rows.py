"""A query's rows as plain tuples, typed so the checker sees tuples.

Plain tuples skip building model objects (much faster for lists and reports). peewee's stubs keep
the model as the row type of `.tuples()`, so `for ref, tier in Ticket.select(...).tuples()` reads
to the checker as unpacking a Ticket; going through as_tuples says what really comes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from peewee import BaseQuery


def as_tuples(query: BaseQuery) -> Iterator[tuple[Any, ...]]:
    """Iterate query's rows as tuples of its selected columns, in order."""
    return iter(query.tuples())
