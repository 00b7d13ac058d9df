"""Words of the app's menu (F2) and the report export form: the weekly report (issue 6) and the
monthly callback work report (issue 17)."""

from tui.i18n.catalogue import register

register(
    {
        "key.menu": ("Menu", "菜单"),
        "key.export": ("Export report (weekly, monthly)", "导出报表（周报、月报）"),
        # the menu
        "menu.title": ("Menu", "菜单"),
        "menu.hint": ("Arrows pick, Enter opens, Esc closes", "方向键选择，回车打开，Esc 关闭"),
        "menu.field": ("Go to", "前往"),
        "menu.key.pick": ("Open", "打开"),
        "menu.key.close": ("Close", "关闭"),
        # the export form
        "report.title": ("Export weekly report", "导出周报"),
        "report.hint": (
            "←/→ week, m masked or clear, Tab to the file, Enter exports, Esc cancels",
            "←/→ 换周，m 隐去或明文，Tab 到文件名，回车导出，Esc 取消",
        ),
        "report.hint.agent": (
            "←/→ week, p week/month, Enter saves to the floor's folder, Esc cancels",
            "←/→ 换周，p 周报/月报，回车导出到现场文件夹，Esc 取消",
        ),
        "report.hint.running": (
            "Exporting; the floor keeps working. The form closes once it is saved.",
            "正在导出，工作台照常可用；保存完成后本窗口自动关闭。",
        ),
        "report.field.week": ("Week (ISO, Monday to Sunday)", "周次（ISO 周，周一至周日）"),
        "report.week": ("◀ {label} ({start} – {end}) ▶", "◀ {label}（{start} – {end}）▶"),
        "report.week.last_full": ("last full week", "上一个完整周"),
        "report.week.current": ("this week, figures as of now", "本周，数据截至此刻"),
        "report.week.newest": ("(no later week yet)", "（没有更晚的周）"),
        "report.title.month": ("Export monthly callback report", "导出回访工作月报"),
        "report.hint.month": (
            "←/→ month, m masked/clear, Tab to the file, Enter exports, Esc cancels",
            "←/→ 换月，m 隐去或明文，Tab 到文件名，回车导出，Esc 取消",
        ),
        "report.hint.month.agent": (
            "←/→ month, p week/month, Enter saves to the floor's folder, Esc cancels",
            "←/→ 换月，p 周报/月报，回车导出到现场文件夹，Esc 取消",
        ),
        "report.field.month": ("Month (calendar month, floor time)", "月份（自然月，现场时间）"),
        "report.month": ("◀ {label} ({start} – {end}) ▶", "◀ {label}（{start} – {end}）▶"),
        "report.month.last_full": ("last full month", "上一个完整月"),
        "report.month.current": ("this month, figures as of now", "本月，数据截至此刻"),
        "report.period.to_month": ("p: monthly callback report", "p：改为回访月报"),
        "report.period.to_week": ("p: weekly report", "p：改为周报"),
        "report.field.phones": ("Phones and order numbers", "电话和订单号"),
        "report.masked": ("masked (138****5678)", "隐去中间位（138****5678）"),
        "report.clear": ("clear: in full, handle with care", "明文：完整显示，请妥善保管"),
        "report.clear.supervisors": ("clear: supervisors only", "明文：仅主管可导出"),
        "report.clear.offer": ("m: clear", "m：改为明文"),
        "report.masked.offer": ("m: masked", "m：改为隐去"),
        "report.field.file": (
            "Save as (.xlsx) in the floor's exports folder, or a full path",
            "保存为（.xlsx），存入现场导出文件夹，或写完整路径",
        ),
        "report.field.file.agent": (
            "Saved in the floor's exports folder as (the name follows the period)",
            "保存到现场导出文件夹，文件名（随周次或月份而定）",
        ),
        "report.phase.start": ("Starting", "开始"),
        "report.phase.figures": ("Reading the figures", "读取指标"),
        "report.phase.tickets": ("Writing the tickets", "写入工单明细"),
        "report.phase.saving": ("Saving the file", "保存文件"),
        "report.saved": (
            "Saved {week} to {path} ({tickets} tickets)",
            "已将 {week} 保存到 {path}（{tickets} 张工单）",
        ),
        "report.saved.title": ("Weekly report", "周报"),
        "report.saved.clear": (
            "Saved {week} CLEAR (phones and order numbers in full) to {path} ({tickets} tickets)",
            "已将 {week} 明文（CLEAR，电话和订单号完整显示）保存到 {path}（{tickets} 张工单）",
        ),
        "report.saved.title.clear": ("Weekly report, CLEAR", "周报（明文 CLEAR）"),
        "report.saved.month.clear": (
            "Saved {month} CLEAR (phones and order numbers in full) to {path} ({callbacks} callbacks done)",
            "已将 {month} 明文（CLEAR，电话和订单号完整显示）保存到 {path}（完成回访 {callbacks} 次）",
        ),
        "report.saved.title.month.clear": ("Monthly callback report, CLEAR", "回访工作月报（明文 CLEAR）"),
        "report.saved.new_name": (
            "; {taken} was already there, so this is a new file (nothing was overwritten)",
            "；{taken} 已存在，因此另存为新文件（未覆盖任何文件）",
        ),
        "report.saved.month": (
            "Saved {month} to {path} ({callbacks} callbacks done)",
            "已将 {month} 保存到 {path}（完成回访 {callbacks} 次）",
        ),
        "report.saved.title.month": ("Monthly callback report", "回访工作月报"),
        "report.key.earlier": ("Earlier", "更早"),
        "report.key.later": ("Later", "更晚"),
        "report.key.period": ("Week/month", "周报/月报"),
        "report.key.mode": ("Masked/clear", "隐去/明文"),
        "report.key.start": ("Export", "导出"),
        "report.key.cancel": ("Cancel", "取消"),
    }
)
