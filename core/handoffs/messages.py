"""The words of the handoffs package's refusals (the directory, a handoff's stages), in English
and Chinese, by code."""

from core.basics.errors import register

register(
    {
        # The directory's fields and refusals.
        "field.department": ("department", "部门"),
        "field.contact": ("contact", "联系人"),
        "field.phone": ("phone", "电话"),
        "field.backup contact": ("backup contact", "备用联系人"),
        "field.backup phone": ("backup phone", "备用电话"),
        "field.hours": ("hours", "在线时间"),
        "department.name.hint": (
            "give the department's name, e.g. warehouse",
            "请填写部门名称，例如 warehouse",
        ),
        "department.not_found": (
            "no department {name!r} in the directory (known: {known}); {hint}",
            "联络表中没有部门 {name!r}（已有：{known}）；{hint}",
        ),
        "department.none_yet": ("none yet", "暂无"),
        "department.hint.add": (
            "a supervisor adds it with: callfloor dept add NAME",
            "请主管添加：callfloor dept add NAME",
        ),
        "department.hint.list": (
            "callfloor dept list shows every department",
            "查看全部部门：callfloor dept list",
        ),
        "department.supervisor_only": (
            "only a supervisor edits the directory; {login} is an agent",
            "只有主管能修改联络表；{login} 是客服专员",
        ),
        "department.exists": (
            "department {name} is already in the directory",
            "部门 {name} 已在联络表中",
        ),
        "department.hours_invalid": (
            "{hours!r} is not a span like 08:00-18:00 (start before end)",
            "{hours!r} 不是 08:00-18:00 这样的时间段（开始早于结束）",
        ),
        # Handoffs and their stages.
        "field.need": ("need", "协作需求"),
        "field.problem": ("problem", "问题"),
        "field.answer": ("answer", "部门反馈"),
        "handoff.stage.sent": ("sent", "已提交"),
        "handoff.stage.answered": ("answered", "已反馈"),
        "handoff.stage.synced": ("synced", "已同步客户"),
        "handoff.stage.withdrawn": ("withdrawn", "已撤回"),
        "handoff.need.hint": ("say what the department must do", "请说明需要该部门做什么"),
        "handoff.answer.hint": ("write what they answered", "请写下部门的反馈"),
        "handoff.ticket_not_open": (
            "{ref} is {status}; hand off only open tickets (reopen it first)",
            "{ref} 的状态是{status}；只有未结的工单才能发起协作（请先重新打开）",
        ),
        "handoff.not_a_number": (
            "{value!r} is not a handoff number; see: callfloor handoff list",
            "{value!r} 不是协作单编号；请查看：callfloor handoff list",
        ),
        "handoff.not_found": (
            "no handoff #{number}; see: callfloor handoff list",
            "没有协作单 #{number}；请查看：callfloor handoff list",
        ),
        "handoff.wrong_stage": (
            "handoff #{number} is {stage}; only a handoff that is {expected} can be marked {new_stage}",
            "协作单 #{number} 的状态是{stage}；只有{expected}的协作单才能标为{new_stage}",
        ),
        # Links to the wall board served to browsers (callfloor serve-board).
        "field.--label": ("--label", "--label"),
        "boardlink.label.hint": (
            'name the wall screen the link is for, e.g. --label "TV by the door"',
            '请写明链接给哪块墙屏用，例如 --label "门口电视"',
        ),
        "boardlink.label.control": (
            "a link's label is one line of plain text (no tabs, line breaks or control characters)",
            "链接名称只能是一行普通文字（不能有制表符、换行或控制字符）",
        ),
        "boardlink.supervisors_only": (
            "only a supervisor makes, lists or revokes board links; {login} is an agent",
            "只有主管能创建、查看或撤销看板链接；{login} 是客服专员",
        ),
        "boardlink.label_taken": (
            "a live link is labelled {label!r} already (link {id}): label this screen differently, "
            "or revoke link {id} first (callfloor serve-board --revoke {id})",
            "已有一个有效链接名为 {label!r}（链接 {id}）：请给这块屏幕换个名称，"
            "或先撤销链接 {id}（callfloor serve-board --revoke {id}）",
        ),
        "boardlink.not_found": (
            "there is no board link {id}; callfloor serve-board --links lists them",
            "没有编号为 {id} 的看板链接；用 callfloor serve-board --links 查看全部",
        ),
        "boardlink.already_revoked": (
            "board link {id} ({label}) was revoked already, by {login} at {when}",
            "看板链接 {id}（{label}）已于 {when} 由 {login} 撤销",
        ),
        # callfloor serve-board's options.
        "field.--port": ("--port", "--port"),
        "field.--host": ("--host", "--host"),
        "field.--most": ("--most", "--most"),
        "field.--revoke": ("--revoke", "--revoke"),
        "field.--public-url": ("--public-url", "--public-url"),
        "serve.port": (
            "{value!r} is not a port: give a whole number from {low} to {high}, e.g. --port 8080",
            "{value!r} 不是端口号：请填 {low} 到 {high} 之间的整数，例如 --port 8080",
        ),
        "serve.most": (
            "{value!r} is not a number of boards: give a whole number from {low} to {high}, e.g. --most 20",
            "{value!r} 不是看板数量：请填 {low} 到 {high} 之间的整数，例如 --most 20",
        ),
        "serve.link_id": (
            "{value!r} is not a link's number: --links lists them, e.g. --revoke 3",
            "{value!r} 不是链接编号：用 --links 查看，例如 --revoke 3",
        ),
        "serve.host.shape": (
            "{value!r} is not an address to listen on: give 127.0.0.1 (this host only), 0.0.0.0 (every "
            "network) or one of this host's addresses",
            "{value!r} 不是可监听的地址：请填 127.0.0.1（仅本机）、0.0.0.0（所有网络）或本机的某个地址",
        ),
        "serve.host_unknown": (
            "{host!r} is not an address of this host: give 127.0.0.1, 0.0.0.0 or one of its own addresses",
            "{host!r} 不是本机的地址：请填 127.0.0.1、0.0.0.0 或本机自己的地址",
        ),
        "serve.port_in_use": (
            "port {port} is in use on {host} (another server, or a board server already running): "
            "choose another with --port",
            "{host} 上的端口 {port} 已被占用（其他服务，或已在运行的看板服务器）：请用 --port 换一个",
        ),
        "serve.port_denied": (
            "port {port} is kept for root (ports below 1024): choose one above 1023, e.g. --port 8080, "
            "and put a proxy in front for port 80",
            "端口 {port} 仅限 root 使用（1024 以下）：请选 1023 以上的端口，例如 --port 8080，"
            "需要 80 端口时在前面加代理",
        ),
        "serve.cannot_listen": (
            "cannot listen on {host} port {port}: {detail}",
            "无法在 {host} 的端口 {port} 上监听：{detail}",
        ),
        "serve.public_url": (
            "{value!r} is not a URL a screen can open: give http:// or https://, the host's name or "
            "address and the port, with no login, ?query or #part, e.g. --public-url http://floor-host:8080",
            "{value!r} 不是屏幕能打开的网址：请以 http:// 或 https:// 开头，写明主机和端口，例如 --public-url http://floor-host:8080",
        ),
        "serve.public_url_board": (
            "{value!r} ends in /board: give the server's own address (the link adds /board/ and the "
            "token), e.g. --public-url http://floor-host:8080",
            "{value!r} 以 /board 结尾：请只写服务器的地址（链接会自动加上 /board/ 和令牌），"
            "例如 --public-url http://floor-host:8080",
        ),
        "serve.label_without_new": (
            "--label names a new link: give it with --new-token",
            "--label 用于命名新链接：请与 --new-token 一起使用",
        ),
    }
)
