"""Every label in both languages; every key description is a known word."""

from __future__ import annotations

import importlib
import pkgutil

import tui.base
import tui.i18n
import tui.modals
import tui.screens
import tui.text
import tui.widgets
from tui.i18n import catalogue, choose_language


def _load_everything():
    """Import every screen, modal, widget, helper and catalogue, so all words are registered."""
    for package in (tui.i18n, tui.base, tui.screens, tui.modals, tui.widgets, tui.text):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")


def test_every_entry_has_english_and_chinese():
    _load_everything()
    missing = [key for key, (en, zh) in catalogue().items() if not en.strip() or not zh.strip()]
    assert missing == []


def test_every_binding_description_is_in_the_catalogue():
    from textual.dom import DOMNode

    _load_everything()
    words = catalogue()
    unknown = []
    stack = list(DOMNode.__subclasses__())
    seen = set()
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        stack.extend(cls.__subclasses__())
        if not cls.__module__.startswith("tui."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            description = getattr(binding, "description", None)
            if description and description not in words:
                unknown.append(f"{cls.__module__}.{cls.__name__}: {description}")
    assert unknown == []


def test_language_choice_order(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert choose_language("en", "zh") == "en"  # --lang wins
    assert choose_language(None, "en") == "en"  # then the floor's policy
    assert choose_language(None, None) == "zh"  # then the locale
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert choose_language(None, None) == "en"
