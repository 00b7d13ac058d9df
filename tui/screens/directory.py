"""The contact directory (紧急联络表): every department with its contact person, phone, backup
contact and online hours, and whether it is online now. Supervisors edit an entry (e, or
Enter) and add a department (n); for an agent the screen is read-only. Esc goes back."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from core.basics import CallfloorError
from core.floor import Changes
from core.handoffs import DepartmentView
from core.handoffs import directory as departments
from tui.base.drafts import Draft
from tui.base.screen import FloorScreen
from tui.i18n import directory as _words  # noqa: F401  (registers the directory's words)
from tui.i18n import tr
from tui.labels import label
from tui.modals.action import ActionModal, Outcome
from tui.modals.text_entry import TextEntryModal, TextField
from tui.text.cells import cell
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import StatusLine

TICK_SECONDS = 30
"""Online marks follow the clock: worked out again this often (a repaint only when one flips)."""
ENTRY_FIELDS = (
    TextField("contact", "directory.field.contact", required=False),
    TextField("phone", "directory.field.phone", required=False),
    TextField("backup_contact", "directory.field.backup_contact", required=False),
    TextField("backup_phone", "directory.field.backup_phone", required=False),
    TextField("hours", "directory.field.hours", required=False),
)
"""An entry's fields, in the order the form asks for them; an emptied one is cleared."""
NAME_FIELD = TextField("name", "directory.field.name")
ONLINE_STYLE = "$success"
OFFLINE_STYLE = "$warning bold"


class DepartmentList(OptionList):
    """One department an entry (two lines); arrows or j/k move."""

    BINDINGS = [
        Binding("j", "cursor_down", "directory.key.down", show=False, id="directory.down"),
        Binding("k", "cursor_up", "directory.key.up", show=False, id="directory.up"),
    ]


def entry_values(dept: DepartmentView) -> dict[str, str]:
    """A department's entry as the edit form starts it."""
    return {
        "contact": dept.contact_person or "",
        "phone": dept.phone or "",
        "backup_contact": dept.backup_contact or "",
        "backup_phone": dept.backup_phone or "",
        "hours": dept.online_hours or "",
    }


def entry_lines(name: str, dept: DepartmentView, online: bool) -> Content:
    """Name (the policy's word and the directory's id), online hours and the mark for now;
    under it the contact person and phone, then the backup contact and phone. Plain text:
    whatever a supervisor typed is shown as typed, never read as markup."""
    hours = tr("directory.hours", hours=dept.online_hours or tr("directory.always"))
    mark = (tr("directory.online"), ONLINE_STYLE) if online else (tr("directory.offline"), OFFLINE_STYLE)
    first = Content(cell(name, 34) + " " + cell(hours, 20) + " ")
    second = "  ".join(
        (
            f"  {tr('directory.contact')} "
            + cell(dept.contact_person or "-", 12)
            + " "
            + cell(dept.phone or "-", 13),
            f"{tr('directory.backup')} "
            + cell(dept.backup_contact or "-", 12)
            + " "
            + cell(dept.backup_phone or "-", 13),
        )
    )
    return Content.assemble(first, mark, "\n", Content(second.rstrip()))


class DirectoryScreen(FloorScreen):
    AUTO_FOCUS = "DepartmentList"
    BINDINGS = [
        Binding("e", "edit", "directory.key.edit", id="directory.edit"),
        Binding("n", "add", "directory.key.add", id="directory.add"),
        Binding("escape", "back", "directory.key.back", id="directory.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[DepartmentView] = []
        """The departments listed, in the order shown (by name)."""
        self.supervisor = False
        """Whether the person here keeps the directory (core refuses anyone else anyway)."""
        self._shown: tuple | None = None
        """What the list was last drawn from: (entries, online marks, language of the names,
        whether the person keeps the directory)."""
        self._wanted: str | None = None
        """A department to put the cursor on at the next read (the one just added or saved)."""

    def compose(self) -> ComposeResult:
        yield StatusLine(id="directory-title")
        yield DepartmentList(id="directory-list", compact=True)
        yield StatusLine(id="directory-note")
        yield KeyBar()

    def on_mount(self) -> None:
        note = self.query_one("#directory-note", StatusLine)
        note.text = tr("directory.read_only")
        note.display = False  # until the first read says who is here
        # No read here: the screen's first resume (right after mount) reads the directory.
        self.set_interval(TICK_SECONDS, self.show)

    def on_screen_resume(self) -> None:
        # Back from a form or another view: our own writes do not move the change signal.
        self.load()

    @property
    def listing(self) -> DepartmentList:
        return self.query_one(DepartmentList)

    def cares_about(self, changes: Changes) -> bool:
        return changes.any_of("department", "agent")

    def floor_changed(self) -> None:
        if self.in_view:
            self.load()

    def load(self) -> None:
        """Read the directory, and whether the person here keeps it, in a thread; a newer read
        overtakes an older one. Unreadable: the last list read stays on screen."""
        session = self.session

        def read() -> tuple[bool, list[DepartmentView]]:
            # is_supervisor reads the agent the first time (then it is kept in the session)
            return session.is_supervisor, departments.list_departments(session)

        def unreadable(error: CallfloorError) -> None:
            self.report(error)
            self.query_one("#directory-note", StatusLine).display = not self.supervisor

        self.ask(read, self._read, failed=unreadable, group="load", exclusive=True)

    def _read(self, found: tuple[bool, list[DepartmentView]]) -> None:
        supervisor, self.entries = found
        if supervisor != self.supervisor:
            self.supervisor = supervisor
            self.refresh_bindings()
        self.query_one("#directory-note", StatusLine).display = not supervisor
        self.show()

    def show(self) -> None:
        """Draw the list (only when something shown changed), keeping the cursor on its department."""
        if not self.in_view and self._shown is not None:
            return
        now = self.session.now()
        tz = self.session.policy.calendar.tz
        marks = tuple(departments.is_online(d.online_hours, now, tz) for d in self.entries)
        self.query_one("#directory-title", StatusLine).text = "  ".join(
            (
                tr("directory.title"),
                tr(
                    "directory.count",
                    count=len(self.entries),
                    time=self.session.policy.calendar.local(now).strftime("%H:%M"),
                ),
            )
        )
        shown = (tuple(self.entries), marks, tr("directory.online"), self.supervisor)
        if shown == self._shown and self._wanted is None:
            return
        self._shown = shown
        listing = self.listing
        current = self._wanted or self.current_name()
        self._wanted = None
        listing.clear_options()
        if not self.entries:
            listing.add_option(
                Option(
                    Content(tr("directory.none.supervisor" if self.supervisor else "directory.none")),
                    disabled=True,
                )
            )
        else:
            listing.add_options(
                [
                    Option(entry_lines(self.name_of(d.name), d, online), id=d.name)
                    for d, online in zip(self.entries, marks, strict=True)
                ]
            )
            names = [d.name for d in self.entries]
            listing.highlighted = names.index(current) if current in names else 0
        self.refresh_bindings()

    def name_of(self, ident: str) -> str:
        """The policy's word for a department in the current language, with the directory's id."""
        words = label(self.session.policy, "department", ident)
        return ident if words == ident else f"{words} ({ident})"

    def current_name(self) -> str | None:
        option = self.listing.highlighted_option if self.is_mounted else None
        return option.id if option is not None and not option.disabled else None

    def current(self) -> DepartmentView | None:
        name = self.current_name()
        return next((d for d in self.entries if d.name == name), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An agent reads the directory: the keys that change it are not there for them."""
        if action == "add":
            return self.supervisor
        if action == "edit":
            return self.supervisor and self.current() is not None
        return True

    # Actions -----------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#directory-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a department edits it, for the people who may."""
        event.stop()
        if self.supervisor:
            self.action_edit()

    def action_edit(self) -> None:
        dept = self.current()
        if dept is None or not self.supervisor:
            return
        name, session = self.name_of(dept.name), self.session
        saved: list[str] = []

        def apply(values: dict[str, str]) -> str:
            """In a thread (tui/modals/action.py): core and words only."""
            saved.append(departments.update_department(session, dept.name, **values).name)
            return tr("directory.done.edit", name=name)

        self._form(
            f"dept:{dept.name}",
            entry_values(dept),
            lambda start: TextEntryModal(
                tr("directory.form.edit", name=name), list(ENTRY_FIELDS), apply, start, dense=True
            ),
            saved,
        )

    def action_add(self) -> None:
        if not self.supervisor:
            return
        session, name_of = self.session, self.name_of
        added: list[str] = []

        def apply(values: dict[str, str]) -> str:
            """In a thread (tui/modals/action.py): core and words only."""
            department = departments.add_department(
                session,
                values["name"],
                contact=values["contact"],
                phone=values["phone"],
                hours=values["hours"].strip() or None,
                backup_contact=values["backup_contact"],
                backup_phone=values["backup_phone"],
            )
            added.append(department.name)
            return tr("directory.done.add", name=name_of(department.name))

        self._form(
            "new",
            {},
            lambda start: TextEntryModal(
                tr("directory.form.add"), [NAME_FIELD, *ENTRY_FIELDS], apply, start, dense=True
            ),
            added,
        )

    def _form(
        self,
        name: str,
        start: dict[str, str],
        make: Callable[[dict[str, str]], ActionModal],
        saved: list[str],
    ) -> None:
        """Open a form from its draft, else from start; a cancelled form's changed typing
        becomes the draft (kept for the session). saved: where the form's apply puts the name
        of the department it saved, for the cursor to go to."""
        draft = Draft(self.app, ("directory", name), start)
        if draft.still_saving():
            return

        def finished(outcome: Outcome | None) -> None:
            if outcome is None:
                return
            draft.closed(outcome)
            if outcome.done and saved:
                self._wanted = saved[-1]
            # The list is read again when this screen resumes, right after the form closes.

        def late(outcome: Outcome) -> None:
            """A save the agent left with Esc went through: its draft is no longer one, and
            the list (read when the form closed, before the save) is read again."""
            if draft.saved_late(outcome) and self.is_attached:  # the cursor stays where the agent went
                self.load()

        form = make(draft.values or start)
        form.after_close = late
        self.app.push_screen(form, finished)
