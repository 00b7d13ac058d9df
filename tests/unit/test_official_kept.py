"""A country's official days are worked out once per host by a helper process and kept on disk
(core/policy/official.py): sessions never load python-holidays (17 MB each, issue 15), and read
the same days it gives."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from core.basics import PolicyError
from core.policy import official
from core.policy.official import OfficialDays


@pytest.fixture
def kept(tmp_path, monkeypatch):
    """An empty folder for the kept years, and no year remembered in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    official._year.cache_clear()
    official._names.cache_clear()
    yield tmp_path / "cache" / "callfloor" / "official"
    official._year.cache_clear()
    official._names.cache_clear()


def test_a_session_works_out_a_year_without_loading_the_library(kept):
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from core.policy.official import OfficialDays\n"
        "cn = OfficialDays('CN')\n"
        "assert cn.holiday(date(2026, 10, 1)) and cn.workday(date(2026, 10, 10))\n"
        "assert cn.name(date(2026, 10, 1), 'zh') == '国庆节'\n"
        "assert 'holidays' not in sys.modules"
    )
    env = {"XDG_CACHE_HOME": str(kept.parent.parent), "PATH": "/usr/bin:/bin"}
    repo = Path(official.__file__).parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=repo)
    assert [p.name.split("-")[:2] for p in kept.glob("*.json")] == [["CN", "2026"]]


def test_the_helper_gives_what_the_library_gives(kept):
    import holidays

    library = holidays.country_holidays("CN", years=2026)
    cn = OfficialDays("CN")
    assert cn.days_off(2026) == frozenset(library)
    assert cn.make_up_days(2026) == frozenset(d for d in library.weekend_workdays if d.year == 2026)
    assert cn.name(date(2026, 5, 1)) == "Labor Day"


def test_a_kept_year_is_read_not_worked_out_again(kept, monkeypatch):
    path = official._kept_file("CN", 2031)
    assert path is not None
    path.parent.mkdir(parents=True)
    year = {"days_off": ["2031-03-03"], "make_up": [], "names": {"en_US": {"2031-03-03": "X"}}}
    path.write_text(json.dumps(year))
    monkeypatch.setattr(official, "_from_helper", lambda *a: pytest.fail("asked the helper"))
    cn = OfficialDays("CN")
    assert cn.holiday(date(2031, 3, 3)) and not cn.holiday(date(2031, 1, 1))
    assert cn.name(date(2031, 3, 3)) == "X"
    assert cn.name(date(2031, 3, 3), "zh") is None


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"days_off": 3}', '{"names": {}}'])
def test_a_damaged_kept_year_is_worked_out_again_and_replaced(kept, text):
    path = official._kept_file("CN", 2026)
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_text(text)
    assert OfficialDays("CN").holiday(date(2026, 10, 1))
    assert json.loads(path.read_text())["days_off"]


def test_without_the_helper_or_a_folder_the_year_is_worked_out_here(kept, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file, not a folder: nothing is kept
    monkeypatch.setattr(official, "_from_helper", lambda *a: None)
    assert OfficialDays("CN").workday(date(2026, 10, 10))
    assert OfficialDays("CN").name(date(2026, 10, 1), "zh") == "国庆节"


def test_a_code_the_library_does_not_know_is_refused(kept):
    with pytest.raises(PolicyError) as refused:
        OfficialDays("XQ").holiday(date(2026, 1, 1))
    assert refused.value.code == "policy.official.unknown"
