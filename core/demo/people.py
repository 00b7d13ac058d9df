"""The demo floor's people and partners: agents, supervisors, customers, departments."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from peewee import fn

from core.demo import names
from core.demo.clockwork import DAY, HOUR, Stamps, instant, seconds
from core.floor import Session
from core.policy import Policy, WorkingCalendar
from db.bulk import insert_rows
from db.models import Agent, Customer, Department
from db.rows import as_tuples

ENGLISH_CUSTOMERS = 0.22


@dataclass
class Cast:
    """Who works the floor and who calls it."""

    agents: dict  # language -> logins of the agents who work in it
    supervisors: list  # logins
    ids: dict  # login -> agent id
    customers: list  # (customer id, language)
    customer_weights: list  # how often each customer calls, relative
    departments: dict  # department name -> id
    department_hours: dict = field(default_factory=dict)  # department name -> online hours ("08:00-18:00")


def working_moment(calendar: WorkingCalendar, rng: random.Random, ts: int) -> int:
    """A moment of the floor's working hours at or soon after ts (someone entered a record)."""
    return seconds(calendar.add_business_time(instant(ts), timedelta(seconds=rng.randrange(6 * HOUR))))


def add_staff(session: Session, rng: random.Random, now: int, stamps: Stamps) -> tuple[dict, list, dict]:
    """Adds the demo's agents and supervisors who are not on the floor yet.

    Returns (language -> agent logins, supervisor logins, login -> id); session.login is
    counted among the supervisors.
    """
    ids: dict[str, int] = dict(as_tuples(Agent.select(Agent.login, Agent.id)))
    next_id = (Agent.select(fn.MAX(Agent.id)).scalar() or 0) + 1
    rows, supervisors = [], [session.login]
    by_language: dict[str, list[str]] = {"zh": [], "en": []}
    for role, people in (("agent", names.AGENTS), ("supervisor", names.SUPERVISORS)):
        for login, display, team, language in people:
            if login not in ids:
                joined = working_moment(session.policy.calendar, rng, now - rng.randint(60, 900) * DAY)
                rows.append((next_id, login, display, role, team, True, stamps.db(joined)))
                ids[login] = next_id
                next_id += 1
            (by_language[language] if role == "agent" else supervisors).append(login)
    insert_rows(Agent, ("id", "login", "display_name", "role", "team", "active", "created_at"), rows)
    supervisors = list(dict.fromkeys(supervisors))
    return by_language, supervisors, ids


def add_customers(session: Session, rng: random.Random, count: int, now: int, stamps: Stamps):
    """count customers; returns [(id, language)] and how often each calls (VIPs more)."""
    calendar = session.policy.calendar
    taken = {code for (code,) in as_tuples(Customer.select(Customer.code))}
    next_id = (Customer.select(fn.MAX(Customer.id)).scalar() or 0) + 1
    rows, cast, weights, number = [], [], [], 0
    for _ in range(count):
        number += 1
        while f"C{number:05d}" in taken:
            number += 1
        english = rng.random() < ENGLISH_CUSTOMERS
        name, short, industry = names.company(rng, english)
        kind = names.customer_type(rng)
        age_days = rng.randint(3, 75) if kind == "new" else rng.randint(100, 1100)
        delivered = calendar.local(instant(now - age_days * DAY)).date()
        created = working_moment(calendar, rng, now - (age_days + rng.randint(2, 30)) * DAY)
        contact = names.person_en(rng) if english else names.contact_zh(rng)
        rows.append(
            (
                next_id,
                f"C{number:05d}",
                name,
                short,
                contact,
                names.mobile(rng),
                kind,
                industry,
                delivered.isoformat(),
                stamps.db(created),
            )
        )
        cast.append((next_id, "en" if english else "zh"))
        weights.append({"vip": 3.0, "old": 1.5, "new": 1.0}[kind] * min(8.0, rng.paretovariate(1.6)))
        next_id += 1
    insert_rows(
        Customer,
        (
            "id",
            "code",
            "name",
            "short_name",
            "contact_person",
            "phone",
            "type",
            "industry",
            "delivery_date",
            "created_at",
        ),
        rows,
    )
    return cast, weights


def add_departments(session: Session, rng: random.Random, policy: Policy) -> tuple[dict, dict]:
    """The contact directory: filled from the policy when empty; contacts added where missing.
    Returns (department name -> id, department name -> online hours or None)."""
    existing = {d.name: d for d in Department.select().order_by(Department.id)}
    next_id = max((d.id for d in existing.values()), default=0) + 1
    rows = []
    for dept in policy.departments:
        contact, phone = names.person_zh(rng), names.mobile(rng)
        backup, backup_phone = names.person_zh(rng), names.mobile(rng)
        if not existing:
            rows.append((next_id, dept.id, contact, phone, backup, backup_phone, dept.hours or None, True))
            next_id += 1
        elif dept.id in existing and existing[dept.id].contact_person is None:
            (
                Department.update(
                    contact_person=contact, phone=phone, backup_contact=backup, backup_phone=backup_phone
                )
                .where(Department.id == existing[dept.id].id)
                .execute()
            )
    insert_rows(
        Department,
        ("id", "name", "contact_person", "phone", "backup_contact", "backup_phone", "online_hours", "active"),
        rows,
    )
    active = Department.select(Department.name, Department.id, Department.online_hours).where(
        Department.active == True  # noqa: E712
    )
    listed = list(as_tuples(active))
    return {name: id_ for name, id_, _ in listed}, {name: hours for name, _, hours in listed}
