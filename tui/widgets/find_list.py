"""A pick list that finds as the agent types: letters build a search and the first option whose
words contain it (any case) is highlighted, so `A wangfang Enter` reassigns to wangfang, not to
whoever is listed first. Backspace takes a letter back; an arrow or Home/End starts over. The
search shows in the list's bottom border; when nothing matches, nothing is highlighted, so
Enter picks no one (a typo must not give the ticket to whoever was found before)."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

from tui.i18n import tr


class FindList(OptionList):
    typed = ""
    """The search typed since the last arrow key."""

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if event.key == "backspace" and self.typed:
            self._find(self.typed[:-1])
        elif character and len(character) == 1 and character.isprintable():  # a space too: "emily c"
            self._find(self.typed + character)
        else:
            if self.typed:  # arrows, Home, End, Enter: what is highlighted is the agent's now
                self.typed = ""
                self.border_subtitle = ""
            return
        event.stop()
        event.prevent_default()

    def _find(self, typed: str) -> None:
        self.typed = typed
        self.border_subtitle = tr("find.typed", typed=typed) if typed else ""
        wanted = typed.casefold()
        for index in range(self.option_count):
            prompt = self.get_option_at_index(index).prompt
            words = getattr(prompt, "plain", str(prompt))
            if wanted in words.casefold():
                self.highlighted = index
                return
        self.highlighted = None  # nothing matches: Enter must not take what was highlighted before
        self.border_subtitle = tr("find.none", typed=typed)
