"""The floor's fixed words with their Chinese and English aliases."""

TIER_WORDS = {
    # the second handbook's words too: 紧急/高 = red, 一般/中 = yellow, 低优先级/低 = green
    "red": ("一级", "红", "urgent", "r", "紧急", "高", "红色", "high"),
    "yellow": ("二级", "黄", "general", "y", "一般", "中", "黄色", "medium", "normal"),
    "green": ("三级", "绿", "low", "g", "低优先级", "低", "绿色"),
}
STATUS_WORDS = {
    "new": ("待处理",),
    "in_progress": ("处理中", "in progress", "inprogress", "open", "reopen", "reopened"),
    "waiting": ("待客户回复", "wait", "waiting on customer", "waiting on the customer", "等待客户"),
    "resolved": ("已完成", "done"),
    "closed": ("已闭环",),
}
MOOD_WORDS = {
    "anxious": ("焦急",),
    "calm": ("平和",),
    "angry": ("愤怒",),
}
ROLE_WORDS = {"agent": ("客服专员",), "supervisor": ("客服主管",)}
CUSTOMER_TYPES = {"new": ("新客户", "新"), "old": ("老客户", "老"), "vip": ("vip客户",)}
DIRECTIONS = {"in": ("inbound", "来电", "呼入"), "out": ("outbound", "去电", "回复", "reply")}
