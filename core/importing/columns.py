"""Every column the imports read, in one place: each import's own, and the columns of the
handbooks' templates an import does not use (listed as ignored, never a refusal).

The handbooks' templates, column for column:
- 反馈记录表 (callback feedback record): 客户编号, 客户名称/简称, 联系人, 联系方式, 回访日期,
  回访方式, 回访人员, 满意度评分(1-5分), 反馈内容详情, 问题分类, 改进建议, 跟进状态, 完成时间, 备注
  -> import callbacks (and import customers reads its customer columns);
- 沟通记录 (communication record): 沟通时间, 沟通方式, 沟通时长, 沟通人, 客户问题描述, 处理过程,
  处理结果, 客户即时反馈 -> import contacts;
- 快速响应记录 (rapid-response record): 反馈时间, 反馈渠道, 问题类型, 问题描述, 紧急程度, 责任人,
  处理方案, 处理进度, 解决结果 -> import tickets.

Headers match after core.importing.headers normalises them (brackets, slashes, spaces,
full-width forms, a trailing colon or asterisk), so the aliases here are the bare words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    """The canonical (English) name, also the key rows are read under."""
    aliases: tuple[str, ...] = ()
    """Other accepted headers, the Chinese first (shown in messages)."""
    required: bool = False

    def shown(self) -> str:
        return f"{self.name} ({', '.join(self.aliases)})" if self.aliases else self.name


CUSTOMERS = (
    Column("code", ("客户编号", "客户代码", "客户id", "customer_code", "customer_id"), required=True),
    Column("name", ("客户名称", "客户名", "客户姓名", "customer_name"), required=True),
    Column("short_name", ("客户简称", "简称", "short")),
    Column("contact_person", ("联系人", "联系人姓名", "contact")),
    Column("phone", ("联系方式", "联系电话", "电话", "手机", "手机号", "telephone", "mobile")),
    Column("type", ("客户类型", "customer_type")),
    Column("industry", ("所属行业", "行业")),
    Column("delivery_date", ("交付日期", "交货日期", "delivered")),
)

TICKETS = (
    Column("ref", ("工单编号", "工单号", "ticket", "ticket_ref")),
    Column("received_at", ("反馈时间", "接收时间", "received"), required=True),
    Column("channel", ("反馈渠道", "渠道", "来源渠道"), required=True),
    Column("platform", ("平台",)),
    Column("customer_code", ("客户编号", "客户代码", "customer_id")),
    Column("customer_name", ("客户名称", "客户名", "客户简称", "简称")),
    Column("contact_person", ("联系人",)),
    Column("phone", ("联系方式", "联系电话", "电话")),
    Column("category", ("问题分类", "分类", "问题类型", "问题类别")),
    Column("subtag", ("子标签", "问题子类", "细分")),
    Column("tier", ("优先级", "紧急程度", "priority", "urgency")),
    Column("description", ("问题描述", "描述", "客户问题描述"), required=True),
    Column("mood", ("客户情绪", "情绪")),
    Column("owner", ("负责人", "处理人", "责任人")),
    Column("first_response_at", ("首次响应时间", "首响时间")),
    Column("resolved_at", ("解决时间", "完成时间")),
    Column("closed_at", ("闭环时间",)),
    Column("status", ("处理进度", "处理状态", "状态", "progress")),
    Column("plan", ("处理方案", "解决方案", "solution")),
    Column("resolution", ("解决结果", "处理结果", "result")),
    Column("reopened", ("是否重开", "重开")),
    Column("customer_contacts", ("客户来电次数", "来电次数", "inbound_contacts")),
)

CALLBACKS = (
    Column("customer_code", ("客户编号", "客户代码", "客户id"), required=True),
    Column("customer_name", ("客户名称", "客户名", "客户简称", "简称")),
    Column("contact_person", ("联系人",)),
    Column("phone", ("联系方式", "联系电话", "电话")),
    Column("ticket_ref", ("工单号", "工单编号", "ref", "ticket")),
    Column("done_at", ("回访日期", "回访时间"), required=True),
    Column("method", ("回访方式",)),
    Column("agent", ("回访人员", "回访人")),
    Column("overall", ("满意度评分", "满意度", "总体满意度", "评分"), required=True),
    Column("efficiency", ("服务效率",)),
    Column("solving", ("问题解决能力",)),
    Column("attitude", ("态度友好度",)),
    Column("warm", ("沟通有温度",)),
    Column("feedback", ("反馈内容详情", "反馈内容")),
    Column("category", ("问题分类",)),
    Column("suggestion", ("改进建议",)),
    Column("follow_up_status", ("跟进状态",)),
    Column("completed_at", ("完成时间",)),
    Column("remarks", ("备注",)),
)

CONTACTS = (
    Column("ref", ("工单编号", "工单号", "ticket", "ticket_ref")),
    Column("customer_code", ("客户编号", "客户代码", "客户id")),
    Column("customer_name", ("客户名称", "客户名", "客户简称", "简称")),
    Column("contact_person", ("联系人",)),
    Column("phone", ("联系方式", "联系电话", "电话")),
    Column("at", ("沟通时间", "联系时间", "time", "contacted_at"), required=True),
    Column("method", ("沟通方式", "channel")),
    Column("direction", ("方向", "呼入呼出", "来电去电")),
    Column("duration", ("沟通时长", "通话时长", "时长")),
    Column("agent", ("沟通人", "客服", "接待人", "处理人")),
    Column("description", ("客户问题描述", "问题描述", "问题")),
    Column("process", ("处理过程", "处理经过")),
    Column("result", ("处理结果", "结果")),
    Column("feedback", ("客户即时反馈", "客户反馈", "即时反馈")),
    Column("category", ("问题分类", "问题类型")),
    Column("tier", ("紧急程度", "优先级")),
)

BY_KIND = {"customers": CUSTOMERS, "tickets": TICKETS, "callbacks": CALLBACKS, "contacts": CONTACTS}

FILLERS = ("序号", "行号", "no", "#", "填表人", "填写人", "审核人", "签字", "签名", "客户签字", "附件")
"""Columns spreadsheets carry that no record keeps: always ignored, said as "not imported"."""

OTHER_RECORD = {
    "customers": ("callbacks", "tickets", "contacts"),
    "tickets": ("callbacks", "contacts", "customers"),
    "callbacks": ("tickets", "contacts", "customers"),
    "contacts": ("callbacks", "tickets", "customers"),
}
"""Where a column an import does not read belongs, said in the order an import names them."""


def elsewhere(kind: str) -> dict[str, str]:
    """Header word -> the other import that reads it, for every word this import does not read."""
    own = {w for c in BY_KIND[kind] for w in (c.name, *c.aliases)}
    found: dict[str, str] = {}
    for other in OTHER_RECORD[kind]:
        for column in BY_KIND[other]:
            for word in (column.name, *column.aliases):
                if word not in own:
                    found.setdefault(word, other)
    return found
