"""Roles in core: a supervisor's move tried by an agent is refused, changes nothing, and leaves
exactly one audit row (who, what, on what, the message they saw); the supervisor succeeds.
Reassigning a ticket: who may pass on what, and the stale check."""

from __future__ import annotations

import pytest

from core.admin.setup import load_policy_into_floor
from core.basics.errors import InvalidInput, NotAllowed, Refused, StaleEdit
from core.callbacks.scripts import DEFAULT_FOLDER, load_scripts
from core.demo.build import build_demo
from core.floor.audit_reads import recent_refusals
from core.handoffs.directory import add_department, update_department
from core.importing.customers import import_customers
from core.people.agents import add_agent
from core.report.workbook import export_week
from core.tickets.assignment import reassign
from core.tickets.lifecycle import claim, set_status
from db.models import Agent, AuditEvent, Ticket, TimelineEvent
from tests.engines import everything, refuse_inserts

POLICY = '[sla]\nred = { response = "10m", solution = "2h" }\n'


def audit_rows() -> list[tuple]:
    return [
        (e.at, e.login, e.action, e.target, e.reason) for e in AuditEvent.select().order_by(AuditEvent.id)
    ]


def everything_but_the_audit(session) -> list[str]:
    """The whole database as text (SQLite's dump; a server's rows), without the audit's own rows."""
    return [line for line in everything(session.db) if "audit_event" not in line]


@pytest.fixture
def owned_by_wang(as_wang, new_ticket) -> str:
    ref = new_ticket()
    claim(as_wang, ref)
    return ref


# Each supervisor's move: (how to try it as `session`, the audit's action, its target).
MOVES = {
    "export clear": (
        lambda s, ctx: export_week(s, "2026-W46", ctx["tmp"] / f"{s.login}.xlsx", clear=True),
        "export the clear report",
        "2026-W46",
    ),
    "policy load": (lambda s, ctx: load_policy_into_floor(s, ctx["policy"]), "load a policy file", "policy"),
    "dept add": (lambda s, ctx: add_department(s, "legal", contact="周敏"), "add a department", "legal"),
    "dept set": (
        lambda s, ctx: update_department(s, "warehouse", phone="13700001111"),
        "edit a department",
        "warehouse",
    ),
    "script load": (
        lambda s, ctx: load_scripts(s, [DEFAULT_FOLDER / "complaint.toml"]),
        "load callback scripts",
        "complaint",
    ),
    "agent add": (lambda s, ctx: add_agent(s, "zhao", "赵敏"), "add an agent", "zhao"),
    "reassign another's ticket": (
        lambda s, ctx: reassign(s, ctx["ref"], "li", "我来接"),
        "reassign a ticket",
        "T000001",
    ),
    "read the audit": (lambda s, ctx: recent_refusals(s), "read the audit", "audit"),
    "import customers": (lambda s, ctx: import_customers(s, ctx["csv"]), "import customers", "customers"),
}


@pytest.fixture
def ctx(floor, tmp_path, owned_by_wang) -> dict:
    add_department(floor, "warehouse")
    policy = tmp_path / "policy.toml"
    policy.write_text(POLICY, encoding="utf-8")
    csv = tmp_path / "customers.csv"
    csv.write_text("code,name\nC900,新客户\n", encoding="utf-8")
    return {"tmp": tmp_path, "policy": policy, "ref": owned_by_wang, "csv": csv}


@pytest.mark.parametrize("move", list(MOVES))
def test_an_agent_is_refused_and_the_refusal_is_audited_once(floor, as_li, ctx, clock, move):
    attempt, action, target = MOVES[move]
    before = everything_but_the_audit(floor)
    with pytest.raises(NotAllowed) as refused:
        attempt(as_li, ctx)
    assert "supervisor" in str(refused.value)
    assert audit_rows() == [(clock.now(), "li", action, target, str(refused.value))]
    assert everything_but_the_audit(floor) == before
    assert not (ctx["tmp"] / "li.xlsx").exists()


@pytest.mark.parametrize("move", list(MOVES))
def test_the_supervisor_makes_the_same_move_unaudited(floor, ctx, move):
    attempt, _, _ = MOVES[move]
    attempt(floor, ctx)
    assert audit_rows() == []


def test_the_audit_lists_refusals_newest_first_for_a_supervisor(floor, as_li, as_wang, ctx, clock):
    with pytest.raises(NotAllowed):
        add_department(as_li, "legal")
    clock.advance(minutes=5)
    with pytest.raises(NotAllowed):
        load_policy_into_floor(as_wang, ctx["policy"])
    listed = recent_refusals(floor)
    assert [(r.login, r.action, r.target) for r in listed] == [
        ("wang", "load a policy file", "policy"),
        ("li", "add a department", "legal"),
    ]
    assert [r.login for r in recent_refusals(floor, limit=1)] == ["wang"]
    with pytest.raises(InvalidInput, match="limit"):
        recent_refusals(floor, limit=0)


def test_a_refusal_inside_nested_writes_is_audited_once_after_the_outer_rollback(as_li, owned_by_wang):
    with pytest.raises(NotAllowed):
        with as_li.writing():
            reassign(as_li, owned_by_wang, "li", "我来接")
    assert len(audit_rows()) == 1


def test_an_owner_rule_refusal_elsewhere_in_core_is_audited_with_its_ticket(as_li, owned_by_wang):
    """NotAllowed raised inside a write (here: resolving someone else's ticket) is audited by
    Session.writing after the rollback, naming the move and the ticket."""
    with pytest.raises(NotAllowed) as refused:
        set_status(as_li, owned_by_wang, "resolved")
    [(_, login, action, target, reason)] = audit_rows()
    assert (login, action, target, reason) == (
        "li",
        "resolve it (another agent's ticket)",
        owned_by_wang,
        str(refused.value),
    )


def test_an_agent_building_a_demo_floor_is_refused_and_audited(as_li, floor):
    before = everything_but_the_audit(floor)
    with pytest.raises(NotAllowed):
        build_demo(as_li, tickets=10)
    [(_, login, action, target, _)] = audit_rows()
    assert (login, action, target) == ("li", "build a demo floor", "demo")
    assert everything_but_the_audit(floor) == before


def test_when_the_audit_cannot_be_written_the_refusal_still_reaches_the_person(floor, as_li, ctx):
    refuse_inserts(floor.db, "audit_event", "audit unavailable")
    for move in ("dept add", "reassign another's ticket"):
        with pytest.raises(NotAllowed, match="supervisor") as refused:
            MOVES[move][0](as_li, ctx)
        assert "could not be written to the audit" in " ".join(refused.value.__notes__)
    assert audit_rows() == []


# ---------------------------------------------------------------- reassign


def owner_of(ref: str) -> str | None:
    ticket = Ticket.get(Ticket.ref == ref)
    return Agent.get_by_id(ticket.owner_id).login if ticket.owner_id else None


def version_of(ref: str) -> int:
    return Ticket.get(Ticket.ref == ref).row_version


def test_a_supervisor_reassigns_any_open_ticket_with_the_reason_on_the_timeline(floor, owned_by_wang, clock):
    before = version_of(owned_by_wang)
    assert reassign(floor, owned_by_wang, "li", "王强今天休息") == "li"
    assert owner_of(owned_by_wang) == "li"
    assert version_of(owned_by_wang) == before + 1
    event = TimelineEvent.select().order_by(TimelineEvent.id.desc()).first()
    assert (event.kind, event.actor, event.at, event.text) == (
        "assigned",
        "boss",
        clock.now(),
        "王强今天休息",
    )
    assert (event.before, event.after) == ('{"owner": "wang"}', '{"owner": "li"}')


def test_an_agent_passes_on_a_ticket_they_own(as_wang, owned_by_wang):
    reassign(as_wang, owned_by_wang, "li", "客户要求女客服")
    assert owner_of(owned_by_wang) == "li"
    assert audit_rows() == []


def test_an_agent_cannot_hand_out_an_unowned_ticket(floor, as_li, new_ticket):
    ref = new_ticket()
    before = everything_but_the_audit(floor)
    with pytest.raises(NotAllowed, match="has no owner"):
        reassign(as_li, ref, "wang", "你来")
    assert everything_but_the_audit(floor) == before
    assert [row[2:4] for row in audit_rows()] == [("reassign a ticket", ref)]


def test_a_supervisor_assigns_an_unowned_ticket(floor, new_ticket):
    ref = new_ticket()
    reassign(floor, ref, "wang", "分配")
    assert owner_of(ref) == "wang"


@pytest.mark.parametrize(
    "to, message",
    [
        ("nobody", "'nobody' is not an active agent"),
        ("gone", "'gone' is not an active agent"),
        ("wang", "already 王强's"),
    ],
)
def test_the_new_owner_must_be_an_active_agent_other_than_the_owner(floor, owned_by_wang, to, message):
    add_agent(floor, "gone", "离职")
    Agent.update(active=False).where(Agent.login == "gone").execute()
    before = everything_but_the_audit(floor)
    with pytest.raises(Refused, match=message):
        reassign(floor, owned_by_wang, to, "换人")
    assert everything_but_the_audit(floor) == before
    assert audit_rows() == []  # not a role refusal


def test_a_resolved_ticket_does_not_change_hands(floor, as_wang, owned_by_wang):
    set_status(as_wang, owned_by_wang, "resolved", "已补发")
    with pytest.raises(Refused, match="is resolved; only an open ticket changes hands"):
        reassign(floor, owned_by_wang, "li", "换人")
    assert owner_of(owned_by_wang) == "wang"


def test_a_reason_is_required(floor, owned_by_wang):
    with pytest.raises(InvalidInput, match="reason"):
        reassign(floor, owned_by_wang, "li", "  ")


def test_a_stale_reassign_is_refused_naming_the_change(floor, as_wang, owned_by_wang, clock):
    seen = version_of(owned_by_wang)
    clock.advance(minutes=3)
    reassign(as_wang, owned_by_wang, "li", "交给李娜")
    before = everything_but_the_audit(floor)
    with pytest.raises(StaleEdit, match="changed by wang at 10:03 \\(assigned\\)"):
        reassign(floor, owned_by_wang, "wang", "还给王强", expected_version=seen)
    assert everything_but_the_audit(floor) == before
    reassign(floor, owned_by_wang, "wang", "还给王强", expected_version=version_of(owned_by_wang))
    assert owner_of(owned_by_wang) == "wang"
