"""Cross-department handoffs: the departments' directory, handing off and
replying, and the countdown board's rows.
"""

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
