"""`callfloor policy check` and `policy load` refuse a [keys] table the floor's apps cannot use:
an id no screen has, a key given to two bindings on one screen, a key a terminal over SSH
cannot send, a binding given no key. Each refusal says what is wrong and how to fix it."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Floor


def policy(tmp_path, keys: str):
    path = tmp_path / "keys.toml"
    path.write_text(f"[keys]\n{keys}\n", encoding="utf-8")
    return path


def refused(tmp_path, keys: str, *options: str) -> str:
    """What policy check says about a [keys] table it refuses (exit code 1, as for any policy)."""
    done = Floor(tmp_path / "unused.db").run(
        *options, "policy", "check", str(policy(tmp_path, keys)), db=False
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == ""
    return done.stderr


def test_a_key_map_the_apps_can_use_is_ok(tmp_path):
    keys = '"queue.claim" = "f5"\n"ticket.note" = "ctrl+n"\n"queue.open" = "enter,o"\n"queue.customer" = "K"'
    done = Floor(tmp_path / "unused.db").run("policy", "check", str(policy(tmp_path, keys)), db=False)
    assert done.returncode == 0, done.stderr
    assert ": ok (" in done.stdout


def test_an_unknown_id_is_refused_with_the_closest_id(tmp_path):
    said = refused(tmp_path, '"queue.clam" = "c"')
    assert 'keys.queue.clam: is not a binding id; did you mean "queue.claim"?' in said
    assert "docs/keys.md" in said


def test_capitals_are_answered_with_the_lower_case_name(tmp_path):
    """Key names and ids are lower-case: "F5" means f5 (not the letter F), "Queue.Claim" the claim."""
    said = refused(tmp_path, '"queue.claim" = "F5"\n"Queue.New" = "f6"')
    assert 'did you mean "f5"' in said
    assert 'keys.Queue.New: is not a binding id; did you mean "queue.new"?' in said


def test_an_id_like_none_of_the_apps_is_refused_without_a_guess(tmp_path):
    said = refused(tmp_path, '"wallboard.spin" = "s"')
    assert "keys.wallboard.spin: is not a binding id of callfloor" in said
    assert "did you mean" not in said


def test_a_key_taken_from_another_binding_of_the_screen_is_refused(tmp_path):
    said = refused(tmp_path, '"queue.claim" = "n"')
    assert 'keys.queue.claim: "n" is also the key of "queue.new" on the queue' in said
    assert 'move "queue.new" too' in said


def test_two_bindings_moved_onto_one_key_are_one_problem(tmp_path):
    said = refused(tmp_path, '"queue.claim" = "f9"\n"queue.new" = "f9"')
    assert said.count('"f9" is also the key of') == 1
    assert "[keys] has 1 problem" in said


def test_swapping_two_keys_is_no_collision(tmp_path):
    keys = '"queue.claim" = "n"\n"queue.new" = "c"'
    done = Floor(tmp_path / "unused.db").run("policy", "check", str(policy(tmp_path, keys)), db=False)
    assert done.returncode == 0, done.stderr


def test_a_key_of_the_whole_app_is_refused(tmp_path):
    said = refused(tmp_path, '"queue.claim" = "1"')
    assert 'keys.queue.claim: "1" is the app\'s own key for "app.queue"' in said
    assert "the queue" in said


def test_a_global_key_moved_onto_a_screens_key_names_every_screen_it_meets(tmp_path):
    said = refused(tmp_path, '"app.menu" = "c"')
    for screen_key in ("queue.claim", "ticket.claim", "callbacks.claim", "actions.close"):
        assert f'keys.app.menu: "c" is also the key of "{screen_key}"' in said
    assert "[keys] has 4 problems" in said


def test_a_key_textual_keeps_for_itself_is_refused(tmp_path):
    said = refused(tmp_path, '"queue.claim" = "ctrl+p"')
    assert 'keys.queue.claim: "ctrl+p" is already Textual\'s own "the command palette"' in said


def test_every_problem_is_said_at_once(tmp_path):
    said = refused(tmp_path, '"queue.clam" = "c"\n"ticket.note" = "ctrl+1"\n"queue.claim" = "n"')
    lines = said.splitlines()
    assert (
        lines[0]
        == f"callfloor: {tmp_path / 'keys.toml'}: [keys] has 3 problems, so this policy cannot be loaded:"
    )
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "keys.queue.clam",
        "keys.ticket.note",
        "keys.queue.claim",
    ]


def test_the_refusal_is_said_in_chinese_when_asked(tmp_path):
    said = refused(tmp_path, '"queue.clam" = "c"\n"queue.claim" = "n"', "--lang", "zh")
    assert '是不是 "queue.claim"' in said
    assert '"n" 在工单队列上也是 "queue.new" 的按键' in said


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("ctrl+1", "cannot send Ctrl with a digit"),
        ("ctrl+shift+k", 'sends Ctrl+Shift with a letter or digit as Ctrl alone: write "ctrl+k"'),
        ("ctrl+comma", "a terminal sends Ctrl only with backslash"),
        ("super+k", "never sends Super, Hyper or Meta"),
        ("hyper+k", "never sends Super, Hyper or Meta"),
        ("meta+k", "never sends Super, Hyper or Meta"),
        ("alt+k", "sends Alt as Esc before the key"),
        ("shift+k", 'sends Shift with a letter as the capital letter: write "K"'),
        ("shift+1", "as the character it types"),
        ("ctrl+i", 'exactly as "tab"'),
        ("ctrl+m", 'exactly as "enter"'),
        ("ctrl+h", 'exactly as "backspace"'),
        ("ctrl+left_square_bracket", 'exactly as "escape"'),
        ("shift+enter", 'exactly as "enter"'),
        ("shift+pageup", "the terminal keeps it for itself"),
        ("f13", "keyboards stop at F12"),
        ("shift+f5", "sends Shift with a function key as another function key"),
        ("pgdn", 'is not a key name; did you mean "pagedown"?'),
        ("ctrl+xyzzy", "is not a key name"),
    ],
)
def test_a_key_a_terminal_cannot_send_is_refused(tmp_path, key, words):
    said = refused(tmp_path, f'"queue.claim" = "{key}"')
    assert f'keys.queue.claim: "{key}"' in said
    assert words in said


def test_ctrl_q_quit_moved_where_no_terminal_reaches_is_refused(tmp_path):
    said = refused(tmp_path, '"app.quit" = "super+q"')
    assert 'keys.app.quit: "super+q": a terminal never sends Super' in said


def test_a_binding_given_no_key_is_refused(tmp_path):
    for empty in ('""', '" , "'):
        said = refused(tmp_path, f'"queue.claim" = {empty}')
        assert "keys.queue.claim: is given no key" in said
        assert "remove the line to keep its own" in said


def test_policy_load_refuses_a_bad_key_map_and_the_floors_policy_stays(cli_floor, tmp_path):
    good = policy(tmp_path, '"queue.claim" = "f5"')
    cli_floor.ok("policy", "load", str(good))
    before = cli_floor.ok("policy", "show", "--as-loaded")
    bad = tmp_path / "bad.toml"
    bad.write_text('[keys]\n"queue.claim" = "n"\n', encoding="utf-8")
    done = cli_floor.run("policy", "load", str(bad))
    assert done.returncode == 1
    assert 'keys.queue.claim: "n" is also the key of "queue.new"' in done.stderr
    assert "is now the floor's policy" not in done.stdout
    assert cli_floor.ok("policy", "show", "--as-loaded") == before
