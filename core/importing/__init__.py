"""Bringing a floor's existing records in from CSV files or .xlsx workbooks, as the handbooks'
templates keep them: customers, tickets (and the rapid-response record), past callbacks (the
feedback record), conversations (the communication record).

    summary = import_customers(session, path)
    summary = import_tickets(session, path, sheet="2026")
    summary = import_callbacks(session, path, dry_run=True)   # checked and counted, nothing written
    summary = import_contacts(session, path, customer="C001")
    print(summary.text())

Every column of the templates is known (core.importing.columns); headers and values are read
the way people write them (core.importing.headers, core.importing.words).

All are a supervisor's job, check every row before writing anything (one bad row refuses
the file: core.basics.errors.ImportRejected lists every problem with its line number), write in one
transaction, and can be run again on the same file without duplicating anything.
"""

from core.importing import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.importing.callbacks import import_callbacks
from core.importing.contacts import import_contacts
from core.importing.customers import import_customers
from core.importing.summary import ImportSummary
from core.importing.tickets import import_tickets

__all__ = ["ImportSummary", "import_callbacks", "import_contacts", "import_customers", "import_tickets"]
