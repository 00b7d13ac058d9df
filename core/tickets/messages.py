"""The words of the tickets package's refusals, in English and Chinese, by code."""

from core.basics.errors import register

register(
    {
        "ticket.already_claimed": (
            "{ref} is already owned by {owner_name} ({owner_login})",
            "{ref} 已由 {owner_name}（{owner_login}）认领",
        ),
        "ticket.stale": (
            "{ref} was changed by {login} at {when} ({kind}) after you opened it; nothing was saved and "
            "your text is kept: look at the change, then save again",
            "{ref} 在你打开后已被 {login} 于 {when} 修改（{kind}）："
            "本次未保存，输入内容已保留；请查看改动后再保存",
        ),
        "ticket.stale.someone": (
            "{ref} was changed by someone else after you opened it; nothing was saved and your text is "
            "kept: look at the change, then save again",
            "{ref} 在你打开后已被他人修改：本次未保存，输入内容已保留；请查看改动后再保存",
        ),
        # The ticket form's fields and what to write in them.
        "field.description": ("description", "问题描述"),
        "field.channel": ("channel", "渠道"),
        "field.platform": ("platform", "平台"),
        "field.category": ("category", "分类"),
        "field.subtag": ("subtag", "子标签"),
        "field.tier": ("tier", "优先级"),
        "field.mood": ("mood", "客户情绪"),
        "field.status": ("status", "状态"),
        "field.note": ("note", "备注"),
        "field.confirmation": ("confirmation", "客户确认"),
        "field.direction": ("direction", "方向"),
        "field.summary": ("summary", "沟通摘要"),
        "field.reason": ("reason", "原因"),
        "field.received time": ("received time", "接收时间"),
        "ticket.description.hint": (
            "write what the customer reported: when, where, symptoms, impact",
            "请写下客户反映的情况：时间、地点、现象、影响",
        ),
        "ticket.note.hint": ("write the note's text", "请填写备注内容"),
        "ticket.summary.hint": ("say what was said", "请写下沟通的内容"),
        "ticket.tier.reason_hint": ("say why the tier changes", "请说明为什么调整优先级"),
        "ticket.category.reason_hint": ("say why the category changes", "请说明为什么调整分类"),
        "ticket.reassign.reason_hint": (
            "say why it changes hands, e.g. --reason '李娜 is off today'",
            "请说明为什么改派，例如 --reason '李娜 is off today'",
        ),
        # The words a refusal uses for a status, a tier and what was attempted (English: the id).
        "status.new": ("new", "待处理"),
        "status.in_progress": ("in_progress", "处理中"),
        "status.waiting": ("waiting", "待客户回复"),
        "status.resolved": ("resolved", "已完成"),
        "status.closed": ("closed", "已闭环"),
        "tier.red": ("red", "一级"),
        "tier.yellow": ("yellow", "二级"),
        "tier.green": ("green", "三级"),
        "ticket.doing.start": ("start it", "开始处理"),
        "ticket.doing.resolve": ("resolve it", "将其标为已完成"),
        "ticket.doing.wait": ("set it waiting on the customer", "将其设为待客户回复"),
        "ticket.doing.resume": ("take it off waiting", "结束待客户回复"),
        "ticket.wait.hint": (
            "say what the customer was asked for (photos, a delivery address, ...; on the command "
            "line: --note TEXT)",
            "请写明向客户要了什么（照片、收货地址……；命令行用 --note 文字）",
        ),
        "field.asked": ("asked the customer", "向客户索要"),
        "field.handoffs": ("handoffs", "协作单"),
        "ticket.handoffs.answer_first": (
            "{ref} has handoffs still under way ({numbers}): say whether to withdraw them "
            "(they end as withdrawn) or keep them with the department (command line: --handoffs "
            "withdraw or --handoffs keep)",
            "{ref} 还有未结的协作单（{numbers}）：请说明是撤回，还是保留给相关部门继续处理"
            "（命令行：--handoffs withdraw 或 --handoffs keep）",
        ),
        "ticket.doing.close": ("close it", "将其闭环"),
        "ticket.doing.reopen": ("reopen it", "重新打开"),
        "ticket.doing.tier": ("change its tier", "调整优先级"),
        "ticket.doing.category": ("change its category", "调整分类"),
        # Intake and the ticket's moves.
        "ticket.not_found": (
            "no ticket {ref!r}; see the open ones with: callfloor ticket list --open",
            "没有工单 {ref!r}；查看未结工单：callfloor ticket list --open",
        ),
        "ticket.no_subtags": (
            "category {category} has no sub-tags; leave it blank",
            "分类 {category} 没有子标签；请留空",
        ),
        "ticket.platform_needed": (
            "channel {channel} needs the platform, e.g. --platform 'WeChat official account'",
            "渠道 {channel} 需要填写平台，例如 --platform 'WeChat official account'",
        ),
        "ticket.received_in_future": (
            "is in the future; feedback is recorded after it arrives",
            "是将来的时间；反馈要在收到后才记录",
        ),
        "ticket.claim.not_open": (
            "{ref} is {status}; only open tickets are claimed (reopen it first)",
            "{ref} 的状态是{status}；只能认领未结的工单（请先重新打开）",
        ),
        "ticket.no_owner": (
            "{ref} has no owner yet; claim it before you {doing}",
            "{ref} 还没有负责人；请先认领，再{doing}",
        ),
        "ticket.not_owner": (
            "{ref} is owned by {owner_name} ({owner_login}); only the owner or a supervisor can {doing}",
            "{ref} 由 {owner_name}（{owner_login}）负责；只有负责人或主管才能{doing}",
        ),
        "ticket.move.already": ("{ref} is already {status}", "{ref} 已经是{status}"),
        "ticket.move.back_to_new": (
            "{ref} cannot go back to new; reopening moves it to in_progress",
            "{ref} 不能回到待处理；重新打开会把它转为处理中",
        ),
        "ticket.move.claim_first": (
            "{ref} is new: claim it and work it first (new -> in_progress -> {status})",
            "{ref} 是待处理：请先认领并处理（待处理 -> 处理中 -> {status}）",
        ),
        "ticket.move.resolve_first": (
            "{ref} is in_progress: it must be resolved (and the customer confirm) before it is closed",
            "{ref} 在处理中：必须先完成（并经客户确认）才能闭环",
        ),
        "ticket.move.reopen_first": (
            "{ref} is closed; reopen it (status in_progress) to work on it again",
            "{ref} 已闭环；要继续处理请先重新打开（状态改为处理中）",
        ),
        "ticket.move.not_allowed": ("{ref} cannot move from {old} to {new}", "{ref} 不能从{old}改为{new}"),
        "ticket.tier.already": ("{ref} is already {tier}", "{ref} 已经是{tier}"),
        "ticket.category.already": (
            "{ref} is already {category}/{subtag}",
            "{ref} 的分类已经是 {category}/{subtag}",
        ),
        # Reassigning.
        "ticket.reassign.not_open": (
            "{ref} is {status}; only an open ticket changes hands (reopen it first: status in_progress)",
            "{ref} 的状态是{status}；只有未结的工单才能改派（请先重新打开：状态改为处理中）",
        ),
        "ticket.reassign.already_theirs": (
            "{ref} is already {owner_name}'s ({owner_login})",
            "{ref} 已经由 {owner_name}（{owner_login}）负责",
        ),
        "ticket.reassign.unowned": (
            "{ref} has no owner; an agent passes on only tickets they own (claim it first), "
            "a supervisor assigns it",
            "{ref} 还没有负责人；客服专员只能转交自己负责的工单（请先认领），分派由主管来做",
        ),
        "ticket.reassign.not_owner": (
            "{ref} is owned by {owner_name} ({owner_login}); only they or a supervisor can reassign it",
            "{ref} 由 {owner_name}（{owner_login}）负责；只有本人或主管才能改派",
        ),
        "ticket.reassign.no_agent": (
            "{login!r} is not an active agent on this floor; see who is with: callfloor agent list",
            "{login!r} 不是本楼层在岗的客服；查看在岗人员：callfloor agent list",
        ),
        # Moving tickets in bulk (core/tickets/bulk.py).
        "field.new owner": ("new owner", "新负责人"),
        "field.ticket refs": ("tickets", "工单号"),
        "ticket.bulk.one_target": (
            "say where the tickets go: one agent (--to LOGIN) or spread across the agents online "
            "(--spread), not both",
            "请说明工单给谁：指定一位客服（--to 登录名），或分给在线的客服（--spread），二者选一",
        ),
        "ticket.bulk.no_tickets": (
            "no tickets to move: give refs, or --from LOGIN for all of an agent's open tickets",
            "没有要改派的工单：请给出工单号，或用 --from 登录名 改派某位客服的全部未结工单",
        ),
        "ticket.bulk.supervisor_only": (
            "only a supervisor moves tickets in bulk; {login} is an agent (pass on your own "
            "tickets one at a time)",
            "只有主管能批量改派工单；{login} 是客服专员（自己的工单请逐张转交）",
        ),
        "ticket.bulk.nobody_online": (
            "nobody else is online to spread the tickets across (only their owner, or no one); "
            "give them to one agent instead (--to LOGIN)",
            "除工单负责人外没有其他在线的客服可以分派；请改为指定一位客服（--to 登录名）",
        ),
        "ticket.bulk.no_such_agent": (
            "{login!r} is not on this floor; see who is with: callfloor agent list",
            "{login!r} 不在本楼层；查看人员：callfloor agent list",
        ),
        "ticket.bulk.skipped.stale": (
            "changed by someone else since you looked",
            "你查看之后已被他人修改",
        ),
        "ticket.bulk.skipped.not_open": ("no longer open", "已不是未结工单"),
        "ticket.bulk.skipped.already_theirs": ("already theirs", "已归其负责"),
        "ticket.bulk.skipped.unknown": ("no such ticket", "没有这张工单"),
        # A due time the floor's calendar cannot give.
        "sla.calendar_failed": (
            "{error}; fix calendar.workdays and calendar.holidays, then callfloor policy load",
            "{error}；请修正 calendar.workdays 和 calendar.holidays，然后执行 callfloor policy load",
        ),
        # The timeline's kinds of change, as a stale edit names them (English: the kind's id).
        "event.created": ("created", "创建"),
        "event.claimed": ("claimed", "认领"),
        "event.status": ("status", "状态"),
        "event.resolved": ("resolved", "已完成"),
        "event.closed": ("closed", "已闭环"),
        "event.reopened": ("reopened", "重新打开"),
        "event.contact_in": ("contact_in", "客户来电"),
        "event.contact_out": ("contact_out", "回复客户"),
        "event.tier": ("tier", "优先级"),
        "event.category": ("category", "分类"),
        "event.assigned": ("assigned", "改派"),
    }
)
