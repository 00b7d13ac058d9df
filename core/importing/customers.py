"""Importing the customer list (客户档案) from a CSV file: all rows or none.

A code not on file is created. A code on file is compared with the row: identical values
leave it unchanged; different values update it (a supervisor importing a newer list), and
every updated code is counted and named in the summary, never changed silently. Only the
row's non-blank cells count: a blank cell, or a column the file does not have, keeps what is
on file (to clear a field, edit the customer). A blank type makes a new customer "new".
"""

from __future__ import annotations

from core.basics import ImportRejected
from core.customers import CustomerForm, validated
from core.floor import Session
from core.importing.common import BAD, BATCH, RowCheck, require_supervisor, text_or_none
from core.importing.csvfile import Column, Row, Table, read_table
from core.importing.summary import ImportSummary
from core.importing.times import day_order, parse_date
from db.bulk import chunks
from db.bulk import insert_dicts as insert_all
from db.models import Customer

COLUMNS = (
    Column("code", ("客户编号", "客户代码", "customer_code"), required=True),
    Column("name", ("客户名称", "客户名", "customer_name"), required=True),
    Column("short_name", ("客户简称", "简称")),
    Column("contact_person", ("联系人", "contact")),
    Column("phone", ("联系方式", "联系电话", "电话")),
    Column("type", ("客户类型", "customer_type")),
    Column("industry", ("所属行业", "行业")),
    Column("delivery_date", ("交付日期", "交货日期")),
)
COLUMN_ORDER = tuple(c.name for c in COLUMNS)
OPTIONAL = ("short_name", "contact_person", "phone", "type", "industry", "delivery_date")


def import_customers(session: Session, path, encoding: str | None = None) -> ImportSummary:
    """Create and update customers from the file; ImportRejected (nothing written) on any bad row."""
    require_supervisor(session, "customers")
    table = read_table(path, COLUMNS, encoding)
    rows = _checked(table)
    with session.writing():
        return _write(session, table, rows)


def _checked(table: Table) -> list[tuple[dict, set[str]]]:
    """(model values, fields the row gives) per row, in file order; ImportRejected on any bad row."""
    problems = list(table.problems)
    order = day_order(table.column_values("delivery_date"))
    first_line: dict[str, int] = {}
    rows = []
    for row in table.rows:
        check = RowCheck(table, row)
        values = _values(check, row, order)
        if values is not BAD:
            code = values["code"]
            if code in first_line:
                check.fail("import.row.code_twice", code=code, line=first_line[code])
            first_line.setdefault(code, row.line)
        if check.ok:
            given = {"code", "name"} | {f for f in OPTIONAL if values[f] is not None and row.has(f)}
            rows.append((values, given))
        problems += check.problems
    if problems:
        raise ImportRejected(table.source, sorted(problems, key=lambda p: p[0]))
    return rows


def _values(check: RowCheck, row: Row, order: str | None):
    delivery = check.time("delivery_date", parse_date, order)
    form = CustomerForm(
        code=row.get("code"),
        name=row.get("name"),
        short_name=text_or_none(row.get("short_name")),
        contact_person=text_or_none(row.get("contact_person")),
        phone=text_or_none(row.get("phone")),
        type=row.get("type").strip() or "new",
        industry=text_or_none(row.get("industry")),
        delivery_date=None if delivery is BAD else delivery,
    )
    return check(validated, form)


def _write(session: Session, table: Table, rows: list[tuple[dict, set[str]]]) -> ImportSummary:
    on_file: dict[str, Customer] = {}
    for batch in chunks([values["code"] for values, _ in rows], BATCH):
        on_file.update((c.code, c) for c in Customer.select().where(Customer.code.in_(batch)))
    now = session.now()
    new, updates, unchanged = [], [], 0
    for values, given in rows:
        customer = on_file.get(values["code"])
        if customer is None:
            new.append({**values, "created_at": now})
            continue
        changed = [f for f in COLUMN_ORDER if f in given and getattr(customer, f) != values[f]]
        if not changed:
            unchanged += 1
            continue
        Customer.update({getattr(Customer, f): values[f] for f in changed}).where(
            Customer.id == customer.id
        ).execute()
        updates.append(f"{customer.code}: {', '.join(changed)}")
    insert_all(Customer, new)
    return ImportSummary(
        "customers",
        table.name,
        created=len(new),
        unchanged=unchanged,
        updated=len(updates),
        updates=tuple(updates),
    )
