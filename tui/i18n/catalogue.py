"""The catalogue behind tr(): each words module registers {key: (english, chinese)} here."""

from __future__ import annotations

import locale
import os

LANGUAGES = ("en", "zh")
_catalogue: dict[str, tuple[str, str]] = {}
_language = "en"


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add {key: (english, chinese)}; a key registered twice with other words is a bug."""
    for key, words in entries.items():
        if key in _catalogue and _catalogue[key] != words:
            raise ValueError(f"i18n key {key!r} registered twice with different words")
        _catalogue[key] = words


def tr(key: str, **values) -> str:
    """The words for key in the current language, with {placeholders} filled."""
    words = _catalogue.get(key)
    if words is None:
        return f"[{key}]" if not values else f"[{key}] {values}"
    text = words[1] if _language == "zh" else words[0]
    return text.format(**values) if values else text


def tr_or_same(text: str) -> str:
    """Our keys translated; anything else (a Textual built-in's description) as it is."""
    return tr(text) if text in _catalogue else text


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    _language = language


def language() -> str:
    return _language


def choose_language(requested: str | None, policy_language: str | None) -> str:
    """--lang first, then the floor's policy, then the locale (zh_* reads Chinese)."""
    if requested:
        return requested
    if policy_language:
        return policy_language
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    current = locale.getlocale()[0] or ""
    return "zh" if current.lower().startswith("zh") else "en"


def catalogue() -> dict[str, tuple[str, str]]:
    return dict(_catalogue)
