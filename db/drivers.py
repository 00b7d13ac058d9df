"""peewee without the PostgreSQL driver until a floor on PostgreSQL opens.

peewee imports psycopg as it is imported, when it is installed; psycopg's binary build loads
libpq and OpenSSL, 24 MB of every app session's memory (issue 15's budget is 60 MB a session,
200 sessions on one host), though a session on a SQLite floor never uses it. So db imports
peewee first with psycopg hidden, and postgres_driver() hands psycopg to peewee when a floor on
PostgreSQL opens. A process that imported peewee before db (a test) keeps peewee as it is.
"""

from __future__ import annotations

import sys
from types import ModuleType

HIDDEN = "psycopg"


def import_peewee_without_psycopg() -> None:
    if "peewee" in sys.modules or HIDDEN in sys.modules:
        return
    sys.modules[HIDDEN] = None  # type: ignore[assignment]  # import psycopg: ImportError
    try:
        import peewee  # noqa: F401
    finally:
        if sys.modules.get(HIDDEN, ...) is None:
            del sys.modules[HIDDEN]


def postgres_driver() -> ModuleType:
    """psycopg, handed to peewee as its own import would have (peewee's module globals and the
    psycopg 3 adapter's transaction states)."""
    import peewee
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if getattr(peewee, "psycopg", None) is None:
        peewee.psycopg = psycopg  # type: ignore[attr-defined]
        peewee.TransactionStatus = TransactionStatus  # type: ignore[attr-defined]
        peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb  # type: ignore[attr-defined]
        adapter = peewee.Psycopg3Adapter
        adapter.txn_idle = TransactionStatus.IDLE
        adapter.txn_inerror = TransactionStatus.INERROR
        adapter.txn_unknown = TransactionStatus.UNKNOWN
    return psycopg


class _NoDriver(Exception):
    """Never raised: the class psycopg's errors are caught as while psycopg is not loaded."""


def psycopg_error() -> type[Exception]:
    """psycopg's base error, or a class nothing raises while psycopg is not loaded (no floor
    on PostgreSQL opened, so none of its errors can be raised)."""
    module = sys.modules.get(HIDDEN)
    return module.Error if module is not None else _NoDriver
