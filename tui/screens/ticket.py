"""Ticket detail (placeholder until the detail screen lands)."""
from textual.widgets import Footer, Static

from tui.screens.base import FloorScreen
from textual.binding import Binding


class TicketScreen(FloorScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "key.back", id="ticket.back")]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref

    def compose(self):
        yield Static(self.ref)
        yield Footer()
