"""core.basics.display.printable: the one function every screen, the board and the command line use to
show customer text. Controls become visible symbols one for one; nothing else changes."""

from __future__ import annotations

import unicodedata

from hypothesis import given

from core.basics.display import printable
from tests.hostile.strategies import hostile_text

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_escapes_and_controls_become_their_pictures():
    assert printable("\x1b[31mRED\x1b]0;title\x07 \x1b[2J a\rb\x00c\x7f") == "␛[31mRED␛]0;title␇ ␛[2J a␍b␀c␡"
    assert printable("\x9b31m \u202eevil \u2066x\u2069") == "\ufffd31m \ufffdevil \ufffdx\ufffd"
    assert printable("[bold red]X[/]\n\tمرحبا \u200f华东 🙂") == "[bold red]X[/]\n\tمرحبا \u200f华东 🙂"
    assert printable(None) == "" and printable("") == ""


@given(hostile_text)
def test_nothing_raw_gets_through_and_the_rest_is_untouched(text):
    shown = printable(text)
    assert len(shown) == len(text)
    for before, after in zip(text, shown, strict=True):
        if before in "\n\t":
            assert after == before
        elif unicodedata.category(before) == "Cc" or before in BIDI:
            assert after != before and unicodedata.category(after) not in ("Cc", "Cf")
        else:
            assert after == before
    assert printable(shown) == shown
