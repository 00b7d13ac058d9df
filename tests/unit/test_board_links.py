"""Links to the served wall board (issue 22, core/handoffs/board_links.py): supervisors make,
list and revoke them; only a token's hash is kept; every connection is logged; refusals are
clear and change nothing."""

from __future__ import annotations

import pytest

from core.basics import InvalidInput, NotAllowed
from core.basics.errors import Refused
from core.floor import recent_refusals
from core.handoffs import board_links
from tests.engines import query


def test_a_supervisor_makes_a_link_and_only_its_hash_is_kept(floor, floor_db):
    made = board_links.new_link(floor, "  TV by the door ")
    assert made.label == "TV by the door" and board_links.plausible_token(made.token)
    assert len(made.token) >= 40  # 32 random bytes
    [(stored, label, by)] = query(floor_db, "SELECT token_sha256, label, created_by FROM board_link")
    assert stored == board_links.token_hash(made.token) != made.token
    assert (label, by) == ("TV by the door", "boss")
    assert made.token not in str(query(floor_db, "SELECT * FROM board_link"))


def test_each_link_is_its_own_and_names_its_own_screen(floor):
    first, second = board_links.new_link(floor, "door"), board_links.new_link(floor, "canteen")
    assert first.token != second.token and first.id != second.id
    with pytest.raises(Refused, match=r"a live link is labelled 'door' already \(link 1\)"):
        board_links.new_link(floor, "door")
    board_links.revoke_link(floor, first.id)
    assert board_links.new_link(floor, "door").id == 3  # a revoked link's label is free again


def test_the_token_shows_the_board_until_revoked(floor, clock):
    made = board_links.new_link(floor, "TV 1")
    seen = board_links.look_up(floor, made.token)
    assert (seen.outcome, seen.link_id, seen.label) == ("shown", made.id, "TV 1")
    assert board_links.turned_away_full(seen).outcome == "full"
    clock.advance(minutes=5)
    revoked = board_links.revoke_link(floor, made.id)
    assert (revoked.revoked_by, revoked.revoked_at) == ("boss", clock.now())
    assert board_links.look_up(floor, made.token).outcome == "revoked"
    assert board_links.revoked_among(floor, {made.id}) == {made.id}


@pytest.mark.parametrize(
    "token", [None, "", "x", "a" * 19, "a" * 200, "../../etc/passwd", "tok en with spaces ok?", "好" * 30]
)
def test_anything_else_is_unknown(floor, token):
    board_links.new_link(floor, "TV 1")
    assert board_links.look_up(floor, token).outcome == "unknown"


def test_every_connection_is_logged_with_what_the_browser_said_kept_inert(floor, floor_db):
    made = board_links.new_link(floor, "TV 1")
    shown = board_links.log_visit(
        floor, board_links.look_up(floor, made.token), "10.0.0.5", "Kiosk\x1b[31m/1.0"
    )
    board_links.visit_ended(floor, shown.visit_id, 12345)
    board_links.log_visit(floor, board_links.look_up(floor, "wrong" * 5), "10.0.0.9", "x" * 500)
    rows = query(
        floor_db,
        "SELECT link_id, peer, browser, outcome, bytes_sent, closed_at IS NOT NULL"
        " FROM board_visit ORDER BY id",
    )
    assert rows[0][:5] == (made.id, "10.0.0.5", "Kiosk?[31m/1.0", "shown", 12345) and rows[0][5]
    assert rows[1][0] is None and rows[1][3] == "unknown" and len(rows[1][2]) == board_links.BROWSER_MOST
    [view] = board_links.board_links(floor)
    assert view.visits == 1 and view.last_visit is not None


def test_links_are_listed_newest_first_with_their_state(floor):
    first = board_links.new_link(floor, "door")
    board_links.new_link(floor, "canteen")
    board_links.revoke_link(floor, first.id)
    views = board_links.board_links(floor)
    assert [(v.label, v.revoked_by) for v in views] == [("canteen", None), ("door", "boss")]


@pytest.mark.parametrize("what", ["new", "list", "revoke"])
def test_agents_are_refused_and_the_refusal_is_audited(floor, as_li, what):
    made = board_links.new_link(floor, "TV 1")
    with pytest.raises(NotAllowed) as refused:
        if what == "new":
            board_links.new_link(as_li, "mine")
        elif what == "list":
            board_links.board_links(as_li)
        else:
            board_links.revoke_link(as_li, made.id)
    assert "only a supervisor" in refused.value.say("en") and "li is an agent" in refused.value.say("en")
    assert "只有主管" in refused.value.say("zh")
    assert recent_refusals(floor, 5)[0].login == "li"
    assert [v.label for v in board_links.board_links(floor)] == ["TV 1"]
    assert board_links.look_up(floor, made.token).outcome == "shown"


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("", "name the wall screen"),
        ("   ", "name the wall screen"),
        ("x" * 81, "the most is 80"),
        ("TV\nby the door", "one line of plain text"),
        ("TV\x1b[2J", "one line of plain text"),
        ("TV\x00", "NUL"),
    ],
)
def test_a_bad_label_is_refused_and_nothing_is_made(floor, label, words):
    with pytest.raises(InvalidInput) as refused:
        board_links.new_link(floor, label)
    assert words.lower() in refused.value.say("en").lower()
    assert board_links.board_links(floor) == []


def test_revoking_an_unknown_or_revoked_link_says_so(floor):
    with pytest.raises(Refused, match="there is no board link 7"):
        board_links.revoke_link(floor, 7)
    made = board_links.new_link(floor, "TV 1")
    board_links.revoke_link(floor, made.id)
    with pytest.raises(
        Refused, match=r"board link 1 \(TV 1\) was revoked already, by boss at 2026-11-20 10:00"
    ):
        board_links.revoke_link(floor, made.id)
