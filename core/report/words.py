"""The workbook's words in English and Chinese: sheet names, headings, labels and the words
for coded values (tiers, statuses, methods, follow-up states) all follow the report's language,
so a meeting reads one language throughout. Only the Summary's grey "JSON" column keeps the
figures' JSON names, for cross-checking `callfloor report --json`.

Core cannot use the app's catalogues (tui.i18n), so the report keeps its own short list;
the floor's list items (channels, categories, departments, callback groups) are named by the
policy in both languages already.
"""

from __future__ import annotations

from core.basics import InvalidInput
from core.callbacks import GROUPS
from core.policy import Policy

LANGUAGES = ("en", "zh")

WORDS: dict[str, tuple[str, str]] = {
    # the Summary sheet
    "title": ("Weekly report {week}", "周报 {week}"),
    "from": ("Week from", "本周开始"),
    "to": ("Week to (not included)", "本周结束(不含)"),
    "as_of": ("Figures as of", "数据截至"),
    "phones": ("Phone numbers", "电话号码"),
    "masked": ("masked (138****5678)", "已脱敏 (138****5678)"),
    "clear": (
        "CLEAR: customers' phone numbers and order numbers in full; keep this file on the floor",
        "明文: 含客户完整电话和订单号, 请勿带离客服现场",
    ),
    "empty_note": (
        "No feedback was received in this week: counts are 0 and rates are empty (no tickets to divide by).",
        "本周没有收到反馈: 数量为 0, 比率为空 (没有可计算的工单)。",
    ),
    "no_callbacks_note": (
        "No callback was done in this week: satisfaction and warmth are empty.",
        "本周没有完成的回访: 满意度和温度占比为空。",
    ),
    "figure": ("Figure", "指标"),
    "this_week": ("This week", "本周"),
    "last_week": ("Last week", "上周"),
    "change": ("Change", "环比变化"),
    # the JSON name of each figure, kept in English in both languages: it is what a reader
    # cross-checking `callfloor report --json` looks for, not words for the meeting
    "name": ("JSON", "JSON"),
    "points": ("pp", "个百分点"),
    "page_footer": ("Page &P of &N", "第 &P 页, 共 &N 页"),
    "trend": ("Last 8 weeks", "近 8 周"),
    "week": ("Week", "周"),
    "received_series": ("Feedback received", "收到反馈"),
    "satisfaction_series": ("Average satisfaction", "平均满意度"),
    "trend_chart": ("Volume and satisfaction, 8 weeks", "近 8 周反馈量与满意度"),
    # figure names
    "received": ("Feedback received", "收到反馈"),
    "resolution_rate": ("Resolution rate", "解决率"),
    "fcr_rate": ("First-contact resolution", "首次解决率"),
    "first_response_in_target_rate": ("First response in target", "首响及时率"),
    "solution_in_target_rate": ("Resolved in target", "解决及时率"),
    "waited_over_1h_rate": ("Waited over 1 h", "等待超 1 小时占比"),
    "longest_wait_minutes": ("Longest wait (min)", "最长等待 (分钟)"),
    "satisfaction_avg": ("Average satisfaction (1-5)", "平均满意度 (1-5)"),
    "callbacks_done": ("Callbacks done", "完成回访"),
    "low_scores": ("Low scores (overall <= {low})", "低分回访 (总体 <= {low})"),
    "warmth_rate": ("Warmth rate (felt cared for)", "沟通有温度占比"),
    # headings of the other sheets
    "channel": ("Channel", "渠道"),
    "category": ("Category", "问题分类"),
    "tickets": ("Tickets", "工单数"),
    "share": ("Share", "占比"),
    "total": ("Total", "合计"),
    "top": ("Top 3", "前三"),
    "categories_chart": ("Tickets by category", "各分类工单数"),
    "tier": ("Tier", "优先级"),
    "counted": ("Answered or due", "已响应或已到期"),
    "in_target": ("Answered in target", "按时首响"),
    "in_target_rate": ("In-target rate", "首响及时率"),
    "over_1h": ("Waited over 1 h", "等待超 1 小时"),
    "over_1h_rate": ("Share over 1 h", "超 1 小时占比"),
    "longest": ("Longest wait (min)", "最长等待 (分钟)"),
    "department": ("Department", "部门"),
    "handoffs_total": ("Handoffs due", "到期协作"),
    "on_time": ("On time", "按时"),
    "late": ("Late", "逾期"),
    "stuck": ("Stuck now", "当前卡住"),
    "agent": ("Agent", "客服"),
    "agent_name": ("Name", "姓名"),
    "tickets_owned": ("Tickets owned", "负责工单"),
    "resolved": ("Resolved", "已解决"),
    "satisfaction": ("Satisfaction", "满意度"),
    "warmth": ("Warmth rate", "温度占比"),
    "completed": ("Completed", "完成时间"),
    "group": ("Group", "回访对象"),
    "customer_code": ("Customer code", "客户编号"),
    "customer": ("Customer", "客户名称"),
    "phone": ("Phone", "联系电话"),
    "ticket": ("Ticket", "工单号"),
    "method": ("Method", "回访方式"),
    "overall": ("Overall", "总体满意度"),
    "efficiency": ("Efficiency", "服务效率"),
    "solving": ("Problem solving", "问题解决能力"),
    "attitude": ("Attitude", "态度友好度"),
    "warm": ("Warm", "沟通有温度"),
    "follow_up": ("Follow-up", "跟进状态"),
    "feedback": ("Feedback", "反馈内容"),
    "suggestion": ("Suggestion", "改进建议"),
    "kind": ("Type", "类型"),
    "text": ("Text", "内容"),
    "times": ("Times", "次数"),
    "share_of_callbacks": ("Share of callbacks", "占回访比例"),
    "average_overall": ("Average overall", "平均总体满意度"),
    "last_said": ("Last said", "最近一次"),
    "no_rows": ("None this week.", "本周没有。"),
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
    # the Tickets sheet
    "ref": ("Ref", "工单号"),
    "received_at": ("Received", "反馈时间"),
    "subtag": ("Sub-tag", "子标签"),
    "status": ("Status", "状态"),
    "owner": ("Owner", "负责人"),
    "first_response_at": ("First response", "首次响应"),
    "response_due_at": ("Response due", "响应时限"),
    "resolved_at": ("Resolved at", "解决时间"),
    "wait_minutes": ("Wait (min)", "等待 (分钟)"),
    "reopened_count": ("Reopened", "重开次数"),
    "inbound_contacts": ("Customer contacts", "客户来电次数"),
    "description": ("Description", "问题描述"),
    # the monthly callback work report (回访工作报告)
    "month_title": ("Monthly callback work report {month}", "回访工作月报 {month}"),
    "month_from": ("Month from", "本月开始"),
    "month_to": ("Month to (not included)", "本月结束(不含)"),
    "no_calls_note": (
        "No callback was made or done in this month: counts are 0 and averages are empty.",
        "本月没有回访拨打或完成: 数量为 0, 平均分为空。",
    ),
    "this_month": ("This month", "本月"),
    "last_month": ("Last month", "上月"),
    "calls_made": ("Calls made", "回访拨打次数"),
    "calls_reached": ("Calls reached (customer answered)", "接通次数 (客户接听)"),
    "efficiency_avg": ("Average efficiency (1-5)", "服务效率平均分 (1-5)"),
    "solving_avg": ("Average problem solving (1-5)", "问题解决能力平均分 (1-5)"),
    "attitude_avg": ("Average attitude (1-5)", "态度友好度平均分 (1-5)"),
    "low_follow_up": ("Low scores, follow-up: {state}", "低分回访, 跟进状态: {state}"),
    "other_state": ("other", "其他"),
    "suggestions": ("Suggestions collected", "收集建议"),
    "month_trend": (
        "Satisfaction by week (ISO weeks, clipped to the month)",
        "按周满意度 (ISO 周, 限本月内)",
    ),
    "week_from": ("From", "开始"),
    "week_to": ("To (not included)", "结束(不含)"),
    "done_series": ("Callbacks done", "完成回访"),
    "month_trend_chart": ("Callbacks done and satisfaction by week", "各周完成回访与满意度"),
    "made": ("Made", "拨打"),
    "reached": ("Reached", "接通"),
    "done": ("Done", "完成"),
    "low": ("Low scores", "低分"),
    "follow_up_state": ("Follow-up: {state}", "跟进: {state}"),
    "suggestions_short": ("Suggestions", "建议"),
    "callback": ("Callback", "回访编号"),
    "no_rows_month": ("None this month.", "本月没有。"),
    # improvement actions (改进措施)
    "action_number": ("Action", "措施"),
    "action_title": ("Title", "标题"),
    "action_problem": ("Problem", "针对的问题"),
    "action_status": ("Status", "状态"),
    "action_due": ("Deadline", "完成节点"),
    "action_this_week": ("This week", "本周"),
    "action_expected": ("Expected", "预期效果"),
    "measured_share": ("Measured share", "实测占比"),
    "measured_count": ("Measured a week", "实测每周数量"),
    "measured_weeks": ("Weeks measured", "实测周"),
    "action_met": ("Met", "达成"),
    "action_not_yet": ("not yet", "尚无数据"),
    "actions_counted": (
        "Actions this week: {counts}. Measured: the action's problem in the tickets received in the "
        "full weeks since it closed.",
        "本周措施: {counts}。实测: 闭环后各整周收到的工单中该问题的占比或每周数量。",
    ),
    # what customers keep saying (客户常说)
    "rank": ("Rank", "排名"),
    "phrase": ("Phrase", "常说的话"),
    "examples": ("Example tickets", "示例工单"),
    "phrases_note": (
        "Tickets: how many tickets said it (a description received, a customer's call logged or a "
        "callback done in the period); share: of the {n:,} tickets that said anything.",
        "工单数: 提到该说法的工单数 (本期收到的问题描述、登记的客户来电或完成的回访); "
        "占比: 占本期有客户原话的 {n:,} 张工单的比例。",
    ),
}

SHEETS: dict[str, tuple[str, str]] = {
    "summary": ("Summary", "汇总"),
    "channels": ("Channels", "渠道"),
    "categories": ("Categories", "分类"),
    "response": ("Response", "响应"),
    "handoffs": ("Handoffs", "协作"),
    "agents": ("Agents", "客服"),
    "callbacks": ("Callbacks", "回访"),
    "tickets": ("Tickets", "工单"),
    "suggestions": ("Suggestions", "建议"),
    "low_scores": ("Low scores", "低分回访"),
    "phrases": ("Phrases", "客户常说"),
    "improvements": ("Improvements", "改进措施"),
}
"""The sheets' names in each language (Words.sheet); a chart's ranges name its sheet by these."""
SHEET_NAME_FORBIDDEN = frozenset("[]:*?/\\")
SHEET_NAME_MAX = 31

TIERS = {"red": ("Red", "一级"), "yellow": ("Yellow", "二级"), "green": ("Green", "三级")}
STATUSES = {
    "new": ("New", "待处理"),
    "in_progress": ("In progress", "处理中"),
    "waiting": ("Waiting on customer", "待客户回复"),
    "resolved": ("Resolved", "已完成"),
    "closed": ("Closed", "已闭环"),
}
METHODS = {"phone": ("Phone", "电话"), "survey": ("Survey", "问卷")}
FOLLOW_UPS = {
    "open": ("Open", "跟进中"),
    "done": ("Done", "已跟进"),
    "refused": ("Refused", "客户拒绝"),
    "unreachable": ("Unreachable", "无法联系"),
    "none": ("None recorded", "未记录"),  # core.report.monthly_rows.NO_FOLLOW_UP
}
"""The words of coded values, as the app says them (tui.i18n), capitalised in English as a
cell's value is."""


def sheet_name_ok(name: str) -> bool:
    """Excel's rule for a sheet's name: 1 to 31 characters, none of []:*?/\\, not starting or
    ending with an apostrophe."""
    return (
        0 < len(name) <= SHEET_NAME_MAX
        and not SHEET_NAME_FORBIDDEN & set(name)
        and not name.startswith("'")
        and not name.endswith("'")
    )


def check_language(language: str | None, policy: Policy) -> str:
    """The report's language: the one asked for, else the floor's, else English."""
    chosen = language or policy.language or "en"
    if chosen not in LANGUAGES:
        raise InvalidInput("language", "report.language.unknown", value=chosen)
    return chosen


class Words:
    """The report's words in one language, and the policy's list items by id."""

    def __init__(self, policy: Policy, language: str):
        self.language = language
        self._zh = language == "zh"
        self._items: dict[str, dict[str, str]] = {
            "channel": {},
            "category": {},
            "subtag": {},
            "department": {},
        }
        for channel in policy.channels:
            self._items["channel"][channel.id] = channel.name(language)
        for category in policy.categories:
            self._items["category"][category.id] = category.name(language)
            for sub in category.subtags:
                self._items["subtag"][sub.id] = sub.name(language)
        for department in policy.departments:
            self._items["department"][department.id] = department.name(language)

    def __call__(self, key: str, **values) -> str:
        text = WORDS[key][1 if self._zh else 0]
        return text.format(**values) if values else text

    def sheet(self, key: str) -> str:
        """A sheet's name in the report's language (SHEETS)."""
        return SHEETS[key][1 if self._zh else 0]

    def items(self, kind: str) -> dict[str, str]:
        """Every channel, category, sub-tag or department of the policy: id -> name."""
        return dict(self._items[kind])

    def choices(self, table: dict[str, tuple[str, str]]) -> dict[str, str]:
        """One of the word tables above (TIERS, STATUSES, ...): id -> word."""
        return {ident: pair[1] if self._zh else pair[0] for ident, pair in table.items()}

    def groups(self) -> dict[str, str]:
        """Every callback group: id -> name."""
        return {g.id: g.name(self.language) for g in GROUPS}

    def item(self, kind: str, ident: str | None) -> str:
        """A channel, category, sub-tag or department by id; an unknown id as it is."""
        if not ident:
            return ""
        return self._items[kind].get(ident, ident)

    def pick(self, table: dict[str, tuple[str, str]], ident: str | None) -> str:
        if not ident:
            return ""
        pair = table.get(ident)
        return (pair[1] if self._zh else pair[0]) if pair else ident

    def yes_no(self, value: bool | None) -> str:
        return "" if value is None else self("yes") if value else self("no")
