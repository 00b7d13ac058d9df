"""The words of the floor package's refusals (who may use the floor), in English and Chinese."""

from core.basics.errors import register

register(
    {
        "floor.unknown_agent": (
            "'{login}' is not an agent on this floor; a supervisor adds you with: "
            "callfloor agent add {login} --name 'Your Name' --role agent",
            "“{login}”不是本楼层的客服；请主管用以下命令添加你："
            "callfloor agent add {login} --name '你的名字' --role agent",
        ),
    }
)
