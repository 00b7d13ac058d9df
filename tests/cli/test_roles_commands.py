"""Roles through the real command: an agent trying a supervisor's move gets one clear line and
exit 1, and the supervisor finds each attempt in `callfloor audit`. `db init --group` makes the
floor file 0660 for the floor group, and a bad group leaves no file."""

from __future__ import annotations

import grp
import json
import os
import stat

import pytest

from core.callbacks.scripts import DEFAULT_FOLDER
from tests.cli.conftest import Floor


def test_an_agent_is_refused_each_supervisor_move_and_each_is_audited(cli_floor, tmp_path):
    ref = cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "漏发").strip()
    cli_floor.ok("ticket", "claim", ref, user="wang")
    policy = tmp_path / "policy.toml"
    policy.write_text('[sla]\nred = { response = "10m", solution = "2h" }\n', encoding="utf-8")
    attempts = [
        (
            ("export", "--clear", "--week", "2026-W46", "-o", str(tmp_path / "clear.xlsx")),
            "export the clear report",
            "2026-W46",
        ),
        (("policy", "load", str(policy)), "load a policy file", "policy"),
        (("dept", "add", "legal"), "add a department", "legal"),
        (("dept", "set", "warehouse", "--phone", "1"), "edit a department", "warehouse"),
        (("script", "load", str(DEFAULT_FOLDER / "complaint.toml")), "load callback scripts", "complaint"),
        (("ticket", "assign", ref, "li", "--reason", "我来"), "reassign a ticket", ref),
        (("audit",), "read the audit", "audit"),
    ]
    told = []
    for args, _, _ in attempts:
        done = cli_floor.run(*args, user="li")
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("callfloor: ") and "supervisor" in lines[0], (
            args,
            lines,
        )
        assert "Traceback" not in done.stderr
        told.append(lines[0].removeprefix("callfloor: "))
    assert not (tmp_path / "clear.xlsx").exists()
    audit = json.loads(cli_floor.ok("audit", "--json", "--limit", "20"))
    assert [(row["login"], row["action"], row["target"], row["reason"]) for row in reversed(audit)] == [
        ("li", action, target, reason) for (_, action, target), reason in zip(attempts, told, strict=True)
    ]
    assert json.loads(cli_floor.ok("ticket", "show", ref, "--json"))["owner"] == "wang"
    listed = cli_floor.ok("audit", "--limit", "1")
    assert "read the audit" in listed and "li is an agent" in listed


def test_a_ticket_changes_hands_through_the_command(cli_floor):
    ref = cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "漏发").strip()
    cli_floor.ok("ticket", "claim", ref, user="wang")
    assert (
        cli_floor.ok("ticket", "assign", ref, "li", "--reason", "王强下班", user="wang").strip()
        == f"{ref} is now li's"
    )
    shown = json.loads(cli_floor.ok("ticket", "show", ref, "--json"))
    assert shown["owner"] == "li"
    assert [(e["actor"], e["text"]) for e in shown["events"] if e["kind"] == "assigned"] == [
        ("wang", "王强下班")
    ]


def floor_group() -> tuple[str, int]:
    """A group this user may give files to, other than the primary one where there is one."""
    usable = [g.gr_gid for g in grp.getgrall()] if os.geteuid() == 0 else os.getgroups()
    gid = ([g for g in usable if g != os.getegid()] or [os.getegid()])[0]
    return grp.getgrgid(gid).gr_name, gid


@pytest.mark.sqlite_only("the floor file's mode and group")
def test_db_init_with_a_group_makes_the_file_0660_for_it(tmp_path):
    name, gid = floor_group()
    floor = Floor(tmp_path / "floor.db")
    old = os.umask(0o077)  # the child inherits it: the file must not
    try:
        said = floor.ok("db", "init", "--group", name)
    finally:
        os.umask(old)
    assert f"with mode 0660 for the group {name}" in said
    info = os.stat(floor.path)
    assert (stat.S_IMODE(info.st_mode), info.st_gid) == (0o660, gid)
    again = floor.ok("db", "init", "--group", name)
    assert "already existed" in again and "boss is the floor's first supervisor" not in again


@pytest.mark.sqlite_only("the floor file's group")
def test_db_init_with_an_unknown_group_is_refused_and_leaves_no_file(tmp_path):
    done = Floor(tmp_path / "floor.db").run("db", "init", "--group", "no-such-floor-group")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "callfloor: --group: there is no group 'no-such-floor-group' on this host; create it first "
        "(groupadd no-such-floor-group) or name one of yours (see: id -Gn)"
    ]
    assert list(tmp_path.iterdir()) == []
