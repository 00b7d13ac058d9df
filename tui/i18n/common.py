"""Words every screen uses: tiers, statuses, channels' fallbacks, common keys."""

from tui.i18n.catalogue import register

register(
    {
        "app.title": ("callfloor", "客服工作台"),
        "tier.red": ("red", "一级"),
        "tier.yellow": ("yellow", "二级"),
        "tier.green": ("green", "三级"),
        "tier.red.mark": ("R", "红"),
        "tier.yellow.mark": ("Y", "黄"),
        "tier.green.mark": ("G", "绿"),
        "status.new": ("new", "待处理"),
        "status.in_progress": ("in progress", "处理中"),
        "status.waiting": ("waiting on customer", "待客户回复"),
        "status.resolved": ("resolved", "已完成"),
        "status.closed": ("closed", "已闭环"),
        "key.quit": ("Quit", "退出"),
        "quit.typed": (
            "What you typed in this form is not saved: Enter saves it; Ctrl+Q again within 5 s quits "
            "and loses it",
            "此表单中输入的内容尚未保存：回车保存；5 秒内再按 Ctrl+Q 将退出并丢失",
        ),
        "quit.saving": (
            "A save is still waiting for the database (another program holds it): wait and it "
            "lands; Ctrl+Q again within 5 s quits and loses it",
            "仍有保存在等待数据库（被其他程序占用）：稍等即可完成；5 秒内再按 Ctrl+Q 将退出并丢失该保存",
        ),
        "key.help": ("Keys", "按键"),
        "key.back": ("Back", "返回"),
        "key.palette": ("Commands", "命令"),
        "key.queue": ("Queue", "队列"),
        "key.board": ("Board", "协作看板"),
        "key.floor": ("Floor", "现场实况"),
        "key.directory": ("Directory", "联络表"),
        "error.title": ("Not done", "未完成"),
        "error.storage": (
            "The floor database did not take the change: {detail}",
            "数据库未能保存这次修改：{detail}",
        ),
        "unowned": ("-", "-"),
        "saving": (
            "Saving… (the floor database is busy: the text is saved as it stands and takes no edits; "
            "Esc closes and the save goes on)",
            "正在保存…（数据库繁忙：按当前内容保存，不能再编辑；Esc 关闭表单，保存继续进行）",
        ),
        "claiming": (
            "Claiming {ref}… (the floor database is busy: keys still work; you are told when it is done)",
            "正在认领 {ref}…（数据库繁忙：按键照常可用，完成后会提示）",
        ),
        "saved.late": ("Saved after you left the form: {message}", "离开表单后已保存：{message}"),
        "refused.late": (
            "Not saved after you left the form; what you typed is kept: {problem}",
            "离开表单后未能保存，输入内容已保留：{problem}",
        ),
        "palette": ("palette", "命令"),
        # Textual's own key descriptions, shown in the key panel and the palette.
        "Scroll Up": ("Scroll Up", "向上滚动"),
        "Scroll Down": ("Scroll Down", "向下滚动"),
        "Scroll Left": ("Scroll Left", "向左滚动"),
        "Scroll Right": ("Scroll Right", "向右滚动"),
        "Page Up": ("Page Up", "向上翻页"),
        "Page Down": ("Page Down", "向下翻页"),
        "Page Left": ("Page Left", "向左翻页"),
        "Page Right": ("Page Right", "向右翻页"),
        "Scroll Home": ("Scroll Home", "滚到开头"),
        "Scroll End": ("Scroll End", "滚到末尾"),
        "Focus Next": ("Focus Next", "下一项"),
        "Focus Previous": ("Focus Previous", "上一项"),
        "Copy selected text": ("Copy selected text", "复制所选文字"),
    }
)
