"""A thing picked from a list (a tier, a category, a channel, a callback group): a stable id
and its names in both languages. Policy values build on it; validation picks from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    """Something the floor picks from a list: a stable id and its names in both languages."""

    id: str
    zh: str
    en: str

    def name(self, language: str) -> str:
        return self.zh if language == "zh" else self.en
