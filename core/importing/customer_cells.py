"""The customer columns of a file about something else (a callback, a contact, a ticket):
客户编号, 客户名称/简称, 联系人, 联系方式. They find the customer, and bring it up to date
the way history can be trusted to:

- a code on file is that customer. The file's name must be its name or short name, its
  contact person and phone are compared: a field blank on file is filled in from the file
  (said in the summary as filled), a field that differs is kept as on file (said as kept:
  the customer list is newer than a record of last year's call);
- a code not on file is a new customer, from the first row naming it (a name is then needed);
- no code but a name: the customer on file with that name or short name (only one may have
  it), else a new customer with a code made from the name (N-1A2B3C4D), the same every time;
- no customer at all (allow_none): the floor's 'not recorded' customer (NOT-RECORDED), made
  once, so a history record with no customer still counts in the reports.

A phone written masked (138****5678, as a handbook's example or an exported list has it) is
compared by its visible digits and never stored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from peewee import fn

from core.customers import CustomerForm, check_code, validated
from core.customers.records import NOT_RECORDED
from core.importing.common import BAD, RowCheck, text_or_none
from core.importing.table import Row, Table
from db.bulk import chunks, lookup
from db.bulk import insert_dicts as insert_all
from db.models import Customer

NOT_RECORDED_NAME = "未记录客户 (not recorded)"
COMPARED = ("contact_person", "phone")


def _plain(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).casefold()


def _digits(phone: str | None) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", phone or ""))


def masked(phone: str) -> bool:
    return "*" in unicodedata.normalize("NFKC", phone)


def _same_phone(on_file: str, written: str) -> bool:
    if masked(written):  # 138****5678 agrees with 13800005678 where it shows digits
        visible = unicodedata.normalize("NFKC", written).strip()
        head, tail = re.split(r"\*+", visible, maxsplit=1)
        digits = _digits(on_file)
        return digits.startswith(_digits(head)) and digits.endswith(_digits(tail))
    return _digits(on_file)[-11:] == _digits(written)[-11:]


def by_folded_code(codes) -> dict[str, list[Customer]]:
    """Folded code -> the customers on file whose code folds to it (c00005 finds C00005; two
    customers that differ only in case are both listed, for the caller to refuse to guess)."""
    found: dict[str, list[Customer]] = {}
    for batch in chunks(sorted({c.casefold() for c in codes}), 500):
        for customer in Customer.select().where(fn.LOWER(Customer.code).in_(batch)):
            found.setdefault(customer.code.casefold(), []).append(customer)
    return found


def code_for_name(name: str) -> str:
    return "N-" + hashlib.sha1(_plain(name).encode()).hexdigest()[:8].upper()


@dataclass
class CustomerCells:
    """What the rows of one file say about customers, checked; written by write()."""

    table: Table
    allow_none: bool = False
    on_file: dict[str, Customer] = field(default_factory=dict)
    by_name: dict[str, list[Customer]] = field(default_factory=dict)
    by_folded_code: dict[str, list[Customer]] = field(default_factory=dict)
    new: dict[str, dict] = field(default_factory=dict)
    """Code -> model values of customers to create."""
    fill: dict[str, dict[str, str]] = field(default_factory=dict)
    """Code on file -> {field: value} blank on file that the file fills in."""
    kept: dict[str, list[str]] = field(default_factory=dict)
    """Code on file -> the fields the file says otherwise (kept as on file)."""
    masked_phones: list[str] = field(default_factory=list)
    """Codes whose phone the file writes masked, so it could not be kept."""

    def __post_init__(self):
        codes = {r.get("customer_code").strip() for r in self.table.rows if r.has("customer_code")}
        for batch in chunks(sorted(codes | {NOT_RECORDED}), 500):
            self.on_file.update((c.code, c) for c in Customer.select().where(Customer.code.in_(batch)))
        # c00005 for C00005: a code differing only in case is that customer, not a new one
        self.by_folded_code = by_folded_code(c for c in codes if c not in self.on_file)
        if any(not r.has("customer_code") and r.has("customer_name") for r in self.table.rows):
            for customer in Customer.select():
                for name in {_plain(customer.name), _plain(customer.short_name)} - {""}:
                    self.by_name.setdefault(name, []).append(customer)

    def check(self, check: RowCheck, row: Row):
        """The row's customer code (new or on file), or BAD with the problem recorded."""
        label = self.table.label
        if not row.has("customer_code"):
            if row.has("customer_name"):
                return self._by_name(check, row)
            if self.allow_none:
                if NOT_RECORDED not in self.on_file:
                    self.new.setdefault(
                        NOT_RECORDED, {**validated(CustomerForm(NOT_RECORDED, NOT_RECORDED_NAME))}
                    )
                return NOT_RECORDED
            check.fail("import.customer_code.empty", column=label("customer_code"))
            return BAD
        code = check(check_code, row.get("customer_code"))
        if code is BAD:
            return BAD
        folded = self.by_folded_code.get(code.casefold(), [])
        if code not in self.on_file and len(folded) == 1:
            code = folded[0].code
            self.on_file[code] = folded[0]
        customer = self.on_file.get(code)
        if customer is not None:
            self._compare(check, row, customer)
            return code
        if code in self.new:
            return code  # added by an earlier row: this row's name and phone are not used
        if not row.has("customer_name"):
            check.fail("import.customer.new_without_name", value=code, column=label("customer_name"))
            return BAD
        return self._new(check, row, code)

    def _by_name(self, check: RowCheck, row: Row):
        written = row.get("customer_name").strip()
        found = self.by_name.get(_plain(written), [])
        if len(found) > 1:
            codes = ", ".join(sorted(c.code for c in found))
            check.fail("import.customer.name_ambiguous", **check.cell("customer_name"), codes=codes)
            return BAD
        if found:
            self._compare(check, row, found[0])
            return found[0].code
        code = code_for_name(written)
        return code if code in self.new else self._new(check, row, code)

    def _new(self, check: RowCheck, row: Row, code: str):
        phone = row.get("phone")
        if masked(phone) and code not in self.masked_phones:
            self.masked_phones.append(code)
        values = check(
            validated,
            CustomerForm(
                code=code,
                name=row.get("customer_name"),
                contact_person=text_or_none(row.get("contact_person")),
                phone=None if masked(phone) else text_or_none(phone),
            ),
        )
        if values is BAD:
            return BAD
        self.new[code] = values
        return code

    def _compare(self, check: RowCheck, row: Row, customer: Customer) -> None:
        code = customer.code
        if row.has("customer_name"):
            written = _plain(row.get("customer_name"))
            if written not in (_plain(customer.name), _plain(customer.short_name)):
                self._keep(code, "name")
        for name in COMPARED:
            written = row.get(name).strip()
            if not written:
                continue
            known = getattr(customer, name) or self.fill.get(code, {}).get(name) or ""
            if known:
                same = _same_phone(known, written) if name == "phone" else _plain(known) == _plain(written)
                if not same:
                    self._keep(code, name)
                continue
            if name == "phone" and masked(written):
                if code not in self.masked_phones:
                    self.masked_phones.append(code)
                continue  # a masked phone is no phone to keep
            value = check(_field_value, name, written)
            if value is not BAD:
                self.fill.setdefault(code, {})[name] = value

    def _keep(self, code: str, name: str) -> None:
        fields = self.kept.setdefault(code, [])
        if name not in fields:
            fields.append(name)

    def write(self, now) -> dict[str, int]:
        """Inside the write transaction: create the new customers, fill in the blanks; code -> id
        for every customer the file names."""
        existing = set(lookup(Customer.code, self.new))  # added meanwhile by someone else
        insert_all(
            Customer, [{**v, "created_at": now} for code, v in self.new.items() if code not in existing]
        )
        for code, values in self.fill.items():
            Customer.update(values).where(Customer.code == code).execute()
        ids: dict[str, int] = {}
        codes = sorted(set(self.on_file) | set(self.new))
        for batch in chunks(codes, 500):
            for customer in Customer.select(Customer.code, Customer.id).where(Customer.code.in_(batch)):
                ids[customer.code] = customer.id
        return ids

    def summary(self) -> dict:
        return dict(
            customers_created=len(self.new),
            customers_filled=tuple(f"{c}: {', '.join(v)}" for c, v in self.fill.items()),
            customers_kept=tuple(f"{c}: {', '.join(v)}" for c, v in self.kept.items()),
            phones_masked=tuple(self.masked_phones),
        )


def _field_value(name: str, written: str):
    """A contact person or phone the file fills in, checked as the customer form checks it."""
    form = (
        CustomerForm(code="X", name="X", phone=written)
        if name == "phone"
        else (CustomerForm(code="X", name="X", contact_person=written))
    )
    return validated(form)[name]
