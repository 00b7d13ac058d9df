"""Who is on the demo floor: agents, supervisors, customer companies, contacts, phones."""

from __future__ import annotations

import random

# (login, display name, team, language the person works in)
AGENTS = (
    ("wangfang", "王芳", "华东组", "zh"),
    ("lina", "李娜", "华东组", "zh"),
    ("zhangwei", "张伟", "华东组", "zh"),
    ("liuyang", "刘洋", "华东组", "zh"),
    ("chenjing", "陈静", "华南组", "zh"),
    ("yanglei", "杨磊", "华南组", "zh"),
    ("zhaomin", "赵敏", "华南组", "zh"),
    ("huangli", "黄丽", "华南组", "zh"),
    ("zhoujie", "周杰", "华南组", "zh"),
    ("eclark", "Emily Clark", "English desk", "en"),
    ("dmiller", "David Miller", "English desk", "en"),
    ("wuting", "吴婷 Tina Wu", "English desk", "en"),
)
SUPERVISORS = (
    ("sunqiang", "孙强", "华东组", "zh"),
    ("sjohnson", "Sarah Johnson", "English desk", "en"),
)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "华",
    "建国",
    "晓东",
    "海燕",
    "志强",
    "丹",
    "鹏",
    "婷",
    "文博",
    "雨欣",
    "子涵",
    "浩然",
    "思远",
    "佳怡",
)
TITLES = ("经理", "工", "主管", "总", "")
FIRST_EN = (
    "James",
    "Mary",
    "John",
    "Linda",
    "Robert",
    "Susan",
    "Michael",
    "Karen",
    "William",
    "Emma",
    "Daniel",
    "Olivia",
    "Thomas",
    "Sophie",
    "Peter",
    "Grace",
    "Mark",
    "Hannah",
)
LAST_EN = (
    "Smith",
    "Brown",
    "Taylor",
    "Wilson",
    "Evans",
    "Walker",
    "Wright",
    "Green",
    "Hall",
    "Wood",
    "Turner",
    "Hughes",
    "Baker",
    "Clarke",
    "Lewis",
    "Young",
    "King",
    "Scott",
)

CITIES_ZH = (
    "上海",
    "深圳",
    "杭州",
    "苏州",
    "南京",
    "广州",
    "成都",
    "武汉",
    "宁波",
    "无锡",
    "青岛",
    "厦门",
    "天津",
    "合肥",
    "东莞",
    "佛山",
)
BRANDS_ZH = (
    "华东",
    "华南",
    "鑫达",
    "恒通",
    "宏远",
    "金盛",
    "瑞丰",
    "天成",
    "博远",
    "安信",
    "中联",
    "星河",
    "永泰",
    "嘉禾",
    "海川",
    "汇通",
    "明辉",
    "润达",
    "新源",
    "长青",
    "万象",
    "富华",
    "联创",
    "益丰",
    "同舟",
    "锦程",
    "德胜",
    "卓越",
    "远航",
)
TRADES_ZH = (
    ("贸易", "批发零售"),
    ("科技", "信息技术"),
    ("电子", "电子制造"),
    ("机械", "装备制造"),
    ("物流", "交通物流"),
    ("家居", "家居建材"),
    ("食品", "食品饮料"),
    ("医疗器械", "医疗"),
    ("建材", "家居建材"),
    ("包装", "印刷包装"),
    ("服饰", "纺织服装"),
    ("化工", "化工"),
    ("汽配", "汽车零部件"),
    ("网络", "电子商务"),
    ("餐饮管理", "餐饮"),
    ("教育", "教育培训"),
)
SUFFIXES_ZH = ("有限公司", "有限公司", "有限公司", "股份有限公司", "实业有限公司")
BRANDS_EN = (
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Acme",
    "Blue Harbor",
    "Silverline",
    "Pinecrest",
    "Redwood",
    "Oakridge",
    "Lakeside",
    "Brightstar",
    "Summit",
    "Horizon",
    "Evergreen",
    "Tailspin",
    "Wide World",
    "Litware",
    "Proseware",
    "Adventure Works",
    "Coho",
    "Lucerne",
    "Margie's",
    "Alpine",
    "Trey",
)
TRADES_EN = (
    ("", "Retail"),
    (" Trading", "Wholesale"),
    (" Electronics", "Electronics"),
    (" Foods", "Food & beverage"),
    (" Logistics", "Logistics"),
    (" Systems", "IT services"),
    (" Medical", "Healthcare"),
    (" Home", "Home furnishing"),
    (" Motors", "Automotive parts"),
)
SUFFIXES_EN = (" Ltd", " Ltd", " Inc.", " Co., Ltd", " GmbH", " Pte Ltd", " LLC")
CUSTOMER_TYPES = (("new", 30), ("old", 55), ("vip", 15))
MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
)


def mobile(rng: random.Random) -> str:
    """A mainland mobile number: 13x/15x/18x and eight more digits."""
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(100_000_000):08d}"


def person_zh(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def person_en(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_EN)} {rng.choice(LAST_EN)}"


def contact_zh(rng: random.Random) -> str:
    """How a customer's contact is written down: 王经理, 李工, or a full name."""
    title = rng.choice(TITLES)
    return rng.choice(SURNAMES) + title if title else person_zh(rng)


def company(rng: random.Random, english: bool) -> tuple[str, str, str]:
    """(full name, short name, industry)."""
    if english:
        brand = rng.choice(BRANDS_EN)
        trade, industry = rng.choice(TRADES_EN)
        return brand + trade + rng.choice(SUFFIXES_EN), brand + trade, industry
    brand = rng.choice(BRANDS_ZH)
    trade, industry = rng.choice(TRADES_ZH)
    city = rng.choice(CITIES_ZH)
    short = brand + trade
    name = (city + short if rng.random() < 0.6 else short + "(" + city + ")") + rng.choice(SUFFIXES_ZH)
    return name, short, industry


def customer_type(rng: random.Random) -> str:
    return rng.choices([t for t, _ in CUSTOMER_TYPES], weights=[w for _, w in CUSTOMER_TYPES])[0]
