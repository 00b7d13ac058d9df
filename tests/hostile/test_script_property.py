"""Callback script files with generated content: the shipped scripts with hostile values put
in, wrong types, unknown keys, random text and random bytes. Either a Script, or a ScriptError
whose every line names the file (and the key or question); never another exception. A script
that parses can always be read out: its opening fills in any customer's name."""

from __future__ import annotations

import tomllib

from hypothesis import example, given
from hypothesis import strategies as st

from core.basics.errors import ScriptError
from core.callbacks.scripts import DEFAULT_FOLDER, Script, check_scripts, parse_script
from tests.hostile.strategies import hostile_cell
from tests.hostile.test_policy_property import toml_value
from tests.hostile.toml_text import document, value

SHIPPED = tomllib.loads((DEFAULT_FOLDER / "complaint.toml").read_text(encoding="utf-8"))
TOP = ("group", "version", "title", "opening", "closing")
QUESTION_KEYS = (
    "id",
    "kind",
    "text",
    "required",
    "scale",
    "dimension",
    "warmth",
    "options",
    "probe",
    "triggers",
)
PLACEHOLDERY = st.sampled_from(
    [
        "{customer}",
        "{customer!r}",
        "{customer:>999999999}",
        "{customer:{agent}}",
        "{0}",
        "{}",
        "{customer.__class__}",
        "{customer[0]}",
        "{{",
        "}",
        "{",
    ]
)


def hostile_value(name: str):
    near = {
        "kind": ["score", "yes_no", "choice", "text", "Score"],
        "group": ["complaint", "resolved", "x"],
        "version": [1, 0, -1, 2**70, True],
        "scale": [[1, 5], [5, 1], [1], ["1", "5"]],
        "dimension": ["overall", "warmth"],
        "triggers": [[{"match": ["慢"], "ask": "q1"}], [{"ask": 3}], "x"],
    }
    options = [st.sampled_from(near[name])] if name in near else []
    return st.one_of(
        *options,
        hostile_cell,
        PLACEHOLDERY,
        st.lists(PLACEHOLDERY | hostile_cell, max_size=2).map("".join),
        toml_value,
    )


@st.composite
def script_text(draw) -> str:
    """The shipped complaint script with some of its values replaced, keys dropped or added."""
    top = {k: v for k, v in SHIPPED.items() if k != "questions"}
    for name in draw(st.lists(st.sampled_from(TOP), max_size=3, unique=True)):
        if draw(st.booleans()):
            top.pop(name, None)
        else:
            top[name] = draw(hostile_value(name))
    if draw(st.booleans()):
        top[draw(hostile_cell.filter(bool))] = draw(toml_value)
    questions = [dict(q) for q in SHIPPED["questions"]]
    for _ in range(draw(st.integers(0, 3))):
        index = draw(st.integers(0, len(questions) - 1))
        key = draw(st.sampled_from(QUESTION_KEYS) | hostile_cell.filter(bool))
        if draw(st.booleans()):
            questions[index].pop(key, None)
        else:
            questions[index][key] = draw(hostile_value(key))
    if draw(st.booleans()):
        questions = draw(st.permutations(questions))
    lines = [f"{k} = {value(v)}" if k.isidentifier() else f"{value(k)} = {value(v)}" for k, v in top.items()]
    return "\n".join(lines) + "\n" + document({}, {"questions": questions})


def check(text: str, source: str = "s.toml") -> None:
    try:
        script = parse_script(text, source)
    except ScriptError as refused:
        assert refused.lines()
        for line in refused.lines():
            assert line.startswith(f"{source}: "), line
        return
    assert isinstance(script, Script)
    for name in ("[bold red]X[/]", "{agent}", "\x1b[2J"):
        opening = script.opening_for(name, "李娜", "{product}")
        assert len(opening) < len(script.opening) + 100


@given(text=script_text())
@example(
    text=(DEFAULT_FOLDER / "complaint.toml")
    .read_text(encoding="utf-8")
    .replace('opening = """', 'opening = """{customer:>999999999}', 1)
)
@example(
    text=(DEFAULT_FOLDER / "complaint.toml")
    .read_text(encoding="utf-8")
    .replace('opening = """', 'opening = """{customer!r}', 1)
)
@example(text="x = " + "[" * 5000 + "]" * 5000 + "\n")
def test_a_script_is_a_script_or_every_problem_names_the_file(text):
    check(text)


@given(text=st.text(max_size=300))
def test_random_text_is_a_script_or_a_script_error(text):
    check(text)


@given(data=st.lists(st.binary(max_size=300), min_size=1, max_size=3))
@example(data=[b"\xff\xfe\x00g", (DEFAULT_FOLDER / "complaint.toml").read_bytes()])
def test_check_scripts_on_files_of_random_bytes(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("scripts")
    for n, content in enumerate(data):
        (folder / f"s{n}.toml").write_bytes(content)
    try:
        scripts = check_scripts([folder])
    except ScriptError as refused:
        for line in refused.lines():
            assert line.startswith(str(folder)), line
        return
    assert len(scripts) == len(data)
