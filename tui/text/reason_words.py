"""A callback's reason (core.callbacks.reasons) in the reader's language."""

from __future__ import annotations

from core.callbacks.reasons import reason_facts
from tui.i18n import callbacks as _words  # noqa: F401  (registers the words)
from tui.i18n import tr


def reason_words(group: str, reason: str | None) -> str:
    code, values = reason_facts(group, reason)
    if code in ("", "text"):
        return values.get("text", "")
    return tr(f"callbacks.reason.{code}", **values)


__all__ = ["reason_words"]
