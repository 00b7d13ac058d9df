"""The words of the policy package's refusals (a policy file that cannot be used, a deadline
that cannot be read), in English and Chinese, by code. A PolicyError puts the file and key in
front of these words; an InvalidInput its field."""

from core.basics.errors import register

_FIX_CALENDAR = "fix calendar.workdays, calendar.hours and calendar.holidays, then callfloor policy load"
_FIX_CALENDAR_ZH = (
    "请修改 calendar.workdays、calendar.hours 和 calendar.holidays，再运行 callfloor policy load"
)
_DEADLINE_FORMS = '"11:00", "+2h", "tomorrow 10:00", "mon 14:00" or "2026-11-21 10:00"'
_DEADLINE_FORMS_ZH = '"11:00"、"+2h"、"明天 10:00"、"周一 14:00" 或 "2026-11-21 10:00"'

_LEAD_FORMS = 'like "5m", "30m", "2h" or "1h30m"'
_LEAD_FORMS_ZH = '如 "5m"、"30m"、"2h" 或 "1h30m"'

_SHIFT_FORMS = (
    '"hours" (the floor\'s working time), "always", "off", or days and times like '
    '"mon-fri 08:00-17:00", "workdays 09:00-18:00", "daily 22:00-06:00" or '
    '["workdays 09:00-18:00", "sat 09:00-13:00"]'
)
_SHIFT_FORMS_ZH = (
    '"hours"（楼层的工作时间）、"always"（始终在岗）、"off"（不在岗），或日期加时段，如 '
    '"mon-fri 08:00-17:00"、"workdays 09:00-18:00"、"daily 22:00-06:00" 或 '
    '["workdays 09:00-18:00", "sat 09:00-13:00"]'
)

register(
    {
        # where a policy came from, when it is not a file
        "policy.source.built_in": ("built-in defaults", "内置默认策略"),
        "policy.source.floor": ("floor policy (callfloor policy load)", "楼层策略（callfloor policy load）"),
        "policy.source.floor_calendar": ("the floor's policy", "楼层的策略"),
        # The policy file as a whole.
        "policy.file.unreadable": ("cannot be read: {reason}", "无法读取：{reason}"),
        "policy.file.not_utf8": ("is not UTF-8 text; save it as UTF-8", "不是 UTF-8 文本；请另存为 UTF-8"),
        "policy.file.not_toml": ("is not valid TOML ({error})", "不是有效的 TOML（{error}）"),
        "policy.file.too_deep": (
            "nests arrays or tables hundreds deep; no policy needs that, "
            "check the file is the floor's policy",
            "数组或表嵌套了上百层，规则文件不会这样写；请确认这是本楼层的规则文件",
        ),
        "policy.section.unknown": ("unknown section; known: {known}", "未知的配置段；可用的配置段：{known}"),
        "policy.section.not_table": ("must be a table ([{section}])", "必须是一个表（[{section}]）"),
        "policy.key.unknown": ("unknown key", "未知的键"),
        "policy.key.unknown_of": ("unknown key; known: {known}", "未知的键；可用的键：{known}"),
        # One value.
        "policy.value.not_text": (
            "must be a non-empty string, not {value!r}",
            "必须是非空文本，而不是 {value!r}",
        ),
        "policy.value.not_list": ("must be a list, not {value!r}", "必须是列表，而不是 {value!r}"),
        "policy.value.not_allowed": (
            "{value!r} is not one of: {allowed}",
            "{value!r} 不在可选值中：{allowed}",
        ),
        "policy.value.not_weekday": (
            "{value!r} is not a weekday; use mon, tue, wed, thu, fri, sat, sun",
            "{value!r} 不是星期几；请用 mon、tue、wed、thu、fri、sat、sun",
        ),
        "policy.value.not_time_of_day": (
            '{value!r} is not a time of day; write it like "17:00"',
            '{value!r} 不是有效的时刻；请写成 "17:00" 这样的格式',
        ),
        "policy.value.not_whole_number": (
            "must be a whole number from {low} to {high}, not {value!r}",
            "必须是 {low} 到 {high} 之间的整数，而不是 {value!r}",
        ),
        "policy.value.not_bool": (
            "must be true or false, not {value!r}",
            "必须是 true 或 false，而不是 {value!r}",
        ),
        "policy.official.unknown": (
            '{value!r} is not a country the holiday calendar knows; use a code like "CN", '
            'or "none" for no official holidays',
            '节假日日历不认识 {value!r}；请用 "CN" 这样的国家代码，不用法定节假日时写 "none"',
        ),
        "policy.timezone.unknown": (
            'unknown time zone {value!r}; use a name like "Asia/Shanghai"',
            '未知的时区 {value!r}；请用 "Asia/Shanghai" 这样的名称',
        ),
        # Opening hours, working days and dates.
        "policy.hours.missing": (
            'must list opening hours, e.g. ["09:00-12:00", "13:30-18:00"]',
            '必须列出营业时间，例如 ["09:00-12:00", "13:30-18:00"]',
        ),
        "policy.hours.not_span": (
            '{value!r} is not a span like "09:00-18:00" (start before end)',
            '{value!r} 不是 "09:00-18:00" 这样的时段（开始早于结束）',
        ),
        "policy.hours.overlap": (
            'opening hours overlap; list separate spans like "09:00-12:00", "13:30-18:00"',
            '营业时间有重叠；请列出互不重叠的时段，如 "09:00-12:00"、"13:30-18:00"',
        ),
        "policy.calendar.no_workdays": (
            'no working days at all; list at least one, e.g. ["mon"]',
            '没有任何工作日；请至少列出一天，例如 ["mon"]',
        ),
        "policy.calendar.no_working_days": (
            f"the calendar has no working days; {_FIX_CALENDAR}",
            f"日历中没有工作日；{_FIX_CALENDAR_ZH}",
        ),
        "policy.calendar.no_working_days_from": (
            f"the calendar has no working days in the three years from {{day}}; {_FIX_CALENDAR}",
            f"日历中自 {{day}} 起三年内没有工作日；{_FIX_CALENDAR_ZH}",
        ),
        "policy.calendar.no_deadline": (
            "no deadline within ten years of {day} (too little working time for the time asked); "
            + _FIX_CALENDAR,
            "自 {day} 起十年内都排不出截止时间（工作时间不够所需时长）；" + _FIX_CALENDAR_ZH,
        ),
        "policy.date.has_time": (
            '{value!r} is a date and time; write the date alone, e.g. "2026-10-01"',
            '{value!r} 带有时间；只写日期，例如 "2026-10-01"',
        ),
        "policy.date.not_date": (
            '{value!r} is not a date or range; write "2026-10-01" or "2026-10-01..2026-10-07"',
            '{value!r} 不是日期或日期范围；请写 "2026-10-01" 或 "2026-10-01..2026-10-07"',
        ),
        "policy.date.range_backwards": (
            "{value!r} is not a range from an earlier to a later date",
            "{value!r} 不是从较早日期到较晚日期的范围",
        ),
        "policy.date.range_too_long": (
            "{value!r} spans {days:,} days; a range is at most a hundred years",
            "{value!r} 跨越 {days:,} 天；一个范围最多一百年",
        ),
        # SLA targets and other durations.
        "policy.sla.not_table": (
            'must be a table like {{ response = "15m", solution = "2h" }}',
            '必须是 {{ response = "15m", solution = "2h" }} 这样的表',
        ),
        "policy.sla.unknown_key": (
            "unknown key; use response and solution",
            "未知的键；请用 response 和 solution",
        ),
        "policy.duration.not_duration": (
            '{value!r} is not a duration; write it like "15m", "2h", "1h30m", "3d" or "5wd" (working days)',
            '{value!r} 不是时长；请写成 "15m"、"2h"、"1h30m"、"3d" 或 "5wd"（工作日）',
        ),
        "policy.duration.too_long": (
            "{value!r} is longer than a year; targets are at most 366d or 260wd",
            "{value!r} 超过一年；时限最多 366d 或 260wd",
        ),
        "policy.duration.no_working_days": (
            'takes minutes, hours or days here, like "30m", "2h" or "7d", not working days (wd)',
            '这里只能用分钟、小时或天，如 "30m"、"2h" 或 "7d"，不能用工作日（wd）',
        ),
        "policy.duration.not_positive": (
            '{value!r} is not longer than zero; give a time ahead, e.g. "5m" or "30m"',
            '{value!r} 不大于零；请给一个正的时长，例如 "5m" 或 "30m"',
        ),
        # An alert's lead: how long before its target the supervisors are told.
        "policy.alerts.not_lead": (
            f"{{value!r}} is not a duration; write minutes or hours in quotes, {_LEAD_FORMS}",
            f"{{value!r}} 不是时长；请用引号写分钟或小时，{_LEAD_FORMS_ZH}",
        ),
        "policy.alerts.lead_in_days": (
            "{value!r}: an alert's lead takes minutes and hours, not days or working days; "
            'write it in hours, e.g. "4h", at most "24h"',
            "{value!r}：预警的提前时长只能用分钟和小时，不能用天或工作日；"
            '请换算成小时，例如 "4h"，最多 "24h"',
        ),
        "policy.alerts.lead_too_long": (
            "{value!r} is too long: an alert comes at most 24h before its target (and at least 1m); "
            'write e.g. "30m" or "4h"',
            '{value!r} 太长：预警最多在时限前 24h 发出（至少 1m）；请写 "30m" 或 "4h" 这样的时长',
        ),
        # Shifts: who is expected at work when.
        "policy.shifts.bad_login": (
            '{value!r} is not an agent login (letters, digits, _ . -, at most 64) or "default"',
            '{value!r} 不是坐席登录名（字母、数字、_ . -，最多 64 个）也不是 "default"',
        ),
        "policy.shifts.not_text": (
            f"must be a shift or a list of shifts, {_SHIFT_FORMS}; not {{value!r}}",
            f"必须是一个班次或班次列表，{_SHIFT_FORMS_ZH}；而不是 {{value!r}}",
        ),
        "policy.shifts.empty": (
            'is an empty list; write "off" if this agent is never expected at work, '
            'or at least one shift, like "hours" or "mon-fri 08:00-17:00"',
            '是空列表；如果此人从不在岗，请写 "off"，否则至少写一个班次，如 "hours" 或 "mon-fri 08:00-17:00"',
        ),
        "policy.shifts.not_shift": (
            f"{{value!r}} is not a shift; write {_SHIFT_FORMS}",
            f"{{value!r}} 不是班次；请写 {_SHIFT_FORMS_ZH}",
        ),
        "policy.shifts.bad_days": (
            "{value!r}: {days!r} is not days; use workdays, daily, a weekday (mon .. sun), "
            'a range like mon-fri or a list like mon,wed,fri, as in "mon-fri 08:00-17:00"',
            "{value!r}：{days!r} 不是日期；请用 workdays、daily、星期几（mon .. sun）、"
            'mon-fri 这样的范围或 mon,wed,fri 这样的列表，如 "mon-fri 08:00-17:00"',
        ),
        "policy.shifts.bad_span": (
            '{value!r}: {span!r} is not a span of times like "08:00-17:00" ("22:00-06:00" crosses midnight)',
            '{value!r}：{span!r} 不是 "08:00-17:00" 这样的时段（"22:00-06:00" 表示跨过午夜）',
        ),
        "policy.shifts.alone": (
            '"{value}" stands alone, not in a list with other shifts; write "{value}" on its own '
            "(not in a list), or drop it and keep the other shifts",
            '"{value}" 只能单独使用，不能与其他班次写在同一列表中；请单独写 "{value}"（不用列表），'
            "或删掉它、保留其他班次",
        ),
        "policy.callbacks.window_backwards": (
            "{first} is after {closes} ({last}); the window must open before it closes",
            "{first} 晚于 {closes}（{last}）；回访时间窗必须先开始后结束",
        ),
        # Categories, channels, departments ([[...]] tables) and keys.
        "policy.labels.not_array": (
            "must be a non-empty array of tables ([[{key}]])",
            "必须是非空的表数组（[[{key}]]）",
        ),
        "policy.labels.not_table": ("must be a table with id, zh and en", "必须是含 id、zh 和 en 的表"),
        "policy.labels.bad_id": (
            "{value!r} must be lower-case letters, digits and _",
            "{value!r} 只能包含小写字母、数字和 _",
        ),
        "policy.labels.id_twice": ("{value!r} is listed twice", "{value!r} 重复列出"),
        "policy.labels.not_bool": ("must be a bool", "必须是 true 或 false"),
        "policy.labels.not_str": ("must be a str", "必须是文本"),
        "policy.labels.not_list": ("must be a list", "必须是列表"),
        "policy.labels.hours_not_span": (
            '{value!r} is not a span like "08:00-18:00"',
            '{value!r} 不是 "08:00-18:00" 这样的时段',
        ),
        "policy.keys.not_table": (
            'must be a table of binding id = "key"',
            '必须是 绑定编号 = "按键" 形式的表',
        ),
        "policy.keys.bad_id": (
            'is not a binding id like "queue.claim" (the ids are listed in docs/keys.md)',
            '不是 "queue.claim" 这样的绑定编号（编号列表见 docs/keys.md）',
        ),
        "policy.keys.empty": (
            'is given no key; write one, e.g. "f5", or remove the line to keep its own',
            '没有指定按键；请写一个，例如 "f5"，或删除这一行以保留原来的按键',
        ),
        "policy.keys.bad_keys": (
            '{value!r} is not a key like "ctrl+k" or "f5,k"',
            '{value!r} 不是 "ctrl+k" 或 "f5,k" 这样的按键',
        ),
        # [exports] folder: where the floor's report exports go.
        "policy.folder.not_folder": (
            'must be a folder in quotes, not {value!r}; e.g. "/srv/callfloor/exports", or "exports" '
            "(beside the floor file)",
            '必须是加引号的文件夹路径，而不是 {value!r}；例如 "/srv/callfloor/exports"，'
            '或 "exports"（与楼层文件同目录）',
        ),
        "policy.folder.control": (
            "{value!r} holds a control character (a line break, a tab); write the folder alone, "
            'e.g. "/srv/callfloor/exports"',
            '{value!r} 含有控制字符（换行、制表符等）；只写文件夹路径，例如 "/srv/callfloor/exports"',
        ),
        "policy.folder.too_long": (
            'is {chars:,} characters long; a folder is at most {most:,}, e.g. "/srv/callfloor/exports"',
            '长 {chars:,} 个字符；文件夹路径最多 {most:,} 个字符，例如 "/srv/callfloor/exports"',
        ),
        "policy.folder.spaces": (
            "{value!r} begins or ends with a space; write the folder without them, "
            'e.g. "/srv/callfloor/exports"',
            '{value!r} 首尾有空格；请去掉空格，例如 "/srv/callfloor/exports"',
        ),
        "policy.folder.home": (
            "{value!r} starts with ~, which is each person's own home folder; the floor's exports "
            'are one folder for everyone: write its full path, e.g. "/srv/callfloor/exports"',
            "{value!r} 以 ~ 开头，而 ~ 是每个人自己的主目录；楼层的导出文件夹对所有人是同一个："
            '请写完整路径，例如 "/srv/callfloor/exports"',
        ),
        "policy.folder.file": (
            "{value!r} names a .xlsx file; name the folder, the export names the files in it "
            '(callfloor-2026-W47.xlsx), e.g. "/srv/callfloor/exports"',
            "{value!r} 是一个 .xlsx 文件名；请写文件夹，文件名由导出决定（callfloor-2026-W47.xlsx），"
            '例如 "/srv/callfloor/exports"',
        ),
        # [phrases] keep and ignore: the report's "what customers keep saying".
        "policy.phrases.not_word": (
            'must be a word in quotes, not {value!r}; e.g. keep = ["智能门锁X3"], ignore = ["您好"]',
            '必须是加引号的词，而不是 {value!r}；例如 keep = ["智能门锁X3"]、ignore = ["您好"]',
        ),
        "policy.phrases.control": (
            "{value!r} holds a control character (a line break, a tab, NUL); write the word alone",
            "{value!r} 含有控制字符（换行、制表符、NUL 等）；只写这个词",
        ),
        "policy.phrases.too_long": (
            "{value!r} is {chars:,} characters long; a word is at most {most:,}",
            "{value!r} 长 {chars:,} 个字符；一个词最多 {most:,} 个字符",
        ),
        "policy.phrases.too_many": (
            "lists {count:,} words; at most {most:,}",
            "列出了 {count:,} 个词；最多 {most:,} 个",
        ),
        "policy.phrases.space": (
            "{value!r} holds a space, and texts are cut into words at spaces, so it could never be "
            'kept whole; write it without, e.g. "智能门锁X3" or "SmartLockX3"',
            '{value!r} 含有空格，而文本在空格处分词，这个词永远无法保持完整；请去掉空格，例如 "智能门锁X3"',
        ),
        # A deadline a person types (a handoff's "by when", a callback's "call again at").
        "deadline.empty": (f"is empty; write {_DEADLINE_FORMS}", f"为空；请写 {_DEADLINE_FORMS_ZH}"),
        "deadline.not_a_time": (
            f"{{value!r}} is not a time; write {_DEADLINE_FORMS}",
            f"{{value!r}} 不是时间；请写 {_DEADLINE_FORMS_ZH}",
        ),
        "deadline.too_far": (
            '{value!r} is more than a year ahead; give a time within a year, e.g. "+2h" or "tomorrow 10:00"',
            '{value!r} 在一年以后；请给一年以内的时间，例如 "+2h" 或 "tomorrow 10:00"',
        ),
        "deadline.passed": (
            "{value!r} has already passed (it is now {now}); give a time still ahead",
            "{value!r} 已经过去（现在是 {now}）；请给一个之后的时间",
        ),
        "deadline.not_real": (
            "{value!r} is not a real date and time ({error})",
            "{value!r} 不是真实存在的日期时间（{error}）",
        ),
    }
)
