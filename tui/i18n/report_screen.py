"""Words of the report screen (key 6) and its drill-down lists. The figures' own names are the
workbook's (core.report.words), so the screen and the Summary sheet say the same."""

from tui.i18n.catalogue import register

register(
    {
        "key.report": ("Report", "报告"),
        "reportview.week": ("Week {label} ({start} – {end})", "周 {label} ({start} – {end})"),
        "reportview.month": ("Month {label} ({start} – {end})", "月 {label} ({start} – {end})"),
        "reportview.as_of": ("as of {time}", "截至 {time}"),
        "reportview.reading": ("Reading the figures…", "正在读取数据…"),
        "reportview.so_far": ("SO FAR (not over yet)", "进行中（尚未结束）"),
        "reportview.not_read": (
            "Not read (the lines below are an older read): r tries again",
            "未能读取（下方为之前读取的数据）：按 r 重试",
        ),
        "reportview.col.figure": ("Figure", "指标"),
        "reportview.col.this_week": ("This week", "本周"),
        "reportview.col.last_week": ("Last week", "上周"),
        "reportview.col.this_month": ("This month", "本月"),
        "reportview.col.last_month": ("Last month", "上月"),
        "reportview.col.change": ("Change", "环比"),
        "reportview.pp": ("{sign}{points} pp", "{sign}{points} 个百分点"),
        "reportview.newest": (
            "{label} has not begun: the report goes up to the current one",
            "{label} 尚未开始：报告最多到当前周期",
        ),
        "reportview.key.earlier": ("Earlier", "上一期"),
        "reportview.key.later": ("Later", "下一期"),
        "reportview.key.kind": ("Week/month", "周报/月报"),
        "reportview.key.again": ("Read again", "刷新"),
        "reportview.key.list": ("List", "明细"),
        "reportview.key.back": ("Back", "返回"),
        "reportview.key.down": ("Down", "向下"),
        "reportview.key.up": ("Up", "向上"),
        "reportview.key.pagedown": ("Page down", "向下翻页"),
        "reportview.key.pageup": ("Page up", "向上翻页"),
        "reportview.key.top": ("Top", "顶部"),
        "reportview.key.bottom": ("Bottom", "底部"),
        # the drill-down
        "drill.key.open": ("Open", "打开"),
        "drill.key.side": ("Other side", "切换"),
        "drill.key.new_action": ("Action on these", "据此建改进措施"),
        "drill.sides": ("s: {sides}", "s：{sides}"),
        "drill.shown": ("{shown} of {total} shown", "已显示 {shown}/{total}"),
        "drill.empty": ("Nothing in this list", "此列表为空"),
        "drill.col.ref": ("Ticket", "工单"),
        "drill.col.at": ("When", "时间"),
        "drill.col.who": ("Who", "人员"),
        "drill.col.what": ("What", "内容"),
        "drill.col.why": ("Why it counts", "计入原因"),
        "drill.no_ticket": ("survey", "问卷"),
    }
)
