"""The contact directory (紧急联络表): departments, their contacts and online hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from core.basics import InvalidInput, NotFound, Refused, Term, optional_text, require_text
from core.floor import Session, audit, reading
from core.policy import parse_hours
from db.models import Department


@dataclass(frozen=True)
class DepartmentView:
    name: str
    contact_person: str | None
    phone: str | None
    backup_contact: str | None
    backup_phone: str | None
    online_hours: str | None


def view(dept: Department) -> DepartmentView:
    return DepartmentView(
        dept.name, dept.contact_person, dept.phone, dept.backup_contact, dept.backup_phone, dept.online_hours
    )


ADD_HINT = "department.hint.add"
LIST_HINT = "department.hint.list"
"""What a department that is not found says to do (codes of their words)."""


def find_department(session: Session, name: str, hint: str = ADD_HINT) -> Department:
    """By its directory name, or the Chinese or English name the policy gives it. hint: the
    code of what to do when it is not there."""
    typed = (name or "").strip()
    for dept in Department.select().where(Department.active == True):  # noqa: E712
        if dept.name.lower() == typed.lower():
            return dept
    for label in session.policy.departments:
        if typed.lower() in (label.zh.lower(), label.en.lower()):
            found = Department.get_or_none(Department.name == label.id)
            if found:
                return found
    known = ", ".join(d.name for d in Department.select().order_by(Department.name))
    raise NotFound(
        "department.not_found", name=typed, known=known or Term("department.none_yet"), hint=Term(hint)
    )


def add_department(
    session: Session,
    name: str,
    contact: str | None = None,
    phone: str | None = None,
    hours: str | None = None,
    backup_contact: str | None = None,
    backup_phone: str | None = None,
) -> DepartmentView:
    """Supervisors keep the directory."""
    name = require_text(name, "department", 64, "department.name.hint").strip()
    if hours is not None:
        _check_hours(hours)
    values = dict(
        contact_person=optional_text(contact, "contact", 100),
        phone=optional_text(phone, "phone", 32),
        backup_contact=optional_text(backup_contact, "backup contact", 100),
        backup_phone=optional_text(backup_phone, "backup phone", 32),
        online_hours=hours,
    )
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            "department.supervisor_only",
            login=session.login,
            action="add a department",
            target=name,
        )
    with session.writing():
        if Department.get_or_none(Department.name == name):
            raise Refused("department.exists", name=name)
        dept = Department.create(name=name, **values)
    return view(dept)


_TEXT_FIELDS = {
    "contact": ("contact_person", "contact", 100),
    "phone": ("phone", "phone", 32),
    "backup_contact": ("backup_contact", "backup contact", 100),
    "backup_phone": ("backup_phone", "backup phone", 32),
}
"""update_department's text fields: keyword -> (column, name in messages, most characters)."""


def update_department(
    session: Session,
    name: str,
    *,
    contact: str | None = None,
    phone: str | None = None,
    hours: str | None = None,
    backup_contact: str | None = None,
    backup_phone: str | None = None,
) -> DepartmentView:
    """Supervisors correct a department's entry. None leaves a field as it is; "" (or blanks)
    clears it (no hours: online at any time). Checked like add_department; a refused or
    invalid change changes nothing."""
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            "department.supervisor_only",
            login=session.login,
            action="edit a department",
            target=str(name),
        )
    given = dict(contact=contact, phone=phone, backup_contact=backup_contact, backup_phone=backup_phone)
    values: dict[str, str | None] = {}
    for key, value in given.items():
        if value is not None:
            column, field, most = _TEXT_FIELDS[key]
            text = optional_text(value, field, most)
            values[column] = text.strip() if text else None
    if hours is not None:
        values["online_hours"] = _canonical_hours(hours) if isinstance(hours, str) and hours.strip() else None
    with session.writing():
        dept = find_department(session, name, LIST_HINT)
        if values:
            Department.update(**values).where(Department.id == dept.id).execute()
            dept = Department.get_by_id(dept.id)
    return view(dept)


def _check_hours(hours) -> tuple[time, time]:
    span = parse_hours(hours)
    if span is None:
        raise InvalidInput("hours", "department.hours_invalid", hours=hours)
    return span


def _canonical_hours(hours: str) -> str:
    """Checked, and written the one way the directory shows hours: 8:00 - 18:00 is 08:00-18:00."""
    start, end = _check_hours(hours)
    return f"{start:%H:%M}-{end:%H:%M}"


@reading
def list_departments(session: Session) -> list[DepartmentView]:
    session.require_agent()
    return [view(d) for d in Department.select().where(Department.active == True).order_by(Department.name)]  # noqa: E712


def is_online(hours: str | None, at: datetime, tz) -> bool:
    """Whether at (floor time) falls inside online hours like "08:00-18:00" (none: always)."""
    span = parse_hours(hours) if hours else None
    if span is None:
        return True
    local: time = at.astimezone(tz).time()
    return span[0] <= local < span[1]
