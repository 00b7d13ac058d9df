"""Follow-up calls: booking rules and schedules, the callback list, calls with their
scripts and scores, and the low-score route to a supervisor.
"""

from core.callbacks import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.callbacks.calls import CallbackView, claim_callback, list_callbacks
from core.callbacks.groups import GROUPS, group_label
from core.callbacks.low_scores import run_low_score_loop
from core.callbacks.rules import complaint_window, is_complaint, resolved_window
from core.callbacks.schedule import record_improvement, schedule_callbacks
from core.callbacks.scripts import Question, check_scripts, current_scripts, load_scripts

__all__ = [
    "CallbackView",
    "GROUPS",
    "Question",
    "check_scripts",
    "claim_callback",
    "complaint_window",
    "current_scripts",
    "group_label",
    "is_complaint",
    "list_callbacks",
    "load_scripts",
    "record_improvement",
    "resolved_window",
    "run_low_score_loop",
    "schedule_callbacks",
]
