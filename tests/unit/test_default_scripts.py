"""The callback scripts shipped with callfloor: one per callback group of docs/floor.md, each a
good script that follows the script rules (opening, 5-8 questions, one required overall score,
the slow-response probe, the warmth question) and fits its group."""

from __future__ import annotations

import pytest

from core.callbacks.groups import GROUP_IDS
from core.callbacks.scripts import DEFAULT_FOLDER, Script, check_scripts, default_scripts, parse_script

SCRIPTS: dict[str, Script] = {s.group: s for s in default_scripts()}
SHIPPED_HERE = (
    "new_customer",
    "in_use",
    "churn_risk",
    "long_standing",
    "low_score_followup",
    "improvement_verify",
)
"""The six that ask for expectations / further needs as text or choice (complaint has no such
question; resolved asks it as yes_no)."""


def asked(script: Script) -> list:
    """The questions asked in order on every call (probes only when a trigger asks)."""
    return [q for q in script.questions if not q.probe]


def test_every_group_has_a_default_script_and_nothing_else():
    assert sorted(SCRIPTS) == sorted(GROUP_IDS)
    assert sorted(p.stem for p in DEFAULT_FOLDER.glob("*.toml")) == sorted(GROUP_IDS)


@pytest.mark.parametrize("group", GROUP_IDS)
def test_each_file_parses_alone_and_names_its_group(group):
    path = DEFAULT_FOLDER / f"{group}.toml"
    [script] = check_scripts([path])  # no problems, or ScriptError
    assert script.group == group == path.stem
    assert parse_script(path.read_text(encoding="utf-8"), path.name).group == group
    assert script.version == 1


@pytest.mark.parametrize("group", GROUP_IDS)
def test_the_script_rules(group):
    script = SCRIPTS[group]
    assert 5 <= len(asked(script)) <= 8, script.origin
    overall = [q for q in script.questions if q.dimension == "overall"]
    assert len(overall) == 1 and overall[0].required and overall[0].kind == "score"
    assert overall[0].scale == (1, 5) and not overall[0].probe
    assert {q.dimension for q in script.questions if q.dimension} == {
        "overall",
        "efficiency",
        "solving",
        "attitude",
    }
    assert all(q.scale == (1, 5) for q in script.questions if q.kind == "score")
    warmth = [q for q in script.questions if q.warmth]
    assert len(warmth) == 1 and warmth[0].kind == "yes_no" and not warmth[0].probe


@pytest.mark.parametrize("group", GROUP_IDS)
def test_what_to_improve_probes_a_slow_answer(group):
    script = SCRIPTS[group]
    improve = [q for q in asked(script) if q.kind == "text" and q.triggers]
    assert improve, f"{group}: no text question with a trigger"
    for said in ("响应慢", "物流太慢了", "Support was SLOW"):
        shown = [t.ask for q in improve for t in q.triggers if t.matches(said)]
        assert shown, f"{group}: {said!r} shows no probe"
        probe = script.question(shown[0])
        assert probe.probe and "具体是哪个环节比较慢" in probe.text
    assert not any(t.matches("都挺好的") for q in improve for t in q.triggers)


@pytest.mark.parametrize("group", GROUP_IDS)
def test_opening_and_closing(group):
    script = SCRIPTS[group]
    opening = script.opening_for("张先生", "小王", "空气净化器")
    assert "张先生" in opening and "小王" in opening and "{" not in opening
    assert "3-5分钟" in opening and "现在方便吗" in opening
    assert "{" not in script.opening_for("Ms Li", "Wang")  # no product named
    closing = script.closing.format(customer="张先生", agent="小王", product="空气净化器")
    assert "感谢" in closing  # whatever the score
    for q in script.questions:
        q.text.format(customer="张先生", agent="小王", product="空气净化器")


@pytest.mark.parametrize("group", SHIPPED_HERE)
def test_expectations_or_further_needs_are_asked(group):
    script = SCRIPTS[group]
    assert any(
        q.kind in ("text", "choice")
        and not q.triggers
        and not q.probe
        and any(word in q.text for word in ("期待", "需要", "需求", "影响最大"))
        for q in script.questions
    ), group


@pytest.mark.parametrize("group", GROUP_IDS)
def test_choice_questions_offer_options(group):
    for q in SCRIPTS[group].questions:
        if q.kind == "choice":
            assert len(q.options) >= 2 and len(set(q.options)) == len(q.options)


def test_new_customer_asks_about_delivery_installation_and_first_use():
    texts = " ".join(q.text for q in SCRIPTS["new_customer"].questions) + SCRIPTS["new_customer"].opening
    assert "配送" in texts and "安装" in texts and "第一次使用" in texts


def test_in_use_asks_about_daily_use():
    script = SCRIPTS["in_use"]
    assert "日常使用" in script.opening and any("日常使用" in q.text for q in script.questions)


def test_churn_risk_asks_what_would_make_them_stay():
    [stay] = [q for q in SCRIPTS["churn_risk"].questions if q.kind == "choice"]
    assert "继续使用" in stay.text and len(stay.options) >= 4 and "其他" in stay.options


def test_long_standing_asks_about_the_relationship():
    script = SCRIPTS["long_standing"]
    [change] = [q for q in script.questions if q.kind == "choice"]
    assert "刚开始使用" in change.text and {"变好了", "变差了"} <= set(change.options)


def test_low_score_followup_apologises_then_asks_if_solved_and_the_overall_again():
    script = SCRIPTS["low_score_followup"]
    assert "抱歉" in script.opening and "主管" in script.opening
    first = asked(script)[0]
    assert first.kind == "yes_no" and first.required and "解决" in first.text and not first.warmth
    assert asked(script)[1].dimension == "overall"


def test_improvement_verify_asks_if_the_improvement_solved_it():
    script = SCRIPTS["improvement_verify"]
    [fixed] = [q for q in script.questions if q.text.startswith("改进后问题是否已解决")]
    assert fixed.kind == "yes_no" and fixed.required and not fixed.warmth and asked(script)[0] is fixed
