"""Callback scripts as data: every bad file gives precise errors naming the file, the question
and the problem; loading is all or nothing, idempotent, and only ever moves versions up."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.basics.errors import NotAllowed, NotFound, ScriptError
from core.callbacks.groups import GROUP_IDS
from core.callbacks.scripts import (
    DEFAULT_FOLDER,
    check_scripts,
    current_scripts,
    default_scripts,
    load_scripts,
    parse_script,
    script_by_version,
)

GOOD = """\
group = "complaint"
version = 1
title = "投诉回访"
opening = "您好{customer}，我是{agent}，关于{product}做个回访，现在方便吗？"
closing = "谢谢您！"

[[questions]]
id = "q1"
kind = "score"
dimension = "overall"
scale = [1, 5]
required = true
text = "总体满意度？"

[[questions]]
id = "q2"
kind = "text"
text = "哪里需要改进？"
triggers = [{ match = ["响应慢", "slow"], ask = "q3" }]

[[questions]]
id = "q3"
kind = "text"
probe = true
text = "哪个环节慢？"

[[questions]]
id = "q4"
kind = "choice"
options = ["电话", "微信"]
text = "以后怎么联系您？"

[[questions]]
id = "q5"
kind = "yes_no"
warmth = true
text = "您感受到关心了吗？"
"""


def problems(text: str, source: str = "complaint.toml") -> list[str]:
    with pytest.raises(ScriptError) as caught:
        parse_script(text, source)
    assert str(caught.value) == "\n".join(caught.value.lines())
    return caught.value.lines()


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_script_parses_in_order():
    script = parse_script(GOOD, "complaint.toml")
    assert (script.group, script.version, script.title) == ("complaint", 1, "投诉回访")
    assert [q.id for q in script.questions] == ["q1", "q2", "q3", "q4", "q5"]
    assert script.overall.scale == (1, 5) and script.overall.required
    q2 = script.question("q2")
    assert (
        q2.triggers[0].ask == "q3"
        and q2.triggers[0].matches("客服响应慢了")
        and q2.triggers[0].matches("too SLOW")
    )
    assert not q2.triggers[0].matches("很好")
    assert script.question("q3").probe and script.question("q4").options == ("电话", "微信")
    assert script.question("q5").warmth and not script.question("q4").required
    assert (
        script.opening_for("张伟", "李娜", "打印机") == "您好张伟，我是李娜，关于打印机做个回访，现在方便吗？"
    )
    assert script.source == GOOD


# ---------------------------------------------------------------- the bad files


def test_missing_question_text():
    bad = GOOD.replace('text = "哪里需要改进？"\n', "")
    assert problems(bad) == [
        'complaint.toml: question "q2": has no text; give the question as the agent reads it: text = "..."'
    ]
    assert problems(GOOD.replace('"哪里需要改进？"', '"  "')) == [
        'complaint.toml: question "q2": text is empty; give the question as the agent reads it'
    ]


def test_score_question_without_scale():
    bad = GOOD.replace("scale = [1, 5]\n", "")
    assert problems(bad) == ['complaint.toml: question "q1": a score question needs scale = [1, 5]']
    assert problems(GOOD.replace("scale = [1, 5]", "scale = [5, 1]")) == [
        'complaint.toml: question "q1": scale must be two whole numbers, low then high, '
        "e.g. [1, 5], not [5, 1]"
    ]


def test_duplicate_ids():
    bad = GOOD.replace('id = "q4"', 'id = "q2"')
    assert problems(bad) == ["complaint.toml: question \"q2\": duplicate id; question 2 already uses 'q2'"]


def test_unknown_trigger_target():
    bad = GOOD.replace('ask = "q3"', 'ask = "q9"')
    found = problems(bad)
    assert "complaint.toml: question \"q2\": trigger 1: ask = 'q9' names no question of this script" in found
    # and q3, now asked by nobody, is said too
    assert any(line.startswith('complaint.toml: question "q3": is a probe no trigger asks') for line in found)


def test_a_trigger_must_ask_a_probe():
    bad = GOOD.replace('ask = "q3"', 'ask = "q4"')
    assert (
        "complaint.toml: question \"q2\": trigger 1: ask = 'q4' is not a probe; mark it probe = true"
        in problems(bad)
    )


# ---------------------------------------------------------------- more bad files


def test_unknown_kind():
    assert problems(GOOD.replace('kind = "choice"', 'kind = "stars"')) == [
        "complaint.toml: question \"q4\": unknown kind 'stars'; the kinds are score, yes_no, choice, text"
    ]


def test_unknown_placeholder():
    assert problems(GOOD.replace("{product}", "{order}")) == [
        "complaint.toml: opening: unknown placeholder {order}; "
        "the placeholders are {customer}, {agent}, {product}"
    ]
    assert problems(GOOD.replace('"谢谢您！"', '"谢谢{name}"')) == [
        "complaint.toml: closing: unknown placeholder {name}; "
        "the placeholders are {customer}, {agent}, {product}"
    ]


def test_choice_without_options():
    assert problems(GOOD.replace('options = ["电话", "微信"]\n', "")) == [
        'complaint.toml: question "q4": a choice question needs options = ["...", "..."]'
    ]
    assert problems(GOOD.replace('options = ["电话", "微信"]', "options = []")) == [
        'complaint.toml: question "q4": options must be a non-empty list of non-empty texts'
    ]


def test_two_overall_questions_and_none():
    two = GOOD.replace(
        'kind = "text"\ntext = "哪里', 'kind = "score"\ndimension = "overall"\nscale = [1, 5]\ntext = "哪里'
    )
    assert problems(two) == ['complaint.toml: question "q2": dimension overall is already question "q1"\'s']
    none = GOOD.replace('dimension = "overall"\n', "")
    assert problems(none) == [
        'complaint.toml: questions: need one overall score question (kind = "score", dimension = "overall")'
    ]


def test_a_question_without_an_id_is_named_by_its_position():
    assert problems(GOOD.replace('id = "q4"\n', "")) == [
        'complaint.toml: question 4: has no id; give it one, e.g. id = "q1"'
    ]


def test_every_problem_of_a_file_is_reported_one_per_line():
    bad = (
        GOOD.replace("scale = [1, 5]\n", "")
        .replace('id = "q4"', 'id = "q2"')
        .replace("version = 1", "version = 0")
        .replace('kind = "yes_no"', 'kind = "yesno"')
    )
    found = problems(bad)
    assert found == [
        "complaint.toml: version: must be a whole number 1 or more, not 0",
        'complaint.toml: question "q1": a score question needs scale = [1, 5]',
        "complaint.toml: question \"q2\": duplicate id; question 2 already uses 'q2'",
        "complaint.toml: question \"q5\": unknown kind 'yesno'; the kinds are score, yes_no, choice, text",
    ]


def test_group_keys_and_kind_specific_keys_are_checked():
    found = problems(
        GOOD.replace('group = "complaint"', 'group = "vip"\ncolour = "red"').replace(
            "warmth = true", "warmth = true\nscale = [1, 5]"
        )
    )
    assert found[0].startswith("complaint.toml: colour: unknown key (the keys are group, version")
    assert found[1].startswith("complaint.toml: group: unknown group 'vip'; the groups are new_customer")
    assert found[2] == 'complaint.toml: question "q5": scale is only for a score question, not a yes_no one'
    assert problems("not = [toml")[0].startswith("complaint.toml: not valid TOML:")


def test_the_groups_are_domains():
    assert GROUP_IDS == (
        "new_customer",
        "in_use",
        "complaint",
        "resolved",
        "churn_risk",
        "long_standing",
        "low_score_followup",
        "improvement_verify",
    )


def test_every_shipped_default_parses():
    scripts = default_scripts()
    groups = {s.group for s in scripts}
    assert {"resolved", "complaint"} <= groups
    for script in scripts:
        assert 5 <= len([q for q in script.questions if not q.probe]) <= 8, script.origin
        assert script.overall.scale == (1, 5)
        assert {q.dimension for q in script.questions} >= {"overall", "efficiency", "solving", "attitude"}
        assert sum(q.warmth for q in script.questions) == 1
        assert any(t.matches("响应慢") for q in script.questions for t in q.triggers)
    assert len(list(DEFAULT_FOLDER.glob("*.toml"))) == len(scripts)


# ---------------------------------------------------------------- files and loading


def test_check_scripts_reads_a_folder_and_reports_every_file(tmp_path):
    write(tmp_path, "complaint.toml", GOOD)
    write(tmp_path, "resolved.toml", GOOD.replace('"complaint"', '"resolved"'))
    assert [s.group for s in check_scripts([tmp_path])] == ["complaint", "resolved"]
    write(
        tmp_path, "broken.toml", GOOD.replace("scale = [1, 5]\n", "").replace('"complaint"', '"churn_risk"')
    )
    write(tmp_path, "again.toml", GOOD)
    with pytest.raises(ScriptError) as caught:
        check_scripts([tmp_path])
    assert caught.value.lines() == [
        f'{tmp_path / "broken.toml"}: question "q1": a score question needs scale = [1, 5]',
        f"{tmp_path / 'complaint.toml'}: group complaint is also {tmp_path / 'again.toml'}; "
        "give one file per group",
    ]
    with pytest.raises(ScriptError, match="no such file or folder"):
        check_scripts([tmp_path / "missing.toml"])


def test_load_then_list_and_read_by_version(floor, tmp_path):
    path = write(tmp_path, "complaint.toml", GOOD)
    [result] = load_scripts(floor, [path])
    assert (result.group, result.version, result.loaded) == ("complaint", 1, True)
    current = current_scripts(floor)
    assert list(current) == ["complaint"]
    assert current["complaint"].loaded_by == "boss" and current["complaint"].loaded_at == floor.now()
    assert script_by_version(floor, "complaint", 1).questions == parse_script(GOOD, "x").questions
    with pytest.raises(NotFound, match="no complaint script version 2"):
        script_by_version(floor, "complaint", 2)


def test_loading_the_same_file_again_changes_nothing(floor, tmp_path):
    path = write(tmp_path, "complaint.toml", GOOD)
    load_scripts(floor, [path])
    [again] = load_scripts(floor, [path])
    assert not again.loaded
    assert floor.db.execute_sql("SELECT COUNT(*) FROM script").fetchone() == (1,)


def test_a_changed_script_needs_a_higher_version(floor, tmp_path):
    load_scripts(floor, [write(tmp_path, "complaint.toml", GOOD)])
    changed = GOOD.replace("谢谢您！", "非常感谢！")
    with pytest.raises(
        ScriptError, match="complaint version 1 is already loaded with different text; bump version"
    ):
        load_scripts(floor, [write(tmp_path, "complaint.toml", changed)])
    [bumped] = load_scripts(
        floor, [write(tmp_path, "complaint.toml", changed.replace("version = 1", "version = 2"))]
    )
    assert bumped.loaded and current_scripts(floor)["complaint"].version == 2
    assert current_scripts(floor)["complaint"].closing == "非常感谢！"
    assert script_by_version(floor, "complaint", 1).closing == "谢谢您！"  # the old version stays readable
    with pytest.raises(
        ScriptError, match=r"version 1 is already loaded with different text; bump version \(to 3\)"
    ):
        load_scripts(floor, [write(tmp_path, "complaint.toml", GOOD.replace("谢谢您！", "谢谢"))])
    [old] = load_scripts(floor, [write(tmp_path, "complaint.toml", GOOD)])  # the very same v1: nothing to do
    assert not old.loaded and current_scripts(floor)["complaint"].version == 2


def test_a_bad_file_among_good_ones_loads_nothing(floor, tmp_path):
    load_scripts(floor, [write(tmp_path, "complaint.toml", GOOD)])
    before = current_scripts(floor)
    folder = tmp_path / "scripts"
    folder.mkdir()
    write(folder, "complaint.toml", GOOD.replace("version = 1", "version = 2"))
    write(folder, "resolved.toml", GOOD.replace('"complaint"', '"resolved"'))
    write(
        folder,
        "churn.toml",
        GOOD.replace('"complaint"', '"churn_risk"').replace('ask = "q3"', 'ask = "nope"'),
    )
    with pytest.raises(ScriptError, match="names no question"):
        load_scripts(floor, [folder])
    assert current_scripts(floor) == before


def test_a_refused_version_among_good_ones_loads_nothing(floor, tmp_path):
    load_scripts(floor, [write(tmp_path, "complaint.toml", GOOD.replace("version = 1", "version = 3"))])
    folder = tmp_path / "scripts"
    folder.mkdir()
    write(folder, "resolved.toml", GOOD.replace('"complaint"', '"resolved"'))
    write(folder, "complaint.toml", GOOD.replace("version = 1", "version = 2"))
    with pytest.raises(ScriptError, match="older than the loaded version 3"):
        load_scripts(floor, [folder])
    assert list(current_scripts(floor)) == ["complaint"]  # resolved was rolled back with it


def test_an_agent_cannot_load_scripts(floor, as_li, tmp_path):
    path = write(tmp_path, "complaint.toml", GOOD)
    with pytest.raises(NotAllowed, match="only a supervisor loads callback scripts; li is an agent"):
        load_scripts(as_li, [path])
    assert current_scripts(as_li) == {}
    load_scripts(floor, [path])
    assert replace(current_scripts(as_li)["complaint"], loaded_at=None, loaded_by=None).version == 1


def test_the_shipped_defaults_load(floor):
    loaded = load_scripts(floor, [DEFAULT_FOLDER])
    assert all(r.loaded for r in loaded)
    assert {"resolved", "complaint"} <= set(current_scripts(floor))


def test_the_policy_page_example_is_a_good_script():
    import re
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "policy.md").read_text(encoding="utf-8")
    section = page.split("## Callback scripts", 1)[1]
    example = re.search(r"```toml\n(.*?)```", section, re.S)[1]
    script = parse_script(example, "docs/policy.md")
    assert script.group == "resolved" and script.question("improve").triggers[0].ask == "slow_step"
