"""Refusals are said in the person's language: the command line in English unless --lang zh
asks, the app in the agent's language; both from the refusal's code, never from its English."""

from __future__ import annotations

import pytest

from core.basics import InvalidInput, NotFound, StaleEdit
from core.tickets import messages as _ticket_words  # noqa: F401  (registers the ticket words)
from tui import i18n
from tui.base.problems import problem_words


def test_the_command_line_says_a_refusal_in_english_by_default(cli_floor):
    done = cli_floor.run("ticket", "show", "T999999")
    assert done.returncode == 1
    assert done.stderr.startswith("callfloor: no ticket 'T999999'")


def test_the_command_line_says_a_refusal_in_chinese_when_asked(cli_floor):
    done = cli_floor.run("--lang", "zh", "ticket", "show", "T999999")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = done.stderr.strip()
    assert line.startswith("callfloor: ") and "T999999" in line
    assert "no ticket" not in line and "工单" in line


def test_an_agents_role_refusal_is_said_in_chinese_and_audited_in_english(cli_floor):
    done = cli_floor.run("--lang", "zh", "dept", "add", "legal", user="li")
    assert done.returncode == 1
    assert "主管" in done.stderr and "supervisor" not in done.stderr
    assert "li is an agent" in cli_floor.ok("audit", "--limit", "1")


def test_a_bad_import_file_is_explained_line_by_line_in_chinese(cli_floor, tmp_path):
    rows = tmp_path / "customers.csv"
    rows.write_text("code,name,phone\nC9,,13800000000\nC10,某公司,not-a-phone\n", encoding="utf-8")
    english = cli_floor.run("import", "customers", str(rows))
    chinese = cli_floor.run("--lang", "zh", "import", "customers", str(rows))
    assert english.returncode == chinese.returncode == 1
    english_lines, chinese_lines = english.stderr.splitlines(), chinese.stderr.splitlines()
    assert len(english_lines) == len(chinese_lines) >= 3
    assert "nothing imported" in english_lines[0] and "未导入" in chinese_lines[0]
    for said in chinese_lines[1:]:
        assert f"{rows}:" in said  # the file and line stay; the words change


@pytest.fixture
def in_chinese():
    before = i18n.language()
    i18n.set_language("zh")
    yield
    i18n.set_language(before)


def test_the_app_says_core_refusals_in_the_agents_language(in_chinese):
    assert problem_words(NotFound("ticket.not_found", ref="T000042")) != str(
        NotFound("ticket.not_found", ref="T000042")
    )
    assert "T000042" in problem_words(NotFound("ticket.not_found", ref="T000042"))
    empty = InvalidInput("description", "input.empty")
    assert problem_words(empty) == empty.say("zh") and "为空" in problem_words(empty)
    assert "改动" in StaleEdit("T000001", "boss", "10:05", "tier").say("zh")


def test_lang_before_export_still_says_the_refusal_in_chinese(cli_floor):
    done = cli_floor.run("--lang", "zh", "export", "--week", "2026-W99")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "2026-W99" in done.stderr and "week" not in done.stderr.split("2026-W99")[0]
