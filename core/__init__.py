"""The floor's rules and services. Plain Python: never imports textual (docs/architecture.md).

Packages, each built only on those listed below it (an import-linter contract checks it):
    report, importing, demo, admin   the weekly report; bringing records in; a demo floor; floor upkeep
    callbacks, handoffs              follow-up calls and their scripts; cross-department handoffs, board
    tickets                          a ticket's lifecycle, reads, timeline, SLA clock, priority, queue
    customers, people                customers' records and reads; agents and supervisors
    floor                            the session every rule takes, storage faults, the audit
    policy                           the policy document, its values, the working calendar, deadlines
    basics                           errors with codes, clock, input checks, vocabulary, masking, views
"""

import db  # noqa: F401  (first: peewee without the PostgreSQL driver, db/drivers.py)
