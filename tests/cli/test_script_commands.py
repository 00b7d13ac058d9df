"""callfloor script check|load|list through the real command."""

from __future__ import annotations

import json

from core.callbacks.scripts import DEFAULT_FOLDER

GOOD = """\
group = "resolved"
version = 1
title = "回访"
opening = "您好{customer}，我是{agent}。"
closing = "谢谢！"

[[questions]]
id = "overall"
kind = "score"
dimension = "overall"
scale = [1, 5]
text = "总体满意度？"
"""


def test_check_needs_no_database_and_says_each_file(cli_floor, tmp_path):
    (tmp_path / "churn.toml").write_text(GOOD.replace('"resolved"', '"churn_risk"'), encoding="utf-8")
    # Every group has a shipped default now, so churn.toml goes with one default file, not the
    # whole folder (whose churn_risk.toml would be a second churn_risk script).
    out = cli_floor.ok(
        "script", "check", str(tmp_path / "churn.toml"), str(DEFAULT_FOLDER / "complaint.toml"), db=False
    )
    lines = out.splitlines()
    assert lines[0] == f"{tmp_path / 'churn.toml'}: ok (churn_risk version 1, 1 question)"
    assert any(
        line.startswith(f"{DEFAULT_FOLDER / 'complaint.toml'}: ok (complaint version 1, ") for line in lines
    )


def test_check_prints_every_problem_inert_and_exits_1(cli_floor, tmp_path):
    bad = (
        GOOD.replace("scale = [1, 5]\n", "").replace('id = "overall"', 'id = "q\\u001b[2J"')
        + '\n[[questions]]\nkind = "text"\nid = "q2"\n'
    )
    (tmp_path / "resolved.toml").write_text(bad, encoding="utf-8")
    done = cli_floor.run("script", "check", str(tmp_path), db=False)
    assert done.returncode == 1 and done.stdout == ""
    assert "\x1b" not in done.stderr
    assert done.stderr.splitlines() == [
        "callfloor: 2 problems in the script files; no script was loaded",
        f'{tmp_path / "resolved.toml"}: question "q␛[2J": a score question needs scale = [1, 5]',
        f'{tmp_path / "resolved.toml"}: question "q2": has no text; '
        'give the question as the agent reads it: text = "..."',
    ]


def test_load_list_and_reload(cli_floor):
    out = cli_floor.ok("script", "load", str(DEFAULT_FOLDER))
    assert f"loaded complaint version 1 from {DEFAULT_FOLDER / 'complaint.toml'}" in out.splitlines()
    listed = json.loads(cli_floor.ok("script", "list", "--json", user="li"))
    by_group = {row["group"]: row for row in listed}
    assert {"complaint", "resolved"} <= set(by_group)
    assert by_group["resolved"]["version"] == 1 and by_group["resolved"]["loaded_by"] == "boss"
    assert by_group["resolved"]["loaded_at"] == "2026-11-20T10:00:00+08:00"
    assert "resolved" in cli_floor.ok("script", "list")
    again = cli_floor.ok("script", "load", str(DEFAULT_FOLDER / "resolved.toml"))
    assert again.strip().endswith(
        "was already loaded (" + str(DEFAULT_FOLDER / "resolved.toml") + "): unchanged"
    )


def test_an_agent_cannot_load_and_a_bad_file_loads_nothing(cli_floor, tmp_path):
    assert "no callback scripts loaded yet" in cli_floor.ok("script", "list")
    (tmp_path / "resolved.toml").write_text(GOOD, encoding="utf-8")
    refused = cli_floor.run("script", "load", str(tmp_path), user="li")
    assert refused.returncode == 1 and "only a supervisor loads callback scripts" in refused.stderr
    (tmp_path / "complaint.toml").write_text(
        GOOD.replace('"resolved"', '"complaint"').replace("scale", "scales"), encoding="utf-8"
    )
    bad = cli_floor.run("script", "load", str(tmp_path))
    assert bad.returncode == 1 and "unknown key 'scales'" in bad.stderr
    assert json.loads(cli_floor.ok("script", "list", "--json")) == []
