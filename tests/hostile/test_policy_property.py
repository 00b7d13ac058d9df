"""Policy files with generated content: valid structure with hostile values, wrong types,
unknown keys, and random text. Either a Policy, or a PolicyError that names the key at fault
(or says the file is not TOML); never another exception."""

from __future__ import annotations

import tomllib
from datetime import date, datetime

from hypothesis import example, given
from hypothesis import strategies as st

from core.basics.errors import PolicyError
from core.policy.document import _SECTIONS, Policy, parse_policy
from tests.hostile.strategies import hostile_cell
from tests.hostile.toml_text import document

SAMPLES = {
    "timezone": [
        "Asia/Shanghai",
        "UTC",
        "Europe/Berlin",
        "Mars/Olympus",
        "../../etc/passwd",
        "a" * 300,
        "Asia",
    ],
    "language": ["en", "zh"],
    "update_cutoff": ["17:00", "24:00", "9:5"],
    "workdays": [["mon", "fri"], [], ["monday"], "mon"],
    "hours": [["09:00-18:00"], ["09:00-12:00", "11:00-13:00"], "09:00-18:00"],
    "holidays": [
        ["2026-10-01..2026-10-07"],
        ["0001-01-01..9999-12-31"],
        [date(2026, 1, 1)],
        [datetime(2026, 1, 1)],
    ],
    "mode": ["calendar", "business"],
    "default_tier": ["red", "yellow"],
    "red": [
        {"response": "15m", "solution": "2h"},
        {"response": "9" * 5000 + "m"},
        {"response": "0m"},
        {"x": "1h"},
    ],
    "stuck_after": ["2h", "5wd", "366d", "367d", "1h30m"],
    "complaint_from": [2, 0, 61, True, 2.5],
    "complaint_words": [["投诉"], [""], "投诉"],
    "long_standing_every": ["quarter", "half", "year"],
}
"""Values near each key's rules: good ones, and ones just beside them."""

scalar = st.one_of(
    hostile_cell, st.integers(), st.floats(), st.booleans(), st.dates(), st.datetimes(), st.times()
)
toml_value = st.recursive(
    scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(hostile_cell, inner, max_size=3)),
    max_leaves=8,
)


def key_value(section_keys):
    keys = sorted(section_keys or ()) or ["id"]

    @st.composite
    def pair(draw):
        name = draw(st.one_of(st.sampled_from(keys), hostile_cell.filter(bool)))
        if name in SAMPLES and draw(st.booleans()):
            return name, draw(st.sampled_from(SAMPLES[name]))
        return name, draw(toml_value)

    return pair()


@st.composite
def policy_text(draw) -> str:
    tables = {}
    for name in draw(
        st.lists(
            st.sampled_from(sorted(n for n, k in _SECTIONS.items() if k is not None))
            | hostile_cell.filter(bool),
            max_size=3,
            unique=True,
        )
    ):
        tables[name] = dict(draw(st.lists(key_value(_SECTIONS.get(name)), max_size=4)))
    arrays = {}
    for name in draw(
        st.lists(st.sampled_from(["categories", "channels", "departments"]), max_size=2, unique=True)
    ):
        rows = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"id": st.one_of(st.sampled_from(["quality", "x1", "Bad Id"]), hostile_cell)},
                    optional={
                        "zh": hostile_cell,
                        "en": hostile_cell,
                        "hours": st.one_of(st.just("08:00-18:00"), toml_value),
                        "needs_platform": toml_value,
                        "subtags": toml_value,
                    },
                ),
                min_size=1,
                max_size=3,
            )
        )
        arrays[name] = rows
    return document(tables, arrays)


def check(text: str) -> None:
    try:
        policy = parse_policy(text, "floor.toml")
    except PolicyError as refused:
        assert str(refused).startswith("floor.toml: ")
        try:
            tomllib.loads(text)
        except Exception:
            return  # not TOML: the message says so, no key to name
        assert refused.key, f"a TOML file's problem names its key: {refused}"
        return
    assert isinstance(policy, Policy)


@given(text=policy_text())
@example(text='[sla]\nred = { response = "' + "9" * 5000 + 'm" }\n')
@example(text='[floor]\ntimezone = "' + "a" * 5000 + '"\n')
@example(text='[floor]\ntimezone = "Asia"\n')
@example(text='[calendar]\nholidays = ["0001-01-01..9999-12-31"]\n')
@example(text="x = " + "[" * 5000 + "]" * 5000 + "\n")
@example(text='[keys]\n"queue.claim" = "\\u0000"\n')
def test_policy_is_a_policy_or_names_the_key(text):
    check(text)


@given(text=st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_random_text_is_a_policy_or_a_policy_error(text):
    check(text)
