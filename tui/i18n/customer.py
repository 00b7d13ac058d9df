"""Words of the customer view, and of customers wherever they are shown (intake uses them too)."""

from tui.i18n.catalogue import register

register(
    {
        "customer.title": ("Customer {code}", "客户 {code}"),
        "customer.key.back": ("Back", "返回"),
        "customer.key.open": ("Open ticket", "打开工单"),
        "customer.key.new_ticket": ("New ticket", "新建工单"),
        "customer.field.code": ("Code", "编号"),
        "customer.field.name": ("Name", "名称"),
        "customer.field.short_name": ("Short name", "简称"),
        "customer.field.contact": ("Contact", "联系人"),
        "customer.field.phone": ("Phone", "电话"),
        "customer.field.type": ("Type", "类型"),
        "customer.field.industry": ("Industry", "行业"),
        "customer.field.delivery": ("Delivered", "交付日期"),
        "customer.type.new": ("new", "新客户"),
        "customer.type.old": ("old", "老客户"),
        "customer.type.vip": ("VIP", "VIP客户"),
        "customer.tickets": ("Tickets, newest first ({count})", "工单（最新在前，共 {count} 条）"),
        "customer.tickets.shown": (
            "Tickets, newest first ({shown} of {count})",
            "工单（最新在前，显示 {shown}/{count} 条）",
        ),
        "customer.tickets.none": ("No tickets yet.", "暂无工单。"),
        "customer.callbacks.none": ("Callbacks: none yet", "回访：暂无"),
        "customer.callbacks": ("Callbacks: {count} ({parts})", "回访：{count} 次（{parts}）"),
        "customer.callbacks.done": ("{count} done", "已完成 {count}"),
        "customer.callbacks.open": ("{count} open", "待回访 {count}"),
        "customer.callbacks.unreachable": ("{count} unreachable", "无法接通 {count}"),
        "customer.callbacks.refused": ("{count} refused", "客户拒绝 {count}"),
        "customer.callbacks.separator": (", ", "，"),
        "customer.last_score": ("Last callback score: {score}", "最近回访评分：{score}"),
        "customer.no_score": ("-", "-"),
        "customer.history.recent": ("Last tickets", "最近工单"),
        "customer.problem.code": (
            "use letters, digits and - _ . / (at most 64)",
            "编号只能包含字母、数字和 - _ . /（最多 64 个）",
        ),
        "customer.problem.phone": (
            "digits, spaces, - ( ) and a leading + only",
            "电话只能包含数字、空格、- ( ) 和开头的 +",
        ),
        "customer.problem.exists": (
            "a customer with this code already exists; find it above instead",
            "该客户编号已存在，请在上方查找",
        ),
    }
)

register(
    {
        "customer.key.down": ("Down", "下移"),
        "customer.key.up": ("Up", "上移"),
    }
)
