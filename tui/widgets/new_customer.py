"""Create the caller as a customer without leaving intake: code, name, phone, type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Select, Static

from core.basics import CUSTOMER_TYPES
from core.customers import CustomerForm
from tui.i18n import tr
from tui.widgets.form_row import FormRow
from tui.widgets.inline_error import InlineError
from tui.widgets.plain_entry import PlainInput

FIELDS = ("new-code", "new-name", "new-phone", "new-type")
PROBLEM_FIELDS = {
    "customer code": "new-code",
    "customer name": "new-name",
    "phone": "new-phone",
    "customer type": "new-type",
}
"""core's InvalidInput.field -> the row that shows it."""


class NewCustomerForm(Vertical):
    """Hidden until the agent asks for it (ctrl+n); Enter in a field asks to add the customer."""

    DEFAULT_CSS = """
    NewCustomerForm { height: auto; display: none; border-left: thick $accent; padding-left: 1; }
    NewCustomerForm.-open { display: block; }
    NewCustomerForm #new-customer-title { color: $accent; }
    """

    class Submitted(Message):
        """Enter in one of the fields: add this customer now."""

    def compose(self) -> ComposeResult:
        yield Static(tr("intake.new_customer.title"), id="new-customer-title", markup=False)
        yield FormRow(
            "new-code", tr("intake.field.new_code"), PlainInput(id="new-code", compact=True, max_length=64)
        )
        yield FormRow(
            "new-name", tr("intake.field.new_name"), PlainInput(id="new-name", compact=True, max_length=200)
        )
        yield FormRow(
            "new-phone", tr("intake.field.new_phone"), PlainInput(id="new-phone", compact=True, max_length=32)
        )
        yield FormRow(
            "new-type",
            tr("intake.field.new_type"),
            Select(
                [(tr(f"customer.type.{t}"), t) for t in CUSTOMER_TYPES],
                allow_blank=False,
                value="new",
                id="new-type",
                compact=True,
            ),
        )

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, typed: str = "") -> None:
        """Show the form, prefilled from what the agent searched for, and focus its first empty field."""
        self.add_class("-open")
        typed = typed.strip()
        if typed and not any(self.values()[f] for f in FIELDS[:3]):
            bare = "".join(ch for ch in typed if ch not in "+-() ")
            if bare.isdigit():
                self.query_one("#new-phone", Input).value = typed
            elif typed.isascii() and " " not in typed:
                self.query_one("#new-code", Input).value = typed
            else:
                self.query_one("#new-name", Input).value = typed
        first_empty = next((f for f in FIELDS[:3] if not self.values()[f]), "new-code")
        self.query_one(f"#{first_empty}", Input).focus()

    def close(self) -> None:
        self.remove_class("-open")
        for error in self.query(InlineError):
            error.clear()

    def values(self) -> dict[str, str]:
        """What is typed, by field id (kept exactly as typed)."""
        values = {f: self.query_one(f"#{f}", Input).value for f in FIELDS[:3]}
        # allow_blank=False: a type is always picked, so the "" never shows
        values["new-type"] = self.query_one("#new-type", Select).selection or ""
        return values

    def touched(self) -> bool:
        values = self.values()
        return any(values[f].strip() for f in FIELDS[:3])

    def form(self) -> CustomerForm:
        values = self.values()
        return CustomerForm(
            code=values["new-code"],
            name=values["new-name"],
            phone=values["new-phone"] or None,
            type=values["new-type"] or "new",
        )

    def show_problem(self, field: str, message: str) -> bool:
        """Show message under the field core named; False when the field is not one of ours."""
        name = PROBLEM_FIELDS.get(field)
        if name is None:
            return False
        self.query_one(f"#{name}-error", InlineError).show(message)
        return True

    def clear(self) -> None:
        for f in FIELDS[:3]:
            self.query_one(f"#{f}", Input).value = ""
        self.query_one("#new-type", Select).value = "new"

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        if event.input.id in FIELDS:
            self.query_one(f"#{event.input.id}-error", InlineError).clear()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        if event.input.id in FIELDS:
            event.stop()
            self.post_message(self.Submitted())
