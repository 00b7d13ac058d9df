"""Words of the wall board served to browsers (callfloor serve-board): the pages that turn a
browser away, the NOT LIVE banner the page shows itself, and the server's log lines."""

from tui.i18n.catalogue import register

register(
    {
        "served.not_live": ("NOT LIVE", "未实时更新"),
        "served.last_contact": ("Last contact at", "最后一次连接于"),
        "served.trying_again": ("Trying again by itself…", "正在自动重连…"),
        "served.server_lost": ("The board server cannot be reached.", "无法连接看板服务器。"),
        "served.floor_lost": (
            "The board server cannot read the floor's database.",
            "看板服务器无法读取楼层数据库。",
        ),
        "served.revoked_live": (
            "This screen's board link was revoked: ask a supervisor for a new one.",
            "此屏幕的看板链接已被撤销：请向主管索取新链接。",
        ),
        "served.unknown.heading": ("This board link is not valid", "看板链接无效"),
        "served.unknown.detail": (
            "The floor made no link like this one (a typing mistake?). Ask a supervisor for the "
            'link: callfloor serve-board --new-token --label "this screen".',
            "楼层没有创建过这个链接（是否输错了？）。请向主管索取链接："
            'callfloor serve-board --new-token --label "此屏幕"。',
        ),
        "served.revoked.heading": ("This board link was revoked", "看板链接已被撤销"),
        "served.revoked.detail": (
            "A supervisor revoked it. Ask for a new link: callfloor serve-board --new-token.",
            "主管已撤销此链接。请索取新链接：callfloor serve-board --new-token。",
        ),
        "served.full.heading": ("The board server is full", "看板服务器已满"),
        "served.full.detail": (
            "It already shows the board on {most} screens (its limit, --most). This page tries "
            "again every minute; a supervisor can close a screen or raise the limit.",
            "它已在 {most} 块屏幕上显示看板（上限 --most）。"
            "本页每分钟自动重试；主管可关闭一块屏幕或提高上限。",
        ),
        "served.floor.heading": ("The floor cannot be read", "无法读取楼层数据"),
        "served.floor.detail": (
            "The board server cannot read the floor's database ({detail}). This page tries again by itself.",
            "看板服务器无法读取楼层数据库（{detail}）。本页会自动重试。",
        ),
        "served.home.heading": ("callfloor wall board", "callfloor 协作看板"),
        "served.home.detail": (
            "Open the link a supervisor made for this screen (callfloor serve-board --new-token); "
            "it ends in /board/ and a long code.",
            "请打开主管为此屏幕创建的链接（callfloor serve-board --new-token），"
            "链接以 /board/ 加一长串代码结尾。",
        ),
    }
)
