"""The words of the improvement actions' refusals and statuses, in English and Chinese, by code."""

from core.basics.errors import register
from core.improvement.statuses import STATUS_WORDS

register(
    {
        "field.title": ("title", "标题"),
        "field.expect": ("expected effect", "预期效果"),
        "field.due": ("deadline", "完成节点"),
        "field.owner": ("owner", "负责人"),
        "field.tickets": ("tickets", "工单数"),
        "field.status": ("status", "状态"),
        "field.action": ("action", "改进措施"),
        "field.phrase": ("phrase", "客户常说"),
        **{f"action.status.{ident}": words for ident, words in STATUS_WORDS.items()},
        "action.title.hint": (
            "say what will be changed, e.g. 'second courier for the east region'",
            "请写明要改进什么，例如“华东区增加第二家快递”",
        ),
        "action.note.hint": ("say what was done", "请写明做了什么"),
        "action.close.hint": (
            "say why it is closed without its verification calls, e.g. 'dropped: the supplier changed'",
            "请写明未经回访验证就闭环的原因，例如“取消：已更换供应商”",
        ),
        "action.expect.empty": (
            "give the expected effect as a figure, e.g. 'share below 20%' or 'count below 30'",
            "请用数字写预期效果，例如“占比低于20%”或“每周数量少于30”",
        ),
        "action.expect.one_number": (
            "{value!r} must hold exactly one number, e.g. 'share below 20%' or 'count below 30'",
            "{value!r} 应只含一个数字，例如“占比低于20%”或“每周数量少于30”",
        ),
        "action.expect.no_direction": (
            "{value!r} does not say below or above, e.g. 'share below 20%'",
            "{value!r} 没有写明低于还是高于，例如“占比低于20%”",
        ),
        "action.expect.which": (
            "{value!r} does not say share or count, e.g. 'share below 20%' or 'count below 30'",
            "{value!r} 没有写明占比还是数量，例如“占比低于20%”或“每周数量少于30”",
        ),
        "action.expect.percent_range": (
            "{value!r}: a share is between 0% and 100%",
            "{value!r}：占比应在 0% 到 100% 之间",
        ),
        "action.expect.count_whole": (
            "{value!r}: a count is a whole number of tickets a week",
            "{value!r}：数量应为每周的整数件数",
        ),
        "action.problem.missing": (
            "say which problem it answers: a category (and sub-tag) and/or a phrase customers keep saying",
            "请写明针对的问题：问题分类（可加细分）和/或客户常说的话",
        ),
        "action.due.passed": ("{value!r} has passed: give a later day", "{value!r} 已经过去：请写以后的日期"),
        "action.due.not_working": (
            "{value!r} is no working day: give a working day",
            "{value!r} 不是工作日：请写一个工作日",
        ),
        "action.expect.both": (
            "{value!r} names both a share and a count: say one, e.g. 'share below 20%' or 'count below 30'",
            "{value!r} 同时写了占比和数量：请只写一种，例如“占比低于20%”或“每周数量少于30”",
        ),
        "action.done.no_tickets": (
            "action A{number} covers no tickets, so nobody can verify it: a supervisor adds the tickets "
            "behind it (e on the actions screen, or callfloor action update {number} --add-tickets REF ...) "
            "or closes it by hand",
            "改进措施 A{number} 没有关联工单，无人可回访验证：请主管添加问题背后的工单"
            "（改进措施界面按 e，或 callfloor action update {number} --add-tickets REF ...），或手动闭环",
        ),
        "action.category.unknown": (
            "no category {value!r} in the floor's policy (known: {known})",
            "楼层策略中没有分类 {value!r}（已有：{known}）",
        ),
        "action.subtag.unknown": (
            "category {category} has no sub-tag {value!r} (known: {known})",
            "分类 {category} 没有细分 {value!r}（已有：{known}）",
        ),
        "action.subtag.alone": ("a sub-tag needs its --category", "细分需要同时写明 --category"),
        "action.due.days": (
            "{value!r}: give working days from today (1 to 250) or a date, e.g. 10 or 2026-12-18",
            "{value!r}：请写工作日天数（1 到 250）或日期，例如 10 或 2026-12-18",
        ),
        "action.not_found": (
            "no improvement action {number}; see them with: callfloor action list",
            "没有改进措施 {number}；查看：callfloor action list",
        ),
        "action.number.hint": ("give the action's number, e.g. 3 or A3", "请写改进措施编号，例如 3 或 A3"),
        "action.supervisors_only": (
            "only a supervisor may {doing}; {login} is an agent",
            "只有主管可以{doing}；{login} 是客服专员",
        ),
        "action.not_owner": (
            "action A{number} is {owner}'s; only its owner or a supervisor may {doing}",
            "改进措施 A{number} 的负责人是 {owner}；只有负责人或主管可以{doing}",
        ),
        "action.doing.create": ("create an improvement action", "新建改进措施"),
        "action.doing.close": ("close an improvement action", "闭环改进措施"),
        "action.doing.edit": (
            "change an action's title, problem, owner or deadline",
            "修改改进措施的内容、负责人或期限",
        ),
        "action.doing.update": ("update it", "更新它"),
        "action.doing.reopen": ("reopen an improvement action", "重开改进措施"),
        "action.move.refused": (
            "action A{number} is {status}: it cannot become {wanted} (open -> in progress -> done -> closed)",
            "改进措施 A{number} 当前为{status}，不能改为{wanted}（待处理 → 处理中 → 已完成 → 已闭环）",
        ),
        "action.closed": (
            "action A{number} is closed; a supervisor reopens it first "
            "(callfloor action reopen {number} --note ...)",
            "改进措施 A{number} 已闭环；需主管先重开（callfloor action reopen {number} --note ...）",
        ),
        "action.stale": (
            "action A{number} was changed by {login} at {when} since you read it; read it again",
            "改进措施 A{number} 在你读取后已被 {login} 于 {when} 修改；请重新读取",
        ),
        "action.ticket.twice": ("ticket {ref} is named twice", "工单 {ref} 重复"),
        "action.tickets.too_many": (
            "an action covers at most {most} tickets; pick the ones behind the problem",
            "一项改进措施最多关联 {most} 张工单；请挑选问题背后的工单",
        ),
        "action.nothing": ("nothing to change: name a field or a note", "没有要修改的内容：请写字段或备注"),
        "action.owner.left": (
            "{login} has left the floor; pick someone on it",
            "{login} 已离开本楼层；请选在岗人员",
        ),
    }
)
