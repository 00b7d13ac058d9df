"""Customers: who calls, how to reach them (kept masked in every list)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.basics import (
    CUSTOMER_TYPES,
    CustomerView,
    InvalidInput,
    NotFound,
    Refused,
    check_date,
    mask_phone,
    optional_text,
    pick_word,
    require_text,
)
from core.customers.call_time import parse_call_time
from core.floor import Session, reading
from db.models import Customer

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/]{0,63}")
_PHONE = re.compile(r"\+?[0-9(][0-9 \-()]{4,30}")


@dataclass(frozen=True)
class CustomerForm:
    code: str
    name: str
    short_name: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    type: str = "new"
    industry: str | None = None
    delivery_date: date | None = None
    preferred_call_time: str | None = None  # "14:00-17:00", the floor's local time
    churn_risk: bool = False


def view(customer: Customer) -> CustomerView:
    return CustomerView(
        customer.code,
        customer.name,
        customer.short_name,
        customer.contact_person,
        mask_phone(customer.phone),
        customer.type,
        customer.industry,
        customer.delivery_date,
    )


NOT_RECORDED = "NOT-RECORDED"
"""The customer of history records that name none (an imported rapid-response record): kept so
the records count in the reports, never called back."""


def check_code(code) -> str:
    if not isinstance(code, str) or not _CODE.fullmatch(code.strip()):
        raise InvalidInput("customer code", "customer.code_invalid", code=code)
    return code.strip()


def check_phone(phone) -> str | None:
    if phone is None or not str(phone).strip():
        return None
    phone = str(phone).strip()
    if not _PHONE.fullmatch(phone):
        raise InvalidInput("phone", "customer.phone_invalid", phone=phone)
    return phone


def validated(form: CustomerForm) -> dict:
    """The form's values, checked, as model fields."""
    return dict(
        code=check_code(form.code),
        name=require_text(form.name, "customer name", 200, "customer.name.hint"),
        short_name=optional_text(form.short_name, "short name", 64),
        contact_person=optional_text(form.contact_person, "contact person", 100),
        phone=check_phone(form.phone),
        type=pick_word(form.type or "new", CUSTOMER_TYPES, "customer type"),
        industry=optional_text(form.industry, "industry", 100),
        delivery_date=check_date(form.delivery_date, "delivery date"),
        preferred_call_time=check_call_time(form.preferred_call_time),
        churn_risk=bool(form.churn_risk),
    )


def check_call_time(text) -> str | None:
    """A preferred call time, "HH:MM-HH:MM" in the floor's local time; None when blank."""
    if text is None or not str(text).strip():
        return None
    start, end = parse_call_time(str(text).strip())
    return f"{start:%H:%M}-{end:%H:%M}"


UNSET = object()


def set_callback_preferences(
    session: Session, code: str, *, call_time=UNSET, churn_risk=UNSET, delivery_date=UNSET
) -> None:
    """What callback scheduling reads about a customer; a blank call time clears it. Anyone on
    the floor may record what a customer said about when to call."""
    changes: dict[str, object] = {}
    if call_time is not UNSET:
        changes["preferred_call_time"] = check_call_time(call_time)
    if churn_risk is not UNSET:
        changes["churn_risk"] = bool(churn_risk)
    if delivery_date is not UNSET:
        changes["delivery_date"] = check_date(delivery_date, "delivery date")
    if not changes:
        raise InvalidInput("customer", "customer.nothing_to_change")
    session.require_agent()
    with session.writing():
        customer = find_customer(code)
        Customer.update(**changes).where(Customer.id == customer.id).execute()


def add_customer(session: Session, form: CustomerForm) -> CustomerView:
    values = validated(form)
    session.require_agent()
    with session.writing():
        if Customer.get_or_none(Customer.code == values["code"]):
            raise Refused("customer.exists", code=values["code"])
        customer = Customer.create(created_at=session.now(), **values)
    return view(customer)


def find_customer(code: str) -> Customer:
    customer = Customer.get_or_none(Customer.code == (code or "").strip())
    if customer is None:
        raise NotFound("customer.not_found", code=code)
    return customer


@reading
def get_customer(session: Session, code: str) -> CustomerView:
    session.require_agent()
    return view(find_customer(code))
