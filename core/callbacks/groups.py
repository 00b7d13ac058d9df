"""The callback groups (回访对象) of docs/floor.md: who is called back, one script per group.
The one list every part of the callbacks work (scripts, scheduling, reports) names them from."""

from __future__ import annotations

from core.basics import Label

GROUPS: tuple[Label, ...] = (
    Label("new_customer", "新客户", "New customer"),
    Label("in_use", "使用客户", "In-use customer"),
    Label("complaint", "投诉客户", "Complaint"),
    Label("resolved", "已解决工单", "Resolved ticket"),
    Label("churn_risk", "潜在流失客户", "Churn risk"),
    Label("long_standing", "长期客户", "Long-standing customer"),
    Label("low_score_followup", "低分跟进", "Low-score follow-up"),
    Label("improvement_verify", "改进验证", "Improvement verification"),
)
GROUP_IDS: tuple[str, ...] = tuple(g.id for g in GROUPS)
FOLLOW_UP_GROUP = "low_score_followup"
"""The supervisor's follow-up of a low score (core.callbacks.follow_ups)."""


def group_label(group_id: str) -> Label | None:
    return next((g for g in GROUPS if g.id == group_id), None)
