"""The words of the importing package's refusals (a file that cannot be read, a bad row), in
English and Chinese, by code. A row's problem is said after "<file>:<line>: "; {column} is the
column as the file names it, {value} the cell as written."""

from core.basics.errors import register

_QUOTE_HINT = 'a " inside a value is written "" and the whole value put in double quotes'
_QUOTE_HINT_ZH = '值里的 " 要写成 ""，并把整个值放在双引号里'
_SAVE_AS_UTF8 = "save the file as 'CSV UTF-8 (Comma delimited)'"
_SAVE_AS_UTF8_ZH = "把文件另存为 'CSV UTF-8 (Comma delimited)'"
_NAME_ENCODING = (
    "Say what it is, e.g. --encoding cp1252 for a file saved by Excel on a Western European Windows "
    f"(or gb18030, big5, shift_jis), or {_SAVE_AS_UTF8} and import that"
)
_NAME_ENCODING_ZH = (
    "请说明它的编码，例如西欧版 Windows 的 Excel 保存的文件用 --encoding cp1252"
    f"（或 gb18030、big5、shift_jis），或者{_SAVE_AS_UTF8_ZH}后再导入"
)

register(
    {
        "field.file": ("file", "文件"),
        "field.encoding": ("encoding", "编码"),
        "field.owner": ("owner", "负责人"),
        # What an import brings in, as the refusal names it.
        "import.what.customers": ("customers", "客户"),
        "import.what.tickets": ("tickets", "工单"),
        "import.what.callbacks": ("callbacks", "回访记录"),
        "import.supervisors_only": (
            "importing {what} is a supervisor's job; {login} is an agent. Ask a supervisor to run the import",
            "导入{what}由主管来做；{login} 是客服专员。请主管来导入",
        ),
        "import.customer_vanished": (
            "a customer the file names disappeared while importing; nothing was imported, try again",
            "导入过程中文件里的某个客户被删除了；未导入任何记录，请重试",
        ),
        # The file: reading it, its encoding, its header.
        "import.file.missing": ("{path}: no such file", "{path}：没有这个文件"),
        "import.file.folder": ("{path} is a folder; give a .csv file", "{path} 是文件夹；请给出 .csv 文件"),
        "import.file.unreadable": ("{path} cannot be read: {reason}", "{path} 无法读取：{reason}"),
        "import.file.empty": (
            "the file is empty; the first row must name the columns: {accepted}",
            "文件是空的；第一行必须写出列名：{accepted}",
        ),
        "import.file.nul": (
            "has a NUL byte (\\x00); this is not a CSV text file as saved by Excel, or it is damaged: "
            "save it again as 'CSV UTF-8 (Comma delimited)'",
            "含有 NUL 字节（\\x00）；这不是 Excel 保存的 CSV 文本文件，或者文件已损坏："
            "请重新另存为 'CSV UTF-8 (Comma delimited)'",
        ),
        "import.file.utf16": (
            "the file is UTF-16 (Excel 'Unicode Text'); save it as 'CSV UTF-8 (Comma delimited)' and "
            "import that, or import it with --encoding utf-16",
            "文件是 UTF-16 编码（Excel 的“Unicode 文本”）；请另存为 'CSV UTF-8 (Comma delimited)' "
            "后导入，或用 --encoding utf-16 导入",
        ),
        "import.file.not_utf8": (
            f"the file is not UTF-8 (byte 0x{{byte:02X}} on this line). {_NAME_ENCODING}",
            f"文件不是 UTF-8 编码（本行的字节 0x{{byte:02X}}）。{_NAME_ENCODING_ZH}",
        ),
        "import.file.not_utf8_nor_gb18030": (
            "the file is not UTF-8 (byte 0x{byte:02X} on this line); read as GB18030 it would say "
            f"{{seen!r}}, not Chinese text. {_NAME_ENCODING}",
            "文件不是 UTF-8 编码（本行的字节 0x{byte:02X}）；按 GB18030 读出来是 "
            f"{{seen!r}}，不是中文。{_NAME_ENCODING_ZH}",
        ),
        "import.file.not_in_encoding": (
            "byte 0x{byte:02X} on this line is not {encoding} text; check --encoding, or " + _SAVE_AS_UTF8,
            f"本行的字节 0x{{byte:02X}} 不是 {{encoding}} 文本；请检查 --encoding，或{_SAVE_AS_UTF8_ZH}",
        ),
        "import.file.misread": (
            "read as {encoding} (--encoding) this line says {named!r}, which is not text; read as "
            "{right_encoding} it says {right!r}. The file is {right_encoding}: import it without "
            "--encoding (or name the encoding it was saved in)",
            "按 {encoding}（--encoding）读，本行是 {named!r}，不是正常文字；按 {right_encoding} 读是 "
            "{right!r}。文件是 {right_encoding} 编码：请不带 --encoding 导入（或写明保存时用的编码）",
        ),
        "import.encoding.unknown": (
            "{value!r} is not a text encoding Python knows; give one like utf-8, gb18030, "
            "cp1252 (Windows, Western Europe), big5 or shift_jis",
            "{value!r} 不是 Python 认识的文本编码；请给出 utf-8、gb18030、cp1252（西欧版 Windows）、"
            "big5 或 shift_jis 这样的编码",
        ),
        "import.columns.accepted": (
            "required: {required}; optional: {optional}",
            "必填：{required}；选填：{optional}",
        ),
        "import.header.not_csv": (
            "the header row cannot be read as CSV: {problem}",
            "表头行无法按 CSV 读取：{problem}",
        ),
        "import.header.unnamed_column": (
            "column {number} has no name; name it or delete the column",
            "第 {number} 列没有列名；请写上列名或删除此列",
        ),
        "import.header.unknown_column": (
            "unknown column {value!r} (give --ignore {value!r} to leave it out); accepted columns are "
            "{accepted}",
            "未知的列 {value!r}（用 --ignore {value!r} 可跳过这一列）；可用的列：{accepted}",
        ),
        "import.header.unknown_column_near": (
            "unknown column {value!r}; did you mean {near!r} ({name})? Rename the column, or give "
            "--ignore {value!r} to leave it out",
            "未知的列 {value!r}；是不是 {near!r}（{name}）？请改正列名，或用 --ignore {value!r} 跳过这一列",
        ),
        "import.header.other_import": (
            "this file looks like {what}: import it with that command",
            "这个文件看起来是{what}：请用那个命令导入",
        ),
        "import.note.no_rows": (
            "the table has no rows under its header: nothing to import",
            "表头下面没有任何数据行：没有可导入的内容",
        ),
        "import.header.same_column": (
            "columns {first!r} and {second!r} both mean {name}; keep one",
            "列 {first!r} 和 {second!r} 都表示 {name}；请只保留一列",
        ),
        "import.header.missing_column": ("missing required column: {columns}", "缺少必填列：{columns}"),
        "import.header.missing_columns": ("missing required columns: {columns}", "缺少必填列：{columns}"),
        # A row that cannot be split into cells.
        "import.row.too_many_cells": (
            "has {cells} cells but the header names {width} columns "
            "(a comma inside a value needs the value in double quotes)",
            "有 {cells} 个单元格，但表头只有 {width} 列（值里有逗号时，要把这个值放在双引号里）",
        ),
        "import.row.too_few_cells": (
            "has {cells} cells but the header names {width} columns "
            "(every row has a cell for every column, blank or not)",
            "有 {cells} 个单元格，但表头有 {width} 列（每行每列都要有单元格，空着也算）",
        ),
        "import.row.not_csv": (
            "cannot be read as CSV: {problem}; nothing after it was read",
            "无法按 CSV 读取：{problem}；之后的内容都未读取",
        ),
        "import.row.swallowed": (
            "a quoted value starting on this line runs on for {more} more line(s), and line {line} "
            'inside it reads as a row of its own: a " opened on this line is probably never closed '
            f'(a later " closed it); close the quote ({_QUOTE_HINT})',
            "从本行开始的带引号的值又延续了 {more} 行，其中第 {line} 行本身就像一行记录："
            f'本行开始的 " 可能没有闭合（被后面的 " 闭合了）；请补上引号（{_QUOTE_HINT_ZH}）',
        ),
        "import.csv.never_closed": (
            'a value opened with " on this line is never closed, so every line after it (to line {last}, '
            f"the end of the file) would be read into it; close the quote ({_QUOTE_HINT})",
            '本行以 " 开始的值没有闭合，之后的每一行（直到文件末尾第 {last} 行）都会被读进这个值；'
            f"请补上引号（{_QUOTE_HINT_ZH}）",
        ),
        "import.csv.text_after_quote": (
            'on this line a closing " is followed by more text: a quote left open earlier, or a " '
            f"inside a value; {_QUOTE_HINT}",
            f'本行闭合的 " 后面还有文字：可能是前面有引号没闭合，或值里有 "；{_QUOTE_HINT_ZH}',
        ),
        "import.csv.text_after_quote_at": (
            'on line {line} a closing " is followed by more text: a quote left open earlier, or a " '
            f"inside a value; {_QUOTE_HINT}",
            '第 {line} 行闭合的 " 后面还有文字：可能是前面有引号没闭合，或值里有 "；' + _QUOTE_HINT_ZH,
        ),
        "import.csv.error": ("{error}", "CSV 格式错误：{error}"),
        # Times in a row ("<column> '<value>' " comes first).
        "import.row.bad_time": ("{column} {value!r} {problem}", "{column} 的值 {value!r} {problem}"),
        "import.time.no_time_of_day": (
            "has no time of day; write it to the minute, e.g. 2026-11-20 14:30",
            "没有具体时间；请写到分钟，例如 2026-11-20 14:30",
        ),
        "import.time.not_real": ("is not a real date/time", "不是真实存在的日期时间"),
        "import.time.not_real_day": ("is not a real date", "不是真实存在的日期"),
        "import.time.skipped": (
            "does not exist in {zone} (the clocks skipped it)",
            "在 {zone} 时区不存在（夏令时调钟跳过了这个时间）",
        ),
        "import.time.ambiguous": (
            "is ambiguous ({first} {second_month} or {first_month} {second}?) and the file's other dates "
            "do not settle the order; write it year first: {year}-{second:02d}-{first:02d} or "
            "{year}-{first:02d}-{second:02d}",
            "有歧义（{first} {second_month} 还是 {first_month} {second}？），文件中其他日期也无法确定"
            "日月顺序；请把年份写在前面：{year}-{second:02d}-{first:02d} 或 {year}-{first:02d}-{second:02d}",
        ),
        "import.time.bad_offset": ("has an impossible offset {value!r}", "时区偏移 {value!r} 不可能存在"),
        "import.time.unreadable": (
            "is not a date/time I can read; write it year first, e.g. 2026-11-20 14:30",
            "无法识别为日期时间；请把年份写在前面，例如 2026-11-20 14:30",
        ),
        "import.time.future": (
            "{column} {value!r} is in the future (now is {now} floor time)",
            "{column} {value!r} 在未来（现在是本楼层时间 {now}）",
        ),
        "import.time.before": (
            "{column} {value!r} is before {other_column} {other_value!r}",
            "{column} {value!r} 早于 {other_column} {other_value!r}",
        ),
        "import.time.after": (
            "{column} {value!r} is after {other_column} {other_value!r}",
            "{column} {value!r} 晚于 {other_column} {other_value!r}",
        ),
        # A customer row.
        "import.row.code_twice": (
            "code {code!r} is already on line {line} of this file; keep one row per customer",
            "客户编号 {code!r} 已在本文件第 {line} 行出现；每个客户只保留一行",
        ),
        # A ticket row.
        "import.ref.invalid": (
            "ref: {value!r} is not a ticket ref; write at most 32 characters without spaces",
            "ref：{value!r} 不是工单编号；请写不超过 32 个字符且不含空格",
        ),
        "import.row.same_ticket": (
            "the same ticket (feedback time, customer and description alike) is already on line {line} "
            "of this file; keep one row per ticket",
            "同一张工单（反馈时间、客户和问题描述都相同）已在本文件第 {line} 行出现；每张工单只保留一行",
        ),
        "import.ref.twice": (
            "ref {ref} is already on line {line} of this file; keep one row per ticket",
            "工单编号 {ref} 已在本文件第 {line} 行出现；每张工单只保留一行",
        ),
        "import.row.ref_taken": (
            "ref {ref} is already on file for another ticket (received {received}, customer {customer}); "
            "give this row a ref of its own",
            "工单编号 {ref} 已被另一张工单使用（接收于 {received}，客户 {customer}）；请给这一行另起一个编号",
        ),
        "import.received_at.empty": (
            "{column}: is empty; write when the feedback arrived, e.g. 2026-11-20 14:30",
            "{column}：为空；请写明反馈时间，例如 2026-11-20 14:30",
        ),
        "import.closed_at.not_resolved": (
            "{column} {value!r} is given but resolved_at is blank; a ticket is resolved before it is closed",
            "{column} {value!r} 已填写但 resolved_at 为空；工单要先完成才能闭环",
        ),
        "import.customer.new_without_name": (
            "customer_code {value!r} is not on file; give the customer's name (a 客户名称 column) "
            "to add the customer with this record, or import the customer list first",
            "客户编号 {value!r} 不在档案中；请填写客户名称（客户名称 列）以随这条记录一起添加客户，"
            "或先导入客户档案",
        ),
        "import.name.ambiguous": (
            "{value!r} is the name of {count} agents ({logins}); write the login instead",
            "{value!r} 是 {count} 位客服的名字（{logins}）；请改写登录名",
        ),
        "import.owner.unknown": (
            "{value!r} is not an agent on this floor; add them first with: callfloor agent add LOGIN "
            "--name {value!r} --role agent "
            "(the file can stay as it is: a name only one agent has is found), or leave owner blank",
            "{value!r} 不是本楼层的客服；请先用以下命令添加：callfloor agent add LOGIN "
            "--name {value!r} --role agent（文件无需修改：只有一位客服用的名字就能找到），或者负责人留空",
        ),
        "import.owner.inactive": (
            "owner: {login} is no longer active and cannot own open work; "
            "leave owner blank or reactivate the agent",
            "负责人：{login} 已停用，不能负责未完成的工单；请把负责人留空，或重新启用该客服",
        ),
        "import.contacts.not_count": (
            "{value!r} is not a whole number of 0 or more",
            "{value!r} 不是 0 或更大的整数",
        ),
        "import.contacts.too_many": (
            "{value!r} is more contacts than any ticket has; at most {most:,}",
            "{value!r} 超过了任何工单的来电次数；最多 {most:,}",
        ),
        # A callback row.
        "import.callback.repeated": (
            "repeats line {line} of this file cell for cell; delete one of the two (two calls really "
            "alike: give each its time)",
            "与本文件第 {line} 行完全相同；请删除其中一行（确实是两次相同的回访：请各写回访时间）",
        ),
        "import.callback.twice": (
            "the same callback (customer {customer}, ticket {ticket}, {column} {value!r}) is already on "
            "line {line} of this file; keep one row per callback (two calls on one day: write the day "
            "alone in both, or each call's time)",
            "同一条回访（客户 {customer}，工单 {ticket}，{column} {value!r}）已在本文件第 {line} 行出现；"
            "每条回访只保留一行（同一天两次回访：两行都只写日期，或各写回访时间）",
        ),
        "import.customer_code.empty": (
            "{column}: is empty; every row needs the customer's code (客户编号)",
            "{column}：为空；每一行都要有客户编号",
        ),
        "import.ticket.not_on_file": (
            "{column}: no ticket {value!r} on file; import the tickets first (callfloor import tickets "
            "FILE.csv), or leave it blank for a callback without a ticket",
            "{column}：没有工单 {value!r}；请先导入工单（callfloor import tickets FILE.csv），"
            "或留空表示这条回访不关联工单",
        ),
        "import.ticket.other_customer": (
            "{column}: ticket {ref} is customer {owner}'s, not {code}'s; fix customer_code or ticket_ref",
            "{column}：工单 {ref} 属于客户 {owner}，不是 {code}；请改正 customer_code 或 ticket_ref",
        ),
        "import.done_at.empty": (
            "{column}: is empty; write when the callback was made, e.g. 2026-11-20 14:30",
            "{column}：为空；请写明回访时间，例如 2026-11-20 14:30",
        ),
        "import.done_at.before_ticket": (
            "{column} {value!r} is before ticket {ref} was received ({received}); "
            "check the date or the ticket",
            "{column} {value!r} 早于工单 {ref} 的接收时间（{received}）；请检查日期或工单",
        ),
        "import.agent.unknown": (
            "{value!r} is not an agent on this floor; add them first with: callfloor agent add LOGIN "
            "--name {value!r} --role agent "
            "(the file can stay as it is: a name only one agent has is found), or leave it blank",
            "{value!r} 不是本楼层的客服；请先用以下命令添加：callfloor agent add LOGIN "
            "--name {value!r} --role agent（文件无需修改：只有一位客服用的名字就能找到），或者留空",
        ),
        "import.score.empty": (
            "is empty; write the customer's overall satisfaction, a whole number "
            "from 1 (very dissatisfied) to 5 (very satisfied)",
            "为空；请填写客户的总体满意度，1（非常不满意）到 5（非常满意）之间的整数",
        ),
        "import.score.invalid": (
            "{value!r} is not a score; write a whole number from 1 to 5 (4, 4分 and 4.0 all work)",
            "{value!r} 不是评分；请写 1 到 5 之间的整数（4、4分、4.0 都可以）",
        ),
        # Columns an import reads past, as its summary lists them.
        "import.ignored.not_imported": ("not imported", "不导入"),
        "import.ignored.asked": ("left out as asked (--ignore)", "按要求跳过（--ignore）"),
        "import.ignored.other_record": (
            "belongs to {what}, not imported here",
            "属于{what}，此处不导入",
        ),
        "import.record.customers": ("the customer list (import customers)", "客户档案（import customers）"),
        "import.record.tickets": ("ticket records (import tickets)", "工单记录（import tickets）"),
        "import.record.callbacks": (
            "callback records (import callbacks)",
            "回访记录（import callbacks）",
        ),
        "import.record.contacts": (
            "communication records (import contacts)",
            "沟通记录（import contacts）",
        ),
        # What a summary says about reading the file.
        "import.note.sheet": (
            "read sheet {sheet}: the first sheet, {first}, has no table",
            "读取了工作表 {sheet}：第一个工作表 {first} 里没有表格",
        ),
        "import.note.totals": (
            "skipped {unit} {line}: a totals row ({word})",
            "跳过第 {line} {unit}：合计行（{word}）",
        ),
        "import.unit.row": ("row", "行"),
        "import.unit.line": ("line", "行"),
        "import.note.customer": (
            "every row's customer, as --customer says: {code}",
            "每一行的客户按 --customer 指定：{code}",
        ),
        # Workbooks.
        "field.sheet": ("sheet", "工作表"),
        "import.xlsx.old_or_protected": (
            "this is an old .xls workbook or a password-protected one, which cannot be read; in Excel "
            "use File > Save As > 'Excel Workbook (.xlsx)' without a password (or 'CSV UTF-8') "
            "and import that",
            "这是旧版 .xls 工作簿或带密码的工作簿，无法读取；请在 Excel 中“文件 > 另存为 > Excel 工作簿"
            "（.xlsx）”且不设密码（或另存为 CSV UTF-8）后再导入",
        ),
        "import.xlsx.unreadable": (
            "this is not a workbook that can be read ({problem}); save it again as .xlsx or CSV UTF-8",
            "无法读取这个工作簿（{problem}）；请重新另存为 .xlsx 或 CSV UTF-8",
        ),
        "import.xlsx.no_sheet": (
            "the workbook has no sheet {sheet!r}; its sheets are: {sheets} (a name, or a number from 1)",
            "工作簿中没有工作表 {sheet!r}；它的工作表有：{sheets}（写名称，或从 1 开始的序号）",
        ),
        "import.xlsx.which_sheet": (
            "no sheet of this workbook has a table this import reads; its sheets are: {sheets}. "
            "Name the one with the table with --sheet",
            "这个工作簿里没有本导入能读取的表格；它的工作表有：{sheets}。请用 --sheet 指定有表格的那一个",
        ),
        "import.sheet.not_workbook": (
            "{path} is a CSV file, which has no sheets; --sheet is for .xlsx workbooks",
            "{path} 是 CSV 文件，没有工作表；--sheet 只用于 .xlsx 工作簿",
        ),
        "import.row.beyond_header": (
            "cell {cell} holds {value!r} but its column has no name in the header row; "
            "name the column or clear the cell",
            "单元格 {cell} 有内容 {value!r}，但表头行里这一列没有列名；请写上列名或清空该单元格",
        ),
        # Values people write.
        "import.value.unknown": (
            "{value!r} is not a word this column takes; write one of: {accepted}",
            "{value!r} 不是这一列可用的写法；请写以下之一：{accepted}",
        ),
        "import.status.contradicts": (
            "{column} {value!r} says the ticket is not finished, but {other_column} {other_value!r} "
            "says when it was; correct one of the two",
            "{column} {value!r} 表示工单尚未完成，但 {other_column} {other_value!r} 写了完成时间；"
            "请改正其中之一",
        ),
        "import.customer.name_ambiguous": (
            "{column} {value!r} is the name of several customers on file ({codes}); "
            "add a 客户编号 (customer_code) column to say which",
            "{column} {value!r} 是档案中多个客户的名称（{codes}）；"
            "请加一列客户编号（customer_code）说明是哪一位",
        ),
        "import.contact.no_ticket": (
            "names no ticket and no customer; give a 工单编号 (ref) or a 客户编号 (customer_code) column, "
            "or --customer CODE when the whole file is about one customer",
            "既没有工单编号也没有客户；请加一列工单编号（ref）或客户编号（customer_code），"
            "整个文件都是同一位客户时也可以用 --customer CODE",
        ),
        "import.contact.new_without_description": (
            "{column} {value!r} is not on file; give the problem (客户问题描述) to open the ticket with it",
            "{column} {value!r} 不在档案中；请填写客户问题描述，以便用它建立工单",
        ),
        "import.contact.nothing_said": (
            "says nothing: give the customer's problem, what was done, the result or the customer's words",
            "没有任何内容：请填写客户问题描述、处理过程、处理结果或客户即时反馈之一",
        ),
        "import.contact.ticket_other_customer": (
            "{column} {ref!r} is {owner}'s ticket, not {code}'s; correct the ticket or the customer",
            "{column} {ref!r} 是 {owner} 的工单，不是 {code} 的；请改正工单号或客户",
        ),
        "field.customer": ("customer", "客户"),
        "import.customer_option.empty": (
            "is empty; give the code of the customer the whole file is about, e.g. --customer C001",
            "为空；请给出整个文件所属客户的编号，例如 --customer C001",
        ),
        "import.customer_option.unknown": (
            "{code!r} is not a customer on file; give the code of one (callfloor customer add adds one)",
            "{code!r} 不是档案中的客户；请给出已有客户的编号（用 callfloor customer add 添加客户）",
        ),
        "import.ref_taken_meanwhile": (
            "a ticket reference this file opens was taken while importing; nothing was imported, try again",
            "导入过程中，本文件要新建的某个工单号已被占用；未导入任何记录，请重试",
        ),
        "import.what.contacts": ("communication records", "沟通记录"),
        "import.duration.invalid": (
            "{value!r} is not a length of time; write it as 5分钟, 1小时20分, 3 min, 90秒 or 00:05:30 "
            "(at most a day)",
            "{value!r} 不是时长；请写成 5分钟、1小时20分、3 min、90秒 或 00:05:30（最多一天）",
        ),
        "import.time.before_ticket": (
            "{column} {value!r} is before ticket {ref} was received ({received})",
            "{column} {value!r} 早于工单 {ref} 的反馈时间（{received}）",
        ),
        "import.label.too_long": (
            "is {length} characters long; the most is {most}",
            "长 {length} 个字符；最多 {most} 个",
        ),
    }
)
