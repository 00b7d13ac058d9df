from tui.i18n.catalogue import register

register(
    {
        "board.title": ("Handoff board", "跨部门协作看板"),
        "board.key.back": ("Back", "返回"),
        "board.counts": (
            "open {open}  overdue {overdue}  stuck {stuck}  unsynced {sync_late}  tickets late {breaching}",
            "未完成 {open}  已超时 {overdue}  停滞 {stuck}  待同步 {sync_late}  工单超时 {breaching}",
        ),
        "board.page": ("page {page}/{pages}", "第 {page}/{pages} 页"),
        "board.col.ref": ("Ticket", "工单"),
        "board.col.department": ("Department", "部门"),
        "board.col.customer": ("Customer", "客户"),
        "board.col.need": ("Needed", "需要"),
        "board.col.stages": ("sent → answered → synced", "发出 → 答复 → 同步"),
        "board.col.stages.short": ("sent→answ→sync", "发→答→同步"),
        "board.col.due": ("Due", "截止"),
        "board.col.flags": ("Marks", "标记"),
        "board.col.left": ("Left", "剩余"),
        "board.stage.sent": ("sent", "已发出"),
        "board.stage.answered": ("answered", "已答复"),
        "board.stage.synced": ("synced", "已同步"),
        "board.pending": ("…", "…"),
        "board.flag.stuck": ("STUCK", "停滞"),
        "board.flag.sync_late": ("SYNC!", "待同步"),
        "board.flag.stuck.short": ("!", "!"),
        "board.flag.sync_late.short": ("S", "同"),
        "board.empty": (
            "No open handoffs: nothing is waiting on another department.",
            "没有未完成的跨部门协作。",
        ),
        "board.live": ("live · read {at}", "实时 · 读取于 {at}"),
        "board.unreachable": (
            "NOT LIVE since {since}, picture of {at}: {detail}",
            "自 {since} 起未更新，显示 {at} 的画面：{detail}",
        ),
        "board.not_live": ("NOT LIVE, picture of {at}: {reason}", "未实时更新，显示 {at} 的画面：{reason}"),
        "board.clock": ("{day} {time}", "{day} {time}"),
        "board.day.0": ("Mon", "周一"),
        "board.day.1": ("Tue", "周二"),
        "board.day.2": ("Wed", "周三"),
        "board.day.3": ("Thu", "周四"),
        "board.day.4": ("Fri", "周五"),
        "board.day.5": ("Sat", "周六"),
        "board.day.6": ("Sun", "周日"),
    }
)
