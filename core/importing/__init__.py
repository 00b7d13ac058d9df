"""Bringing a floor's existing records in from CSV files (Excel exports): customers, tickets,
past callbacks.

    summary = import_customers(session, path)
    summary = import_tickets(session, path)
    summary = import_callbacks(session, path)
    print(summary.text())

All are a supervisor's job, check every row before writing anything (one bad row refuses
the file: core.basics.errors.ImportRejected lists every problem with its line number), write in one
transaction, and can be run again on the same file without duplicating anything.
"""

from core.importing import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.importing.callbacks import import_callbacks
from core.importing.customers import import_customers
from core.importing.summary import ImportSummary
from core.importing.tickets import import_tickets

__all__ = ["ImportSummary", "import_callbacks", "import_customers", "import_tickets"]
