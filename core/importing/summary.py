"""What an import did (or, for --dry-run, would do), counted per kind of record: the CLI prints
.text(language), tests read the numbers. Said in English or in Chinese (callfloor --lang zh)."""

from __future__ import annotations

from dataclasses import dataclass

from core.basics.errors import Message

SHOWN = 10
"""How many records a line names before it says "and N more"."""

NOUNS = {
    "customers": ("customer", "customers", "位客户"),
    "tickets": ("ticket", "tickets", "张工单"),
    "callbacks": ("callback", "callbacks", "条回访记录"),
    "contacts": ("contact", "contacts", "条沟通记录"),
}


def _named(items: tuple[str, ...], zh: bool, sep: str = ", ") -> str:
    if zh:
        sep = "；" if sep == "; " else "、"
        more = f" 等 {len(items)} 个" if len(items) > SHOWN else ""
    else:
        more = f"{sep}and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return sep.join(items[:SHOWN]) + more


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


@dataclass(frozen=True)
class ImportSummary:
    what: str
    """"customers", "tickets", "callbacks" or "contacts"."""
    source: str
    """The file's name (and the sheet read, for a workbook)."""
    created: int = 0
    unchanged: int = 0
    """Already on file and left as they were (for tickets: every ref already on file)."""
    updated: int = 0
    """Records on file the file changed (customers; tickets a contact was added to)."""
    updates: tuple[str, ...] = ()
    """One entry per updated record: "C001: phone, type"."""
    customers_created: int = 0
    """Customers the rows named that were not on file yet (tickets, callbacks, contacts)."""
    customers_filled: tuple[str, ...] = ()
    """Customers on file a callback or contact file filled a blank field of: "C002: phone"."""
    customers_kept: tuple[str, ...] = ()
    """Customers on file the file describes otherwise, kept as on file: "C003: phone"."""
    phones_masked: tuple[str, ...] = ()
    """Customers whose phone the file writes masked (138****5678): not kept, there is no number."""
    tickets_created: int = 0
    """Contacts import only: tickets a contact's new reference made."""
    tickets_open: tuple[str, ...] = ()
    """Tickets created open (new work on the queue), by ref."""
    tickets_stamped: int = 0
    """Tickets the file says were resolved but gives no time for: stamped at their received time."""
    no_customer: int = 0
    """Tickets whose row names no customer, filed under the floor's 'not recorded' customer."""
    follow_ups: int = 0
    """Callback import only: low scores that booked the supervisor's follow-up."""
    followed_up: int = 0
    """Callback import only: low scores whose follow-up the file says was already done."""
    low_too_old: int = 0
    """Callback import only: low scores older than the look-back, marked high priority only."""
    look_back_days: int = 0
    reopened: tuple[str, ...] = ()
    """Callback import only: the tickets a low score reopened."""
    differing: tuple[str, ...] = ()
    """Ticket import only: refs on file (counted in unchanged) whose description the file writes
    differently; an import never changes a ticket, so a corrected file must say so."""
    ignored: tuple[tuple[str, Message], ...] = ()
    """Columns not read, each with why."""
    above: tuple[str, ...] = ()
    """Text above the header that was skipped (a title)."""
    fields_above: tuple[str, ...] = ()
    """Fields above the table read for every row: "客户编号 = C001"."""
    notes: tuple[Message, ...] = ()
    """Other things said about reading the file (which sheet was read, a totals row skipped)."""
    dry_run: bool = False

    @property
    def rows(self) -> int:
        return self.created + self.unchanged + self.updated

    def text(self, language: str = "en") -> str:
        return "\n".join(self.lines(language))

    def lines(self, language: str = "en") -> list[str]:
        """The summary for a person: the records the file is about first, then the others."""
        zh = language == "zh"
        head = self._head_zh() if zh else self._head()
        if self.dry_run:
            head = ("试运行，未写入任何内容：" if zh else "dry run, nothing written: ") + head
        tickets = self._tickets_zh() if zh else self._tickets()
        customers = self._customers_zh() if zh else self._customers()
        notes = [n.say(language) for n in self.notes]
        return [head, *tickets, *customers, *notes, *file_notes(self, language)]

    def _head(self) -> str:
        would = self.dry_run
        noun, plural, _ = NOUNS[self.what]
        parts = [f"{_count(self.created, noun, plural)} {'would be created' if would else 'created'}"]
        if self.updated:
            parts.append(
                f"{self.updated} {'would be updated' if would else 'updated'} "
                f"({_named(self.updates, False, '; ')})"
            )
        if self.unchanged:
            parts.append(f"{self.unchanged} already on file, unchanged")
        if self.differing:
            parts.append(
                f"{len(self.differing)} of those with a different description in the file "
                f"({_named(self.differing, False)}), kept as on file: an import never changes a ticket "
                "(add a note with the right text)"
            )
        if self.follow_ups:
            parts.append(
                f"{_count(self.follow_ups, 'low score')} {'would book' if would else 'booked'} "
                "the supervisor's follow-up"
            )
        if self.followed_up:
            were = "low score was" if self.followed_up == 1 else "low scores were"
            parts.append(f"{self.followed_up} {were} already followed up")
        if self.low_too_old:
            parts.append(
                f"{_count(self.low_too_old, 'low score')} older than the policy's look-back "
                f"({self.look_back_days} days) marked high priority, no follow-up booked now"
            )
        if self.reopened:
            parts.append(
                f"{_count(len(self.reopened), 'ticket')} {'would be reopened' if would else 'reopened'} "
                f"({_named(self.reopened, False)})"
            )
        return f"{self.source}: " + ", ".join(parts)

    def _head_zh(self) -> str:
        will = "将" if self.dry_run else ""
        unit = NOUNS[self.what][2]
        parts = [f"{will}新建 {self.created} {unit}"]
        if self.updated:
            parts.append(f"{will}更新 {self.updated} {unit}（{_named(self.updates, True, '; ')}）")
        if self.unchanged:
            parts.append(f"{self.unchanged} {unit}已在档案中，未改动")
        if self.differing:
            parts.append(
                f"其中 {len(self.differing)} 张的描述与文件不同（{_named(self.differing, True)}），"
                "按档案保留：导入从不修改已有工单（请加备注写明正确内容）"
            )
        if self.follow_ups:
            parts.append(f"{self.follow_ups} 条低分{'将' if self.dry_run else '已'}安排主管跟进回访")
        if self.followed_up:
            parts.append(f"{self.followed_up} 条低分已跟进过")
        if self.low_too_old:
            parts.append(
                f"{self.low_too_old} 条低分早于策略的回看期（{self.look_back_days} 天），"
                "只标为高优先级，不再安排跟进"
            )
        if self.reopened:
            parts.append(f"{will}重开 {len(self.reopened)} 张工单（{_named(self.reopened, True)}）")
        return f"{self.source}：" + "，".join(parts)

    def _tickets(self) -> list[str]:
        lines = []
        if self.tickets_created:
            lines.append(
                f"tickets: {self.tickets_created} {'would be created' if self.dry_run else 'created'}"
            )
        if self.tickets_open:
            lines.append(
                "tickets left open, as the file does not say they were solved "
                f"(on the queue now): {_named(self.tickets_open, False)}"
            )
        if self.tickets_stamped:
            lines.append(
                f"tickets: {self.tickets_stamped} resolved with no time given (解决时间): "
                "stamped at their feedback time"
            )
        if self.no_customer:
            lines.append(
                f"tickets: {self.no_customer} name no customer: filed under the customer "
                "'not recorded' (未记录客户)"
            )
        return lines

    def _tickets_zh(self) -> list[str]:
        lines = []
        if self.tickets_created:
            lines.append(f"工单：{'将' if self.dry_run else ''}新建 {self.tickets_created} 张")
        if self.tickets_open:
            lines.append(
                f"以下工单文件未写明已解决，仍为未完成（进入工单队列）：{_named(self.tickets_open, True)}"
            )
        if self.tickets_stamped:
            lines.append(f"工单：{self.tickets_stamped} 张已解决但没有写解决时间，按反馈时间记录")
        if self.no_customer:
            lines.append(f"工单：{self.no_customer} 张没有写客户，归入“未记录客户”")
        return lines

    def _customers(self) -> list[str]:
        would = self.dry_run
        parts = []
        if self.customers_created:
            parts.append(f"{self.customers_created} {'would be created' if would else 'created'}")
        if self.customers_filled:
            parts.append(
                f"{len(self.customers_filled)} {'would be filled' if would else 'filled'} in where blank "
                f"({_named(self.customers_filled, False, '; ')})"
            )
        if self.customers_kept:
            parts.append(
                f"{len(self.customers_kept)} described otherwise in the file, kept as on file "
                "(edit the customer or import the customer list to change them: "
                f"{_named(self.customers_kept, False, '; ')})"
            )
        lines = [f"customers: {', '.join(parts)}"] if parts else []
        if self.phones_masked:
            lines.append(
                f"phones written masked (with *), so not kept: {_named(self.phones_masked, False)}; "
                "give the full number to keep it"
            )
        return lines

    def _customers_zh(self) -> list[str]:
        will = "将" if self.dry_run else ""
        parts = []
        if self.customers_created:
            parts.append(f"{will}新建 {self.customers_created} 位")
        if self.customers_filled:
            parts.append(
                f"{will}补全 {len(self.customers_filled)} 位的空白信息"
                f"（{_named(self.customers_filled, True, '; ')}）"
            )
        if self.customers_kept:
            parts.append(
                f"{len(self.customers_kept)} 位与文件所写不同，按档案保留（如需修改请编辑客户或导入客户档案："
                f"{_named(self.customers_kept, True, '; ')}）"
            )
        lines = [f"客户：{'，'.join(parts)}"] if parts else []
        if self.phones_masked:
            lines.append(
                f"文件中的电话已打码（含 *），未保存：{_named(self.phones_masked, True)}；请提供完整号码"
            )
        return lines


def table_notes(table) -> dict:
    """The ImportSummary fields that describe the file rather than its records."""
    source = f"{table.name} [{table.sheet}]" if table.sheet else table.name
    return dict(
        source=source,
        ignored=tuple(table.ignored),
        above=tuple(table.above),
        fields_above=tuple(f"{table.headers.get(n, n)} = {v}" for n, v in table.fields_above.items()),
        notes=tuple(table.notes),
    )


def file_notes(summary: ImportSummary, language: str = "en") -> list[str]:
    """What was read around the table: fields above it, columns ignored, text skipped."""
    zh = language == "zh"
    lines = []
    if summary.fields_above:
        said = "表格上方读取、用于每一行：" if zh else "read above the table, for every row: "
        lines.append(said + "; ".join(summary.fields_above))
    if summary.ignored:
        lines.append(
            ("未导入的列：" if zh else "columns ignored: ") + "; ".join(_grouped(summary.ignored, language))
        )
    if summary.above:
        said = "表头上方跳过的内容：" if zh else "skipped above the header: "
        lines.append(said + "; ".join(a[:60] for a in summary.above[:SHOWN]))
    return lines


def _grouped(ignored, language: str) -> list[str]:
    """序号, 填表人: not imported; 回访日期, 回访方式: belongs to ... (one entry per reason)."""
    reasons: dict[str, list[str]] = {}
    for header, why in ignored:
        reasons.setdefault(why.say(language), []).append(header)
    return [f"{', '.join(headers)}: {why}" for why, headers in reasons.items()]


def refusal_preview(refused, table, language: str = "en", shown: int = 20) -> list[str]:
    """A dry run's account of a file that would be refused: its rows, what was read around the
    table, and the first problems, each problem said once with the rows that have it (the real
    run lists them all, one per row)."""
    zh = language == "zh"
    bad = len({line for line, _ in refused.problems})
    read = len(table.rows) + len({line for line, _ in table.problems})
    about = ImportSummary("tickets", **table_notes(table))
    if zh:
        head = (
            f"试运行，未写入任何内容：{about.source}：读取 {read} 行，其中 {bad} 行有问题；"
            "按现在的样子整个文件会被拒绝，不会导入任何内容"
        )
    else:
        head = (
            f"dry run, nothing written: {about.source}: {read} rows read, {bad} with problems; "
            "as it is the file would be refused, nothing imported"
        )
    groups = _problem_groups(refused, language)
    count = f"{min(shown, len(groups))} of {len(groups)}"
    lines = [
        head,
        *(n.say(language) for n in about.notes),
        *file_notes(about, language),
        f"前 {min(shown, len(groups))} 个问题（共 {len(groups)} 个）："
        if zh
        else f"first problems ({count}):",
    ]
    for where, reason in groups[:shown]:
        lines.append(f"  {where}: {reason}")
    return lines


def _problem_groups(refused, language: str) -> list[tuple[str, str]]:
    """(where, reason) per distinct reason, in the order they first occur: a value that is wrong
    on 45 rows is one problem with its rows, not 45 lines to read past."""
    rows: dict[str, list[int]] = {}
    for (line, _), said in zip(refused.problems, refused.lines(language), strict=True):
        reason = said[len(refused.where(line, language)) + 2 :]
        rows.setdefault(reason, []).append(line)
    zh = language == "zh"
    groups = []
    for reason, lines in rows.items():
        if len(lines) == 1:
            groups.append((refused.where(lines[0], language), reason))
            continue
        numbers = ("、" if zh else ", ").join(str(n) for n in lines[:5])
        if zh:
            where = f"{refused.source} 第 {numbers} 行" + (f" 等 {len(lines)} 行" if len(lines) > 5 else "")
        else:
            word = "rows" if refused.rows_of_sheet else "lines"
            more = f" and {len(lines) - 5} more" if len(lines) > 5 else ""
            where = f"{refused.source} {word} {numbers}{more}"
        groups.append((where, reason))
    return groups
