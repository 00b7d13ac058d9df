"""Words of the contact directory screen (紧急联络表) and its forms."""

from tui.i18n.catalogue import register

register(
    {
        "directory.title": ("Department directory", "紧急联络表"),
        "directory.count": (
            "{count} departments · online as of {time}",
            "共 {count} 个部门 · 在线状态截至 {time}",
        ),
        "directory.none": ("No departments yet.", "还没有部门。"),
        "directory.none.supervisor": ("No departments yet: n adds one.", "还没有部门：按 n 新增。"),
        "directory.read_only": ("Read only: supervisors keep the directory.", "只读：联络表由主管维护。"),
        "directory.key.edit": ("Edit", "编辑"),
        "directory.key.add": ("Add department", "新增部门"),
        "directory.key.back": ("Back", "返回"),
        "directory.key.down": ("Down", "向下"),
        "directory.key.up": ("Up", "向上"),
        "directory.hours": ("hours {hours}", "在线时间 {hours}"),
        "directory.always": ("any time", "全天"),
        "directory.online": ("online now", "当前在线"),
        "directory.offline": ("offline now", "当前不在线"),
        "directory.contact": ("contact", "联系人"),
        "directory.backup": ("backup", "备用"),
        "directory.form.edit": ("Edit {name} in the directory", "编辑联络表：{name}"),
        "directory.form.add": ("Add a department to the directory", "新增部门到联络表"),
        "directory.field.name": ("Name (a short id, e.g. qa_lab)", "名称（简短标识，如 qa_lab）"),
        "directory.field.contact": ("Contact person", "联系人"),
        "directory.field.phone": ("Phone", "电话"),
        "directory.field.backup_contact": ("Backup contact", "备用联系人"),
        "directory.field.backup_phone": ("Backup phone", "备用电话"),
        "directory.field.hours": (
            "Online hours, e.g. 08:00-18:00 (empty: any time)",
            "在线时间，如 08:00-18:00（留空：全天）",
        ),
        "directory.done.edit": ("Saved {name} in the directory", "已保存联络表：{name}"),
        "directory.done.add": ("Added {name} to the directory", "已新增部门：{name}"),
    }
)
