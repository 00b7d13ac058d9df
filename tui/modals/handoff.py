"""The handoff forms of a ticket (docs/floor.md, Handoffs): the department picked from the directory,
each with its contact, phone and online hours; then one of the ticket's handoffs picked for
its next stage (answered, synced to the customer). The screen supplies what each form does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo

from textual.content import Content

from core.handoffs import DepartmentView, HandoffView
from core.policy import Policy
from tui.i18n import ticket as _words  # noqa: F401  (registers the forms' words)
from tui.i18n import tr
from tui.labels import label
from tui.modals.action import ActionModal, Apply
from tui.modals.choice import ChoiceModal
from tui.modals.text_entry import TextEntryModal, TextField
from tui.text.cells import cell
from tui.text.floor_time import floor_time

HANDOFF_FIELDS = (
    TextField("need", "ticket.field.need"),
    TextField("due", "ticket.field.due"),
    TextField("problem", "ticket.field.problem", required=False),
)
"""The request's parts after the department; the problem defaults to the description's first line."""
ANSWER_FIELDS = (TextField("answer", "ticket.field.answer"),)
MARK_STYLE = "$warning bold"
LINE_CELLS = 66
"""A pick-list line cut to the list's width at 80 columns (the whole text is on the timeline)."""


def department_option(policy: Policy, dept: DepartmentView, online: bool) -> tuple[str, Content]:
    """One directory entry on one line (two when it is outside its online hours now):
    name, contact person, phone, online hours."""
    line = tr(
        "ticket.dept.option",
        name=cell(label(policy, "department", dept.name), 14),
        contact=cell(dept.contact_person or "-", 10),
        phone=cell(dept.phone or "-", 13),
        hours=dept.online_hours or tr("ticket.dept.always"),
    )
    words = Content(cell(line, LINE_CELLS).rstrip())
    if not online:
        words = Content.assemble(words, "\n  ", (tr("ticket.dept.offline"), MARK_STYLE))
    return dept.name, words


def handoff_form(
    title: str,
    policy: Policy,
    directory: list[DepartmentView],
    online: Callable[[DepartmentView], bool],
    apply: Apply,
    draft: dict[str, str] | None,
) -> ActionModal:
    """Department from the list, then what is needed, by when, and (optionally) the problem."""
    options = [department_option(policy, dept, online(dept)) for dept in directory]
    return ChoiceModal(
        title,
        "ticket.field.department",
        options,
        None,
        apply,
        draft,
        fields=HANDOFF_FIELDS,
        hint="modal.hint.handoff",
        dense=True,
    )


class HandoffWords:
    """A ticket's handoffs as pick-list lines: names in the agent's language, times in floor time."""

    def __init__(self, policy: Policy, tz: tzinfo, today: date) -> None:
        self.policy, self.tz, self.today = policy, tz, today

    def line(self, handoff: HandoffView) -> str:
        """#id, department, when it is due and what was asked, as one line of plain text."""
        department = cell(label(self.policy, "department", handoff.department), 12)
        return cell(
            tr(
                "ticket.handoff.option",
                number=handoff.id,
                department=department,
                due=floor_time(handoff.due_at, self.tz, self.today),
                need=handoff.need,
            ),
            LINE_CELLS,
        ).rstrip()

    def option(self, handoff: HandoffView) -> tuple[str, Content]:
        """A pick-list entry; an answered one shows the answer under it (what to tell the customer)."""
        words = Content(self.line(handoff))
        if handoff.answer:
            said = cell(tr("ticket.handoff.said", answer=handoff.answer), LINE_CELLS - 2).rstrip()
            words = Content.assemble(words, "\n  ", Content(said))
        return str(handoff.id), words


def answer_form(
    ref: str, waiting: list[HandoffView], words: HandoffWords, apply: Apply, draft: dict[str, str] | None
) -> ActionModal:
    """What the department answered: straight to the answer when only one handoff waits,
    else the handoff picked first. apply's values carry "choice" (the id) only in the latter."""
    if len(waiting) == 1:
        title = tr("ticket.form.answer_one", ref=ref, handoff=words.line(waiting[0]))
        return TextEntryModal(title, list(ANSWER_FIELDS), apply, draft)
    return ChoiceModal(
        tr("ticket.form.answer", ref=ref),
        "ticket.field.handoff",
        [words.option(h) for h in waiting],
        None,
        apply,
        draft,
        fields=ANSWER_FIELDS,
        hint="modal.hint.pick",
        dense=True,
    )


def sync_form(ref: str, answered: list[HandoffView], words: HandoffWords, apply: Apply) -> ActionModal:
    """Which answer was told to the customer. With one it is a confirmation that shows the
    answer; Enter marks the highlighted one."""
    return ChoiceModal(
        tr("ticket.form.synced", ref=ref),
        "ticket.field.handoff",
        [words.option(h) for h in answered],
        None,
        apply,
        None,
        fields=(),
        hint="modal.hint.synced",
        dense=True,
    )
