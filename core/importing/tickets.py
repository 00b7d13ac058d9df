"""Importing ticket history (工单记录) from a CSV file: all rows or none, and only once.

Every row is checked first (core.importing.ticket_rows); one bad row refuses the whole file
with every problem listed. Then one write transaction adds the customers the rows name that
are not on file, the tickets whose refs are not on file yet (a ref already on file is skipped
and counted as unchanged, so importing the same file twice adds nothing), and one "imported"
timeline event per ticket carrying the imported stamps. A ticket on file whose description
differs from the file's (say it was imported before from a wrongly read file) is never changed,
but the summary names it, so a corrected file does not pass as "unchanged".
"""

from __future__ import annotations

from core.basics import ImportRejected, StorageProblem
from core.basics.errors import Message
from core.floor import Session, storage_problems
from core.importing.common import require_supervisor
from core.importing.csvfile import Column, Problem, read_table
from core.importing.summary import ImportSummary
from core.importing.ticket_rows import STAMPS, Context, ImportedTicket, Owners, check_row, history
from core.importing.times import day_order
from core.tickets import event_json
from db.bulk import insert_dicts as insert_all
from db.bulk import lookup
from db.models import Customer, Ticket, TimelineEvent

COLUMNS = (
    Column("ref", ("工单编号", "工单号", "ticket"), required=True),
    Column("received_at", ("反馈时间", "接收时间", "received"), required=True),
    Column("channel", ("反馈渠道", "渠道"), required=True),
    Column("platform", ("平台",)),
    Column("customer_code", ("客户编号",), required=True),
    Column("customer_name", ("客户名称",)),
    Column("phone", ("联系方式", "联系电话", "电话")),
    Column("category", ("问题分类", "分类")),
    Column("subtag", ("子标签", "问题子类")),
    Column("tier", ("优先级", "priority")),
    Column("description", ("问题描述", "描述"), required=True),
    Column("mood", ("客户情绪", "情绪")),
    Column("owner", ("负责人", "处理人")),
    Column("first_response_at", ("首次响应时间", "首响时间")),
    Column("resolved_at", ("解决时间", "完成时间")),
    Column("closed_at", ("闭环时间",)),
    Column("reopened", ("是否重开", "重开")),
    Column("customer_contacts", ("客户来电次数", "来电次数", "inbound_contacts")),
)


def import_tickets(session: Session, path, encoding: str | None = None) -> ImportSummary:
    """Add the file's tickets; ImportRejected (nothing written) on any bad row."""
    require_supervisor(session, "tickets")
    table = read_table(path, COLUMNS, encoding)
    with storage_problems():
        return _import(session, table)


def _import(session: Session, table) -> ImportSummary:
    ctx = Context(
        session=session,
        table=table,
        owners=Owners.load(),
        order=day_order(table.column_values("received_at", *STAMPS)),
        customers_on_file=set(lookup(Customer.code, (r.get("customer_code").strip() for r in table.rows))),
    )
    tickets, problems = [], list(table.problems)
    for row in table.rows:
        ticket, row_problems = check_row(ctx, row)
        problems += row_problems
        if ticket is not None:
            tickets.append(ticket)
    problems += _on_file(ctx, tickets)[1]
    if problems:
        raise ImportRejected(table.source, sorted(problems, key=lambda p: p[0]))
    with session.writing():
        return _write(ctx, tickets)


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
        raise ImportRejected(ctx.table.source, problems)
    todo = [t for t in tickets if t.ref not in on_file]
    texts = lookup(Ticket.ref, (t.ref for t in tickets if t.ref in on_file), Ticket.description)
    differing = tuple(t.ref for t in tickets if t.ref in texts and texts[t.ref][0] != t.fields["description"])
    codes = list(dict.fromkeys(t.customer_code for t in todo))
    customer_ids = {code: ids[0] for code, ids in lookup(Customer.code, codes, Customer.id).items()}
    missing = [code for code in codes if code not in customer_ids]
    if any(code not in ctx.new_customers for code in missing):
        raise StorageProblem("import.customer_vanished")
    insert_all(Customer, [{**ctx.new_customers[code], "created_at": now} for code in missing])
    customer_ids.update((code, ids[0]) for code, ids in lookup(Customer.code, missing, Customer.id).items())
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
                text=f"imported from {ctx.table.name} line {t.line}",
                before=None,
                after=event_json(history(t, logins.get(t.fields["owner"]))),
            )
            for t in todo
        ],
    )
    return ImportSummary(
        "tickets",
        ctx.table.name,
        created=len(todo),
        unchanged=len(tickets) - len(todo),
        customers_created=len(missing),
        differing=differing,
    )
