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
            "{ref} 在你打开后已被 {login} 于 {when} 修改（{kind}）：本次未保存，输入内容已保留；请查看改动后再保存",
        ),
        "ticket.stale.someone": (
            "{ref} was changed by someone else after you opened it; nothing was saved and your text is "
            "kept: look at the change, then save again",
            "{ref} 在你打开后已被他人修改：本次未保存，输入内容已保留；请查看改动后再保存",
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
