"""The words of the people package's refusals, in English and Chinese, by code."""

from core.basics.errors import register

register(
    {
        "field.login": ("login", "登录名"),
        "field.name": ("name", "姓名"),
        "field.role": ("role", "角色"),
        "field.team": ("team", "班组"),
        "agent.login_invalid": (
            "{login!r} is not a login name; use letters, digits, _ . - (at most 64)",
            "{login!r} 不是有效的登录名；只能用字母、数字和 _ . -（最多 64 个）",
        ),
        "agent.name.hint": (
            "give the person's display name, e.g. --name '王芳'",
            "请填写此人的显示名，例如 --name '王芳'",
        ),
        "agent.add.supervisor_only": (
            "only a supervisor adds agents; {login} is an agent",
            "只有主管能添加客服；{login} 是客服专员",
        ),
        "agent.exists": (
            "{login} is already on this floor (see: callfloor agent list)",
            "{login} 已在本楼层（查看：callfloor agent list）",
        ),
    }
)
