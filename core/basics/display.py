"""Customer text shown as text: control characters made visible, never sent to a terminal raw."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match) -> str:
    code = ord(match[0])
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ ␇ ␀ ␍ ...: the control picture
    if code == 0x7F:
        return "␡"
    return "\ufffd"  # C1 controls (0x9b starts an escape too) and the bidi controls


def printable(text: str | None) -> str:
    """ESC becomes ␛ (and likewise every C0/C1 control but newline and tab; a bidi override
    becomes �), so an escape sequence in a customer message cannot clear or recolour an
    agent's screen, set its title, or reverse what follows it."""
    if not text:
        return ""
    return _CONTROL.sub(_shown, text)


_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)\S+@", re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"(\b(?:ssl)?password=)[^&\s'\")]+?(?=[&\s'\")]|:\s|:?$)", re.IGNORECASE)


def without_passwords(text: str) -> str:
    """text with any database URL's password shown as *** (user:***@host, password=***): the
    command line's last guard, should a driver or a message repeat a URL as it was typed."""
    return _QUERY_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", text))
