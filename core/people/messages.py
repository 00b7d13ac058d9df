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
        "agent.set.nothing": (
            "nothing to change for {login}: give --active yes|no, --role, --name or --team",
            "{login} 没有要修改的内容：请给出 --active yes|no、--role、--name 或 --team",
        ),
        "agent.set.supervisor_only": (
            "only a supervisor changes agents; {login} is an agent",
            "只有主管能修改客服信息；{login} 是客服专员",
        ),
        "agent.not_found": (
            "{login!r} is not on this floor; see who is with: callfloor agent list",
            "{login!r} 不在本楼层；查看人员：callfloor agent list",
        ),
        "agent.set.last_supervisor": (
            "{login} is the floor's last active supervisor; make another person supervisor first "
            "(callfloor agent set LOGIN --role supervisor)",
            "{login} 是本楼层最后一位在岗主管；"
            "请先让另一人成为主管（callfloor agent set 登录名 --role supervisor）",
        ),
        "agent.exists": (
            "{login} is already on this floor (see: callfloor agent list)",
            "{login} 已在本楼层（查看：callfloor agent list）",
        ),
    }
)
