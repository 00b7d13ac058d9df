"""The words of the callbacks package's refusals (a callback that cannot be called or answered,
a script file with problems), in English and Chinese, by code. Each script problem names its
file ({source}) and its place in the file ({where}: a key, or a question, its text or trigger)."""

from core.basics.errors import register

register(
    {
        "field.group": ("group", "回访类别"),
        "field.call again at": ("call again at", "再打时间"),
        "field.improvement": ("improvement", "改进说明"),
        "callback.improvement.hint": ("say what was improved", "请说明改进了什么"),
        "callback.doing.improvement": ("record an improvement on it", "记录改进"),
        # A callback's status, as a refusal names it.
        "callback.status.open": ("open", "待回访"),
        "callback.status.done": ("done", "已完成"),
        "callback.status.refused": ("refused", "客户拒绝"),
        "callback.status.unreachable": ("unreachable", "无法接通"),
        # The callback list and one callback.
        "callback.group.unknown": (
            "unknown group {value!r}; use one of {groups}",
            "未知的回访类别 {value!r}；请用以下之一：{groups}",
        ),
        "callback.not_a_number": (
            "{value!r} is not a callback number; see: callfloor callbacks list",
            "{value!r} 不是回访编号；请查看：callfloor callbacks list",
        ),
        "callback.not_found": (
            "no callback #{number}; see: callfloor callbacks list",
            "没有回访 #{number}；请查看：callfloor callbacks list",
        ),
        "callback.finished": (
            "callback #{number} is {status}; it was finished at {at}",
            "回访 #{number} 的状态是{status}；已于 {at} 结束",
        ),
        "callback.number": ("callback #{number}", "回访 #{number}"),
        "callback.not_open": ("callback #{number} is {status}", "回访 #{number} 的状态是{status}"),
        "callback.supervisor_call": (
            "callback #{number} is a low-score follow-up; a supervisor makes that call",
            "回访 #{number} 是低分跟进，由主管来打",
        ),
        "callback.not_yet": (
            "callback #{number} is not due yet: it may be called from {opens} (the customer's "
            "preferred time, a week after their last call, or a complaint's working days)",
            "回访 #{number} 还未到回访时间：{opens} 起才可回访"
            "（客户希望的时间、距上次回访满一周，或投诉的规定工作日）",
        ),
        "callback.held": (
            "callback #{number} waits for the supervisor's low-score follow-up #{follow_up} of this "
            "customer: no routine call until that one is done",
            "回访 #{number} 需等待该客户的低分主管跟进 #{follow_up} 完成：在此之前不做例行回访",
        ),
        "callback.pass.supervisors_only": (
            "only a supervisor passes a low-score follow-up (callback #{number}) to another",
            "只有主管可以转交低分跟进（回访 #{number}）",
        ),
        "callback.pass.not_follow_up": (
            "callback #{number} is not a low-score follow-up; only those are passed between supervisors",
            "回访 #{number} 不是低分跟进；只有低分跟进可在主管之间转交",
        ),
        "callback.pass.no_such_person": (
            "nobody on the floor logs in as {login!r}; see: callfloor agent list",
            "现场没有登录名为 {login!r} 的人；请查看：callfloor agent list",
        ),
        "callback.pass.not_a_supervisor": (
            "{name} ({login}) is not an active supervisor; pass the follow-up to a supervisor",
            "{name}（{login}）不是在职主管；请转交给主管",
        ),
        "callback.changed_meanwhile": (
            "callback #{number} changed meanwhile (finished or passed on by someone else); look again",
            "回访 #{number} 刚被他人更改（已完成或已转交）；请重新查看",
        ),
        "callback.pass.already_theirs": (
            "follow-up #{number} is already {name}'s ({login})",
            "低分跟进 #{number} 已经由 {name}（{login}）负责",
        ),
        "field.to": ("to", "转交给"),
        "callback.no_owner": (
            "callback #{number} has no owner yet; claim it first",
            "回访 #{number} 还没有负责人；请先认领",
        ),
        "callback.not_yours": (
            "callback #{number} is {owner_name}'s ({owner_login}); only they make this call",
            "回访 #{number} 属于 {owner_name}（{owner_login}），只能由其本人拨打",
        ),
        "callback.no_script": (
            "no script for the {group} group; a supervisor loads one with: callfloor script load FILE",
            "{group} 类别没有话术；请主管用以下命令加载：callfloor script load FILE",
        ),
        "callback.not_started": (
            "callback #{number} has not been started; start the call first",
            "回访 #{number} 还没有开始；请先开始通话",
        ),
        "callback.no_question": (
            "the {group} script version {version} has no question {question!r}",
            "{group} 话术第 {version} 版中没有问题 {question!r}",
        ),
        "callback.unanswered.one": (
            "callback #{number} cannot be done yet: no answer to the required question {questions}. "
            "Ask it, or end the call as busy, unreachable or refused",
            "回访 #{number} 还不能完成：必答问题 {questions} 没有回答。"
            "请询问客户，或以客户忙、无法接通或客户拒绝结束通话",
        ),
        "callback.unanswered.many": (
            "callback #{number} cannot be done yet: no answer to the required questions {questions}. "
            "Ask them, or end the call as busy, unreachable or refused",
            "回访 #{number} 还不能完成：必答问题 {questions} 没有回答。"
            "请询问客户，或以客户忙、无法接通或客户拒绝结束通话",
        ),
        # An answer given during a call.
        "callback.answer.not_score": (
            "{value!r} is not a score; give a whole number from {low} to {high}",
            "{value!r} 不是评分；请给 {low} 到 {high} 之间的整数",
        ),
        "callback.answer.off_scale": (
            "{number} is outside the scale; give {low} to {high}",
            "{number} 超出评分范围；请给 {low} 到 {high}",
        ),
        "callback.answer.not_yes_no": (
            "{value!r} is not yes or no; answer yes or no",
            "{value!r} 不是“是”或“否”；请回答是或否",
        ),
        "callback.answer.not_an_option": (
            "{value!r} is not one of the options; pick 1-{count}",
            "{value!r} 不是可选项；请选 1-{count}",
        ),
        "callback.answer.empty": (
            "is empty; write what the customer said (or skip the question)",
            "为空；请记下客户的回答（或跳过此问题）",
        ),
        "callback.answer.too_long": (
            "is {length} characters; keep it under 4000",
            "有 {length} 个字符；请控制在 4000 以内",
        ),
        # Where a script problem is.
        "script.where.question": ('question "{id}"', '问题 "{id}"'),
        "script.where.question_number": ("question {number}", "第 {number} 个问题"),
        "script.where.text": ("{where}: text", "{where} 的 text"),
        "script.where.trigger": ("{where}: trigger {n}", "{where} 的第 {n} 个触发条件"),
        # A script file as a whole.
        "script.file.not_toml": ("{source}: not valid TOML: {error}", "{source}: 不是有效的 TOML：{error}"),
        "script.file.too_deep": (
            "{source}: nests arrays or tables hundreds deep; a script never does",
            "{source}: 数组或表嵌套了上百层，话术文件不会这样写",
        ),
        "script.file.not_utf8": (
            "{source}: not UTF-8 text (byte {byte}); save the script as UTF-8",
            "{source}: 不是 UTF-8 文本（第 {byte} 字节）；请把话术另存为 UTF-8",
        ),
        "script.file.unreadable": ("{source}: cannot be read ({reason})", "{source}: 无法读取（{reason}）"),
        "script.folder.empty": (
            "{source}: no *.toml script files in this folder",
            "{source}: 此文件夹中没有 *.toml 话术文件",
        ),
        "script.path.missing": ("{source}: no such file or folder", "{source}: 没有这个文件或文件夹"),
        "script.paths.none": ("give at least one script file or folder", "请至少给出一个话术文件或文件夹"),
        "script.group.twice": (
            "{source}: group {group} is also {other}; give one file per group",
            "{source}: 类别 {group} 也在 {other} 中；每个类别只给一个文件",
        ),
        # The script's top-level keys.
        "script.key.unknown": (
            "{source}: {where}: unknown key (the keys are {keys})",
            "{source}: {where}: 未知的键（可用的键：{keys}）",
        ),
        "script.group.missing": (
            "{source}: {where}: missing; give the callback group, one of {groups}",
            "{source}: {where}: 缺失；请给出回访类别，以下之一：{groups}",
        ),
        "script.group.unknown": (
            "{source}: {where}: unknown group {value!r}; the groups are {groups}",
            "{source}: {where}: 未知的类别 {value!r}；可用的类别：{groups}",
        ),
        "script.version.missing": (
            "{source}: {where}: missing; give version = 1 and raise it with every change",
            "{source}: {where}: 缺失；请写 version = 1，每次修改后调高",
        ),
        "script.version.bad": (
            "{source}: {where}: must be a whole number 1 or more, not {value!r}",
            "{source}: {where}: 必须是 1 或更大的整数，而不是 {value!r}",
        ),
        "script.text.missing": ("{source}: {where}: missing", "{source}: {where}: 缺失"),
        "script.text.empty": (
            "{source}: {where}: must be a non-empty text",
            "{source}: {where}: 必须是非空文本",
        ),
        "script.questions.none": (
            "{source}: {where}: none; add them in order as [[questions]] tables",
            "{source}: {where}: 没有问题；请按顺序添加 [[questions]] 表",
        ),
        "script.questions.not_tables": (
            "{source}: {where}: must be [[questions]] tables, at least one",
            "{source}: {where}: 必须是 [[questions]] 表，至少一个",
        ),
        "script.questions.no_overall": (
            '{source}: {where}: need one overall score question (kind = "score", dimension = "overall")',
            '{source}: {where}: 需要一个总体满意度评分问题（kind = "score", dimension = "overall"）',
        ),
        # Placeholders in the opening, the closing, the title or a question's text.
        "script.placeholder.bad_braces": (
            "{source}: {where}: {error} (write {{{{ and }}}} for a literal brace)",
            "{source}: {where}: {error}（花括号本身请写成 {{{{ 和 }}}}）",
        ),
        "script.placeholder.unknown": (
            "{source}: {where}: unknown placeholder {{{name}}}; the placeholders are {allowed}",
            "{source}: {where}: 未知的占位符 {{{name}}}；可用的占位符：{allowed}",
        ),
        "script.placeholder.formatted": (
            "{source}: {where}: placeholder {written} takes no format; write {{{name}}}",
            "{source}: {where}: 占位符 {written} 不能带格式；请写 {{{name}}}",
        ),
        # One question.
        "script.question.not_table": (
            "{source}: {where}: must be a table: [[questions]] with id, kind and text",
            "{source}: {where}: 必须是一个表：含 id、kind 和 text 的 [[questions]]",
        ),
        "script.question.no_id": (
            '{source}: {where}: has no id; give it one, e.g. id = "q1"',
            '{source}: {where}: 没有 id；请加上，例如 id = "q1"',
        ),
        "script.question.bad_id": (
            "{source}: {where}: id must be a non-empty text, not {value!r}",
            "{source}: {where}: id 必须是非空文本，而不是 {value!r}",
        ),
        "script.question.duplicate_id": (
            "{source}: {where}: duplicate id; question {number} already uses {value!r}",
            "{source}: {where}: id 重复；第 {number} 个问题已在用 {value!r}",
        ),
        "script.question.unknown_key": (
            "{source}: {where}: unknown key {key!r} (the keys are {keys})",
            "{source}: {where}: 未知的键 {key!r}（可用的键：{keys}）",
        ),
        "script.question.no_kind": (
            "{source}: {where}: has no kind; give kind = one of {kinds}",
            "{source}: {where}: 没有 kind；请写 kind = 以下之一：{kinds}",
        ),
        "script.question.unknown_kind": (
            "{source}: {where}: unknown kind {value!r}; the kinds are {kinds}",
            "{source}: {where}: 未知的 kind {value!r}；可用的 kind：{kinds}",
        ),
        "script.question.no_text": (
            '{source}: {where}: has no text; give the question as the agent reads it: text = "..."',
            '{source}: {where}: 没有 text；请写出客服专员念的问题：text = "..."',
        ),
        "script.question.empty_text": (
            "{source}: {where}: text is empty; give the question as the agent reads it",
            "{source}: {where}: text 为空；请写出客服专员念的问题",
        ),
        "script.question.flag_not_bool": (
            "{source}: {where}: {flag} must be true or false, not {value!r}",
            "{source}: {where}: {flag} 必须是 true 或 false，而不是 {value!r}",
        ),
        "script.question.key_of_other_kind": (
            "{source}: {where}: {key} is only for a {needs} question, not a {kind} one",
            "{source}: {where}: {key} 只用于 {needs} 问题，不能用于 {kind} 问题",
        ),
        "script.question.no_scale": (
            "{source}: {where}: a score question needs scale = [1, 5]",
            "{source}: {where}: 评分问题需要 scale = [1, 5]",
        ),
        "script.question.bad_scale": (
            "{source}: {where}: scale must be two whole numbers, low then high, e.g. [1, 5], not {value!r}",
            "{source}: {where}: scale 必须是先低后高的两个整数，例如 [1, 5]，而不是 {value!r}",
        ),
        "script.question.unknown_dimension": (
            "{source}: {where}: unknown dimension {value!r}; the dimensions are {dimensions}",
            "{source}: {where}: 未知的维度 {value!r}；可用的维度：{dimensions}",
        ),
        "script.question.dimension_taken": (
            '{source}: {where}: dimension {dimension} is already question "{other}"\'s',
            '{source}: {where}: 维度 {dimension} 已属于问题 "{other}"',
        ),
        "script.question.second_warmth": (
            '{source}: {where}: only one warmth question; "{first}" is already it',
            '{source}: {where}: 只能有一个温度问题；"{first}" 已经是了',
        ),
        "script.question.no_options": (
            '{source}: {where}: a choice question needs options = ["...", "..."]',
            '{source}: {where}: 选择题需要 options = ["...", "..."]',
        ),
        "script.question.bad_options": (
            "{source}: {where}: options must be a non-empty list of non-empty texts",
            "{source}: {where}: options 必须是由非空文本组成的非空列表",
        ),
        "script.question.options_twice": (
            "{source}: {where}: options are listed twice: {options}",
            "{source}: {where}: 选项重复列出：{options}",
        ),
        "script.question.triggers_not_list": (
            "{source}: {where}: triggers must be a list: "
            'triggers = [{{ match = ["响应慢"], ask = "probe_id" }}]',
            '{source}: {where}: triggers 必须是列表：triggers = [{{ match = ["响应慢"], ask = "probe_id" }}]',
        ),
        "script.question.probe_unasked": (
            "{source}: {where}: is a probe no trigger asks; add a trigger with ask = {value!r} "
            "to an earlier question, or drop probe = true",
            "{source}: {where}: 是追问，但没有触发条件问到它；请在前面的问题中加上 ask = {value!r} "
            "的触发条件，或去掉 probe = true",
        ),
        # One trigger of a question.
        "script.trigger.not_table": (
            '{source}: {where}: must be {{ match = ["..."], ask = "probe_id" }}',
            '{source}: {where}: 必须是 {{ match = ["..."], ask = "probe_id" }}',
        ),
        "script.trigger.unknown_key": (
            "{source}: {where}: unknown key {key!r} (the keys are match, ask)",
            "{source}: {where}: 未知的键 {key!r}（可用的键：match、ask）",
        ),
        "script.trigger.bad_match": (
            '{source}: {where}: match must be a non-empty list of words, e.g. ["响应慢", "slow"]',
            '{source}: {where}: match 必须是非空的词语列表，例如 ["响应慢", "slow"]',
        ),
        "script.trigger.no_ask": (
            "{source}: {where}: ask must name the probe question to show",
            "{source}: {where}: ask 必须写明要追问的问题",
        ),
        "script.trigger.asks_itself": (
            "{source}: {where}: a question cannot ask itself",
            "{source}: {where}: 问题不能追问自己",
        ),
        "script.trigger.asks_nothing": (
            "{source}: {where}: ask = {ask!r} names no question of this script",
            "{source}: {where}: ask = {ask!r} 不是本话术中的问题",
        ),
        "script.trigger.not_a_probe": (
            "{source}: {where}: ask = {ask!r} is not a probe; mark it probe = true",
            "{source}: {where}: ask = {ask!r} 不是追问；请给它加上 probe = true",
        ),
        "script.trigger.probe_before": (
            "{source}: {where}: the probe {ask!r} must come after the question that asks it",
            "{source}: {where}: 追问 {ask!r} 必须排在问到它的问题之后",
        ),
        # Loading scripts onto the floor.
        "script.load.supervisors_only": (
            "only a supervisor loads callback scripts; {login} is an agent",
            "只有主管可以加载回访话术；{login} 是客服专员",
        ),
        "script.load.changed_text": (
            "{source}: {group} version {version} is already loaded with different text; "
            "bump version (to {next}) for a changed script",
            "{source}: {group} 第 {version} 版已加载且内容不同；话术有改动请调高版本号（改为 {next}）",
        ),
        "script.load.older": (
            "{source}: {group} version {version} is older than the loaded version {loaded}; "
            "bump version (to {next})",
            "{source}: {group} 第 {version} 版比已加载的第 {loaded} 版旧；请调高版本号（改为 {next}）",
        ),
        "script.version.not_loaded": (
            "no {group} script version {version} has been loaded; "
            "callfloor script list shows the loaded ones",
            "{group} 话术第 {version} 版从未加载；已加载的版本见 callfloor script list",
        ),
    }
)

# A call-again time outside working time (core/callbacks/call_times.py): the time with its weekday,
# the floor's hours, and the next working slot.
register(
    {
        "callback.busy.off_hours": (
            "{time} is outside working hours ({hours}); the next working slot is {next}",
            "{time} 不在工作时间内（{hours}）；下一个工作时段是 {next}",
        ),
        "callback.busy.holiday": (
            "{time} is a public holiday ({name}); the next working slot is {next}",
            "{time} 是法定节假日（{name}）；下一个工作时段是 {next}",
        ),
        "callback.busy.holiday.name": ("a public holiday", "法定节假日"),
        "callback.busy.day_off": (
            "{time} is one of the floor's days off; the next working slot is {next}",
            "{time} 是本中心的休息日；下一个工作时段是 {next}",
        ),
        "callback.when": ("{day} {time}", "{day} {time}"),
        "callback.hours": ("{on} {hours}", "{on} {hours}"),
        "callback.days.range": ("{first}-{last}", "{first}至{last}"),
        "callback.list": ("{one}, {more}", "{one}、{more}"),
        "callback.weekday.0": ("Mon", "周一"),
        "callback.weekday.1": ("Tue", "周二"),
        "callback.weekday.2": ("Wed", "周三"),
        "callback.weekday.3": ("Thu", "周四"),
        "callback.weekday.4": ("Fri", "周五"),
        "callback.weekday.5": ("Sat", "周六"),
        "callback.weekday.6": ("Sun", "周日"),
    }
)
