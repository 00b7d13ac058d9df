"""Words of the improvement actions screen (改进措施, key 7), its detail and its forms. The
statuses' own names are core's (core.improvement.STATUS_LABELS), so the screen, the command
line and the refusals say the same."""

from tui.i18n.catalogue import register

register(
    {
        "key.actions": ("Improvement actions", "改进措施"),
        "actions.title": ("Improvement actions", "改进措施"),
        "actions.count": ("{count} shown · {late} late", "共 {count} 项 · 逾期 {late} 项"),
        "actions.filter.mine": ("only mine", "仅我的"),
        "actions.filter.open": ("not closed", "未闭环"),
        "actions.none": ("No improvement actions yet.", "还没有改进措施。"),
        "actions.none.supervisor": ("No improvement actions yet: n adds one.", "还没有改进措施：按 n 新建。"),
        "actions.none.filtered": (
            "None matches the filter (m, a change it).",
            "没有符合筛选的措施（按 m、a 切换）。",
        ),
        "actions.late": ("LATE", "逾期"),
        "actions.due": ("due {time}", "期限 {time}"),
        "actions.tickets": ("tickets {count}", "{count} 张工单"),
        "actions.verify": ("calls {ended}/{total}", "回访 {ended}/{total}"),
        "actions.loading": ("Reading the actions…", "正在读取改进措施…"),
        "actions.read_only": (
            "Supervisors create, edit, close and reopen; an owner starts, notes and marks done.",
            "主管新建、编辑、闭环和重开；负责人开始、备注和标记完成。",
        ),
        # keys
        "actions.key.open": ("Open", "查看"),
        "actions.key.new": ("New", "新建"),
        "actions.key.start": ("Start", "开始"),
        "actions.key.done": ("Done", "完成"),
        "actions.key.note": ("Note", "备注"),
        "actions.key.close": ("Close", "闭环"),
        "actions.key.reopen": ("Reopen", "重开"),
        "actions.key.edit": ("Edit", "编辑"),
        "actions.key.mine": ("Mine", "我的"),
        "actions.key.open_only": ("Not closed", "未闭环"),
        "actions.key.refresh": ("Read again", "刷新"),
        "actions.key.back": ("Back", "返回"),
        "actions.key.down": ("Down", "向下"),
        "actions.key.up": ("Up", "向上"),
        # forms
        "actions.form.new": ("New improvement action", "新建改进措施"),
        "actions.form.edit": ("Edit A{number}: {title}", "编辑 A{number}：{title}"),
        "actions.form.done": (
            "A{number} done: Enter books {count} verification call(s), one per customer",
            "A{number} 完成：回车将预约 {count} 个验证回访（每位客户一个）",
        ),
        "actions.form.note": ("A note on A{number}: {title}", "为 A{number} 添加备注：{title}"),
        "actions.form.close": ("Close A{number} by hand: {title}", "手动闭环 A{number}：{title}"),
        "actions.form.reopen": ("Reopen A{number}: {title}", "重开 A{number}：{title}"),
        "actions.hint.form": (
            "Tab moves between fields, Enter on a list opens it, Ctrl+S or Enter in a field saves, "
            "Esc keeps your typing",
            "Tab 切换字段，列表上回车展开，Ctrl+S 或在输入框回车保存，Esc 保留输入",
        ),
        "actions.field.title": ("Title", "标题"),
        "actions.field.department": ("Department", "责任部门"),
        "actions.field.owner": ("Owner", "负责人"),
        "actions.field.due": ("Deadline", "完成节点"),
        "actions.field.expect": ("Expected", "预期效果"),
        "actions.field.category": ("Category", "问题分类"),
        "actions.field.subtag": ("Sub-tag", "细分"),
        "actions.field.phrase": ("Phrase", "关键词"),
        "actions.field.tickets": ("Tickets", "关联工单"),
        "actions.field.add_tickets": ("Add tickets", "添加工单"),
        "actions.field.note": ("Note (optional)", "备注（可不填）"),
        "actions.field.update": ("Note", "备注"),
        "actions.field.reason": ("Why", "原因"),
        "actions.placeholder.due": (
            "working days (10) or a date (2026-12-18)",
            "工作日天数（10）或日期（2026-12-18）",
        ),
        "actions.placeholder.expect": ("e.g. delivery-delay share below 20%", "例如 物流延误占比低于20%"),
        "actions.placeholder.phrase": (
            "what customers keep saying (optional)",
            "客户反复提到的说法（可不填）",
        ),
        "actions.placeholder.tickets": ("T000123 T000124, … (optional)", "T000123 T000124，…（可不填）"),
        "actions.pick.none": ("(none)", "（无）"),
        "actions.pick.choose": ("pick one", "请选择"),
        # outcomes
        "actions.done.new": ("Created A{number}: {title}", "已新建 A{number}：{title}"),
        "actions.done.edit": ("Saved A{number}", "已保存 A{number}"),
        "actions.done.start": ("A{number} is in progress", "A{number} 处理中"),
        "actions.done.done": (
            "A{number} done (round {round}): {booked} verification call(s) booked for "
            "{customers} customer(s)",
            "A{number} 已完成（第 {round} 轮）：已为 {customers} 位客户预约 {booked} 个验证回访",
        ),
        "actions.done.note": ("Noted on A{number}", "已为 A{number} 添加备注"),
        "actions.done.close": ("Closed A{number}", "已闭环 A{number}"),
        "actions.done.reopen": ("Reopened A{number}", "已重开 A{number}"),
        "actions.not_loaded": ("The actions were not read: {problem}", "未能读取改进措施：{problem}"),
        # the detail
        "actions.detail.title": ("A{number} · {status} · {title}", "A{number} · {status} · {title}"),
        "actions.detail.problem": ("Problem: {problem}", "针对问题：{problem}"),
        "actions.detail.who": (
            "Department {department} · owner {owner} · {due}",
            "责任部门 {department} · 负责人 {owner} · {due}",
        ),
        "actions.detail.expected": (
            "Expected: {expected} · round {round}",
            "预期效果：{expected} · 第 {round} 轮",
        ),
        "actions.detail.tickets": (
            "Tickets covered ({count}) · Enter opens one",
            "关联工单（{count}）· 回车打开",
        ),
        "actions.detail.no_tickets": ("  none", "  无"),
        "actions.detail.calls": (
            "Verification calls, round {round} ({ended}/{total} ended)",
            "验证回访，第 {round} 轮（已结束 {ended}/{total}）",
        ),
        "actions.detail.no_calls": ("  none yet (booked when it is marked done)", "  暂无（标记完成时预约）"),
        "actions.detail.call": (
            "  #{id}  {customer}  {status}{score}",
            "  #{id}  {customer}  {status}{score}",
        ),
        "actions.detail.score": ("  score {score}", "  评分 {score}"),
        "actions.detail.timeline": ("Timeline ({count})", "时间线（{count}）"),
        "actions.phrase": ("“{phrase}”", "“{phrase}”"),
        "actions.kind.created": ("created", "新建"),
        "actions.kind.status": ("status", "状态"),
        "actions.kind.edited": ("edited", "编辑"),
        "actions.kind.note": ("note", "备注"),
        "actions.kind.done": ("done", "完成"),
        "actions.kind.closed": ("closed", "闭环"),
        "actions.kind.reopened": ("reopened", "重开"),
        "actions.kind.verified": ("verified", "回访验证"),
        "actions.kind.unverified": ("not verified", "未验证"),
        "actions.call.open": ("booked", "待回访"),
        "actions.call.done": ("done", "已完成"),
        "actions.call.refused": ("refused", "拒访"),
        "actions.call.unreachable": ("unreachable", "无法接通"),
    }
)
