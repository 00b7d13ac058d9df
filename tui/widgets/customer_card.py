"""A customer and their tickets as lines of text: masked phone, customer text made inert."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text

from core.basics import CustomerView, printable
from core.customers import CustomerTicket
from tui.i18n import tr
from tui.text.cells import cell


def _safe(text: str | None) -> str:
    return printable(text or "").replace("\n", " ").replace("\t", " ")


def customer_headline(customer: CustomerView) -> Text:
    """C001  华东贸易有限公司 (华东贸易)"""
    text = Text(_safe(customer.code), style="bold")
    text.append("  " + _safe(customer.name))
    if customer.short_name and customer.short_name != customer.name:
        text.append(f" ({_safe(customer.short_name)})")
    return text


def customer_facts(customer: CustomerView) -> Text:
    """张伟 · 138****5678 · VIP客户 · 零售: what is known, the phone always masked."""
    parts = [
        _safe(customer.contact_person),
        customer.phone_masked,
        tr(f"customer.type.{customer.type}"),
        _safe(customer.industry),
    ]
    return Text(" · ".join(part for part in parts if part))


def score_text(score: int | None) -> str:
    return tr("customer.last_score", score=tr("customer.no_score") if score is None else score)


def history_line(
    item: CustomerTicket, local: Callable[[datetime], datetime], label: Callable[[str, str], str]
) -> Text:
    """T000003 2026-11-20 R new         Missing item     漏发一件...: one line, never wrapped;
    the widget showing it cuts it to its width with an ellipsis."""
    when = local(item.received_at).strftime("%Y-%m-%d")
    head = " ".join(
        [
            cell(item.ref, 7),
            when,
            cell(tr(f"tier.{item.tier}.mark"), 2),
            cell(tr(f"status.{item.status}"), 11),
            cell(label("category", item.subtag or item.category), 16),
        ]
    )
    return Text(head + " " + _safe(item.first_line), no_wrap=True, overflow="ellipsis")
