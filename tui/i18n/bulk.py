"""The words of the bulk move form (tui/modals/bulk_assign.py). Why a ticket was skipped is
core's word (core/tickets/messages.py, "ticket.bulk.skipped.<why>"), said in the same language."""

from tui.i18n.catalogue import register

register(
    {
        "bulk.title": ("Move {count} marked tickets", "批量改派已标记的 {count} 张工单"),
        "bulk.title.from": ("Move {login}'s open tickets", "改派 {login} 的未结工单"),
        "bulk.title.from.count": (
            "Move {login}'s {count} open tickets",
            "改派 {login} 的 {count} 张未结工单",
        ),
        "bulk.hint": (
            "Letters or arrows pick; Enter: the reason, then save; Esc cancels",
            "方向键或输入文字选择，回车填写原因并保存，Esc 取消",
        ),
        "bulk.field.to": (
            "To: spread, or one person (name, login, online, open tickets)",
            "给谁：分给在线客服，或指定一人（姓名、账号、在线、未结数）",
        ),
        "bulk.spread": (
            "Spread across the agents online ({online} online), fewest open first",
            "分给在线客服（{online} 人在线），未结少者优先",
        ),
        "bulk.agent.option": (
            "{name} ({login})  {role}  {state}  {open} open",
            "{name}（{login}）  {role}  {state}  未结 {open}",
        ),
        "bulk.online": ("online", "在线"),
        "bulk.away": ("away", "不在线"),
        "bulk.loading": ("Reading the tickets and who is online…", "正在读取工单和在线人员…"),
        "bulk.still_loading": (
            "Still reading the tickets; Enter again in a moment",
            "仍在读取工单，请稍后再按回车",
        ),
        "bulk.none": ("{login} owns no open tickets: nothing to move", "{login} 没有未结工单：无需改派"),
        "bulk.result": (
            "{moved} moved; {skipped} skipped: {items}",
            "已改派 {moved} 张；跳过 {skipped} 张：{items}",
        ),
        "bulk.result.all": ("{moved} moved", "已改派 {moved} 张"),
        "bulk.skipped.item": ("{ref} ({why})", "{ref}（{why}）"),
        "bulk.skipped.more": ("and {n} more", "另有 {n} 张"),
        "bulk.result.moved": ("Moved: {items}", "已改派：{items}"),
        "bulk.result.hint": (
            "Enter or Esc closes; the skipped stay marked (space twice takes one as it is now)",
            "回车或 Esc 关闭；跳过的仍保持标记（按两次空格即按当前状态重新标记）",
        ),
        "bulk.result.hint.all": ("Enter or Esc closes", "回车或 Esc 关闭"),
        "bulk.key.close": ("Close", "关闭"),
        "bulk.done.late": (
            "Bulk move done after you closed the form: {message}",
            "关闭表单后批量改派已完成：{message}",
        ),
    }
)
