"""Improvement actions (改进措施, issue 23): what the weekly meeting decides to change above
single tickets, with the problem it answers, who is responsible, by when, and the effect
expected as a figure; open -> in progress -> done -> closed, closed by the verification calls
of the customers it covers (core.callbacks.verification), reopened by a low score.

    number = add_action(session, "second courier east", "logistics", "lina", 10,
                        "share below 20%", Problem(category="logistics"), ["T-000123"])
    mark_done(session.as_login("lina"), number)       # books one call per customer
    for row in list_actions(session): ...
"""

from core.improvement import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.improvement.actions import (
    Done,
    Problem,
    action_number,
    add_action,
    close_action,
    late,
    mark_done,
    reopen_action,
    update_action,
)
from core.improvement.expected import Expected, parse_expected
from core.improvement.reads import (
    ActionDetail,
    ActionEventView,
    ActionRow,
    CoveredTicket,
    action_detail,
    list_actions,
)
from core.improvement.statuses import STATUS_LABELS, STATUS_WORDS, STATUSES

__all__ = [
    "STATUS_LABELS",
    "STATUSES",
    "STATUS_WORDS",
    "ActionDetail",
    "ActionEventView",
    "ActionRow",
    "CoveredTicket",
    "Done",
    "Expected",
    "Problem",
    "action_detail",
    "action_number",
    "add_action",
    "close_action",
    "late",
    "list_actions",
    "mark_done",
    "parse_expected",
    "reopen_action",
    "update_action",
]
