"""Find the caller as the agent types: code, phone tail or name; Enter picks.

The picker asks a search function (text -> customers) and says which one was picked; it never
reads the database itself, and never shows a phone in clear. The search runs in a thread
(tui/base/threads.py), so a slow floor never holds the typing up; a search that newer typing
overtook is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from core.basics import CallfloorError, CustomerView
from tui.base.threads import in_thread
from tui.i18n import tr
from tui.type_ahead import held_while
from tui.widgets.customer_card import customer_facts, customer_headline
from tui.widgets.plain_entry import PlainInput

PAUSE_SECONDS = 0.12
"""Typing pauses this long before a search runs, so each key does not query."""
RESULTS = 8
"""At most this many matches are listed; typing more narrows them."""


class SearchBox(PlainInput):
    """The search text; Down moves into the results."""

    BINDINGS = [Binding("down", "results", "intake.key.results", show=False, id="intake.results")]

    def action_results(self) -> None:
        picker = next((a for a in self.ancestors if isinstance(a, CustomerPicker)), None)
        if picker is not None:
            picker.focus_results()


class ResultList(OptionList):
    """The matches; Enter picks, Up on the first one goes back to the search text."""

    BINDINGS = [
        Binding("enter", "select", "intake.key.pick", id="intake.pick"),
        Binding("up", "up_or_back", "intake.key.results", show=False, id="intake.results.up"),
    ]

    def action_up_or_back(self) -> None:
        if not self.highlighted:
            self.screen.query_one(SearchBox).focus()
        else:
            self.action_cursor_up()


class CustomerPicker(Vertical):
    """A search box over a short list of matching customers."""

    DEFAULT_CSS = """
    CustomerPicker { height: auto; }
    CustomerPicker ResultList {
        display: none; height: auto; max-height: 6; text-wrap: nowrap; text-overflow: ellipsis;
    }
    CustomerPicker ResultList.-shown { display: block; }
    CustomerPicker #customer-none { display: none; color: $foreground-muted; }
    CustomerPicker #customer-none.-shown { display: block; }
    """

    class Picked(Message):
        """The agent chose this customer."""

        def __init__(self, customer: CustomerView) -> None:
            self.customer = customer
            super().__init__()

    def __init__(
        self,
        search: Callable[[str], list[CustomerView]],
        failed: Callable[[CallfloorError], object],
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self._search = search
        """text -> the matching customers; runs in a thread (calls core, touches no widget)."""
        self._failed = failed
        """Says why a search could not be done (on the UI thread); the list shows no match."""
        self._found: list[CustomerView] = []

    def compose(self) -> ComposeResult:
        yield SearchBox(placeholder=tr("intake.search.placeholder"), id="customer-search", compact=True)
        yield ResultList(id="customer-results", compact=True)
        yield Static(tr("intake.search.none"), id="customer-none", markup=False)

    @property
    def text(self) -> str:
        return self.query_one(SearchBox).value

    @property
    def found(self) -> list[CustomerView]:
        """The customers listed now, in order."""
        return list(self._found)

    def focus_results(self) -> None:
        results = self.query_one(ResultList)
        if self._found:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    @on(Input.Changed, "#customer-search")
    def _typed(self, event: Input.Changed) -> None:
        self._search_later(event.value)

    @work(exclusive=True, group="customer-search")
    async def _search_later(self, text: str) -> None:
        await asyncio.sleep(PAUSE_SECONDS)
        await self._search_and_list(text)

    _picking: Worker | None = None
    """The search Enter started, until it has picked: the keys typed behind Enter are for the
    field after the customer, so they wait (holds_keys)."""

    @work(exclusive=True, group="customer-search")
    async def _search_and_pick(self, text: str) -> None:
        """Enter: search at once (not after the typing pause) and pick the first match."""
        found = await self._search_and_list(text)
        if found:
            self._pick(found[0])

    def holds_keys(self, event: events.Key | events.Paste) -> bool:
        picking = self._picking
        return held_while(picking is not None and not picking.is_finished, event)

    async def _search_and_list(self, text: str) -> list[CustomerView]:
        """Search in a thread and list the matches. Newer typing cancels this worker (the group
        is exclusive): the result of an overtaken search is never listed."""
        text = text.strip()
        found: list[CustomerView] = []
        if text:
            try:
                found = (await in_thread(lambda: self._search(text)))[:RESULTS]
            except CallfloorError as error:
                self._failed(error)
        if self.is_attached:
            self.show_found(text, found)
        return found

    def show_found(self, text: str, found: list[CustomerView]) -> None:
        """List found, the matches of text (none: say so when something was typed)."""
        self._found = list(found)
        results = self.query_one(ResultList)
        results.clear_options()
        results.add_options([Option(self._line(c)) for c in self._found])
        if self._found:
            results.highlighted = 0
        results.set_class(bool(self._found), "-shown")
        self.query_one("#customer-none").set_class(bool(text) and not self._found, "-shown")

    def _line(self, customer: CustomerView) -> Text:
        line = customer_headline(customer)
        line.append("  ")
        line.append_text(customer_facts(customer))
        line.no_wrap, line.overflow = True, "ellipsis"
        return line

    @on(Input.Submitted, "#customer-search")
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self._picking = self._search_and_pick(event.value)  # overtakes a search in its typing pause

    @on(OptionList.OptionSelected, "#customer-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._found):
            self.workers.cancel_group(self, "customer-search")  # a late search lists nothing now
            self._pick(self._found[event.option_index])

    def _pick(self, customer: CustomerView) -> None:
        self._hide()
        self.post_message(self.Picked(customer))

    def hide_results(self) -> None:
        """Close the list, and drop the searches under way."""
        self.workers.cancel_group(self, "customer-search")
        self._hide()

    def _hide(self) -> None:
        self.query_one(ResultList).remove_class("-shown")
        self.query_one("#customer-none").remove_class("-shown")
