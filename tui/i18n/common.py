"""Words every screen uses: tiers, statuses, channels' fallbacks, common keys."""
from tui.i18n import register

register({
    "app.title": ("callfloor", "客服工作台"),
    "tier.red": ("red", "一级"),
    "tier.yellow": ("yellow", "二级"),
    "tier.green": ("green", "三级"),
    "tier.red.mark": ("R", "红"),
    "tier.yellow.mark": ("Y", "黄"),
    "tier.green.mark": ("G", "绿"),
    "status.new": ("new", "待处理"),
    "status.in_progress": ("in progress", "处理中"),
    "status.resolved": ("resolved", "已完成"),
    "status.closed": ("closed", "已闭环"),
    "key.quit": ("Quit", "退出"),
    "key.help": ("Keys", "按键"),
    "key.back": ("Back", "返回"),
    "key.palette": ("Commands", "命令"),
    "key.queue": ("Queue", "队列"),
    "error.title": ("Not done", "未完成"),
    "error.storage": ("The database could not be reached; nothing was lost: {detail}",
                      "无法连接数据库，未丢失任何内容：{detail}"),
    "unowned": ("-", "-"),
    "palette": ("palette", "命令"),
})
