"""An improvement action's statuses (open -> in progress -> done -> closed) and their names in
both languages: the one list the refusals, the screens, the report and the workbook say them by."""

from core.basics.labels import Label

STATUSES = ("open", "in_progress", "done", "closed")
STATUS_LABELS = (
    Label("open", "待处理", "open"),
    Label("in_progress", "处理中", "in progress"),
    Label("done", "已完成", "done"),
    Label("closed", "已闭环", "closed"),
)
"""A status as people type it and read it, in either language (处理中 -> in_progress)."""
STATUS_WORDS: dict[str, tuple[str, str]] = {label.id: (label.en, label.zh) for label in STATUS_LABELS}
"""id -> (English, Chinese), for the tables words are picked from."""
