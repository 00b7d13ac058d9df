"""The words of the report package's refusals (a week, a month, a file or a language the report
cannot use, a workbook that could not be saved), in English and Chinese, by code."""

from core.basics.errors import register

_WEEK_FORM = "write it like 2026-W47 (the ISO year, W, the week number)"
_WEEK_FORM_ZH = "请写成 2026-W47 这样（ISO 年份、W、周数）"
_MONTH_FORM = "write it like 2026-11 (the year, a hyphen, the month 01 to 12)"
_MONTH_FORM_ZH = "请写成 2026-11 这样（年份、连字符、月份 01 到 12）"

register(
    {
        "field.week": ("week", "周"),
        "field.weeks": ("weeks", "周数"),
        "field.month": ("month", "月份"),
        "field.file": ("file", "文件"),
        "field.language": ("language", "语言"),
        "report.week.not_iso": (
            f"{{value!r}} is not an ISO week; {_WEEK_FORM}",
            f"{{value!r}} 不是 ISO 周；{_WEEK_FORM_ZH}",
        ),
        "report.week.too_early": (
            f"{{value!r}} is before {{first}}; {_WEEK_FORM}",
            f"{{value!r}} 早于 {{first}} 年；{_WEEK_FORM_ZH}",
        ),
        "report.week.no_such_week": (
            "{value!r} does not exist: {year} has {weeks} ISO weeks ({year}-W01 to {year}-W{weeks})",
            "{value!r} 不存在：{year} 年只有 {weeks} 个 ISO 周（{year}-W01 到 {year}-W{weeks}）",
        ),
        "report.week.not_begun": (
            "{week} has not begun yet (it starts {starts} floor time); give this week, {current} "
            "(figures as of now), or an earlier one; the last full week is {last_full}",
            "{week} 还没有开始（本现场时间 {starts} 开始）；请给本周 {current}（数据截至现在）或更早的周；"
            "最近一个完整周是 {last_full}",
        ),
        "report.month.not_month": (
            f"{{value!r}} is not a month; {_MONTH_FORM}",
            f"{{value!r}} 不是月份；{_MONTH_FORM_ZH}",
        ),
        "report.month.too_early": (
            f"{{value!r}} is before {{first}}; {_MONTH_FORM}",
            f"{{value!r}} 早于 {{first}} 年；{_MONTH_FORM_ZH}",
        ),
        "report.month.no_such_month": (
            f"{{value!r}} does not exist: a year has the months 01 to 12; {_MONTH_FORM}",
            f"{{value!r}} 不存在：一年只有 01 到 12 月；{_MONTH_FORM_ZH}",
        ),
        "report.month.not_begun": (
            "{month} has not begun yet (it starts {starts} floor time); give this month, {current} "
            "(figures as of now), or an earlier one; the last full month is {last_full}",
            "{month} 还没有开始（本现场时间 {starts} 开始）；请给本月 {current}（数据截至现在）或更早的月份；"
            "最近一个完整月是 {last_full}",
        ),
        "report.weeks.not_a_count": (
            "{value!r} is not a number of weeks; give 1 or more",
            "{value!r} 不是周数；请给 1 或更大的数",
        ),
        "report.language.unknown": (
            "{value!r} is not a report language; use en or zh",
            "{value!r} 不是报表语言；请用 en 或 zh",
        ),
        "report.clear.supervisors_only": (
            "only a supervisor may export the clear report (full phone and order numbers); "
            "{login} is an agent: export without clear for the masked report",
            "只有主管可以导出明文报表（完整的电话和订单号）；{login} 是客服专员：请不加 clear 导出脱敏报表",
        ),
        "report.file.none": (
            "no file given; name the workbook, e.g. report-2026-W47.xlsx",
            "没有给出文件；请写出工作簿的文件名，例如 report-2026-W47.xlsx",
        ),
        "report.file.folder": (
            "{path} is a folder; give a file name in it, e.g. {example}",
            "{path} 是文件夹；请给出其中的文件名，例如 {example}",
        ),
        "report.file.not_xlsx": (
            "{name!r} does not end in .xlsx; Excel opens the report only as an .xlsx file, e.g. {example}",
            "{name!r} 不是以 .xlsx 结尾；Excel 只能以 .xlsx 文件打开报表，例如 {example}",
        ),
        "report.file.no_folder": (
            "the folder {folder} does not exist; create it first or save somewhere else",
            "文件夹 {folder} 不存在；请先创建，或保存到别处",
        ),
        "report.folder.not_writable": (
            "cannot write in {folder} ({reason}); choose a folder you can write to",
            "无法写入 {folder}（{reason}）；请选择一个可以写入的文件夹",
        ),
        "report.file.clear_name_masked": (
            "{name!r} says CLEAR, which marks a file with phones and order numbers in full; this "
            "export is masked: name it without CLEAR, e.g. {example}",
            "{name!r} 含有 CLEAR，而 CLEAR 表示电话和订单号完整显示的明文文件；本次导出是脱敏的："
            "请去掉 CLEAR，例如 {example}",
        ),
        "report.file.agents_folder": (
            "{login} is an agent, and agents' exports go to the floor's exports folder {folder}, "
            "not {path}; give no file to save {example} there (a supervisor may save elsewhere)",
            "{login} 是客服专员，客服的导出只能保存到现场的导出文件夹 {folder}，不能保存到 {path}；"
            "不指定文件即可在该文件夹中保存为 {example}（主管可以保存到别处）",
        ),
        "report.file.too_many": (
            "{folder} already holds {name} and {most} numbered copies of it; move old reports "
            "away or give another name",
            "{folder} 中已有 {name} 及其 {most} 个编号副本；请移走旧报表，或换一个文件名",
        ),
        "report.exports.not_shared": (
            "cannot write in the floor's exports folder {folder} ({reason}): it is not shared with "
            "the floor's group; a supervisor or admin shares it (chgrp GROUP {folder}; chmod 3770 "
            "{folder}) or names another in the policy's [exports] folder",
            "无法写入现场的导出文件夹 {folder}（{reason}）：它未与现场用户组共享；请主管或管理员共享它"
            "（chgrp 组名 {folder}；chmod 3770 {folder}），或在规则的 [exports] folder 中指定别的文件夹",
        ),
        "report.exports.cannot_make": (
            "cannot make the floor's exports folder {folder} ({reason}); a supervisor makes it "
            "(install -d -m 3770 -g GROUP {folder}) or names another in the policy's [exports] folder",
            "无法创建现场的导出文件夹 {folder}（{reason}）；请主管创建它"
            "（install -d -m 3770 -g 组名 {folder}），或在规则的 [exports] folder 中指定别的文件夹",
        ),
        # what `callfloor export` says it wrote
        "report.count.ticket": ("{n} ticket|{n} tickets", "{n} 张工单"),
        "report.count.callback_done": ("{n} callback done|{n} callbacks done", "完成回访 {n} 次"),
        "report.exported.week": (
            "{path}: weekly report {week}, {tickets}, {privacy} ({seconds} s)",
            "{path}：{week} 周报，{tickets}，{privacy}（{seconds} 秒）",
        ),
        "report.exported.month": (
            "{path}: monthly callback report {month}, {callbacks}, {privacy} ({seconds} s)",
            "{path}：{month} 回访工作月报，{callbacks}，{privacy}（{seconds} 秒）",
        ),
        "report.exported.masked": ("phones masked", "电话已脱敏"),
        "report.exported.clear": (
            "CLEAR phone and order numbers: keep it on the floor",
            "CLEAR 明文：电话和订单号完整显示，请勿带离现场",
        ),
        "report.exported.new_name": (
            "{taken} was taken, so this is a new file: nothing was overwritten",
            "{taken} 已存在，因此另存为新文件：未覆盖任何文件",
        ),
        "report.save_failed": (
            "could not save {path} ({reason}); nothing was saved",
            "无法保存 {path}（{reason}）；未保存任何内容",
        ),
    }
)
