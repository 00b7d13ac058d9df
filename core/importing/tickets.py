"""Importing ticket history (工单记录, and the rapid-response record 快速响应记录: 反馈时间,
反馈渠道, 问题类型, 问题描述, 紧急程度, 责任人, 处理方案, 处理进度, 解决结果) from a CSV or .xlsx
file: all rows or none, and only once.

Every row is checked first (core.importing.ticket_rows); one bad row refuses the whole file
with every problem listed. Then one write transaction adds the customers the rows name that
are not on file, the tickets whose refs are not on file yet (a ref already on file is skipped
and counted as unchanged, so importing the same file twice adds nothing), and one "imported"
timeline event per ticket carrying the imported stamps. A ticket on file whose description
differs from the file's (say it was imported before from a wrongly read file) is never changed,
but the summary names it, so a corrected file does not pass as "unchanged".
"""

from __future__ import annotations

from core.basics.errors import Message
from core.floor import Session, storage_problems
from core.importing.columns import TICKETS
from core.importing.common import require_supervisor, written
from core.importing.customer_cells import NOT_RECORDED, CustomerCells
from core.importing.summary import ImportSummary, table_notes
from core.importing.table import Problem, read_table
from core.importing.ticket_rows import STAMPS, Context, ImportedTicket, Owners, check_row, history
from core.importing.times import day_order
from core.tickets import event_json
from db.bulk import insert_dicts as insert_all
from db.bulk import lookup
from db.models import Customer, Ticket, TimelineEvent

COLUMNS = TICKETS


def import_tickets(
    session: Session,
    path,
    encoding: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    ignore: tuple[str, ...] = (),
) -> ImportSummary:
    """Add the file's tickets; ImportRejected (nothing written) on any bad row."""
    require_supervisor(session, "tickets")
    table = read_table(path, COLUMNS, "tickets", encoding, sheet, ignore)
    with storage_problems():
        return _import(session, table, dry_run)


def _import(session: Session, table, dry_run: bool) -> ImportSummary:
    ctx = Context(
        session=session,
        table=table,
        owners=Owners.load(),
        order=day_order(table.column_values("received_at", *STAMPS)),
        customers=CustomerCells(table, allow_none=True),
    )
    tickets, problems = [], list(table.problems)
    for row in table.rows:
        ticket, row_problems = check_row(ctx, row)
        problems += row_problems
        if ticket is not None:
            tickets.append(ticket)
    problems += _on_file(ctx, tickets)[1]
    if problems:
        raise table.rejected(problems)
    return written(session, lambda: _write(ctx, tickets), dry_run)


def _on_file(ctx: Context, tickets: list[ImportedTicket]) -> tuple[set[str], list[Problem]]:
    """Refs already on file, and rows whose ref is taken by a different ticket.

    The same ticket (same received time and customer) is skipped: that is what makes bringing
    the same file in a second time harmless. A different ticket under that ref (say T000005 typed at
    intake) is not this row's ticket, and skipping the row would lose it silently.
    """
    found = lookup(Ticket.ref, (t.ref for t in tickets), Ticket.received_at, Ticket.customer)
    codes = {
        id_: row[0] for id_, row in lookup(Customer.id, {c for _, c in found.values()}, Customer.code).items()
    }
    problems: list[Problem] = []
    for t in tickets:
        if t.ref in found:
            received, customer_id = found[t.ref]
            if (received, codes.get(customer_id)) != (t.fields["received_at"], t.customer_code):
                local = ctx.session.policy.calendar.local(received).strftime("%Y-%m-%d %H:%M")
                taken = Message(
                    "import.row.ref_taken",
                    {"ref": t.ref, "received": local, "customer": codes.get(customer_id)},
                )
                problems.append((t.line, taken))
    return set(found), problems


def _write(ctx: Context, tickets: list[ImportedTicket]) -> ImportSummary:
    """Inside the write transaction: what is on file now decides what is added."""
    session, now = ctx.session, ctx.session.now()
    on_file, problems = _on_file(ctx, tickets)
    if problems:  # someone took one of the refs since the check: roll back, say which
        raise ctx.table.rejected(problems)
    todo = [t for t in tickets if t.ref not in on_file]
    texts = lookup(Ticket.ref, (t.ref for t in tickets if t.ref in on_file), Ticket.description)
    differing = tuple(t.ref for t in tickets if t.ref in texts and texts[t.ref][0] != t.fields["description"])
    customer_ids = ctx.customers.write(now)
    insert_all(Ticket, [{**t.fields, "customer": customer_ids[t.customer_code]} for t in todo])
    ticket_ids = lookup(Ticket.ref, (t.ref for t in todo), Ticket.id)
    logins = {agent.id: login for login, agent in ctx.owners.by_login.items()}
    insert_all(
        TimelineEvent,
        [
            dict(
                ticket=ticket_ids[t.ref][0],
                at=now,
                actor=session.login,
                kind="imported",
                # the resolution as the file gave it (处理方案, 解决结果) shows where a resolve's does
                text="\n".join(
                    filter(None, [f"imported from {ctx.table.at(t.line)}", t.fields["resolution"]])
                ),
                before=None,
                after=event_json(history(t, logins.get(t.fields["owner"]))),
            )
            for t in todo
        ],
    )
    return ImportSummary(
        "tickets",
        created=len(todo),
        unchanged=len(tickets) - len(todo),
        differing=differing,
        tickets_open=tuple(t.ref for t in todo if t.fields["status"] in ("new", "in_progress")),
        # said of the tickets this run adds, not of those a first run added
        **ctx.customers.summary(),
        no_customer=sum(t.customer_code == NOT_RECORDED for t in todo),
        tickets_stamped=sum(t.line in ctx.stamped for t in todo),
        **table_notes(ctx.table),
    )
