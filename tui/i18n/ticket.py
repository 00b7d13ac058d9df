"""Words of the ticket detail screen and its action forms (tui/modals/)."""

from tui.i18n.catalogue import register

register(
    {
        # keys
        "ticket.key.claim": ("Claim", "认领"),
        "ticket.key.note": ("Note", "备注"),
        "ticket.key.inbound": ("Inbound", "来电"),
        "ticket.key.outbound": ("Reply", "回复"),
        "ticket.key.resolve": ("Resolve", "完成"),
        "ticket.key.wait": ("Wait", "待客户"),
        "ticket.key.resume": ("End wait", "结束等待"),
        "ticket.key.reopen": ("Reopen", "重开"),
        "ticket.key.close": ("Close", "闭环"),
        "ticket.key.tier": ("Tier", "优先级"),
        "ticket.key.handoff": ("Hand off", "转交"),
        "ticket.key.answer": ("Answered", "反馈"),
        "ticket.key.synced": ("Synced", "同步客户"),
        "ticket.key.category": ("Category", "分类"),
        "ticket.key.customer": ("Customer", "客户"),
        "ticket.key.reassign": ("Reassign", "改派"),
        "lines.key.down": ("Scroll down", "向下滚动"),
        "lines.key.up": ("Scroll up", "向上滚动"),
        "lines.key.pagedown": ("Page down", "下一页"),
        # handoffs (docs/floor.md, Handoffs): the request, the directory, the stages
        "ticket.form.handoff": ("Hand off {ref} to another department", "将 {ref} 转交其他部门"),
        "ticket.form.answer_one": (
            "The department's answer on {ref}\n{handoff}",
            "{ref} 的部门反馈\n{handoff}",
        ),
        "ticket.form.answer": (
            "The department's answer on {ref}: which handoff",
            "{ref} 的部门反馈：选择转交单",
        ),
        "ticket.form.synced": (
            "Synced to the customer on {ref}: which answer was told",
            "{ref} 已同步客户：选择已告知客户的反馈",
        ),
        "ticket.field.department": (
            "Department (contact, phone, online hours)",
            "协作部门（联系人、电话、在线时间）",
        ),
        "ticket.field.need": ("What is needed", "需要对方做什么"),
        "ticket.field.due": ("By when (11:00, +2h, tomorrow 10:00)", "截止时间（11:00、+2h、明天 10:00）"),
        "ticket.field.problem": (
            "Problem (optional; blank: the description's first line)",
            "问题（可选；留空则用问题描述的第一行）",
        ),
        "ticket.field.answer": ("What they answered", "对方反馈内容"),
        "ticket.field.handoff": (
            "Handoff (#, department, due, what is needed)",
            "转交单（编号、部门、截止、需求）",
        ),
        "ticket.dept.option": (
            "{name} {contact} {phone} online {hours}",
            "{name} {contact} {phone} 在线 {hours}",
        ),
        "ticket.dept.always": ("any time", "全天"),
        "ticket.dept.offline": ("! outside its online hours now", "！当前不在在线时间内"),
        "ticket.dept.none": (
            "The directory has no departments yet: a supervisor adds them with callfloor dept add NAME",
            "联络表中还没有部门：请主管用 callfloor dept add 部门名 添加",
        ),
        "ticket.handoff.option": (
            "#{number} {department} due {due}  {need}",
            "#{number} {department} 截止 {due}  {need}",
        ),
        "ticket.handoff.said": ("answer: {answer}", "反馈：{answer}"),
        "ticket.handoffs": ("handoffs: {list}", "转交：{list}"),
        "ticket.handoff.brief": ("#{number} {department} {stage}", "#{number} {department} {stage}"),
        "ticket.stage.sent": ("sent", "已提交"),
        "ticket.stage.answered": ("answered", "已反馈"),
        "ticket.stage.synced": ("synced to the customer", "已同步客户"),
        "ticket.stage.withdrawn": ("withdrawn", "已撤回"),
        "ticket.ev.handoff_sent": ("to {department}, due {due}", "转交 {department}，截止 {due}"),
        "ticket.ev.handoff_stage": ("#{number} {stage}", "#{number} {stage}"),
        "ticket.done.handoff": (
            "Handoff #{number} sent to {department} (contact {contact}, {phone}, online {hours})",
            "转交单 #{number} 已发给 {department}（联系人 {contact}，{phone}，在线 {hours}）",
        ),
        "ticket.done.offline": (
            "{department} is outside its online hours ({hours}); call {backup} if it cannot wait",
            "{department} 当前不在在线时间（{hours}）；如果等不了，请联系 {backup}",
        ),
        "ticket.done.answer": (
            "Handoff #{number}: {department}'s answer recorded on {ref}; now tell the customer",
            "转交单 #{number}：{department} 的反馈已记入 {ref}，请告知客户",
        ),
        "ticket.done.synced": (
            "Handoff #{number} ({department}) synced to the customer of {ref}",
            "转交单 #{number}（{department}）已同步给 {ref} 的客户",
        ),
        # header
        "ticket.owner": ("owner {owner}", "负责人 {owner}"),
        "ticket.unowned": ("unclaimed", "未认领"),
        "ticket.customer": ("{name} {phone}", "{name} {phone}"),
        "ticket.classified": ("{category} / {subtag}", "{category} / {subtag}"),
        "ticket.mood.anxious": ("anxious", "焦急"),
        "ticket.mood.calm": ("calm", "平和"),
        "ticket.mood.angry": ("angry", "愤怒"),
        "ticket.reopened": ("reopened {count}x", "重开 {count} 次"),
        "ticket.sla.response": ("Response", "首响"),
        "ticket.sla.solution": ("Solution", "解决"),
        "ticket.sla.left": ("{target} {left} left", "{target}剩余 {left}"),
        "ticket.sla.overdue": ("{target} overdue {left}", "{target}超时 {left}"),
        "ticket.sla.met": ("{target} met at {time}", "{target} {time} 达成"),
        "ticket.sla.met_late": ("{target} met late ({time})", "{target}已超时完成（{time}）"),
        "ticket.sla.stopped": ("{target} -", "{target} -"),
        "ticket.sla.starts": ("clock starts {at}", "{at} 开始计时"),
        "ticket.sla.paused.customer": (
            "Solution paused {left} left (since {since})",
            "解决暂停 剩余 {left}（{since} 起待客户）",
        ),
        "ticket.sla.paused.department": (
            "Solution paused {left} left (dept. since {since})",
            "解决暂停 剩余 {left}（{since} 起待部门）",
        ),
        "ticket.update_due": ("customer update due by {time}", "{time} 前需向客户更新进展"),
        "ticket.update_overdue": ("customer update overdue since {time}", "客户进展更新已超时（{time}）"),
        "ticket.description": ("Description", "问题描述"),
        "ticket.timeline": ("Timeline: {count} events, newest first", "处理记录：{count} 条，最新在前"),
        "ticket.missing": ("Ticket {ref} could not be read: {detail}", "无法读取工单 {ref}：{detail}"),
        # timeline kinds and what changed
        "ticket.kind.created": ("created", "创建"),
        "ticket.kind.claimed": ("claimed", "认领"),
        "ticket.kind.note": ("note", "备注"),
        "ticket.kind.contact_in": ("inbound", "客户来电"),
        "ticket.kind.contact_out": ("reply", "回复客户"),
        "ticket.kind.status": ("status", "状态"),
        "ticket.kind.resolved": ("resolved", "已完成"),
        "ticket.kind.closed": ("closed", "已闭环"),
        "ticket.kind.reopened": ("reopened", "重新打开"),
        "ticket.kind.tier": ("tier", "优先级"),
        "ticket.kind.category": ("category", "分类"),
        "ticket.kind.handoff": ("handoff", "协作"),
        "ticket.kind.low_score": ("low score", "低分回访"),
        "ticket.kind.follow_up_passed": ("follow-up passed", "低分跟进转交"),
        "ticket.kind.improvement": ("improved", "改进上线"),  # the kind column is 10 cells
        "ticket.kind.imported": ("imported", "导入"),
        "ticket.kind.assigned": ("assigned", "改派"),
        "ticket.kind.waiting": ("waiting", "待客户回复"),
        "ticket.kind.clock_paused": ("paused", "计时暂停"),
        "ticket.kind.clock_resumed": ("resumed", "计时恢复"),
        "ticket.kind.alert": ("alert", "超时预警"),
        "ticket.ev.asked": ("asked the customer", "已向客户索要"),
        "ticket.ev.paused.customer": (
            "the solution clock waits for the customer",
            "解决时限暂停：等待客户回复",
        ),
        "ticket.ev.paused.department": (
            "the solution clock waits for the department",
            "解决时限暂停：等待部门反馈",
        ),
        "ticket.ev.resumed": (
            "the clock runs again; held {held}, solution due {due}",
            "恢复计时；暂停了 {held}，解决时限 {due}",
        ),
        "ticket.ev.alert.unclaimed": (
            "unclaimed red: {minutes} min to the response target at {due}; supervisors told",
            "一级工单无人认领：距首响时限 {due} 还剩 {minutes} 分钟，已通知主管",
        ),
        "ticket.ev.alert.owner_away": (
            "owner {owner} away: {minutes} min to the solution target at {due}; supervisors told",
            "负责人{owner}不在线：距解决时限 {due} 还剩 {minutes} 分钟，已通知主管",
        ),
        "ticket.ev.alert.unclaimed.what": (
            "unclaimed red: {minutes} min to the response target at {due}",
            "一级工单无人认领：距首响时限 {due} 还剩 {minutes} 分钟",
        ),
        "ticket.ev.alert.owner_away.what": (
            "owner {owner} away: {minutes} min to the solution target at {due}",
            "负责人{owner}不在线：距解决时限 {due} 还剩 {minutes} 分钟",
        ),
        "ticket.ev.alert.with_told": ("{what}; {told}", "{what}，{told}"),
        "ticket.ev.alert.told": ("supervisors told: {told}", "已通知主管：{told}"),
        "ticket.ev.alert.nobody": (
            "no supervisor was online to tell",
            "当时没有在线的主管",
        ),
        "ticket.ev.created": ("{tier}, {channel}", "{tier}，{channel}"),
        "ticket.ev.low_score": (
            "callback #{number} scored {score} of 5; {by} follows up (callback #{follow_up})",
            "回访 #{number} 评分 {score}/5；由 {by} 跟进（回访 #{follow_up}）",
        ),
        "ticket.ev.a_supervisor": ("a supervisor", "主管"),
        "ticket.ev.follow_up_passed": (
            "low-score follow-up #{number}: {before} -> {after}",
            "低分跟进 #{number}：{before} → {after}",
        ),
        "ticket.ev.owner": ("owner {owner}", "负责人 {owner}"),
        "ticket.ev.owner_moved": ("owner {before} -> {after}", "负责人 {before} → {after}"),
        "ticket.ev.change": ("{before} -> {after}", "{before} → {after}"),
        "ticket.ev.first_response": ("first response", "首次响应"),
        "ticket.ev.confirmed": ("confirmed: {how}", "客户确认：{how}"),
        # forms
        "modal.key.save": ("Save", "保存"),
        "modal.key.cancel": ("Cancel", "取消"),
        "modal.hint": (
            "Enter saves (or goes to the next empty field), Tab moves, Esc cancels and keeps the text",
            "回车保存（或跳到下一个空白项），Tab 切换，Esc 取消并保留输入",
        ),
        "modal.hint.handoff": (
            "Letters or arrows pick; Enter: next field, then save; Esc keeps the text",
            "方向键或输入文字选择，回车跳到下一个空白项后保存，Esc 取消并保留输入",
        ),
        "modal.hint.pick": (
            "Arrows pick, Enter: to the answer, then save; Esc: cancel, text kept",
            "方向键选择，回车填写反馈后保存，Esc 取消并保留输入",
        ),
        "modal.hint.synced": (
            "Arrows pick, Enter: marked as told to the customer; Esc: cancel",
            "方向键选择，回车标记为已告知客户，Esc 取消",
        ),
        "modal.hint.choice": (
            "Letters or arrows pick; Enter: the reason, then save; Esc keeps the text",
            "方向键或输入文字选择，回车填写原因并保存，Esc 取消并保留输入",
        ),
        "modal.required": ("{field}: required", "请填写：{field}"),
        "modal.stale": (
            "{ref} was changed by {login} at {when} ({kind}) after you opened it; nothing was saved, "
            "your text is kept: look at the change, then Enter saves again",
            "{ref} 在你打开后已被 {login} 于 {when} 修改（{kind}）：本次未保存，输入内容已保留；"
            "请查看改动，再按回车保存",
        ),
        "modal.stale.someone": (
            "{ref} was changed by someone else after you opened it; nothing was saved, "
            "your text is kept: look at the change, then Enter saves again",
            "{ref} 在你打开后已被他人修改：本次未保存，输入内容已保留；请查看改动，再按回车保存",
        ),
        "modal.saving_on": (
            "Still saving in the background: you are told when it lands (if it cannot be saved, "
            "what you typed comes back to the form)",
            "仍在后台保存：完成后会提示你（如无法保存，输入内容会回到表单）",
        ),
        "modal.still_saving": (
            "What you saved from this form is still on its way (the floor database is busy): "
            "you are told when it lands; open the form again then",
            "此表单刚才保存的内容仍在提交中（数据库繁忙）：完成后会提示你，届时再打开表单",
        ),
        "find.typed": ("find: {typed}", "查找：{typed}"),
        "find.none": ("find: {typed} (no match)", "查找：{typed}（无匹配）"),
        "modal.draft_typed_ahead": (
            "Your kept text is back in the form; the keys typed before it showed were not added "
            "to it: type them again where they belong",
            "已恢复上次保留的内容；表单出现前输入的按键未加入：请在合适的位置重新输入",
        ),
        "modal.draft_kept": (
            "Kept what you typed: it is there when you open the form again",
            "已保留输入内容，再次打开表单即可继续",
        ),
        "ticket.form.note": ("Note on {ref}", "{ref} 添加备注"),
        "ticket.form.inbound": ("Inbound contact on {ref}", "{ref} 记录客户来电"),
        "ticket.form.outbound": ("Reply to the customer of {ref}", "{ref} 记录回复客户"),
        "ticket.form.resolve": ("Resolve {ref}", "完成 {ref}"),
        "ticket.form.reopen": ("Reopen {ref}", "重新打开 {ref}"),
        "ticket.form.wait": (
            "{ref} waits on the customer: the solution clock pauses until they answer",
            "{ref} 待客户回复：客户回复前解决计时暂停",
        ),
        "ticket.field.asked": (
            "What the customer was asked for (photos, an address, ...)",
            "向客户索要了什么（照片、地址……）",
        ),
        "ticket.field.handoffs": ("Handoffs still under way", "仍在进行的协作单"),
        "ticket.handoffs.choose": (
            "{numbers}: withdraw or keep? (pick one below)",
            "{numbers}：撤回还是保留？（请在下面选择）",
        ),
        "ticket.handoffs.hint": (
            "Arrows pick withdraw or keep, Tab to the fields, Enter saves, Esc cancels and keeps the text",
            "方向键选择撤回或保留，Tab 到下面的栏目，回车保存，Esc 取消并保留输入",
        ),
        "ticket.handoffs.withdraw": (
            "Withdraw {numbers} (撤回): the department stops",
            "撤回 {numbers}：相关部门不再处理",
        ),
        "ticket.handoffs.keep": (
            "Keep {numbers} with the department (off the board)",
            "保留 {numbers} 给相关部门（不再显示在看板上）",
        ),
        "ticket.form.close": ("Close {ref} (the loop is closed)", "闭环 {ref}"),
        "ticket.form.tier": ("Tier of {ref}", "{ref} 的优先级"),
        "ticket.form.category": ("Category of {ref}", "{ref} 的分类"),
        "ticket.field.note": ("Note", "备注"),
        "ticket.field.summary": ("What was said", "沟通内容"),
        "ticket.field.result": ("Result (what was done)", "处理结果"),
        "ticket.field.confirmation": (
            "How the customer confirmed (signature, test, words)",
            "客户确认方式（签字、测试、口头）",
        ),
        "ticket.field.reason": ("Reason", "原因"),
        "ticket.field.close_note": ("Note (optional)", "备注（可选）"),
        "ticket.field.tier": ("Tier", "优先级"),
        "ticket.field.category": ("Category / sub-tag", "分类 / 子标签"),
        "ticket.tier.option": ("{mark}  {word}", "{mark}  {word}"),
        "ticket.form.reassign": ("Reassign {ref} to another agent", "将 {ref} 改派给其他坐席"),
        "ticket.field.agent": ("New owner (name, login, role, team)", "新负责人（姓名、账号、角色、班组）"),
        "ticket.agent.option": ("{name} ({login})  {role}  {team}", "{name}（{login}）  {role}  {team}"),
        "ticket.role.agent": ("agent", "坐席"),
        "ticket.role.supervisor": ("supervisor", "主管"),
        "ticket.reassign.nobody": (
            "No other active agent on the floor to give it to; a supervisor adds one with "
            "callfloor agent add LOGIN --name NAME",
            "现场没有其他在岗坐席可改派；请主管用 callfloor agent add 账号 --name 姓名 添加",
        ),
        # results
        "ticket.done.claim": ("{ref} is yours", "{ref} 已由你认领"),
        "ticket.done.already_yours": ("{ref} is already yours", "{ref} 已是你的工单"),
        "ticket.done.note": ("Note added to {ref}", "已为 {ref} 添加备注"),
        "ticket.done.inbound": ("Inbound contact logged on {ref}", "已记录 {ref} 的客户来电"),
        "ticket.done.outbound": ("Reply logged on {ref}", "已记录 {ref} 的回复"),
        "ticket.done.resolve": ("{ref} resolved", "{ref} 已完成"),
        "ticket.done.reopen": ("{ref} reopened", "{ref} 已重新打开"),
        "ticket.done.wait": (
            "{ref} waits on the customer; their next contact ends the wait",
            "{ref} 待客户回复；客户再次联系即结束等待",
        ),
        "ticket.done.resume": ("{ref}: the clock runs again", "{ref} 恢复计时"),
        "ticket.done.close": ("{ref} closed", "{ref} 已闭环"),
        "ticket.done.tier": ("{ref} is now {tier}", "{ref} 优先级改为 {tier}"),
        "ticket.done.category": ("{ref} is now {category}", "{ref} 分类改为 {category}"),
        "ticket.done.reassign": ("{ref} is now {name}'s ({login})", "{ref} 已改派给 {name}（{login}）"),
    }
)
