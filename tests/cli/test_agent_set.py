"""`callfloor agent set`: a supervisor marks a leaver inactive (and back), changes a role, a
name or a team; the leaver's open work is said with how to move it; the floor never loses its
last active supervisor; an agent is refused and audited."""

from __future__ import annotations

import json


def add_ticket(cli_floor, owner: str) -> str:
    ref = cli_floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "发票问题"
    ).strip()
    cli_floor.ok("ticket", "claim", ref, user=owner)
    return ref


def people(cli_floor, user: str = "boss") -> dict[str, dict]:
    return {p["login"]: p for p in json.loads(cli_floor.ok("agent", "list", "--json", user=user))}


def test_a_leaver_is_made_inactive_and_told_what_they_still_own(cli_floor):
    refs = [add_ticket(cli_floor, "li") for _ in range(2)]
    said = cli_floor.ok("agent", "set", "li", "--active", "no").splitlines()
    assert said[0].startswith("li (李娜): agent") and "inactive" in said[0]
    assert said[1] == (
        "li still owns 2 open tickets: move them with "
        "`callfloor ticket assign --from li --spread --reason ...` (or --to LOGIN)"
    )
    assert people(cli_floor)["li"]["active"] is False
    refused = cli_floor.run("ticket", "list", user="li")
    assert refused.returncode == 1  # a leaver no longer opens the floor
    assert cli_floor.run("ticket", "assign", refs[0], "li", "--reason", "x").returncode == 1
    moved = cli_floor.ok("ticket", "assign", "--from", "li", "--to", "wang", "--reason", "李娜离职")
    assert moved.splitlines()[-1] == "moved 2 of 2"
    back = cli_floor.ok("agent", "set", "li", "--active", "是").splitlines()
    assert back == ["li (李娜): agent, team -, active"]
    assert people(cli_floor)["li"]["active"] is True


def test_role_name_and_team_change_and_the_team_clears(cli_floor):
    cli_floor.ok("agent", "set", "wang", "--role", "supervisor", "--name", "王伟伟", "--team", "A组")
    wang = people(cli_floor)["wang"]
    assert (wang["role"], wang["display_name"], wang["team"]) == ("supervisor", "王伟伟", "A组")
    cli_floor.ok("agent", "set", "wang", "--team", "")
    assert people(cli_floor)["wang"]["team"] is None


def test_the_last_active_supervisor_stays(cli_floor):
    last = cli_floor.run("agent", "set", "boss", "--active", "no")
    assert last.returncode == 1 and "last active supervisor" in last.stderr
    demoted = cli_floor.run("agent", "set", "boss", "--role", "agent")
    assert demoted.returncode == 1 and "last active supervisor" in demoted.stderr
    cli_floor.ok("agent", "set", "li", "--role", "supervisor")
    cli_floor.ok("agent", "set", "boss", "--active", "否")
    assert people(cli_floor, user="li")["boss"]["active"] is False


def test_refusals_are_one_clear_line_and_an_agents_attempt_is_audited(cli_floor):
    agent = cli_floor.run("agent", "set", "wang", "--active", "no", user="li")
    assert agent.returncode == 1 and "only a supervisor changes agents; li is an agent" in agent.stderr
    unknown = cli_floor.run("agent", "set", "ghost", "--active", "no")
    assert unknown.returncode == 1 and "'ghost' is not on this floor" in unknown.stderr
    nothing = cli_floor.run("agent", "set", "wang")
    assert nothing.returncode == 1 and "nothing to change" in nothing.stderr
    bad = cli_floor.run("agent", "set", "wang", "--active", "maybe")
    assert bad.returncode == 1 and "is not yes or no" in bad.stderr
    for result in (agent, unknown, nothing, bad):
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    [row] = json.loads(cli_floor.ok("audit", "--json"))
    assert (row["login"], row["action"], row["target"]) == ("li", "change an agent", "wang")
    assert people(cli_floor)["wang"]["active"] is True
