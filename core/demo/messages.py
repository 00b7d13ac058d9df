"""The words of the demo package's refusals (a demo that would replace a real floor, or that
an agent asked for), in English and Chinese, by code."""

from core.basics.errors import register

register(
    {
        "field.tickets": ("tickets", "工单数"),
        "demo.tickets.not_a_count": (
            "{value!r} is not a number of tickets; give 0 or more",
            "{value!r} 不是工单数；请给 0 或更大的数",
        ),
        "demo.supervisors_only": (
            "only a supervisor builds a demo floor; {login} is an agent",
            "只有主管可以建演示楼层；{login} 是客服专员",
        ),
        "demo.floor_not_empty": (
            "this floor already holds {tickets} tickets; demo needs a new database file "
            "(e.g. callfloor db init --db demo.db)",
            "本楼层已有 {tickets} 张工单；演示需要一个新的数据库文件（例如 callfloor db init --db demo.db）",
        ),
        "demo.not_a_demo_file": (
            "{path} is not a demo floor (a real floor, or not a callfloor file); demo never replaces it: "
            "give demo a new file name, e.g. --db demo.db",
            "{path} 不是演示楼层（是真实楼层，或不是 callfloor 文件）；演示绝不会替换它："
            "请给演示一个新的文件名，例如 --db demo.db",
        ),
    }
)
