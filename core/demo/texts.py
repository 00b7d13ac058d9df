"""What the demo's customers say and what the agents write, per category, in both languages.

Descriptions are written so the floor's keyword rules (core.tickets.priority) give a sensible tier:
missing items, damage, faults, delays and complaints say 漏发/破损/故障/延迟/投诉 (or the
English words), suggestions and praise say 建议/表扬; the rest falls to the default tier.
"""

from __future__ import annotations

import random
from datetime import timedelta

Z, E = "zh", "en"
DESCRIPTIONS = {
    ("quality", "defect"): {
        Z: (
            "{product}使用{days}天后出现故障,开机无反应,影响{city}工厂正常生产,请尽快处理。",
            "收到的{product}有{qty}台无法启动,疑似电源故障,客户产线已停工。",
            "{product}运行时频繁报错(错误码E{code}),操作员无法继续作业。",
            "客户反映{product}的{part}失灵,已影响出货,要求今天必须给出方案。",
            "{product}显示屏偶尔黑屏,重启后恢复,客户担心批量问题。",
        ),
        E: (
            "Our {product_en} has a power fault after {days} days of use; the line is down.",
            "The {product_en} keeps restarting every few minutes (error E{code}); please advise.",
            "{qty} units of {product_en} are not working out of the box.",
        ),
    },
    ("quality", "appearance"): {
        Z: (
            "{product}外壳有明显划痕,共{qty}件,客户希望换货。",
            "收到的{product}颜色与样品不一致,批次号{batch}。",
            "包装盒印刷模糊,{product}表面有污渍,客户要求说明原因。",
        ),
        E: (
            "{qty} units of {product_en} arrived with scratches on the casing; "
            "customer asks for replacements.",
            "The colour of batch {batch} does not match the approved sample.",
        ),
    },
    ("quality", "missing_item"): {
        Z: (
            "订单{order}漏发{qty}件{product},客户今天要用,请核实仓库出库记录。",
            "收货时发现少了{part},疑似漏发,订单号{order}。",
            "订单{order}整箱漏发,签收单上只有{qty}箱。",
        ),
        E: (
            "Order {order} is missing {qty} units of {product_en}; the customer needs them this week.",
            "The {part_en} is missing from order {order}.",
        ),
    },
    ("quality", "damage"): {
        Z: (
            "订单{order}到货时外箱破损,{qty}件{product}受损,有签收照片。",
            "{product}运输途中破损,客户拒收并拍照留证。",
            "拆箱后发现{part}破损,客户要求补发。",
        ),
        E: (
            "{qty} units of {product_en} arrived damaged (order {order}); photos of the box attached.",
            "The {part_en} was broken on arrival.",
        ),
    },
    ("efficiency", "delivery_delay"): {
        Z: (
            "我的货已经延迟{days}天了!订单{order}还没有发货信息。",
            "订单{order}物流延迟,原定{date}到货,现在还在{city}中转。",
            "客户催促订单{order}发货,合同约定{date}前交付,担心延迟违约。",
            "订单{order}显示已发货{days}天,物流信息一直未更新。",
        ),
        E: (
            "Order {order} is delayed by {days} days; the contract date was {date_en}.",
            "Tracking for order {order} has not moved for {days} days.",
            "Late delivery of order {order} will stop the customer's site work on {date_en}.",
        ),
    },
    ("efficiency", "slow_response"): {
        Z: (
            "客户反映上次在线咨询等了{minutes}分钟无人回复,希望加快响应。",
            "客户投诉热线一直占线,工单{days}天无人跟进。",
            "客户表示邮件发出{days}天没有回复,询问处理进度。",
        ),
        E: (
            "Customer says nobody answered the chat for {minutes} minutes and asks for faster replies.",
            "Customer wants to complain: no reply to their email for {days} days.",
        ),
    },
    ("attitude", None): {
        Z: (
            "客户投诉客服人员说话不耐烦,要求主管回电。",
            "客户反映送货师傅态度生硬,希望改进。",
            "客户表扬客服耐心细致,问题一次解决。",
        ),
        E: (
            "Customer wants to complain about the rude tone of the delivery driver.",
            "Customer sends a compliment to the support team for a quick fix.",
        ),
    },
    ("process", None): {
        Z: (
            "客户建议简化退换货流程,目前需要填写三张表格。",
            "客户建议在订单确认邮件中加入预计到货时间。",
            "客户询问能否合并开票流程,减少重复提交。",
        ),
        E: (
            "Customer suggests an online form for returns instead of email.",
            "Customer asks whether purchase orders can be confirmed in one step.",
        ),
    },
    ("howto", None): {
        Z: (
            "客户咨询{product}如何设置定时功能,说明书第{page}页看不懂。",
            "请问{product}的固件怎么升级?客户找不到下载地址。",
            "客户询问{product}与旧款{part}是否兼容。",
        ),
        E: (
            "How do I reset the {product_en} to factory settings? The manual is unclear.",
            "Customer asks how to connect the {product_en} to their Wi-Fi.",
        ),
    },
    ("billing", None): {
        Z: (
            "发票迟迟未收到,订单{order},客户财务月底要报账。",
            "对账单金额与合同不符,差额{amount}元,请核实。",
            "客户申请开具增值税专用发票,抬头有变更。",
        ),
        E: (
            "The invoice for order {order} has not arrived yet; finance needs it by month end.",
            "Invoice amount differs from the quote by {amount} USD.",
        ),
    },
    ("other", None): {
        Z: (
            "客户表扬售后团队响应及时,特意来电感谢。",
            "客户询问年底是否有促销活动。",
            "客户建议增加周末客服值班。",
        ),
        E: (
            "Customer called to praise the installation team.",
            "Customer asks whether the office is open during the holiday.",
        ),
    },
}
GENERIC = {
    Z: (
        "客户反馈{product}相关问题,订单{order},请跟进。",
        "客户来电咨询订单{order}的处理进度。",
        "订单{order}的{product}出现故障,客户要求尽快处理。",
        "客户建议改进{product}的包装。",
    ),
    E: (
        "Customer reports a problem with the {product_en} on order {order}.",
        "Customer asks about the status of order {order}.",
    ),
}

PRODUCTS = (
    ("智能温控器", "smart thermostat"),
    ("工业标签打印机", "label printer"),
    ("扫码枪", "barcode scanner"),
    ("电动升降桌", "standing desk"),
    ("空气净化器", "air purifier"),
    ("商用净水器", "water purifier"),
    ("伺服电机", "servo motor"),
    ("监控摄像头", "security camera"),
    ("收银一体机", "POS terminal"),
    ("投影仪", "projector"),
    ("激光测距仪", "laser distance meter"),
    ("电子秤", "weighing scale"),
)
PARTS = (
    ("电源适配器", "power adapter"),
    ("遥控器", "remote control"),
    ("安装支架", "mounting bracket"),
    ("数据线", "data cable"),
    ("滤芯", "filter cartridge"),
    ("螺丝配件包", "screw kit"),
)
CITIES = (
    ("上海", "Shanghai"),
    ("广州", "Guangzhou"),
    ("成都", "Chengdu"),
    ("武汉", "Wuhan"),
    ("郑州", "Zhengzhou"),
    ("西安", "Xi'an"),
    ("杭州", "Hangzhou"),
    ("天津", "Tianjin"),
)
PLATFORMS = {
    Z: ("微信公众号", "微信公众号", "微博", "抖音", "小红书"),
    E: ("WeChat official account", "Weibo", "Douyin", "LinkedIn"),
}

RESOLUTIONS = {
    "repair": {
        Z: "已安排上门维修,更换故障部件,客户测试正常。",
        E: "Technician repaired the unit on site; customer tested it.",
    },
    "replace": {Z: "已换货,新件签收无误。", E: "Replacement shipped and signed for."},
    "resend": {Z: "已补发缺少的货品,客户签收确认。", E: "Missing items re-sent; customer confirmed receipt."},
    "compensate": {
        Z: "按合同给予补偿,客户接受。",
        E: "Compensation agreed under the contract; customer accepted.",
    },
    "guidance": {
        Z: "电话技术指导完成,客户已能正常使用。",
        E: "Walked the customer through it by phone; working now.",
    },
    "explain": {
        Z: "已向客户说明原因并致歉,客户表示理解。",
        E: "Explained the cause and apologised; customer satisfied.",
    },
    "invoice": {
        Z: "发票已重开并快递寄出,客户财务确认。",
        E: "Invoice reissued and sent; customer's finance confirmed.",
    },
    "thanks": {Z: "已记录客户意见并致谢,转相关部门参考。", E: "Feedback recorded with thanks and passed on."},
}
PLAN_NAMES = {
    "repair": {Z: "维修", E: "repair"},
    "replace": {Z: "换货", E: "replace"},
    "resend": {Z: "补发", E: "resend"},
    "compensate": {Z: "补偿", E: "compensate"},
    "guidance": {Z: "技术指导", E: "guidance"},
    "explain": {Z: "解释说明", E: "explain"},
    "invoice": {Z: "重开发票", E: "reissue invoice"},
    "thanks": {Z: "记录建议", E: "log feedback"},
}
PLAN_BY_CATEGORY = {
    "quality": ("repair", "replace", "resend"),
    "efficiency": ("explain", "compensate"),
    "attitude": ("explain",),
    "process": ("thanks",),
    "howto": ("guidance",),
    "billing": ("invoice", "explain"),
    "other": ("thanks", "explain"),
}
SUBTAG_PLAN = {
    "missing_item": ("resend",),
    "damage": ("replace",),
    "defect": ("repair", "replace"),
    "delivery_delay": ("explain", "compensate"),
}
CONFIRMATIONS = {
    Z: ("客户电话确认", "签收单照片", "客户微信确认", "现场测试通过", "邮件确认"),
    E: ("customer confirmed by phone", "signed receipt", "confirmed by email", "tested on site"),
}
FIRST_CONTACTS = {
    Z: (
        "已致电客户确认问题细节,2小时内给出方案。",
        "已回复客户,正在核实订单信息。",
        "联系客户了解现场情况,已收到照片。",
        "已向客户致歉并确认诉求。",
    ),
    E: (
        "Called the customer to confirm the details; plan within 2 hours.",
        "Replied to the customer; checking the order now.",
        "Got photos from the customer.",
    ),
}
UPDATES = {
    Z: ("进度更新:方案执行中,预计明天完成。", "已告知客户目前进展,客户表示理解。", "告知客户预计到货时间。"),
    E: ("Progress update: the fix is under way, expected tomorrow.", "Told the customer where things stand."),
}
INBOUND = {
    Z: ("客户来电催问进度。", "客户补充了现场照片。", "客户再次来电,情绪焦急。", "客户在线询问处理结果。"),
    E: (
        "Customer called again asking for an update.",
        "Customer sent more photos.",
        "Customer chased by email.",
    ),
}
WAIT_ASKS = {  # what the customer is asked for when the ticket waits on them (待客户回复)
    Z: (
        "请客户补拍破损部位照片。",
        "请客户提供订单号和签收单照片。",
        "请客户确认设备序列号及故障代码。",
        "请客户确认收货地址和联系人。",
        "请客户提供现场视频,便于技术判断。",
    ),
    E: (
        "Asked for photos of the damage.",
        "Asked for the order number and a photo of the delivery note.",
        "Asked the customer to confirm the serial number and error code.",
        "Asked the customer to confirm the delivery address.",
    ),
}
WAIT_REPLIES = {  # the customer's answer that ends the wait
    Z: (
        "客户补发了破损部位照片。",
        "客户回复了所需信息。",
        "客户来电提供了序列号和故障代码。",
        "客户确认了收货信息。",
    ),
    E: (
        "Customer sent the photos.",
        "Customer replied with the details asked for.",
        "Customer called back with the serial number.",
    ),
}
NOTES = {
    Z: (
        "已查询ERP订单记录,与客户描述一致。",
        "方案:{plan},已报主管知悉。",
        "已核对签收单,批次号{batch}。",
        "客户为重点客户,优先处理。",
    ),
    E: (
        "Checked the order in the ERP; matches the report.",
        "Plan: {plan}; supervisor informed.",
        "Batch {batch} checked against the delivery note.",
    ),
}
REOPEN = {
    Z: (
        "回访时客户表示问题仍未解决,重新处理。",
        "客户反映更换后问题复现。",
        "回访评分2分,主管要求重新跟进。",
    ),
    E: ("Callback: the customer says the problem is back.", "Low callback score; supervisor reopened it."),
}
CLOSE = {
    Z: ("回访完成,客户满意,闭环。", "回访确认已解决。"),
    E: ("Callback done, customer satisfied.", "Callback confirmed it is solved."),
}
TIER_REASONS = {
    Z: ("与客户确认影响范围后调整优先级。", "客户为VIP且影响生产,提级处理。", "实际影响较小,降级。"),
    E: ("Adjusted after confirming the impact with the customer.", "VIP customer, production affected."),
}
HANDOFF = {
    "warehouse": (
        {
            Z: "核实订单{order}的出库记录和实际库存",
            E: "Check the dispatch record and stock for order {order}",
        },
        {Z: "确认是否漏发并安排补发", E: "Confirm what was missed and arrange a resend"},
        {Z: "已核实,今天下午补发,单号稍后提供", E: "Checked; resend goes out this afternoon"},
    ),
    "logistics": (
        {
            Z: "订单{order}物流停滞,需要确认货物实际位置",
            E: "Order {order} stuck in transit; need the real location",
        },
        {Z: "确认实际位置和预计到货时间", E: "Confirm location and the delivery date"},
        {Z: "货在{city}中转站,明天送达", E: "At the {city_en} hub, delivery tomorrow"},
    ),
    "tech": (
        {Z: "{product}故障,客户已按手册排查无效", E: "{product_en} fault persists after the manual's checks"},
        {Z: "远程诊断或安排工程师上门", E: "Remote diagnosis or an engineer visit"},
        {Z: "远程诊断为主板问题,安排上门更换", E: "Board fault found remotely; engineer booked"},
    ),
    "production": (
        {
            Z: "批次{batch}外观问题,需要确认是否批量",
            E: "Batch {batch} finish problem; is it the whole batch?",
        },
        {Z: "确认批次质量并给出处理意见", E: "Check the batch and advise"},
        {Z: "仅个别件,同意换货", E: "Isolated units; replacement approved"},
    ),
    "rnd": (
        {Z: "客户对{product}提出功能改进需求", E: "Customer asks for a change to the {product_en}"},
        {Z: "评估可行性和排期", E: "Assess feasibility and timing"},
        {Z: "已列入下一版本评估", E: "Added to the next release review"},
    ),
}
DEPARTMENT_BY_CATEGORY = {
    "missing_item": "warehouse",
    "damage": "warehouse",
    "delivery_delay": "logistics",
    "defect": "tech",
    "appearance": "production",
    "howto": "tech",
    "process": "rnd",
}


class Filler(dict):
    """Template values made on first use, so a template draws only the values it needs."""

    def __init__(self, rng: random.Random, day):
        super().__init__()
        self.rng = rng
        self.day = day  # a callable giving the floor date the ticket came in (made only if needed)

    def __missing__(self, key):
        rng = self.rng
        if key in ("product", "product_en"):
            zh, en = rng.choice(PRODUCTS)
            self["product"], self["product_en"] = zh, en
        elif key in ("part", "part_en"):
            zh, en = rng.choice(PARTS)
            self["part"], self["part_en"] = zh, en
        elif key in ("city", "city_en"):
            self["city"], self["city_en"] = rng.choice(CITIES)
        elif key in ("date", "date_en"):
            when = self.day() + timedelta(days=rng.randint(-6, 4))
            self["date"], self["date_en"] = f"{when.month}月{when.day}日", when.strftime("%b %d")
        else:
            self[key] = {
                "order": lambda: f"SO{rng.randrange(10_000_000, 100_000_000)}",
                "qty": lambda: rng.randint(1, 20),
                "days": lambda: rng.randint(2, 9),
                "code": lambda: rng.randint(101, 999),
                "minutes": lambda: rng.choice((20, 30, 45, 60)),
                "amount": lambda: rng.randint(2, 300) * 10,
                "page": lambda: rng.randint(3, 40),
                "batch": lambda: f"B{rng.randint(2301, 2612)}-{rng.randint(1, 99):02d}",
            }.get(key, lambda: "")()
        return self[key]


def describe(rng: random.Random, filler: Filler, lang: str, category: str, subtag: str | None) -> str:
    templates = (DESCRIPTIONS.get((category, subtag)) or DESCRIPTIONS.get((category, None)) or GENERIC)[lang]
    return rng.choice(templates).format_map(filler)


CHANNEL_WEIGHTS = {
    "online_ticket": 35,
    "phone": 28,
    "online_chat": 17,
    "email": 8,
    "social_media": 9,
    "face_to_face": 3,
}
CLASS_WEIGHTS = {
    ("quality", "defect"): 10,
    ("quality", "appearance"): 5,
    ("quality", "missing_item"): 8,
    ("quality", "damage"): 7,
    ("efficiency", "delivery_delay"): 22,
    ("efficiency", "slow_response"): 6,
    ("attitude", None): 6,
    ("process", None): 6,
    ("howto", None): 14,
    ("billing", None): 9,
    ("other", None): 7,
}
