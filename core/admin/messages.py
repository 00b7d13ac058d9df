"""The words of the admin package's refusals (setting up, repairing, backing up and copying a
floor, a policy that could not run one), in English and Chinese, by code."""

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
        # db copy (core.admin.copy): a floor moved between a SQLite file and PostgreSQL.
        "field.--to-url": ("--to-url", "--to-url"),
        "field.--from-url": ("--from-url", "--from-url"),
        "field.--db": ("--db", "--db"),
        "field.--db-url": ("--db-url", "--db-url"),
        "admin.copy.supervisor_only": (
            "only a supervisor copies the floor (the copy holds every customer's phone in clear); "
            "{login} is an agent",
            "只有主管能复制楼层（副本里有每位客户的完整电话）；{login} 是客服专员",
        ),
        "admin.copy.to_url_not_server": (
            "{url} is not a PostgreSQL database: --to-url names the empty database on a server the "
            "floor moves into, e.g. postgresql://floor@dbhost/callfloor. To copy a floor from a server "
            "into a new SQLite file: callfloor db copy --from-url URL --db NEWPATH; a SQLite floor's "
            "own copy: callfloor db backup DEST",
            "{url} 不是 PostgreSQL 数据库：--to-url 指的是楼层要搬入的服务器上的空数据库，"
            "例如 postgresql://floor@dbhost/callfloor。要把服务器上的楼层复制成新的 SQLite 文件："
            "callfloor db copy --from-url URL --db 新文件；SQLite 楼层自身的副本：callfloor db backup 目标",
        ),
        "admin.copy.from_url_not_server": (
            "{url} is not a PostgreSQL database: --from-url names the database on a server the floor "
            "is copied out of, e.g. postgresql://floor@dbhost/callfloor; a SQLite floor's own copy: "
            "callfloor db backup DEST",
            "{url} 不是 PostgreSQL 数据库：--from-url 指的是要从中复制出楼层的服务器数据库，"
            "例如 postgresql://floor@dbhost/callfloor；SQLite 楼层自身的副本：callfloor db backup 目标",
        ),
        "admin.copy.engine_unsupported": (
            "db copy moves a floor between a SQLite file and a PostgreSQL database; {url} is neither",
            "db copy 只在 SQLite 文件和 PostgreSQL 数据库之间搬移楼层；{url} 两者都不是",
        ),
        "admin.copy.new_file_needed": (
            "--from-url copies the floor into a new SQLite file: name it with --db NEWPATH "
            "(a file that does not exist yet)",
            "--from-url 把楼层复制成一个新的 SQLite 文件：请用 --db 新文件 指定（一个还不存在的文件）",
        ),
        "admin.copy.file_exists": (
            "{path} already exists; db copy makes a new floor file and never writes over one: "
            "give a new file name",
            "{path} 已存在；db copy 只建新的楼层文件，从不覆盖已有文件：请换一个新文件名",
        ),
        "admin.copy.same_database": (
            "the floor and the target are the same database ({url}); copy into another, empty database",
            "源楼层和目标是同一个数据库（{url}）；请复制到另一个空数据库",
        ),
        # held: what the target has, e.g. "12 tickets, 3 people" (count.copy.* below)
        "admin.copy.target_not_empty": (
            "the target {target} already holds {held}; nothing was copied: db copy fills only an "
            "empty database (create a new one, e.g. createdb callfloor2), never one with a floor in it",
            "目标 {target} 里已有数据（{held}）；未复制任何内容：db copy 只写入空数据库"
            "（请新建一个，例如 createdb callfloor2），从不写入已有楼层的数据库",
        ),
        "admin.copy.foreign_tables": (
            "the target {target} already holds tables that are not a callfloor floor's ({tables}); "
            "nothing was copied: copy into a new, empty database",
            "目标 {target} 里已有不属于 callfloor 楼层的表（{tables}）；未复制任何内容："
            "请复制到一个新的空数据库",
        ),
        "admin.copy.failed": (
            "the copy stopped at the table {table} ({detail}); nothing was kept in {target}, which is "
            "as it was",
            "复制在表 {table} 处停止（{detail}）；{target} 中未保留任何内容，保持原样",
        ),
        "admin.copy.counts_differ": (
            "the copy in {target} does not hold the rows the floor holds ({tables}); nothing was kept, "
            "{target} is as it was: tell whoever looks after callfloor",
            "{target} 中的副本与楼层的行数不一致（{tables}）；未保留任何内容，{target} 保持原样："
            "请告诉维护 callfloor 的人",
        ),
        "admin.copy.figures_differ": (
            "the weekly report {name} read from the copy in {target} differs from the floor's "
            "({fields}); nothing was kept, {target} is as it was: tell whoever looks after callfloor",
            "从 {target} 中副本读出的周报 {name} 与楼层的不一致（{fields}）；未保留任何内容，"
            "{target} 保持原样：请告诉维护 callfloor 的人",
        ),
        "admin.copy.and": ("{a}, {b}", "{a}、{b}"),  # a list: "12 tickets, 3 people"
        "admin.copy.rows_in": ("{n} rows in {table}", "{table} 表 {n} 行"),
        "count.copy.agent": ("{n} person|{n} people", "{n} 位人员"),
        "count.copy.customer": ("{n} customer|{n} customers", "{n} 位客户"),
        "count.copy.ticket": ("{n} ticket|{n} tickets", "{n} 张工单"),
        "count.copy.timeline_event": ("{n} timeline event|{n} timeline events", "{n} 条时间线记录"),
        "count.copy.department": ("{n} department|{n} departments", "{n} 个部门"),
        "count.copy.handoff": ("{n} handoff|{n} handoffs", "{n} 个转交"),
        "count.copy.floor_setting": ("{n} floor setting|{n} floor settings", "{n} 项楼层设置"),
        "count.copy.script": ("{n} script version|{n} script versions", "{n} 个话术版本"),
        "count.copy.callback": ("{n} callback|{n} callbacks", "{n} 个回访"),
        "count.copy.callback_purpose": ("{n} callback reason|{n} callback reasons", "{n} 个回访事由"),
        "count.copy.callback_answer": ("{n} callback answer|{n} callback answers", "{n} 条回访答案"),
        "count.copy.callback_attempt": ("{n} callback attempt|{n} callback attempts", "{n} 次回访尝试"),
        "count.copy.audit_event": ("{n} audit record|{n} audit records", "{n} 条审计记录"),
        "count.copy.ticket_alert": ("{n} alert|{n} alerts", "{n} 条超时预警"),
        "count.copy.board_link": ("{n} board link|{n} board links", "{n} 个看板链接"),
        "count.copy.board_visit": ("{n} board visit|{n} board visits", "{n} 次看板访问"),
        "count.copy.improvement_action": ("{n} improvement action|{n} improvement actions", "{n} 项改进措施"),
        "count.copy.action_ticket": ("{n} action ticket|{n} action tickets", "{n} 张措施关联工单"),
        "count.copy.action_event": ("{n} action event|{n} action events", "{n} 条措施时间线记录"),
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
