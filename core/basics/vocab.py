"""The floor's fixed words with their Chinese and English aliases."""

TIER_WORDS = {
    "red": ("一级", "红", "urgent", "r"),
    "yellow": ("二级", "黄", "general", "y"),
    "green": ("三级", "绿", "low", "g"),
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
