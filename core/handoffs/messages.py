"""The words of the handoffs package's refusals (the directory, a handoff's stages), in English
and Chinese, by code."""

from core.basics.errors import register

register(
    {
        # The directory's fields and refusals.
        "field.department": ("department", "部门"),
        "field.contact": ("contact", "联系人"),
        "field.phone": ("phone", "电话"),
        "field.backup contact": ("backup contact", "备用联系人"),
        "field.backup phone": ("backup phone", "备用电话"),
        "field.hours": ("hours", "在线时间"),
        "department.name.hint": (
            "give the department's name, e.g. warehouse",
            "请填写部门名称，例如 warehouse",
        ),
        "department.not_found": (
            "no department {name!r} in the directory (known: {known}); {hint}",
            "联络表中没有部门 {name!r}（已有：{known}）；{hint}",
        ),
        "department.none_yet": ("none yet", "暂无"),
        "department.hint.add": (
            "a supervisor adds it with: callfloor dept add NAME",
            "请主管添加：callfloor dept add NAME",
        ),
        "department.hint.list": (
            "callfloor dept list shows every department",
            "查看全部部门：callfloor dept list",
        ),
        "department.supervisor_only": (
            "only a supervisor edits the directory; {login} is an agent",
            "只有主管能修改联络表；{login} 是客服专员",
        ),
        "department.exists": (
            "department {name} is already in the directory",
            "部门 {name} 已在联络表中",
        ),
        "department.hours_invalid": (
            "{hours!r} is not a span like 08:00-18:00 (start before end)",
            "{hours!r} 不是 08:00-18:00 这样的时间段（开始早于结束）",
        ),
        # Handoffs and their stages.
        "field.need": ("need", "协作需求"),
        "field.problem": ("problem", "问题"),
        "field.answer": ("answer", "部门反馈"),
        "handoff.stage.sent": ("sent", "已提交"),
        "handoff.stage.answered": ("answered", "已反馈"),
        "handoff.stage.synced": ("synced", "已同步客户"),
        "handoff.stage.withdrawn": ("withdrawn", "已撤回"),
        "handoff.need.hint": ("say what the department must do", "请说明需要该部门做什么"),
        "handoff.answer.hint": ("write what they answered", "请写下部门的反馈"),
        "handoff.ticket_not_open": (
            "{ref} is {status}; hand off only open tickets (reopen it first)",
            "{ref} 的状态是{status}；只有未结的工单才能发起协作（请先重新打开）",
        ),
        "handoff.not_a_number": (
            "{value!r} is not a handoff number; see: callfloor handoff list",
            "{value!r} 不是协作单编号；请查看：callfloor handoff list",
        ),
        "handoff.not_found": (
            "no handoff #{number}; see: callfloor handoff list",
            "没有协作单 #{number}；请查看：callfloor handoff list",
        ),
        "handoff.wrong_stage": (
            "handoff #{number} is {stage}; only a handoff that is {expected} can be marked {new_stage}",
            "协作单 #{number} 的状态是{stage}；只有{expected}的协作单才能标为{new_stage}",
        ),
    }
)
