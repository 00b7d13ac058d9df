"""Presence (core/floor/presence.py): a session says where it is; one gone without a word is
away after AWAY_AFTER; one that quits is gone at once. Presence counts real time, so these
tests pass their own instants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.floor.presence import (
    AWAY_AFTER,
    FORGET_AFTER,
    Whereabouts,
    leave,
    new_token,
    online_logins,
    say_here,
    who_is_here,
)

T0 = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)


def test_a_session_shows_where_it_is_and_goes_away_when_silent(floor, as_li):
    token = new_token()
    say_here(as_li, token, Whereabouts("ticket", "T000012"), now=T0, first=True)
    seen = who_is_here(floor, now=T0 + timedelta(seconds=5))["li"]
    assert (seen.online, seen.screen, seen.ticket_ref, seen.sessions) == (True, "ticket", "T000012", 1)
    assert who_is_here(floor, now=T0 + AWAY_AFTER)["li"].online
    away = who_is_here(floor, now=T0 + AWAY_AFTER + timedelta(seconds=1))["li"]
    assert (away.online, away.sessions, away.seen_at) == (False, 0, T0)
    assert online_logins(T0 + AWAY_AFTER + timedelta(seconds=1)) == set()


def test_a_beat_moves_the_same_row_and_a_quit_takes_it_away(floor, as_li):
    token = new_token()
    say_here(as_li, token, Whereabouts("queue"), now=T0, first=True)
    say_here(as_li, token, Whereabouts("callbacks"), now=T0 + timedelta(seconds=30))
    assert floor.db.execute_sql("SELECT count(*) FROM session_presence").fetchone()[0] == 1
    seen = who_is_here(floor, now=T0 + timedelta(seconds=70))["li"]
    assert (seen.online, seen.screen) == (True, "callbacks")
    leave(as_li, token)
    assert "li" not in who_is_here(floor, now=T0 + timedelta(seconds=71))


def test_the_freshest_of_two_sessions_speaks_for_the_person(floor, as_li):
    old, new = new_token(), new_token()
    say_here(as_li, old, Whereabouts("board"), now=T0, first=True)
    say_here(as_li, new, Whereabouts("ticket", "T000001"), now=T0 + timedelta(seconds=20))
    seen = who_is_here(floor, now=T0 + timedelta(seconds=25))["li"]
    assert (seen.screen, seen.ticket_ref, seen.sessions) == ("ticket", "T000001", 2)
    assert online_logins(T0 + timedelta(seconds=25)) == {"li"}


def test_unknown_screens_are_not_stored_and_old_rows_are_forgotten(floor, as_li, as_wang):
    say_here(as_wang, new_token(), Whereabouts("queue"), now=T0 - FORGET_AFTER - timedelta(minutes=1))
    say_here(as_li, new_token(), Whereabouts("<script>", "x" * 80), now=T0, first=True)
    here = who_is_here(floor, now=T0)
    assert set(here) == {"li"}  # wang's day-old row went with li's first beat
    assert (here["li"].screen, len(here["li"].ticket_ref or "")) == (None, 32)


def test_a_beat_is_not_a_save_the_quit_waits_for(floor, as_li):
    say_here(as_li, new_token(), Whereabouts("queue"), now=T0, first=True)
    assert as_li.writes_under_way == 0


def test_a_late_beat_does_not_bring_back_the_row_its_quit_took(floor, as_li):
    """A running app's later beats only move its row (again=True): a beat held up behind a write
    lock that lands after the session's own quit finds no row and makes none."""
    token = new_token()
    say_here(as_li, token, Whereabouts("queue"), now=T0, first=True)
    assert say_here(
        as_li, token, Whereabouts("ticket", "T000001"), now=T0 + timedelta(seconds=30), again=True
    )
    leave(as_li, token)
    assert not say_here(as_li, token, Whereabouts("queue"), now=T0 + timedelta(seconds=31), again=True)
    assert "li" not in who_is_here(floor, now=T0 + timedelta(seconds=32))
