"""The words of the admin package's refusals (setting up, repairing and backing up a floor,
a policy that could not run one), in English and Chinese, by code."""

from core.basics.errors import register

register(
    {
        "field.--group": ("--group", "--group"),
        "admin.group.not_sqlite": (
            "a floor group applies to a SQLite file (--db PATH); a database server keeps its own permissions",
            "楼层用户组只适用于 SQLite 文件（--db PATH）；数据库服务器有自己的权限设置",
        ),
        # detail: the storage layer's words (no such group, or not one of yours), with the fix.
        "admin.group.unusable": ("{detail}", "无法使用这个用户组。详情：{detail}"),
        "admin.init.written_meanwhile": (
            "{file} was written while the new floor was being built; it is left as it is: "
            "run callfloor db init again",
            "新楼层建立期间 {file} 被写入过，已保持原样：请重新执行 callfloor db init",
        ),
        "admin.repair.owner_only": (
            "only the OS user who owns {path} ({owner}) or root repairs its supervisor; "
            "ask them, or restore the latest backup",
            "只有文件 {path} 所属的系统用户（{owner}）或 root 能修复它的主管；请找他们，或恢复最近一次备份",
        ),
        "admin.repair.has_supervisor": (
            "{database} has an active supervisor ({supervisors}); nothing to repair: "
            "a supervisor adds or changes people with callfloor agent add",
            "{database} 已有在岗主管（{supervisors}），无需修复：由主管用 callfloor agent add 添加或调整人员",
        ),
        "admin.owner_unreadable": (
            "cannot read who owns {path}: {reason}",
            "无法读取 {path} 的所有者：{reason}",
        ),
        "admin.backup.supervisor_only": (
            "only a supervisor backs up the floor (a backup holds every customer's phone in clear); "
            "{login} is an agent",
            "只有主管能备份楼层（备份里有每位客户的完整电话）；{login} 是客服专员",
        ),
        "admin.backup.write_failed": (
            "cannot write the backup to {dest}: {reason}",
            "无法把备份写到 {dest}：{reason}",
        ),
        "admin.policy.supervisor_only": (
            "only a supervisor changes the floor's policy; {login} is an agent",
            "只有主管能修改楼层策略；{login} 是客服专员",
        ),
        # A policy that parses but could not run a floor (callfloor policy check / load).
        "policy.check.no_working_time": (
            "has no working time in the next 366 days (every working day a holiday?), so no ticket's "
            "clock could start and every intake would be refused; check calendar.workdays, "
            "calendar.hours and calendar.holidays",
            "未来 366 天内没有工作时间（每个工作日都是假日？），工单的计时无法开始，所有受理都会被拒绝；"
            "请检查 calendar.workdays、calendar.hours 和 calendar.holidays",
        ),
        "policy.check.sla_unmet": (
            "cannot be met under this calendar ({problem}); every such intake would be refused",
            "在这个日历下无法达成（{problem}）；这一级的受理都会被拒绝",
        ),
        "policy.check.response_after_solution": (
            "gives the first response later than the solution (a ticket would be solved before "
            "anyone answered it); make response shorter than solution, "
            'e.g. {{ response = "15m", solution = "2h" }}',
            "首次响应时限晚于解决时限（工单会在有人答复之前就该解决）；请让 response 短于 solution，"
            '例如 {{ response = "15m", solution = "2h" }}',
        ),
        "policy.check.no_unsorted_category": (
            'has no category with id "{category}", where intake files feedback given without a '
            "category (the phone system's ticket add, a blank category on screen), so every such "
            'intake would be refused; add [[categories]] id = "{category}"',
            '没有 id 为 "{category}" 的分类，而未填分类的反馈（电话系统的 ticket add、界面上留空的分类）'
            '都归入这一类，因此这些受理都会被拒绝；请添加 [[categories]] id = "{category}"',
        ),
    }
)
