"""Customers: their records (masked phones, preferred call times) and reads for screens."""

from core.customers import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.customers.reads import (
    CustomerCallbacks,
    CustomerTicket,
    customer_callbacks,
    customer_history,
    customer_ticket_count,
    find_customers,
    last_callback_score,
    phone_tail_matches,
)
from core.customers.records import (
    CustomerForm,
    add_customer,
    check_code,
    find_customer,
    get_customer,
    validated,
)

__all__ = [
    "CustomerCallbacks",
    "CustomerForm",
    "CustomerTicket",
    "add_customer",
    "check_code",
    "customer_callbacks",
    "customer_history",
    "customer_ticket_count",
    "find_customer",
    "find_customers",
    "get_customer",
    "last_callback_score",
    "phone_tail_matches",
    "validated",
]
