"""Defect 4: a running app never saw a newly loaded policy (session.policy was read once at
open). Now the policy's revision is part of the change signal: while PRAGMA data_version
stands still nothing more is read; when it moves, the revision row is; the policy is parsed
only when its revision moved. A running app takes the new policy within a few of its polls,
says who loaded it and when, and the screen on show paints again under it."""

from __future__ import annotations

from datetime import timedelta

from core.basics.errors import PolicyError
from core.policy.document import Target
from core.tickets import lifecycle as tickets
from tests.app.conftest import SIZE, screen_text
from tests.cli.conftest import Floor
from tests.engines import connect

NEW_POLICY = """
[sla]
red = { response = "5m", solution = "1h" }

[[channels]]
id = "phone"
zh = "电话"
en = "Phone"

[[channels]]
id = "email"
zh = "邮件"
en = "Email"

[[channels]]
id = "online_chat"
zh = "在线客服"
en = "Online chat"

[[channels]]
id = "wecom"
zh = "企业微信"
en = "WeCom"

[[categories]]
id = "other"
zh = "待分类"
en = "To be sorted"
"""


def load_elsewhere(floor_db, tmp_path, text: str = NEW_POLICY) -> None:
    """A supervisor loads a policy from another process (the real command)."""
    source = tmp_path / "new-policy.toml"
    source.write_text(text, encoding="utf-8")
    Floor(floor_db).ok("policy", "load", str(source))


def shows(app, text: str) -> bool:
    """The screen shows text (line breaks and padding removed, as tests/app/conftest.shows)."""
    return text.replace(" ", "") in "".join(screen_text(app).split())


UPSERT = (
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
    "updated_by = excluded.updated_by"
)


def notifications(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


POLL_SECONDS = 0.5
"""The app's policy poll (tui.floor_watch.POLL_SECONDS)."""


async def polls_until(pilot, done, cycles: int = 30) -> bool:
    """Let the app's own polls run (a quarter poll per step, at most cycles polls) until done();
    whether it came (the bound is generous: no timing is asserted)."""
    for _ in range(cycles * 4):
        if done():
            return True
        await pilot.pause(POLL_SECONDS / 4)
    return done()


def test_the_app_polls_as_often_as_the_tests_expect():
    from tui import floor_watch

    assert floor_watch.POLL_SECONDS == POLL_SECONDS


async def test_a_running_app_takes_a_policy_loaded_elsewhere(app_for, queue_floor, floor_db, tmp_path):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.policy.targets["red"][0] == Target(minutes=15)
        assert shows(app, "Other")  # the queue's category column, under the built-in policy
        load_elsewhere(floor_db, tmp_path)
        assert await polls_until(pilot, lambda: app.session.policy.targets["red"][0] == Target(minutes=5))
        assert "wecom" in [c.id for c in app.session.policy.channels]
        said = "The floor's policy was updated by boss at 10:00: it applies from now"
        assert await polls_until(pilot, lambda: said in notifications(app))
        # The queue on show paints again under the new policy (its poll reads again).
        assert await polls_until(pilot, lambda: shows(app, "To be sorted"))
        # What the agent takes in now runs on the new red target.
        ref = tickets.intake(app.session, tickets.NewTicket("C001", "wecom", "货物破损"))
        detail = tickets.load(ref)
        assert detail.response_due_at - detail.received_at == timedelta(minutes=5)
        assert app.is_running


async def test_the_wall_board_takes_it_too(queue_floor, floor_db, tmp_path):
    from tui.wall import make_wall

    app = make_wall(queue_floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        load_elsewhere(floor_db, tmp_path, '[handoff]\nstuck_after = "45m"\n')
        assert await polls_until(
            pilot, lambda: app.session.policy.handoff_stuck_after.total_seconds() == 45 * 60
        )
        # the session takes the policy on the watch's thread; the word follows on the UI's
        assert await polls_until(pilot, lambda: "updated by boss" in notifications(app))


def test_the_change_signal_carries_the_policy_revision(floor, floor_db, tmp_path, monkeypatch):
    """The core of it: follow_policy is the poll's question."""
    import core.floor.session
    from core.floor.session import follow_policy

    parsed = []
    real_parse = core.floor.session.parse_policy
    monkeypatch.setattr(core.floor.session, "parse_policy", lambda *a: parsed.append(a) or real_parse(*a))
    assert follow_policy(floor) is None  # nothing changed
    assert follow_policy(floor) is None
    Floor(floor_db).ok("customer", "add", "C002", "--name", "Other Co")  # a write, not a policy
    assert follow_policy(floor) is None
    assert parsed == []  # the policy was not read again for a write that left it alone
    before = floor.policy_revision
    load_elsewhere(floor_db, tmp_path)
    update = follow_policy(floor)
    assert update is not None and update.by == "boss"
    assert floor.policy is update.policy and floor.policy.targets["red"][0] == Target(minutes=5)
    assert floor.policy_revision == before + 1
    assert len(parsed) == 1
    assert follow_policy(floor) is None  # said once


def test_a_policy_that_cannot_be_read_is_said_once_and_the_old_one_stays(floor, floor_db):
    from core.floor.session import follow_policy

    old = floor.policy
    # a hand edit that bypassed policy load (SQLite's INSERT OR REPLACE; a server's upsert)
    insert, upsert = ("INSERT OR REPLACE", "") if floor_db.path is not None else ("INSERT", UPSERT)
    other = connect(floor_db)
    other.execute(
        f"{insert} INTO floor_setting (key, value, updated_at, updated_by) "
        f"VALUES ('policy', '[sla]\nred = 5', '2026-11-20 02:00:00', 'boss'){upsert}"
    )
    other.execute(
        f"{insert} INTO floor_setting (key, value, updated_at, updated_by) "
        f"VALUES ('policy_revision', '7', '2026-11-20 02:00:00', 'boss'){upsert}"
    )
    other.commit()
    other.close()
    try:
        follow_policy(floor)
    except PolicyError as refused:
        assert "sla.red" in str(refused)
    else:
        raise AssertionError("a policy that does not parse must be said")
    assert floor.policy is old
    assert follow_policy(floor) is None  # once, not every second


def test_a_failed_read_of_the_revision_is_asked_again_at_the_next_poll(
    floor, floor_db, tmp_path, monkeypatch
):
    """Found in review: the poll remembered the change counter before reading the revision, so
    one failed read (a held lock) meant the new policy waited for some other write."""
    import pytest
    from peewee import OperationalError

    import core.floor.session
    from core.basics.errors import StorageProblem
    from core.floor.session import follow_policy

    load_elsewhere(floor_db, tmp_path)
    real_get = core.floor.session.FloorSetting.get_or_none

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(core.floor.session.FloorSetting, "get_or_none", locked)
    with pytest.raises(StorageProblem):
        follow_policy(floor)
    monkeypatch.setattr(core.floor.session.FloorSetting, "get_or_none", real_get)
    update = follow_policy(floor)  # no other write in between
    assert update is not None and floor.policy.targets["red"][0] == Target(minutes=5)
