"""The words history files write for coded values, as the handbooks and people write them.

Each vocabulary maps a stored value to the words that mean it (compared after NFKC, case
folding and dropping spaces, dashes and underscores). A word no vocabulary knows refuses the
row, naming the column and every accepted word, so the fix is a look away.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from core.basics import TIER_WORDS, InvalidInput

YES_NO = {
    "yes": ("是", "是的", "有", "对", "√", "✓", "✔", "☑", "y", "true", "1"),
    "no": ("否", "不是", "无", "没有", "不", "×", "✗", "✘", "☒", "x", "n", "false", "0"),
}
CALLBACK_METHODS = {
    "phone": ("电话回访", "电话", "打电话", "call", "telephone", "tel"),
    "survey": (
        "在线问卷",
        "纸质问卷",
        "问卷",
        "问卷调查",
        "调查问卷",
        "网络问卷",
        "questionnaire",
        "online survey",
    ),
    "visit": ("面访", "上门回访", "上门", "拜访", "当面回访", "面谈", "face to face", "in person"),
}
FOLLOW_UP = {
    "done": (
        "已完成",
        "完成",
        "已跟进",
        "已处理",
        "已解决",
        "已闭环",
        "闭环",
        "已回访",
        "done",
        "completed",
        "complete",
        "finished",
        "closed",
        "resolved",
        "followed up",
    ),
    "open": (
        "处理中",
        "已处理中",
        "跟进中",
        "待跟进",
        "未跟进",
        "未完成",
        "待处理",
        "未处理",
        "open",
        "pending",
        "in progress",
        "todo",
    ),
}
PROGRESS = {
    "new": ("待处理", "未处理", "新建", "未开始", "new", "open"),
    "in_progress": ("处理中", "已处理中", "跟进中", "进行中", "in progress"),
    "waiting": ("待客户回复", "等待客户", "waiting"),
    "resolved": ("已完成", "完成", "已解决", "解决", "已处理", "resolved", "done", "completed"),
    "closed": ("已闭环", "闭环", "已关闭", "关闭", "closed"),
}
"""处理进度 of the rapid-response record: the ticket's status."""
TIERS = TIER_WORDS
"""Tiers as both handbooks write them (一级/红/紧急/高 = red, ...)."""
_CHANNEL_WORDS: dict[tuple[str, str | None], tuple[str, ...]] = {
    ("phone", None): (
        "来电",
        "去电",
        "呼入",
        "呼出",
        "外呼",
        "回电",
        "电话沟通",
        "电话回访",
        "热线",
        "客服热线",
    ),
    ("online_chat", None): ("在线", "在线咨询", "网页客服", "在线聊天"),
    ("online_ticket", None): ("工单", "工单系统", "网上工单"),
    ("email", None): ("电子邮件", "邮箱", "e-mail", "mail"),
    ("face_to_face", None): ("上门", "面访", "现场", "来访", "当面"),
    ("social_media", "微信"): ("微信", "wechat"),
    ("social_media", "微信公众号"): ("微信公众号", "公众号"),
    ("social_media", "企业微信"): ("企业微信",),
    ("social_media", "微博"): ("微博", "weibo"),
    ("social_media", "抖音"): ("抖音", "douyin"),
    ("social_media", "小红书"): ("小红书",),
    ("social_media", "QQ"): ("qq",),
}
"""Channels as history files write them beyond the policy's own words: (channel, platform)."""
DIRECTIONS = {
    "in": ("来电", "呼入", "客户来电", "来访", "客户来访", "inbound", "in"),
    "out": ("去电", "呼出", "外呼", "回电", "回访", "致电客户", "outbound", "out"),
}

_NOISE = re.compile(r"[\s_\-]+")


def word_key(value: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", value).strip().casefold())


CHANNELS = {word_key(w): target for target, words in _CHANNEL_WORDS.items() for w in words}
"""word_key(written) -> (channel, platform)."""


def lookup(value: str, words: Mapping[str, tuple[str, ...]]) -> str | None:
    """The stored value a word means, or None."""
    key = word_key(value)
    for ident, aliases in words.items():
        if key == word_key(ident) or any(key == word_key(a) for a in aliases):
            return ident
    return None


def choose(value: str, words: Mapping[str, tuple[str, ...]], label: str, what: str) -> str:
    """lookup, or InvalidInput naming the column, the value and every accepted word."""
    found = lookup(value, words)
    if found is None:
        raise InvalidInput(
            label, "import.value.unknown", value=value.strip(), what=what, accepted=accepted(words)
        )
    return found


def accepted(words: Mapping[str, tuple[str, ...]]) -> str:
    """电话回访 / 电话 / phone; 在线问卷 / ... : each value's words, Chinese first."""
    return "; ".join(
        " / ".join(dict.fromkeys([*(a for a in aliases if not a.isascii()), ident]))
        for ident, aliases in words.items()
    )


def yes_no(value: str, label: str) -> bool | None:
    """是/否, 有/无, √/×, yes/no, TRUE/FALSE, 1/0; None when blank."""
    if not value.strip():
        return None
    return choose(value, YES_NO, label, "yes_no") == "yes"


_CATEGORY_SPLIT = re.compile(r"\s*[-－—–/／>＞|·]\s*|\s*[:：]\s*")


def split_category(value: str) -> tuple[str, str | None]:
    """问题分类 as 大类-细分 (服务效率-物流配送, 产品质量/破损, 产品质量：破损) -> its two parts;
    a value without a separator is the category alone."""
    parts = [p for p in _CATEGORY_SPLIT.split(value.strip(), maxsplit=1) if p.strip()]
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    return value.strip(), None


_SCORE = re.compile(r"^([0-9一二三四五])(?:\.0+)?\s*(?:分|points?|pts?|/\s*5|星)?$", re.IGNORECASE)
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
SCORE_WORDS = {
    5: ("非常满意", "很满意"),
    4: ("满意", "比较满意"),
    3: ("一般",),
    2: ("不满意",),
    1: ("非常不满意", "很不满意"),
}
"""The handbook's scale in words: 1 very dissatisfied ... 5 very satisfied."""


def score(value: str) -> int | None:
    """A 1-5 score as written (4, 4分, 4.0, ４, 四分, 4/5, 4星, 满意); None when it is not one."""
    text = unicodedata.normalize("NFKC", value).strip()
    for number, words in SCORE_WORDS.items():
        if text in words:
            return number
    match = _SCORE.match(text)
    if match is None:
        return None
    digit = match.group(1)
    number = _NUMERALS.get(digit) or int(digit)
    return number if 1 <= number <= 5 else None


_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})$")
_UNITS = (  # longest spelling first, whole words only: "5 minutes" is not "5 min" and "utes"
    (re.compile(r"(\d+(?:\.\d+)?)\s*(?:个小时|小时|hours?|hrs|hr|h)(?![a-z])", re.IGNORECASE), 3600),
    (re.compile(r"(\d+(?:\.\d+)?)\s*(?:分钟|分|minutes?|mins|min|m)(?![a-z])", re.IGNORECASE), 60),
    (re.compile(r"(\d+(?:\.\d+)?)\s*(?:秒钟|秒|seconds?|secs|sec|s)(?![a-z])", re.IGNORECASE), 1),
)
MOST_SECONDS = 24 * 3600


def duration(value: str) -> int | None:
    """A call's length in seconds, as written: 5分钟, 1小时20分, 3 min, 90秒, 00:05:30, 5:30,
    or a bare number of minutes (5); None when it reads as none of these."""
    text = unicodedata.normalize("NFKC", value).strip()
    clock = _CLOCK.match(text)
    if clock:
        hours, minutes, seconds = (int(g) if g else 0 for g in clock.groups())
        on_clock = hours * 3600 + minutes * 60 + seconds
        return on_clock if on_clock <= MOST_SECONDS else None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        minutes_only = round(float(text) * 60)
        return minutes_only if minutes_only <= MOST_SECONDS else None
    total, rest = 0.0, text
    for pattern, unit in _UNITS:
        for found in pattern.finditer(rest):
            total += float(found.group(1)) * unit
        rest = pattern.sub("", rest)
    if re.sub(r"[\s,，、和又]", "", rest) or not total:
        return None
    return round(total) if total <= MOST_SECONDS else None
