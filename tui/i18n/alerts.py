"""Words of the alerts before a breach (issue 20): the notifications every supervisor's session
and the owner's get (tui/floor_alerts.py)."""

from tui.i18n.catalogue import register

register(
    {
        "alert.title": ("Before a breach", "超时预警"),
        "alert.unclaimed": (
            "{ref} ({tier}, {customer}) is unclaimed: {minutes} min to its response target at {due}",
            "{ref}（{tier}，{customer}）无人认领：距首响时限 {due} 还剩 {minutes} 分钟",
        ),
        "alert.owner_away": (
            "{ref} ({customer}) is {minutes} min from its solution target at {due} "
            "and its owner {owner} is away",
            "{ref}（{customer}）距解决时限 {due} 还剩 {minutes} 分钟，负责人{owner}不在线",
        ),
        "alert.unclaimed.short": (
            "{ref} {tier} unclaimed: {minutes} min to response at {due}",
            "{ref} {tier}无人认领：距首响时限 {due} 还剩 {minutes} 分钟",
        ),
        "alert.owner_away.short": (
            "{ref} owner {owner} away: {minutes} min to solution at {due}",
            "{ref} 负责人{owner}不在线：距解决时限 {due} 还剩 {minutes} 分钟",
        ),
        "alert.yours_away.short": (
            "Your {ref}: {minutes} min to solution at {due} (supervisors were told)",
            "你负责的 {ref}：距解决时限 {due} 还剩 {minutes} 分钟（已通知主管）",
        ),
        "alert.more": (
            "and {count} more (the queue's b view lists them)",
            "另有 {count} 条（队列的 b 视图可查看）",
        ),
        "alert.yours_away": (
            "Your {ref} ({customer}) is {minutes} min from its solution target at {due}; "
            "you were away, so the supervisors were told",
            "你负责的 {ref}（{customer}）距解决时限 {due} 还剩 {minutes} 分钟；你不在线期间已通知主管",
        ),
        "alert.several": ("{count} alerts before a breach:", "{count} 条超时预警："),
    }
)
