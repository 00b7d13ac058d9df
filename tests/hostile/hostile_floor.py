"""A floor where every text a person or a file can type holds hostile text: Rich markup,
terminal escapes (colour, clear screen, window title), CR, a right-to-left override and
one very long line. Shared by the screen tests (Pilot) and the tmux test.

Texts go in through core where core takes them as they are; phones (which core checks) and the
department name go straight into the rows, as an older import or another tool could leave them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from core.admin import setup as admin
from core.callbacks.schedule import schedule_callbacks
from core.callbacks.scripts import DEFAULT_FOLDER, load_scripts
from core.customers.records import CustomerForm, add_customer, set_callback_preferences
from core.floor.session import Session
from core.handoffs import lifecycle as handoffs
from core.handoffs.directory import add_department
from core.people.agents import add_agent
from core.tickets import lifecycle as tickets
from db.models import Callback, Customer, Department
from tests.hostile.toml_text import value

MARKUP = "[bold red]X[/]"
LINK = "[link=http://x]y[/link]"
ESCAPES = "\x1b[31mRED\x1b]0;title\x07"
CLEAR = "\x1b[2J"
HOSTILE = f"{MARKUP} {LINK} {ESCAPES} {CLEAR}a\rbc \u202eevil"
"""One field's text: everything at once, short enough to show in an 80-column row. No NUL: core
refuses it in any text (a PostgreSQL text cannot hold it), tests/hostile's property tests try it."""
LONG_LINE = HOSTILE + " " + "长" * 3000
RAW = ("\x1b", "\x07", "\x00", "\r", "\x9b", "\u202e")
"""What must never reach the terminal as it is."""


@dataclass(frozen=True)
class HostileFloor:
    ref: str
    """The hostile customer's ticket: long description, notes, contacts, handoffs."""
    resolved_ref: str
    callback_id: int
    """An open callback for the hostile customer (the call screen)."""


def hostile_script(tmp_path, group: str = "resolved", version: int = 2):
    """The shipped script of group with hostile title, opening, closing and question texts."""
    raw = tomllib.loads((DEFAULT_FOLDER / f"{group}.toml").read_text(encoding="utf-8"))
    raw.update(
        version=version,
        title=f"{HOSTILE} title",
        opening=f"{HOSTILE} {{customer}} opening",
        closing=f"{HOSTILE} closing",
    )
    for question in raw["questions"]:
        question["text"] = f"{HOSTILE} {question['text']}"
        if "options" in question:
            question["options"] = [f"{MARKUP}{n}" for n, _ in enumerate(question["options"])]
    lines = [f"{k} = {value(v)}" for k, v in raw.items() if k != "questions"]
    for question in raw["questions"]:
        lines.append("[[questions]]")
        lines.extend(f"{k} = {value(v)}" for k, v in question.items())
    path = tmp_path / f"{group}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build(session: Session, as_li: Session, tmp_path) -> HostileFloor:
    """Fill session's floor (a supervisor's) with hostile text everywhere; li works the tickets."""
    admin.init_floor(session)
    add_agent(session, "eve", HOSTILE)
    add_customer(
        session,
        CustomerForm(
            code="X1",
            name=HOSTILE,
            short_name=f"{MARKUP}\x1b[2J短",
            contact_person=HOSTILE,
            phone="13900001111",
            type="vip",
            industry=HOSTILE,
        ),
    )
    set_callback_preferences(session, "X1", call_time="14:00-17:00")
    Customer.update(phone=f"139{ESCAPES}1111").where(Customer.code == "X1").execute()
    add_department(session, "qa_lab", contact=HOSTILE, phone="\x1b[2J137", backup_contact=HOSTILE)
    Department.update(name=f"qa{MARKUP}\x1b[2J").where(Department.name == "qa_lab").execute()

    ref = tickets.intake(session, tickets.NewTicket("X1", "phone", LONG_LINE, mood="angry"))
    tickets.add_note(session, ref, f"note {HOSTILE}")
    tickets.log_contact(as_li, ref, "out", f"contact {HOSTILE}")
    tickets.log_contact(as_li, ref, "in", f"inbound {HOSTILE}")
    added = handoffs.add_handoff(
        session, ref, "warehouse", f"need {HOSTILE}", "+2h", problem=f"problem {HOSTILE}"
    )
    handoffs.answer_handoff(session, added.id, f"answer {HOSTILE}")
    handoffs.add_handoff(session, ref, "tech", f"open {HOSTILE}", "+1h")

    resolved = tickets.intake(session, tickets.NewTicket("X1", "email", f"resolved {HOSTILE}"))
    tickets.claim(as_li, resolved)
    tickets.set_status(as_li, resolved, "resolved", f"resolution {HOSTILE}", confirmation=f"ok {HOSTILE}")
    load_scripts(session, [hostile_script(tmp_path)])
    [task] = [t for t in schedule_callbacks(session) if t.group == "resolved"]
    Callback.update(
        feedback=f"feedback {HOSTILE}",
        suggestion=f"suggestion {HOSTILE}",
        remarks=f"remarks {HOSTILE}",
        due_from=session.now(),  # callable now, not from the customer's 14:00: the call screen opens it
    ).where(Callback.id == task.id).execute()
    return HostileFloor(ref, resolved, task.id)
