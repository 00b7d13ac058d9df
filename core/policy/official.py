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

import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
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
    found = _read_year(country, year)
    return found.days_off, found.make_up


@lru_cache(maxsize=16)
def _names(country: str, year: int, language: str) -> dict[date, str]:
    if not 1 <= year <= 9998:
        return {}
    return _read_year(country, year).names.get(language, {})


# ------------------------------------------------------------------ a year, read once per host
#
# Importing python-holidays loads every country it knows (its countries package imports them
# all): 17 MB of every app session's memory, on a host of 200 sessions (issue 15: 60 MB a
# session). So a year is worked out by a short-lived helper process and kept on disk for every
# session on the host; a session reads a small JSON file. The file is named by the library's
# version, so an upgrade (a newly published 调休 arrangement) is read afresh. When the helper
# cannot run, the year is worked out here as before.

LANGUAGES = ("en_US", "zh_CN")
_HELPER = """
import json, sys
import holidays

def year_of(country, year, languages):
    try:
        days = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        return {"unknown": True}
    def names(language):
        try:
            named = holidays.country_holidays(country, years=year, language=language)
        except (NotImplementedError, ValueError):
            return {}
        return {d.isoformat(): n for d, n in named.items()}
    workdays = getattr(days, "weekend_workdays", ())
    return {
        "days_off": sorted(d.isoformat() for d in days),
        "make_up": sorted(d.isoformat() for d in workdays if d.year == year),
        "names": {language: names(language) for language in languages},
    }

if __name__ == "__main__":
    print(json.dumps(year_of(sys.argv[1], int(sys.argv[2]), sys.argv[3:])))
"""


@dataclass(frozen=True)
class _Year:
    days_off: frozenset[date]
    make_up: frozenset[date]
    names: dict[str, dict[date, str]]


def _read_year(country: str, year: int) -> _Year:
    """The year as the helper worked it out (kept on disk), or worked out here."""
    if not is_country_code(country):
        raise PolicyError("", "calendar.official", "policy.official.unknown", value=country)
    path = _kept_file(country, year)
    data = _kept(path) if path is not None else None
    if data is None:
        data = _from_helper(country, year)
        if data is not None and path is not None:
            _keep(path, data)
    if data is None:
        data = _in_this_process(country, year)
    if data.get("unknown"):
        raise PolicyError("", "calendar.official", "policy.official.unknown", value=country)
    return _Year(
        frozenset(date.fromisoformat(d) for d in data["days_off"]),
        frozenset(date.fromisoformat(d) for d in data["make_up"]),
        {
            language: {date.fromisoformat(d): str(name) for d, name in named.items()}
            for language, named in data["names"].items()
        },
    )


def _kept_file(country: str, year: int) -> Path | None:
    """$XDG_CACHE_HOME/callfloor/official (else ~/.cache/...), named by the library's version
    (a digest of its version file: read without importing it); None without the library."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        version = Path(list(spec.submodule_search_locations)[0], "version.py").read_bytes()
    except OSError:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    tag = hashlib.sha256(version).hexdigest()[:12]
    return Path(base, "callfloor", "official", f"{country}-{year}-{tag}.json")


def _kept(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if _well_formed(data) else None


def _well_formed(data: object) -> bool:
    if not isinstance(data, dict):
        return False
    if data.get("unknown") is True:
        return True
    names = data.get("names")
    return (
        isinstance(data.get("days_off"), list)
        and isinstance(data.get("make_up"), list)
        and isinstance(names, dict)
        and all(isinstance(v, dict) for v in names.values())
    )


def _keep(path: Path, data: dict) -> None:
    """Written whole or not at all (another session may read it meanwhile); a folder that
    cannot be written only means the next session asks the helper again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass


def _from_helper(country: str, year: int) -> dict | None:
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", _HELPER, country, str(year), *LANGUAGES],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        data = json.loads(done.stdout) if done.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return data if _well_formed(data) else None


def _in_this_process(country: str, year: int) -> dict:
    """The helper's answer, worked out in this process (the library stays loaded here)."""
    helper: dict = {"__name__": "official_days"}
    exec(compile(_HELPER, "<official days>", "exec"), helper)
    return helper["year_of"](country, year, LANGUAGES)
