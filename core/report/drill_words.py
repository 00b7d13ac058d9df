"""The report screen's own words (core.report.drill) in English and Chinese, beside the
workbook's (core.report.words): the parts' headings, the sides of a figure, the drill-down's
titles and the few words of a row's detail; and the refusals of an ask the report cannot list.
"""

from __future__ import annotations

from core.basics.errors import register

WORDS: dict[str, tuple[str, str]] = {
    # the parts of the screen
    "part.summary": ("Summary", "汇总"),
    "part.channels": ("Channels", "渠道"),
    "part.categories": ("Categories", "问题分类"),
    "part.handoffs": ("Late handoffs by department", "各部门逾期协作"),
    "part.agents": ("Agents", "客服"),
    "part.follow_up": ("Low scores by follow-up", "低分回访跟进"),
    "part.phrases": ("What customers keep saying", "客户常说"),
    "part.improvements": ("Improvement actions", "改进措施"),
    "improvements.opened": ("Actions opened", "新建措施"),
    "improvements.due": ("Actions due", "到期措施"),
    "improvements.late": ("Actions late", "逾期措施"),
    "improvements.done": ("Actions done", "完成措施"),
    "improvements.closed": ("Actions closed", "闭环措施"),
    "improvement.line": (
        "A{number} {verdict} ({expected}): {title}",
        "A{number} {verdict}（{expected}）：{title}",
    ),
    "improvement.unmeasured": ("not measured yet", "尚未实测"),
    "improvement.met": ("met", "已达成"),
    "improvement.missed": ("not met", "未达成"),
    "improvement.not_yet": (
        "not measured yet: no full week since it closed",
        "尚未实测：闭环后还没有完整的一周",
    ),
    "improvement.weeks": (
        "{weeks}, {matching} of {received} tickets",
        "{weeks}，{received} 张中 {matching} 张",
    ),
    "action_tickets": (
        "A{number}'s problem in the weeks since it closed",
        "A{number} 闭环后各周的同类问题工单",
    ),
    "action.late": ("LATE", "逾期"),
    "action.due": ("due {when}", "{when} 到期"),
    "no_phrases": ("Nothing said yet", "暂无"),
    # a drill-down's title
    "title.count": ("{label}: {n}", "{label}：{n}"),
    "title.side": ("{label}, {side}: {n}", "{label}，{side}：{n}"),
    "title.rate": ("{label}, {side}: {n} of {of}", "{label}，{side}：{n} / {of}"),
    "title.average": ("{label}: {average} over {n} callbacks", "{label}：{n} 个回访平均 {average}"),
    "title.no_scores": ("{label}: no scores", "{label}：无评分"),
    "title.longest": (
        "{label}: {m} · {n} tickets, the longest wait first",
        "{label}：{m} · 共 {n} 张工单，等待最久的在前",
    ),
    "agent_tickets": ("Tickets owned by {login}", "{login} 负责的工单"),
    "agent_callbacks": ("Callbacks done by {login}", "{login} 完成的回访"),
    "agent_calls": ("Calls made by {login}", "{login} 拨打的回访"),
    "channel_tickets": ("Tickets by {channel}", "{channel}渠道的工单"),
    "category_tickets": ("Tickets about {category}", "{category}类工单"),
    "department_handoffs": ("Handoffs to {department}", "{department} 的协作"),
    "said.description": ("in its description", "问题描述中"),
    "said.contact": ("in a customer's contact", "客户来电/来信中"),
    "said.callback": ("in callback #{n}", "回访 #{n} 中"),
    "phrase_tickets": ("Tickets that said “{phrase}”", "提到“{phrase}”的工单"),
    "follow_up_lows": ("Low scores, follow-up: {state}", "低分回访，跟进状态：{state}"),
    "no_follow_up": ("none recorded", "未记录"),
    # a row's detail
    "sep": (" · ", " · "),
    "waited": ("waited {m}", "等待 {m}"),
    "waiting": ("unanswered, {m} so far", "未响应，已等待 {m}"),
    "in_target": ("answered in target", "按时首响"),
    "minutes": ("{m} min", "{m} 分钟"),
    "hours": ("{h} h {m:02d} min", "{h} 小时 {m:02d} 分"),
    "days": ("{d} d {h} h", "{d} 天 {h} 小时"),
    "due": ("due {at}", "时限 {at}"),
    "answered_at": ("answered {at}", "响应 {at}"),
    "not_answered": ("not answered", "未响应"),
    "resolved_at": ("resolved {at}", "解决 {at}"),
    "paused": ("paused", "已暂停"),
    "still_open": ("not resolved", "未解决"),
    "reopened": ("reopened {n}", "重开 {n} 次"),
    "contacts": ("customer contacts {n}", "客户来电 {n} 次"),
    "late_by": ("{m} late", "逾期 {m}"),
    "score": ("score {n}", "评分 {n}"),
    "no_score": ("no score", "未评分"),
    "dimension": ("{name} {n}", "{name} {n}"),
    "warm_yes": ("felt cared for", "有温度"),
    "warm_no": ("did not feel cared for", "无温度"),
    "follow_up": ("follow-up {state}", "{state}"),
    "suggested": ("left a suggestion", "提出建议"),
    "attempt": ("call: {outcome}", "拨打：{outcome}"),
    "stuck_now": ("stuck now", "当前卡住"),
    "withdrawn": ("withdrawn", "已撤回"),
}
"""key -> (English, Chinese); {name} placeholders are filled by Words-like calls."""

SIDES: dict[str, dict[str, tuple[str, str]]] = {
    "resolution_rate": {"yes": ("resolved", "已解决"), "no": ("not resolved", "未解决")},
    "fcr_rate": {
        "yes": ("resolved at first contact", "首次解决"),
        "no": ("not at first contact", "非首次解决"),
    },
    "first_response_in_target_rate": {"yes": ("in target", "按时"), "no": ("missed", "超时")},
    "solution_in_target_rate": {"yes": ("in target", "按时"), "no": ("missed", "超时")},
    "waited_over_1h_rate": {"yes": ("over 1 h", "超 1 小时"), "no": ("within 1 h", "1 小时内")},
    "warmth_rate": {"yes": ("felt cared for", "有温度"), "no": ("did not", "无温度")},
    "handoffs": {
        "total": ("due in the week", "本周到期"),
        "on_time": ("on time", "按时"),
        "late": ("late", "逾期"),
        "stuck": ("stuck now", "当前卡住"),
    },
    "agent": {
        "yes": ("tickets", "工单"),
        "callbacks_done": ("callbacks done", "完成回访"),
        "calls_made": ("calls made", "回访拨打"),
    },
    "agent_month": {"yes": ("callbacks done", "完成回访"), "calls_made": ("calls made", "回访拨打")},
}
"""What each side of a figure's list is called, by figure (the agents' by week and month)."""

OUTCOMES: dict[str, tuple[str, str]] = {
    "done": ("done", "完成"),
    "busy": ("busy", "客户忙"),
    "unreachable": ("unreachable", "无法接通"),
    "refused": ("refused", "客户拒绝"),
}
"""A callback attempt's outcome."""

DIMENSION_NAMES: dict[str, tuple[str, str]] = {
    "efficiency": ("efficiency", "服务效率"),
    "solving": ("problem solving", "问题解决"),
    "attitude": ("attitude", "态度"),
}


class DrillWords:
    """The screen's words in one language."""

    def __init__(self, language: str):
        self._zh = language == "zh"

    def __call__(self, key: str, **values) -> str:
        text = WORDS[key][1 if self._zh else 0]
        return text.format(**values) if values else text

    def pick(self, table: dict[str, tuple[str, str]], ident: str | None) -> str:
        """An id's word from one of the tables above; an unknown id as it is."""
        if not ident:
            return ""
        pair = table.get(ident)
        return (pair[1] if self._zh else pair[0]) if pair else ident

    def duration(self, minutes: int) -> str:
        """A wait or a lateness as a person reads it: 42 min, 3 h 05 min, 7 d 4 h."""
        if minutes < 60:
            return self("minutes", m=minutes)
        hours, rest = divmod(minutes, 60)
        if hours < 24:
            return self("hours", h=hours, m=rest)
        days, hours = divmod(hours, 24)
        return self("days", d=days, h=hours)

    def side(self, figure: str, side: str) -> str:
        return self.pick(SIDES.get(figure, {}), side)


register(
    {
        "field.figure": ("figure", "指标"),
        "field.side": ("side", "范围"),
        "field.key": ("item", "项目"),
        "field.offset": ("page", "分页"),
        "report.drill.unknown_figure": (
            "{value!r} is not a figure the report of {period} can list; pick a line of the report",
            "{period} 的报表没有 {value!r} 这一指标；请选择报表中的一行",
        ),
        "report.drill.unknown_side": (
            "{figure} has no side {value!r}; it has {sides}",
            "{figure} 没有 {value!r} 这一项；可选 {sides}",
        ),
        "report.drill.unknown_key": (
            "{figure} has no item {value!r} in {period}",
            "{period} 的 {figure} 中没有 {value!r}",
        ),
        "report.drill.bad_page": (
            "offset and limit must be whole numbers (offset 0 or more, limit 1 or more)",
            "offset 和 limit 必须是整数（offset 不小于 0，limit 不小于 1）",
        ),
    }
)
