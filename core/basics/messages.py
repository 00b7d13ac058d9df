"""The words of the input checks every form, command and import shares (core.basics.validate),
in English and Chinese, by code."""

from core.basics.errors import register

register(
    {
        "input.empty": ("is empty", "为空"),
        "input.empty_hint": ("is empty; {hint}", "为空；{hint}"),
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
