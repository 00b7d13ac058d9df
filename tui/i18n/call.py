"""Words of the call screen (a callback, 回访, run from its script) and its end-of-call forms."""

from tui.i18n.catalogue import register

register(
    {
        # keys
        "call.key.end": ("End call", "结束通话"),
        "call.key.finish": ("Finish", "完成回访"),
        "call.key.yes": ("Yes", "是"),
        "call.key.no": ("No", "否"),
        "call.key.previous": ("Previous", "上一题"),
        "call.key.next": ("Next", "下一题"),
        "call.key.number": ("Answer by number", "按数字作答"),
        "call.key.pick": ("Pick by number", "按数字选择"),
        # header
        "call.title": ("Callback #{number}", "回访 #{number}"),
        "call.phone.none": ("no phone on file", "没有电话"),
        "call.ticket": ("ticket {ref}", "工单 {ref}"),
        "call.due_by": ("due by {time}", "截止 {time}"),
        "call.attempts": ("attempts so far {count}", "已拨打 {count} 次"),
        "call.prefers": ("prefers {time}", "偏好时间 {time}"),
        "call.prefers.none": ("no preferred time", "无偏好时间"),
        "call.high": ("high priority", "高优先级"),
        "call.script": ("Script: {title} v{version}", "话术：{title} v{version}"),
        "call.missing": (
            "Callback #{number} could not be opened: {detail}",
            "无法打开回访 #{number}：{detail}",
        ),
        # the script
        "call.opening": ("Opening:", "开场白："),
        "call.question": ("Question {n} of {m}", "第 {n} 题，共 {m} 题"),
        "call.required": ("* required", "* 必答"),
        "call.optional": ("optional", "选答"),
        "call.probe": ("follow-up", "追问"),
        "call.saved": ("saved: {answer}", "已记录：{answer}"),
        "call.unanswered": ("not answered yet", "尚未作答"),
        "call.answered": ("{count}/{total} answered", "已答 {count}/{total}"),
        "call.keys_dropped": (
            "The {count} keys typed after that answer were not used: it was refused, see why",
            "该回答未被接受，其后输入的 {count} 个按键未被使用：请先查看原因",
        ),
        "call.keys.score": (
            "Press {low}-{high}: {low} the lowest, {high} the highest",
            "按 {low}-{high}：{low} 最低，{high} 最高",
        ),
        "call.keys.score_typed": (
            "Type a whole number from {low} to {high}, then Enter",
            "输入 {low} 到 {high} 的整数，回车保存",
        ),
        "call.keys.yes_no": ("Press y for yes, n for no", "按 y 表示是，按 n 表示否"),
        "call.yes": ("yes", "是"),
        "call.no": ("no", "否"),
        "call.keys.choice": ("Press the option's number", "按选项前的数字"),
        "call.keys.choice_typed": (
            "Type the option's number (or its words), then Enter",
            "输入选项编号（或选项文字），回车保存",
        ),
        "call.keys.text": ("Enter saves what the customer said", "回车保存客户的回答"),
        "call.keys.text_optional": ("Enter on an empty field skips this question", "空白时回车跳过本题"),
        "call.keys.text_required": ("Required: an empty answer is not taken", "必答题：回答不能为空"),
        "call.keys.change": ("Another answer replaces the saved one", "重新作答会替换已记录的回答"),
        "call.input.placeholder": ("What the customer said", "客户的回答"),
        "call.closing": ("Closing", "结束语"),
        "call.closing.ready": (
            "Every required question has an answer: Enter or Ctrl+E ends the call",
            "必答题均已作答：按回车或 Ctrl+E 结束通话",
        ),
        "call.closing.missing": (
            "Still unanswered, required: {list}. Up goes back to them",
            "尚未作答的必答题：{list}。按 ↑ 返回作答",
        ),
        "call.closing.answers": ("Answers: {list}", "回答：{list}"),
        "call.closing.answer": ("{question}: {answer}", "{question}：{answer}"),
        "call.closing.and": (", ", "、"),
        # a question named by what its score (or yes/no) measures (as the reports name them)
        "call.dimension.overall": ("Overall", "总体满意度"),
        "call.dimension.efficiency": ("Efficiency", "服务效率"),
        "call.dimension.solving": ("Problem solving", "问题解决能力"),
        "call.dimension.attitude": ("Attitude", "态度友好度"),
        "call.dimension.warmth": ("Felt cared for", "沟通有温度"),
        # problems
        "call.problem.required": (
            "This question is required: ask it and write the answer, or end the call with Ctrl+E",
            "本题为必答题：请询问并记录回答，或按 Ctrl+E 结束通话",
        ),
        "call.problem.yes_no": ("This question takes y (yes) or n (no)", "本题请按 y（是）或 n（否）"),
        "call.problem.choice": ("Pick an option from 1 to {count}", "请选择 1 到 {count} 的选项"),
        "call.problem.closing": (
            "Every question has been asked: Enter or Ctrl+E ends the call",
            "问题已全部问完：按回车或 Ctrl+E 结束通话",
        ),
        # how the call ended
        "call.form.end": (
            "End the call with {customer} (callback #{number})",
            "结束与 {customer} 的通话（回访 #{number}）",
        ),
        "call.field.outcome": ("How did the call end?", "通话结果"),
        "call.hint.end": (
            "Arrows and Enter, or the option's number; Esc goes back to the call",
            "方向键选择后回车，或直接按数字；Esc 返回通话",
        ),
        "call.outcome.done": ("Done: the questions are answered", "完成：问答已完成"),
        "call.outcome.busy": (
            "Customer busy: call again at a time they name",
            "客户忙：按客户约定的时间再打",
        ),
        "call.outcome.unreachable": ("Unreachable: no answer, try again later", "未接通：稍后重拨"),
        "call.outcome.refused": ("Refused: the customer declines the callback", "拒绝：客户不接受回访"),
        "call.outcome.later": ("Leave for later: keep the answers, end here", "稍后继续：保留已答内容"),
        "call.form.busy": (
            "{customer} is busy: when to call again (callback #{number})",
            "{customer} 现在不方便：何时再打（回访 #{number}）",
        ),
        "call.field.when": (
            "Call again at (15:30, +2h, tomorrow 10:00, mon 14:00)",
            "再打时间（15:30、+2h、明天 10:00、周一 14:00）",
        ),
        "call.field.note": ("Note (optional)", "备注（可选）"),
        # the typed time, said with its weekday; outside working time, which to book
        "call.when.at": ("That is {time}", "即 {time}"),
        "call.field.busy_choice": ("Call again at", "再打时间"),
        "call.busy.take_slot": ("{time}, the next working slot", "{time}（下一个工作时段）"),
        "call.busy.keep": ("{time} anyway, as the customer asked", "仍按客户要求的 {time}"),
        "call.hint.busy_choice": (
            "1 or 2, or arrows and Enter; Esc goes back to the time as typed",
            "按 1 或 2，或用方向键选择后回车；Esc 返回，保留已输入的时间",
        ),
        "call.form.refused": (
            "{customer} refused the callback (#{number})",
            "{customer} 拒绝回访（#{number}）",
        ),
        "call.field.refused_note": ("Why, in their words (optional)", "客户的原话（可选）"),
        # what was done
        "call.done.done": (
            "Callback #{number} done: overall {score}",
            "回访 #{number} 已完成：总体满意度 {score} 分",
        ),
        "call.done.plain": ("Callback #{number} done", "回访 #{number} 已完成"),
        "call.done.low": (
            "Callback #{number} done; score {score}: ticket {ref} reopened, supervisor follow-up "
            "#{follow_up} booked",
            "回访 #{number} 已完成；{score} 分：工单 {ref} 已重新打开，已安排主管跟进 #{follow_up}",
        ),
        "call.done.low_only": (
            "Callback #{number} done; score {score}: supervisor follow-up #{follow_up} booked",
            "回访 #{number} 已完成；{score} 分：已安排主管跟进 #{follow_up}",
        ),
        "call.done.busy": ("Callback #{number}: call again at {time}", "回访 #{number}：{time} 再打"),
        "call.done.retry": (
            "Callback #{number} unreachable: attempt {attempt} of {most}, next try {time}",
            "回访 #{number} 未接通：第 {attempt} 次（共 {most} 次），下次 {time}",
        ),
        "call.done.given_up": (
            "Callback #{number}: given up after {attempts} attempts",
            "回访 #{number}：{attempts} 次未接通，已放弃",
        ),
        "call.done.refused": (
            "Callback #{number} closed: the customer refused",
            "回访 #{number} 已关闭：客户拒绝",
        ),
        "call.done.left": (
            "Callback #{number} stays open, answers kept: {count}",
            "回访 #{number} 保持待回访，已保留回答：{count} 条",
        ),
        # while the floor database is busy (another process holds its write lock)
        "call.opening.wait": (
            "Opening callback #{number}… (the floor database is busy: Esc goes back)",
            "正在打开回访 #{number}…（数据库繁忙：Esc 返回）",
        ),
        "call.late.answer": (
            "Callback #{number}: the answer to {question} was not saved after you left the call: {problem}",
            "回访 #{number}：离开通话后，{question} 的回答未能保存：{problem}",
        ),
        "call.late.done": ("After you left the call: {message}", "离开通话后：{message}"),
        "call.late.refused": (
            "Callback #{number} was not ended after you left the call: {problem}",
            "离开通话后，回访 #{number} 未能结束：{problem}",
        ),
    }
)
