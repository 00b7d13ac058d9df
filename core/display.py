"""Customer text shown as text: control characters made visible, never sent to a terminal raw."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str | None) -> str:
    """ESC becomes ␛ (and likewise every C0/C1 control but newline and tab), so an escape
    sequence in a customer message cannot clear or recolour an agent's screen."""
    if not text:
        return ""
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m[0])) if ord(m[0]) < 0x20 else "\ufffd" if ord(m[0]) > 0x7f else "␡", text)
