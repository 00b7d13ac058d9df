"""The words of the input checks every form, command and import shares (core.basics.validate),
in English and Chinese, by code."""

from core.basics.errors import register

register(
    {
        "input.empty": ("is empty", "为空"),
        "input.empty_hint": ("is empty; {hint}", "为空；{hint}"),
        "input.nul": (
            "holds a NUL character (\\x00), which no text on the floor may hold (it comes from a "
            "binary file or a damaged paste); remove it and try again",
            "含有 NUL 字符（\\x00），楼层的任何文字都不能含有它（它来自二进制文件或损坏的粘贴）；"
            "请删掉后再试",
        ),
        "input.too_long": (
            "is {length:,} characters long; the most is {most:,}",
            "长 {length:,} 个字符，最多 {most:,} 个字符",
        ),
        "input.unknown": (
            "unknown {field} {value!r}; use one of: {allowed}",
            "没有这个{field}：{value!r}；可选：{allowed}",
        ),
        "input.unknown_blank": (
            "unknown {field} '(blank)'; use one of: {allowed}",
            "请选择{field}；可选：{allowed}",
        ),
        "input.date_outside": (
            "{day} is outside the dates the floor keeps ({earliest} to {latest}); "
            "write the real date (check the year)",
            "{day} 超出系统可记录的日期范围（{earliest} 至 {latest}）；请填写真实日期（核对年份）",
        ),
    }
)
