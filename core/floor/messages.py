"""The words of the floor package's refusals (who may use the floor, the audit, storage faults),
in English and Chinese."""

from core.basics.errors import register

register(
    {
        "floor.unknown_agent": (
            "'{login}' is not an agent on this floor; a supervisor adds you with: "
            "callfloor agent add {login} --name 'Your Name' --role agent",
            "“{login}”不是本楼层的客服；请主管用以下命令添加你："
            "callfloor agent add {login} --name '你的名字' --role agent",
        ),
        "floor.left_agent": (
            "'{login}' has left this floor (a supervisor made the login inactive); a supervisor "
            "brings you back with: callfloor agent set {login} --active yes",
            "“{login}”已不在本现场工作（主管已停用这个登录名）；请主管用以下命令恢复："
            "callfloor agent set {login} --active yes",
        ),
        "floor.no_login": (
            "cannot tell who you are (no login name for this user id); "
            "set CALLFLOOR_USER to your floor login",
            "无法确定你是谁（这个用户 ID 没有登录名）；请把 CALLFLOOR_USER 设为你在楼层的登录名",
        ),
        "floor.no_supervisor": (
            "the floor database {path} has no active supervisor, so no one may use it "
            "(a `callfloor db init` that was interrupted, or an edit by hand); the OS user who "
            "owns the file repairs it and becomes its supervisor: callfloor db init --db {path} "
            "--repair-supervisor; or restore the latest backup",
            "楼层数据库 {path} 没有在岗的主管，任何人都不能使用"
            "（`callfloor db init` 中途被打断，或被手工改过）；"
            "由文件所属的系统用户修复并成为主管：callfloor db init --db {path} --repair-supervisor；"
            "或恢复最近一次备份",
        ),
        "floor.no_supervisor.url": (
            "the floor database {url} has no active supervisor, so no one may use it "
            "(a `callfloor db init` that was interrupted, or an edit by hand); the database's owner "
            "repairs it and becomes its supervisor: callfloor db init --db-url {url} "
            "--repair-supervisor; or restore the latest backup",
            "楼层数据库 {url} 没有在岗的主管，任何人都不能使用"
            "（`callfloor db init` 中途被打断，或被手工改过）；"
            "由数据库的所有者修复并成为主管：callfloor db init --db-url {url} --repair-supervisor；"
            "或恢复最近一次备份",
        ),
        # The audit of refusals.
        "field.limit": ("limit", "条数"),
        "audit.limit": (
            "{limit!r} is not a number of rows; give 1 to {most}",
            "{limit!r} 不是行数；请给 1 到 {most}",
        ),
        "audit.supervisor_only": (
            "only a supervisor reads the audit of refusals; {login} is an agent",
            "只有主管能查看拒绝记录；{login} 是客服专员",
        ),
        # Storage faults (core.floor.storage): detail is the storage layer's own report, in English.
        "storage.busy": (
            "{detail}",
            "楼层数据库被另一个进程锁住太久（备份，或卡住的会话？），本次未做任何更改；请稍后再试。详情：{detail}",
        ),
        "storage.read_only": (
            "{detail}",
            "楼层数据库在这里只能读、不能写（只读挂载或权限），本次未做任何更改。详情：{detail}",
        ),
        "storage.disk_full": (
            "{detail}",
            "存放楼层数据库的磁盘已满，本次未做任何更改；请腾出空间（或告诉主管）后再保存。详情：{detail}",
        ),
        "storage.missing": (
            "{detail}",
            "找不到楼层数据库（文件或文件夹不存在，或已被移动、删除）。详情：{detail}",
        ),
        "storage.unreachable": (
            "{detail}",
            "连不上楼层的数据库服务器，本次未做任何更改；请确认服务器在运行、本机能连到它，然后再试。详情：{detail}",
        ),
        "storage.not_a_floor": (
            "{detail}",
            "这个文件不是 callfloor 的楼层数据库，未做任何更改；"
            "请检查 --db 路径（或 CALLFLOOR_DB）。详情：{detail}",
        ),
        "storage.schema_too_new": (
            "{detail}",
            "这个数据库的版本比本机的 callfloor 新；请先在本机升级 callfloor 再打开。详情：{detail}",
        ),
        "storage.schema_unreadable": (
            "{detail}",
            "读不出这个数据库的版本号（被 callfloor 以外的程序改过），未做任何更改。详情：{detail}",
        ),
        "storage.network_filesystem": (
            "{detail}",
            "数据库在网络文件系统上，SQLite 的锁在那里不安全，拒绝打开；请把数据库放在楼层主机的本地磁盘上。"
            "详情：{detail}",
        ),
        "storage.bad_setting": ("{detail}", "存储设置的值无法使用。详情：{detail}"),
        "storage.integrity": (
            "the database refused the change ({detail}); nothing was changed",
            "数据库拒绝了这次更改（{detail}），未做任何更改",
        ),
        "storage.failed": ("{detail}", "楼层数据库出错。详情：{detail}"),
    }
)
