"""Words of the intake screen (new ticket)."""

from tui.i18n.catalogue import register

register(
    {
        "intake.title": ("New ticket", "新建工单"),
        "intake.key.save": ("Save", "保存"),
        "intake.key.cancel": ("Cancel", "取消"),
        "intake.key.new_customer": ("New customer", "新建客户"),
        "intake.key.results": ("Results", "查找结果"),
        "intake.key.pick": ("Pick", "选定"),
        "intake.field.customer": ("Customer", "客户"),
        "intake.field.channel": ("Channel", "渠道"),
        "intake.field.platform": ("Platform", "平台"),
        "intake.field.description": ("Description", "问题描述"),
        "intake.field.tier": ("Tier", "优先级"),
        "intake.field.category": ("Category", "分类"),
        "intake.field.subtag": ("Sub-tag", "子标签"),
        "intake.field.mood": ("Mood", "客户情绪"),
        "intake.field.new_code": ("New code", "新编号"),
        "intake.field.new_name": ("Name", "名称"),
        "intake.field.new_phone": ("Phone", "电话"),
        "intake.field.new_type": ("Type", "类型"),
        "intake.search.placeholder": (
            "code, phone tail or name; Enter picks, Down to the list",
            "编号、电话尾号或名称；回车选定，下移键进入列表",
        ),
        "intake.search.none": (
            "No customer matches; ctrl+n creates one.",
            "没有匹配的客户；ctrl+n 新建客户。",
        ),
        "intake.customer.none": ("No customer picked yet.", "尚未选定客户。"),
        "intake.new_customer.title": (
            "New customer (Enter in a field adds it; ctrl+s adds it and saves the ticket)",
            "新建客户（在字段中回车即添加；ctrl+s 添加并保存工单）",
        ),
        "intake.new_customer.added": ("Customer {code} added", "已添加客户 {code}"),
        "intake.platform.placeholder": ("e.g. WeChat official account", "例如：微信公众号"),
        "intake.channel.prompt": ("pick the channel", "选择渠道"),
        "intake.category.prompt": ("later (other)", "稍后分类（其他）"),
        "intake.subtag.prompt": ("-", "-"),
        "intake.mood.prompt": ("-", "-"),
        "intake.tier.auto": ("as suggested", "按建议"),
        "intake.suggested": ("Suggested: {tier}: {keyword}", "建议：{tier}：{keyword}"),
        "intake.suggested.default": ("Suggested: {tier} (no keyword)", "建议：{tier}（无关键词）"),
        "intake.overridden": ("  overridden: {tier}", "  已改为：{tier}"),
        "mood.anxious": ("anxious", "焦急"),
        "mood.calm": ("calm", "平和"),
        "mood.angry": ("angry", "愤怒"),
        "intake.problem.empty": ("is empty; fill it in", "不能为空"),
        "intake.problem.customer": (
            "pick a customer (Enter on a result) or create one (ctrl+n)",
            "请选定客户（在结果上回车）或新建客户（ctrl+n）",
        ),
        "intake.problem.channel": ("pick the channel", "请选择渠道"),
        "intake.problem.platform": (
            "this channel needs the platform, e.g. WeChat official account",
            "该渠道需要填写平台，例如微信公众号",
        ),
        "intake.problem.description": (
            "is empty; write what the customer reported: when, where, symptoms, impact",
            "不能为空；请写明客户反映的时间、地点、现象和影响",
        ),
        "intake.invalid": ("{count} field(s) need attention: {first}", "有 {count} 处需要修改：{first}"),
        "intake.saved": ("{ref} saved", "{ref} 已保存"),
        "intake.saving": (
            "Saving… (the floor database is busy: the form keeps what it is saving and takes no "
            "edits until then; Esc and the other keys still work)",
            "正在保存…（数据库繁忙：保存完成前表单保持不变、不能编辑；Esc 等按键照常可用）",
        ),
        "intake.refused.late": (
            "The new ticket you left was not saved: {problem}",
            "你离开的新工单未能保存：{problem}",
        ),
        "intake.storage_kept": (
            "Not saved: {detail}. Everything you typed is still here; press ctrl+s to try again.",
            "未保存：{detail}。你填写的内容都还在，按 ctrl+s 重试。",
        ),
        "intake.discard.question": (
            "Discard this ticket? What you typed will be lost.",
            "放弃这张工单？已填写的内容将丢失。",
        ),
        "intake.discard.question.saving": (
            "Discard this ticket? Its save is waiting for the floor database: discarding stops it "
            "if it has not been written yet, and you are told which.",
            "放弃这张工单？它正在等待数据库保存：若尚未写入，放弃即可撤销，结果会提示你。",
        ),
        "intake.discarded_before_saving": (
            "Discarded: the ticket was not saved",
            "已放弃：工单未保存",
        ),
        "intake.discard.yes": ("Discard", "放弃"),
        "intake.discard.no": ("Keep editing", "继续编辑"),
        "intake.discard.key.yes": ("Discard", "放弃"),
        "intake.discard.key.no": ("Keep editing", "继续编辑"),
    }
)
