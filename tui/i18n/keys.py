"""Words of the key map check (tui/key_maps.py): what is wrong with a policy's [keys] line and
how to fix it, said after "<file>: keys.<binding id>: " as the policy's other refusals are."""

from tui.i18n.catalogue import register

_IDS = "docs/keys.md lists every id"
_IDS_ZH = "全部编号见 docs/keys.md"

register(
    {
        "keys.refused.one": (
            "[keys] has 1 problem, so this policy cannot be loaded:",
            "[keys] 有 1 个问题，此规则不能加载：",
        ),
        "keys.refused.many": (
            "[keys] has {count} problems, so this policy cannot be loaded:",
            "[keys] 有 {count} 个问题，此规则不能加载：",
        ),
        "keys.refused.dropped": (
            "{shown} does nothing here now, so the keys typed right after it were not used "
            "(they were meant for what {shown} would have opened)",
            "{shown} 此处当前不可用，紧随其后输入的按键未被使用（它们原本是输给 {shown} 要打开的内容的）",
        ),
        "keys.live.refused": (
            "The floor's new key map was not applied ({problem}); the keys stay as they were: "
            "tell the floor's supervisor (callfloor policy check shows every problem)",
            "本组新的按键设置未生效（{problem}）；按键保持不变：请告知主管"
            "（callfloor policy check 会列出全部问题）",
        ),
        # The binding id.
        "keys.unknown_id": (
            f'is not a binding id; did you mean "{{near}}"? ({_IDS})',
            f'不是绑定编号；是不是 "{{near}}"？（{_IDS_ZH}）',
        ),
        "keys.unknown_id.far": (
            f"is not a binding id of callfloor; {_IDS}",
            f"不是 callfloor 的绑定编号；{_IDS_ZH}",
        ),
        "keys.empty": (
            'is given no key; write one, e.g. "f5", or remove the line to keep its own',
            '没有指定按键；请写一个，例如 "f5"，或删除这一行以保留原来的按键',
        ),
        # Two bindings on one key.
        "keys.collision": (
            '"{key}" is also the key of "{other}" on {screens}: one key cannot do both; '
            'choose another key, or move "{other}" too',
            '"{key}" 在{screens}上也是 "{other}" 的按键：一个键不能同时做两件事；'
            '请换一个键，或把 "{other}" 也移走',
        ),
        "keys.collision.app": (
            '"{key}" is the app\'s own key for "{other}", which works on every screen '
            '({screens} among them): choose another key, or move "{other}" too',
            '"{key}" 是整个程序的 "{other}" 键，在每个界面上都有效（包括{screens}）：'
            '请换一个键，或把 "{other}" 也移走',
        ),
        "keys.collision.builtin": (
            '"{key}" is already Textual\'s own "{action}" ({holder}) on {screens}, which cannot '
            "be moved: choose another key",
            '"{key}" 在{screens}上已是 Textual 自带的 "{action}"（{holder}），它不能移走：请换一个键',
        ),
        "keys.palette": ("the command palette", "命令面板"),
        "keys.screens.and": (" and ", "和"),
        "keys.screens.more": ("{count} other screens", "另外 {count} 个界面"),
        # A key a terminal cannot send.
        "keys.unknown_key": (
            '"{key}" is not a key name; did you mean "{near}"? (names as in Textual: a, A, 1, f5, '
            "ctrl+k, enter, escape, space, question_mark)",
            '"{key}" 不是按键名；是不是 "{near}"？（按键名与 Textual 相同：a、A、1、f5、ctrl+k、'
            "enter、escape、space、question_mark）",
        ),
        "keys.unknown_key.far": (
            '"{key}" is not a key name (names as in Textual: a, A, 1, f5, ctrl+k, enter, escape, '
            "space, question_mark)",
            '"{key}" 不是按键名（按键名与 Textual 相同：a、A、1、f5、ctrl+k、enter、escape、space、'
            "question_mark）",
        ),
        "keys.unsendable.modifier": (
            '"{key}": a terminal never sends Super, Hyper or Meta; use ctrl+ or a plain key',
            '"{key}"：终端从不发送 Super、Hyper 或 Meta 键；请用 ctrl+ 或单个按键',
        ),
        "keys.unsendable.alt": (
            '"{key}": a terminal sends Alt as Esc before the key, or as another character, or not '
            "at all; over a slow link it is taken for Esc then the key: use ctrl+ or a plain key",
            '"{key}"：终端把 Alt 发成 Esc 加该键，或别的字符，或根本不发；网络慢时会被当成先按 Esc '
            "再按该键：请用 ctrl+ 或单个按键",
        ),
        "keys.unsendable.shift_letter": (
            '"{key}": a terminal sends Shift with a letter as the capital letter: write "{fix}"',
            '"{key}"：终端把 Shift 加字母发成大写字母：请写 "{fix}"',
        ),
        "keys.unsendable.shift_sign": (
            '"{key}": a terminal sends Shift with this key as the character it types: write that '
            'character\'s name, e.g. "exclamation_mark" for Shift+1',
            '"{key}"：终端把 Shift 加该键发成它打出的字符：请写该字符的名字，例如 Shift+1 写 '
            '"exclamation_mark"',
        ),
        "keys.unsendable.same_as": (
            '"{key}": a terminal sends it exactly as "{fix}", so the app cannot tell them apart: '
            "choose another key (an F key no screen uses, say)",
            '"{key}"：终端发出的与 "{fix}" 完全相同，程序无法区分：请换一个键（例如未被占用的 F 键）',
        ),
        "keys.unsendable.ctrl_digit": (
            '"{key}": a terminal cannot send Ctrl with a digit (it sends the digit, or another '
            "control key): use ctrl+ with a letter, or a function key",
            '"{key}"：终端无法发送 Ctrl 加数字（只发出数字或别的控制键）：请用 ctrl+ 加字母，或功能键',
        ),
        "keys.unsendable.ctrl_shift": (
            '"{key}": a terminal sends Ctrl+Shift with a letter or digit as Ctrl alone: '
            'write "{fix}" or choose another key',
            '"{key}"：终端把 Ctrl+Shift 加字母或数字发成只按 Ctrl：请写 "{fix}" 或换一个键',
        ),
        "keys.unsendable.ctrl_sign": (
            '"{key}": of the signs, a terminal sends Ctrl only with backslash, right_square_bracket, '
            "circumflex_accent and underscore: use ctrl+ with a letter, or a function key",
            '"{key}"：符号键中，终端只能发送 Ctrl 加 backslash、right_square_bracket、circumflex_accent '
            "和 underscore：请用 ctrl+ 加字母，或功能键",
        ),
        "keys.unsendable.terminal_keeps": (
            '"{key}": the terminal keeps it for itself (scrolling back, pasting), so it never '
            "reaches the app: choose another key",
            '"{key}"：终端自己使用这个键（回滚、粘贴），它到不了程序：请换一个键',
        ),
        "keys.unsendable.high_f": (
            '"{key}": keyboards stop at F12; a terminal sends F13 and above only for Shift with '
            "F1..F12, each terminal differently: use f1 to f12",
            '"{key}"：键盘只到 F12；终端只在 Shift 加 F1..F12 时发出 F13 以上，且各终端不同：请用 f1 到 f12',
        ),
        "keys.unsendable.shift_f": (
            '"{key}": a terminal sends Shift with a function key as another function key '
            "(xterm: Shift+F1 is F13): use f1 to f12, or ctrl+ with one",
            '"{key}"：终端把 Shift 加功能键发成另一个功能键（xterm 中 Shift+F1 即 F13）：'
            "请用 f1 到 f12，或 ctrl+ 加功能键",
        ),
        "keys.unsendable.other": (
            '"{key}": a terminal cannot send this combination: use ctrl+ with a letter, a function '
            "key, or a plain key",
            '"{key}"：终端无法发送这个组合键：请用 ctrl+ 加字母、功能键或单个按键',
        ),
        # Where two bindings meet, by screen class (a screen without words is named by its class).
        "keys.screen.QueueScreen": ("the queue", "工单队列"),
        "keys.screen.TicketScreen": ("the ticket", "工单详情"),
        "keys.screen.IntakeScreen": ("intake (a new ticket)", "新建工单"),
        "keys.screen.ConfirmDiscard": ("intake's discard question", "放弃新建的确认"),
        "keys.screen.CustomerScreen": ("the customer", "客户"),
        "keys.screen.DirectoryScreen": ("the directory", "部门通讯录"),
        "keys.screen.BoardScreen": ("the board", "协作看板"),
        "keys.screen.CallbacksScreen": ("the callbacks", "回访列表"),
        "keys.screen.CallScreen": ("the call", "回访通话"),
        "keys.screen.CallOutcomeModal": ("the call's outcomes", "通话结果"),
        "keys.screen.BusyForm": ("the busy form", "客户忙的改约表单"),
        "keys.screen.BusyTimeChoice": ("the busy time's choice", "改约时间的选择"),
        "keys.screen.ActionModal": ("the forms", "表单"),
        "keys.screen.TextEntryModal": ("the text forms", "文本表单"),
        "keys.screen.ChoiceModal": ("the list forms", "选择表单"),
        "keys.screen.AppMenu": ("the menu", "菜单"),
        "keys.screen.ExportReportModal": ("the export form", "导出表单"),
    }
)
