"""Cross-department handoffs: the departments' directory, handing off and
replying, and the countdown board's rows.
"""

from core.handoffs import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.handoffs.board import BoardPicture, countdown, page_at, page_count
from core.handoffs.directory import DepartmentView
from core.handoffs.lifecycle import HandoffClock, HandoffView, handoff_clock

__all__ = [
    "BoardPicture",
    "DepartmentView",
    "HandoffClock",
    "HandoffView",
    "countdown",
    "handoff_clock",
    "page_at",
    "page_count",
]
