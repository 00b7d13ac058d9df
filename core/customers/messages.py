"""The words of the customers package's refusals, in English and Chinese, by code."""

from core.basics.errors import register

register(
    {
        "field.customer": ("customer", "客户"),
        "field.customer code": ("customer code", "客户编号"),
        "field.customer name": ("customer name", "客户名称"),
        "field.short name": ("short name", "简称"),
        "field.contact person": ("contact person", "联系人"),
        "field.phone": ("phone", "电话"),
        "field.customer type": ("customer type", "客户类型"),
        "field.industry": ("industry", "行业"),
        "field.delivery date": ("delivery date", "交付日期"),
        "field.preferred call time": ("preferred call time", "方便接听时间"),
        "customer.code_invalid": (
            "{code!r} is not a customer code; use letters, digits and - _ . / (at most 64)",
            "{code!r} 不是有效的客户编号；只能用字母、数字和 - _ . /（最多 64 个）",
        ),
        "customer.phone_invalid": (
            "{phone!r} is not a phone number; digits, spaces, - ( ) and a leading + only",
            "{phone!r} 不是电话号码；只能用数字、空格、- ( )，开头可以有 +",
        ),
        "customer.call_time_invalid": (
            '{text!r} is not a time span; write it like "14:00-17:00" (24-hour clock, start before end)',
            '{text!r} 不是时间段；请写成 "14:00-17:00"（24 小时制，开始早于结束）',
        ),
        "customer.name.hint": ("give the company or person's name", "请填写公司或个人的名称"),
        "customer.nothing_to_change": (
            "nothing to change; give --call-time, --churn-risk or --delivery",
            "没有要修改的内容；请给出 --call-time、--churn-risk 或 --delivery",
        ),
        "customer.exists": ("customer {code} already exists", "客户 {code} 已存在"),
        "customer.not_found": (
            "no customer with code {code!r}; add it first "
            "(callfloor customer add, or callfloor import customers FILE.csv)",
            "没有编号为 {code!r} 的客户；请先添加"
            "（callfloor customer add，或 callfloor import customers FILE.csv）",
        ),
    }
)
