"""Importing the customer list (客户档案) from a CSV or .xlsx file: all rows or none.

A code not on file is created. A code on file is compared with the row: identical values
leave it unchanged; different values update it (a supervisor importing a newer list), and
every updated code is counted and named in the summary, never changed silently. Only the
row's non-blank cells count: a blank cell, or a column the file does not have, keeps what is
on file (to clear a field, edit the customer). A blank type makes a new customer "new".
A phone written masked (138****5678) is no phone: the cell counts as blank. The same code on
several rows (a callback record names its customer on each) is one customer when the rows
agree, and refused when they describe it differently.
"""

from __future__ import annotations

from core.customers import CustomerForm, validated
from core.floor import Session
from core.importing.columns import CUSTOMERS
from core.importing.common import BAD, BATCH, RowCheck, require_supervisor, text_or_none, written
from core.importing.customer_cells import by_folded_code, masked
from core.importing.headers import alternatives
from core.importing.summary import ImportSummary, table_notes
from core.importing.table import Row, Table, read_table
from core.importing.times import day_order, parse_date
from db.bulk import chunks
from db.bulk import insert_dicts as insert_all
from db.models import Customer

COLUMNS = CUSTOMERS
COLUMN_ORDER = tuple(c.name for c in COLUMNS)
OPTIONAL = ("short_name", "contact_person", "phone", "type", "industry", "delivery_date")


def import_customers(
    session: Session,
    path,
    encoding: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    ignore: tuple[str, ...] = (),
) -> ImportSummary:
    """Create and update customers from the file; ImportRejected (nothing written) on any bad row."""
    require_supervisor(session, "customers")
    table = read_table(path, COLUMNS, "customers", encoding, sheet, ignore)
    rows, masked_phones = _checked(table)
    return written(session, lambda: _write(session, table, rows, masked_phones), dry_run)


def _checked(table: Table) -> tuple[list[tuple[dict, set[str]]], tuple[str, ...]]:
    """(model values, fields the row gives) per row, in file order; ImportRejected on any bad row."""
    problems = list(table.problems)
    order = day_order(table.column_values("delivery_date"))
    first_line: dict[str, tuple[int, dict, set[str]]] = {}
    spelled = _codes_on_file(table)
    masked_phones: list[str] = []
    rows = []
    for row in table.rows:
        check = RowCheck(table, row)
        values = _values(check, row, order)
        repeat = False
        if values is not BAD:
            # c00019 is C00019: the code as on file, or as this file first wrote it
            values["code"] = spelled.setdefault(values["code"].casefold(), values["code"]) or values["code"]
            code = values["code"]
            if masked(row.get("phone")) and code not in masked_phones:
                masked_phones.append(code)
            given = {"code", "name"} | {f for f in OPTIONAL if values[f] is not None and row.has(f)}
            if code in first_line:
                # a callback or contact record names its customer on every row: the same
                # customer again is fine, a different description of it is not
                line, first_values, first_given = first_line[code]
                repeat = given <= first_given and all(values[f] == first_values[f] for f in given)
                if not repeat:
                    check.fail("import.row.code_twice", code=code, line=line)
            else:
                first_line[code] = (row.line, values, given)
        if check.ok and not repeat:
            rows.append((values, given))
        problems += check.problems
    if problems:
        raise table.rejected(problems)
    return rows, tuple(masked_phones)


def _codes_on_file(table: Table) -> dict[str, str | None]:
    """Folded code -> the code as on file (None when several on file differ only in case)."""
    found = by_folded_code(r.get("code").strip() for r in table.rows if r.has("code"))
    return {k: customers[0].code if len(customers) == 1 else None for k, customers in found.items()}


def _values(check: RowCheck, row: Row, order: str | None):
    delivery = check.time("delivery_date", parse_date, order)
    form = CustomerForm(
        code=row.get("code"),
        name=row.get("name"),
        short_name=text_or_none(row.get("short_name")),
        contact_person=text_or_none(row.get("contact_person")),
        phone=None if masked(row.get("phone")) else text_or_none(row.get("phone")),
        type=row.get("type").strip() or "new",
        industry=text_or_none(row.get("industry")),
        delivery_date=None if delivery is BAD else delivery,
    )
    return check(validated, form)


def _write(
    session: Session, table: Table, rows: list[tuple[dict, set[str]]], masked_phones: tuple[str, ...]
) -> ImportSummary:
    either_name = bool(alternatives(table.headers.get("name", "")))
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
        if "name" in changed and either_name and values["name"] == customer.short_name:
            changed.remove("name")  # 客户名称/简称 holds either: the short name on file is this customer
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
        created=len(new),
        unchanged=unchanged,
        updated=len(updates),
        updates=tuple(updates),
        phones_masked=masked_phones,
        **table_notes(table),
    )
