"""English and Simplified Chinese for every label, message and help text.

Each screen keeps its own catalogue module here (tui/i18n/queue.py, ...), registered at
import, so screens grow their words without editing one shared file. A missing key shows
itself ([key]) rather than failing, and a test checks every catalogue has both languages.
"""

from tui.i18n import common as _common  # noqa: F401  (registers the shared words)
from tui.i18n.catalogue import (
    LANGUAGES,
    catalogue,
    choose_language,
    language,
    register,
    set_language,
    tr,
    tr_or_same,
)

__all__ = [
    "LANGUAGES",
    "catalogue",
    "choose_language",
    "language",
    "register",
    "set_language",
    "tr",
    "tr_or_same",
]
