"""Words of the line at the top of every screen that says who is logged in, and where."""

from tui.i18n.catalogue import register

register(
    {
        "who.line": (
            "{name} ({login}) · {role} · floor: {floor}",
            "{name}（{login}）· {role} · 现场：{floor}",
        ),
        "who.line.unread": ("{login} · floor: {floor}", "{login} · 现场：{floor}"),
        "who.not_live": ("NOT LIVE", "未实时更新"),
        "who.role.agent": ("agent", "客服专员"),
        "who.role.supervisor": ("supervisor", "客服主管"),
    }
)
