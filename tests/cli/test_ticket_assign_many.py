"""`callfloor ticket assign` with several refs, --from an agent, --to one agent or --spread
across the agents online: one line per ticket moved, the skipped ones listed with why, a
summary, and exit 1 when any was skipped. The first form (ticket assign REF LOGIN) still works."""

from __future__ import annotations

import json

import pytest

from core.floor.presence import Whereabouts, leave, new_token, say_here


def add_tickets(cli_floor, count: int, owner: str | None = None) -> list[str]:
    refs = []
    for _ in range(count):
        ref = cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "发票问题")
        refs.append(ref.strip())
        if owner:
            cli_floor.ok("ticket", "claim", refs[-1], user=owner)
    return refs


def owner_of(cli_floor, ref: str) -> str | None:
    return json.loads(cli_floor.ok("ticket", "show", ref, "--json"))["owner"]


@pytest.fixture
def online(cli_floor):
    """online("li", ...): those people have an app session on the floor now (presence rows)."""
    session = cli_floor.db.open(login="boss")
    rows = []

    def make(*logins: str) -> None:
        for login in logins:
            token = new_token()
            say_here(session.as_login(login), token, Whereabouts("queue"))
            rows.append((login, token))

    yield make
    for login, token in rows:
        leave(session.as_login(login), token)
    session.close()


def test_several_refs_go_to_one_agent_with_one_reason(cli_floor):
    refs = add_tickets(cli_floor, 3, owner="li")
    done = cli_floor.run("ticket", "assign", *refs, "--to", "wang", "--reason", "李娜请假")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"{ref} -> wang" for ref in refs] + ["moved 3 of 3"]
    for ref in refs:
        shown = json.loads(cli_floor.ok("ticket", "show", ref, "--json"))
        assert shown["owner"] == "wang"
        assert shown["events"][-1]["kind"] == "assigned" and shown["events"][-1]["text"] == "李娜请假"


def test_the_skipped_are_listed_with_why_and_the_exit_code_says_so(cli_floor):
    moving, done_ref, wangs = add_tickets(cli_floor, 3, owner="li")
    cli_floor.ok("ticket", "status", done_ref, "resolved", "--note", "已解决", user="li")
    cli_floor.ok("ticket", "assign", wangs, "wang", "--reason", "交接", user="li")
    done = cli_floor.run(
        "ticket", "assign", moving, done_ref, wangs, "T999999", "--to", "wang", "--reason", "平衡"
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{moving} -> wang",
        f"{done_ref} skipped: no longer open",
        f"{wangs} skipped: already theirs",
        "T999999 skipped: no such ticket",
        "moved 1 of 4; 3 skipped",
    ]
    zh = cli_floor.run("--lang", "zh", "ticket", "assign", done_ref, wangs, "--to", "li", "--reason", "x")
    assert f"{done_ref} skipped: 已不是未结工单" in zh.stdout


def test_from_takes_all_of_an_agents_open_tickets_and_spreads_them(cli_floor, online):
    cli_floor.ok("agent", "add", "zhao", "--name", "赵敏")
    refs = add_tickets(cli_floor, 4, owner="li")
    online("wang", "zhao", "boss")
    done = cli_floor.run("ticket", "assign", "--from", "li", "--spread", "--reason", "李娜病假")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "moved 4 of 4"
    owners = [owner_of(cli_floor, ref) for ref in refs]
    assert sorted(owners) == ["wang", "wang", "zhao", "zhao"]  # two each: the boss is not dealt to
    assert sorted(lines[:-1]) == sorted(f"{ref} -> {owner}" for ref, owner in zip(refs, owners, strict=True))
    again = cli_floor.run("ticket", "assign", "--from", "li", "--to", "wang", "--reason", "x")
    assert (again.returncode, again.stdout.strip()) == (0, "li owns no open tickets; nothing to move")


def test_from_with_the_first_forms_login_and_extra_refs(cli_floor):
    lis = add_tickets(cli_floor, 2, owner="li")
    [loose] = add_tickets(cli_floor, 1)
    done = cli_floor.run("ticket", "assign", loose, "wang", "--from", "li", "--reason", "交接")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "moved 3 of 3"
    assert {owner_of(cli_floor, ref) for ref in [*lis, loose]} == {"wang"}


def test_the_first_form_still_passes_on_ones_own_ticket(cli_floor):
    [ref] = add_tickets(cli_floor, 1, owner="li")
    assert cli_floor.ok("ticket", "assign", ref, "wang", "--reason", "交接", user="li").strip() == (
        f"{ref} is now wang's"
    )


def test_refusals_are_one_clear_line(cli_floor):
    refs = add_tickets(cli_floor, 2, owner="li")
    agent = cli_floor.run("ticket", "assign", *refs, "--to", "wang", "--reason", "x", user="li")
    assert agent.returncode == 1 and "only a supervisor moves tickets in bulk" in agent.stderr
    nobody = cli_floor.run("ticket", "assign", *refs, "--spread", "--reason", "x")
    assert nobody.returncode == 1 and "nobody else is online" in nobody.stderr
    unknown = cli_floor.run("ticket", "assign", *refs, "--to", "ghost", "--reason", "x")
    assert unknown.returncode == 1 and "'ghost' is not an active agent" in unknown.stderr
    no_target = cli_floor.run("ticket", "assign", refs[0], "--reason", "x")
    assert no_target.returncode == 1 and "--to LOGIN" in no_target.stderr
    no_reason = cli_floor.run("ticket", "assign", *refs, "--to", "wang", "--reason", " ")
    assert no_reason.returncode == 1 and "reason" in no_reason.stderr
    for result in (agent, nobody, unknown, no_target, no_reason):
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert {owner_of(cli_floor, ref) for ref in refs} == {"li"}
