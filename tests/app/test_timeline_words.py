"""The timeline's words for a change of owner: a claim names the owner, a move names both (a
bulk move's trial found only the new owner said)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.basics.views import EventView
from core.policy import default_policy
from tui import i18n
from tui.text.event_rows import describe

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "language, moved, claimed",
    [("en", "owner li -> wang; 李娜下班", "owner li"), ("zh", "负责人 li → wang; 李娜下班", "负责人 li")],
)
def test_a_move_names_both_owners_and_a_claim_the_new_one(language, moved, claimed):
    i18n.set_language(language)
    try:
        policy = default_policy()
        tz = policy.calendar.tz
        move = EventView(1, AT, "boss", "assigned", "李娜下班", {"owner": "li"}, {"owner": "wang"})
        claim = EventView(2, AT, "li", "claimed", None, {"owner": None}, {"owner": "li"})
        assert describe(move, policy, tz, AT.date()) == moved
        assert describe(claim, policy, tz, AT.date()) == claimed
    finally:
        i18n.set_language("en")
