"""Words of the callbacks screen (回访, key 4): the list, its sections, filters and messages."""

from tui.i18n.catalogue import register

register(
    {
        "key.callbacks": ("Callbacks", "回访"),
        "callbacks.title": ("Callbacks", "回访任务"),
        "callbacks.strip": (
            "overdue {overdue}  today {today}  upcoming {upcoming}",
            "已超期 {overdue}  今天 {today}  以后 {upcoming}",
        ),
        "callbacks.strip.yours": (
            "for you {yours}  overdue {overdue}  today {today}  upcoming {upcoming}",
            "待我跟进 {yours}  已超期 {overdue}  今天 {today}  以后 {upcoming}",
        ),
        "callbacks.filter.group": ("group: {group}", "对象：{group}"),
        "callbacks.filter.mine": ("mine only", "只看我的"),
        # sections, in the order shown
        "callbacks.when.yours": ("Your low-score follow-ups", "待我跟进的低分回访"),
        "callbacks.when.overdue": ("Overdue", "已超期"),
        "callbacks.when.today": ("Due today", "今天到期"),
        "callbacks.when.upcoming": ("Upcoming", "以后到期"),
        "callbacks.section": ("{when} · {count}", "{when} · {count}"),
        # columns
        "callbacks.col.mark": ("!", "!"),
        "callbacks.col.due": ("Due", "截止"),
        "callbacks.col.group": ("Group", "对象"),
        "callbacks.col.customer": ("Customer", "客户"),
        "callbacks.col.phone": ("Phone", "电话"),
        "callbacks.col.ticket": ("Ticket", "工单"),
        "callbacks.col.owner": ("Owner", "负责人"),
        "callbacks.col.attempts": ("Try", "次数"),
        "callbacks.col.call": ("Call at", "约定时间"),
        "callbacks.today": ("today {time}", "今天 {time}"),
        "callbacks.from": ("from {date}", "{date} 起"),
        "callbacks.high": ("!", "!"),
        "callbacks.held": ("held: #{id}", "待 #{id}"),
        # why a callback was booked (core.callbacks.reasons)
        "callbacks.reason.resolved": ("{ref} resolved {at}", "{ref} 于 {at} 解决"),
        "callbacks.reason.delivered": ("delivered {day}", "{day} 交付"),
        "callbacks.reason.churn_risk": ("churn risk, {period}", "潜在流失客户，{period}"),
        "callbacks.reason.long_standing": ("customer since {day}, {period}", "{day} 起的客户，{period}"),
        "callbacks.reason.low_score": (
            "callback #{number} scored {score} of 5: {said}",
            "回访 #{number} 评分 {score}/5：{said}",
        ),
        "callbacks.reason.improvement": ("{ref}: {text}", "{ref}：{text}"),
        "callbacks.purposes": ("also: {more}", "另有：{more}"),
        "callbacks.held.detail": (
            "held until the supervisor's follow-up #{id} is done",
            "等待主管跟进 #{id} 完成后再回访",
        ),
        # the selected callback, under the list
        "callbacks.detail": ("#{id} {customer} {phone} · {about}", "#{id} {customer} {phone} · {about}"),
        "callbacks.prefers": ("prefers {time}", "偏好 {time}"),
        # short group names for narrow columns (the full names are core.callbacks.groups.GROUPS)
        "callbacks.group.short.new_customer": ("New cust.", "新客户"),
        "callbacks.group.short.in_use": ("In use", "使用客户"),
        "callbacks.group.short.complaint": ("Complaint", "投诉客户"),
        "callbacks.group.short.resolved": ("Resolved", "已解决工单"),
        "callbacks.group.short.churn_risk": ("Churn risk", "潜在流失"),
        "callbacks.group.short.long_standing": ("Long-term", "长期客户"),
        "callbacks.group.short.low_score_followup": ("Low score", "低分跟进"),
        "callbacks.group.short.improvement_verify": ("Verify fix", "改进验证"),
        # empty states
        "callbacks.booking": (
            "Booking the callbacks now due… the list fills in when it is done.",
            "正在登记新到期的回访……完成后列表会自动更新。",
        ),
        "callbacks.none": (
            "No open callbacks. Resolved tickets get one within 24 hours; r checks again.",
            "没有待回访任务。工单完成后 24 小时内会生成回访；按 r 重新检查。",
        ),
        "callbacks.none.filtered": (
            "No open callbacks here. g picks another group, m shows everyone's.",
            "这里没有待回访任务。按 g 换对象，按 m 看全部。",
        ),
        # keys
        "callbacks.key.down": ("Down", "下移"),
        "callbacks.key.up": ("Up", "上移"),
        "callbacks.key.pagedown": ("Page down", "下一页"),
        "callbacks.key.pageup": ("Page up", "上一页"),
        "callbacks.key.top": ("First", "第一条"),
        "callbacks.key.bottom": ("Last", "最后一条"),
        "callbacks.key.open": ("Call", "回访"),
        "callbacks.key.claim": ("Claim", "认领"),
        "callbacks.key.group": ("Group", "对象"),
        "callbacks.key.mine": ("Mine", "我的"),
        "callbacks.key.refresh": ("Check again", "重新检查"),
        "callbacks.key.pass": ("Pass on", "转交"),
        "callbacks.key.back": ("Back", "返回"),
        # the group filter
        "callbacks.form.group": ("Show the callbacks of one group", "按回访对象筛选"),
        "callbacks.field.group": ("Group", "回访对象"),
        "callbacks.group.all": ("All groups", "全部对象"),
        "callbacks.hint.group": (
            "Arrows pick, Enter shows that group, Esc keeps the list as it is",
            "方向键选择，回车筛选，Esc 不变",
        ),
        # messages
        "callbacks.claimed": ("Callback #{id} is yours", "回访 #{id} 已由你认领"),
        "callbacks.form.pass": (
            "Pass follow-up #{id} to another supervisor",
            "将低分跟进 #{id} 转交给其他主管",
        ),
        "callbacks.field.pass": ("Supervisor", "主管"),
        "callbacks.hint.pass": (
            "Arrows pick, Enter passes it on, Esc keeps it",
            "方向键选择，回车转交，Esc 不变",
        ),
        "callbacks.passed": ("Follow-up #{id} passed to {name}", "低分跟进 #{id} 已转交给 {name}"),
        "callbacks.no_other_supervisor": (
            "No other active supervisor to pass it to",
            "没有其他在职主管可以转交",
        ),
        "follow_up.new": (
            "Low-score follow-up #{id} is yours: {customer} scored {score}{ticket}; due {due}",
            "低分跟进 #{id} 已分配给你：{customer} 评分 {score}{ticket}；{due} 前完成",
        ),
        "follow_up.waiting": (
            "{count} low-score follow-ups wait for you (key 4, top of the list)",
            "有 {count} 条低分跟进等你处理（按 4，列表最上方）",
        ),
        "follow_up.passed_away": (
            "Low-score follow-up #{id} was passed to {name}",
            "低分跟进 #{id} 已转交给 {name}",
        ),
        "follow_up.title": ("Low score", "低分回访"),
        "callbacks.already_yours": ("Callback #{id} is already yours", "回访 #{id} 已是你的"),
        "callbacks.scheduled": (
            "Checked the rules: {count} new callbacks",
            "已按规则检查：新增 {count} 条回访",
        ),
        "callbacks.skipped": (
            "{count} record(s) skipped, a date is impossible: {first}",
            "跳过 {count} 条记录（日期不合理）：{first}",
        ),
    }
)
