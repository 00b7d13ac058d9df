"""A country's official days off and make-up working days (调休), from python-holidays.

python-holidays (the Vacanza project) is the well-kept source: released every few weeks, each
country's data cited to its government's notices (China's to the State Council's yearly
arrangement on gov.cn), one dependency (python-dateutil, which we already use), and it works
offline. For China it lists the statutory holidays, the days off moved from weekends
("Day off (substituted from ...)") and, in weekend_workdays, the weekends worked instead.
A year whose arrangement is not yet published gets the library's rule-based holidays and no
make-up days until a newer release (or the floor's policy, `calendar.extra_workdays`) says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import ModuleType

from core.basics import PolicyError

__all__ = ["OfficialDays", "countries", "library_version"]


def _library() -> ModuleType:
    """python-holidays, imported when a day is first looked up: a command that never counts
    working time (most of the command line) does not pay for the import."""
    import holidays

    return holidays


def is_country_code(code: str) -> bool:
    """Shaped like an ISO 3166 code ("CN", "DE", "HKG"); whether the library knows it is
    asked when the calendar is first used (policy check and load use it)."""
    return re.fullmatch(r"[A-Z]{2,3}", code) is not None


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The ISO codes the library knows: the two- and three-letter ones of its registry."""
    from holidays.registry import COUNTRIES

    return frozenset(code for names in COUNTRIES.values() for code in names[1:3])


def library_version() -> str:
    return str(_library().__version__)


@dataclass(frozen=True)
class OfficialDays:
    """One country's official calendar, read a year at a time (and kept)."""

    country: str

    def holiday(self, day: date) -> bool:
        return day in _year(self.country, day.year)[0]

    def workday(self, day: date) -> bool:
        """A weekend the country works (调休), so a floor working Monday-Friday works it too."""
        return day in _year(self.country, day.year)[1]

    def days_off(self, year: int) -> frozenset[date]:
        return _year(self.country, year)[0]

    def make_up_days(self, year: int) -> frozenset[date]:
        return _year(self.country, year)[1]

    def name(self, day: date, language: str = "en") -> str | None:
        """What the day is called (for `policy show`'s comments and the ticket screen)."""
        names = _names(self.country, day.year, "zh_CN" if language == "zh" else "en_US")
        return names.get(day)


@lru_cache(maxsize=64)
def _year(country: str, year: int) -> tuple[frozenset[date], frozenset[date]]:
    if not 1 <= year <= 9998:
        return frozenset(), frozenset()
    if country not in countries():
        raise PolicyError("", "calendar.official", "policy.official.unknown", value=country)
    try:
        days = _library().country_holidays(country, years=year)
    except NotImplementedError as exc:  # a country code the library does not know
        raise PolicyError("", "calendar.official", "policy.official.unknown", value=country) from exc
    workdays = frozenset(d for d in getattr(days, "weekend_workdays", ()) if d.year == year)
    return frozenset(days), workdays


@lru_cache(maxsize=16)
def _names(country: str, year: int, language: str) -> dict[date, str]:
    try:
        return dict(_library().country_holidays(country, years=year, language=language))
    except (NotImplementedError, ValueError):
        return {}
