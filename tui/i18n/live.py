"""Words of the app as a whole: a policy another session loaded, the last-resort error
message, and what a refusal says was kept."""

from tui.i18n.catalogue import register

register(
    {
        "policy.updated": (
            "The floor's policy was updated by {by} at {at}: it applies from now (tickets "
            "already taken in keep the targets they were given)",
            "{by} 于 {at} 更新了本组的规则：即时生效（已受理的工单保留受理时的时限）",
        ),
        "policy.updated.title": ("Policy updated", "规则已更新"),
        "policy.unreadable": (
            "The floor's new policy could not be read ({problem}); this screen keeps the "
            "previous one: tell the floor's supervisor",
            "本组的新规则无法读取（{problem}）；本界面继续使用原规则：请告知主管",
        ),
        "error.unexpected": (
            "Something went wrong ({error}); the app keeps running. The details are in {log}: "
            "send that file to whoever looks after callfloor",
            "出现了意外错误（{error}）；程序继续运行。详情已写入 {log}：请把该文件交给维护 callfloor 的人",
        ),
        "error.unexpected.nolog": ("(no log file could be written)", "（无法写入日志文件）"),
        "error.unexpected.title": ("Unexpected error", "意外错误"),
        "error.typed_kept": ("{problem}; what you typed is kept", "{problem}；你输入的内容已保留"),
        "error.list_not_loaded": ("The list could not be loaded: {problem}", "列表未能加载：{problem}"),
        "callbacks.not_booked": (
            "The callbacks now due could not be booked (the list shows those booked before; "
            "booking is tried again in 10 s): {problem}",
            "未能登记新到期的回访（列表只显示此前已登记的；10 秒后自动重试）：{problem}",
        ),
    }
)
