"""The demo floor (core.demo.build_demo): deterministic, realistic, consistent with the rules.

The built file is read back with the plain sqlite3 module, independently of the models.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.admin.setup import init_floor
from core.basics.clock import FrozenClock
from core.basics.errors import NotAllowed, Refused
from core.demo import DEMO_KEY, DemoSummary, build_demo
from core.floor.session import open_session
from core.people.agents import add_agent, ensure_first_supervisor
from core.policy.document import TIERS, default_policy
from core.tickets.priority import guess_tier
from core.tickets.sla import due_times, next_due

UTC = UTC
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI).astimezone(UTC)  # a Friday morning on the floor
POLICY = default_policy()
CJK = re.compile(r"[\u4e00-\u9fff]")
TABLES = (
    "agent",
    "customer",
    "ticket",
    "timeline_event",
    "department",
    "handoff",
    "floor_setting",
    "callback",
)


def build(path, tickets: int, seed: int, now: datetime = NOW, login: str = "boss") -> DemoSummary:
    session = open_session(path, login=login, clock=FrozenClock(now), create=True)
    try:
        ensure_first_supervisor(session, "老板")
        return build_demo(session, tickets=tickets, seed=seed)
    finally:
        session.close()


def dump(path) -> dict:
    with sqlite3.connect(path) as con:
        return {table: con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in TABLES}


def stamp(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A 1,500-ticket demo floor, built once for this module: (path, summary)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    return path, build(path, 1500, seed=7)


@pytest.fixture(scope="module")
def db(demo):
    con = sqlite3.connect(demo[0])
    con.row_factory = sqlite3.Row
    yield con
    con.close()


@pytest.fixture(scope="module")
def tickets(db):
    return db.execute("SELECT * FROM ticket ORDER BY id").fetchall()


@pytest.fixture(scope="module")
def events(db):
    by_ticket = defaultdict(list)
    for row in db.execute("SELECT * FROM timeline_event ORDER BY ticket_id, id"):
        by_ticket[row["ticket_id"]].append(row)
    return by_ticket


# ----------------------------------------------------------------- determinism


def test_same_seed_and_clock_give_the_same_database(tmp_path):
    first = build(tmp_path / "a.db", 300, seed=3)
    second = build(tmp_path / "b.db", 300, seed=3)
    assert first.tickets == second.tickets == 300
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")


def test_another_seed_gives_another_floor(tmp_path):
    build(tmp_path / "a.db", 300, seed=3)
    build(tmp_path / "b.db", 300, seed=4)
    a, b = dump(tmp_path / "a.db"), dump(tmp_path / "b.db")
    assert a["ticket"] != b["ticket"]
    assert a["customer"] != b["customer"]


def test_everything_is_relative_to_the_clock(tmp_path):
    later = NOW + timedelta(days=30)
    build(tmp_path / "later.db", 300, seed=3, now=later)
    with sqlite3.connect(tmp_path / "later.db") as con:
        (newest,) = con.execute("SELECT MAX(received_at) FROM ticket").fetchone()
    assert NOW < stamp(newest) < later


# ----------------------------------------------------------------- the shape of the floor


def test_summary_counts_what_was_written(demo, db):
    _, summary = demo
    count = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    assert summary.tickets == count("SELECT COUNT(*) FROM ticket") == 1500
    assert summary.events == count("SELECT COUNT(*) FROM timeline_event")
    assert summary.handoffs == count("SELECT COUNT(*) FROM handoff")
    assert summary.customers == count("SELECT COUNT(*) FROM customer") == 60  # max(50, 1500 // 25)
    assert summary.agents == count("SELECT COUNT(*) FROM agent")
    assert summary.open_tickets == count("SELECT COUNT(*) FROM ticket WHERE status IN ('new', 'in_progress')")
    assert "1500 tickets" in summary.text() and f"{summary.open_tickets} open" in summary.text()


def test_floor_is_marked_as_a_demo(db):
    row = db.execute("SELECT * FROM floor_setting WHERE key = ?", (DEMO_KEY,)).fetchone()
    assert json.loads(row["value"]) == {"seed": 7, "tickets": 1500, "built_at": NOW.isoformat()}
    assert row["updated_by"] == "boss" and stamp(row["updated_at"]) == NOW


def test_people_agents_and_supervisors_in_teams(db):
    people = db.execute("SELECT * FROM agent").fetchall()
    agents = [p for p in people if p["role"] == "agent"]
    supervisors = [p for p in people if p["role"] == "supervisor"]
    assert 10 <= len(agents) <= 14
    assert len(supervisors) == 3 and "boss" in {s["login"] for s in supervisors}
    assert 2 <= len({a["team"] for a in agents}) <= 3
    assert all(re.fullmatch(r"[a-z0-9_.-]+", p["login"]) for p in people)
    assert any(CJK.search(a["display_name"]) for a in agents)
    assert any(a["display_name"].isascii() for a in agents)


def test_customers_chinese_and_english_with_mainland_mobiles(db):
    customers = db.execute("SELECT * FROM customer").fetchall()
    chinese = [c for c in customers if CJK.search(c["name"])]
    english = [c for c in customers if c["name"].isascii()]
    assert chinese and english and len(chinese) > len(english)
    assert any(c["name"].endswith("有限公司") and c["short_name"] in c["name"] for c in chinese)
    assert all(re.fullmatch(r"1[358]\d{9}", c["phone"]) for c in customers)
    assert {c["type"] for c in customers} == {"new", "old", "vip"}
    assert all(c["industry"] and c["contact_person"] and c["delivery_date"] for c in customers)


def test_department_directory_from_the_policy(db):
    rows = {r["name"]: r for r in db.execute("SELECT * FROM department")}
    assert set(rows) == {d.id for d in POLICY.departments}
    for dept in POLICY.departments:
        row = rows[dept.id]
        assert row["online_hours"] == dept.hours
        assert row["contact_person"] and row["backup_contact"] and re.fullmatch(r"1\d{10}", row["phone"])


# ----------------------------------------------------------------- tickets


def test_at_least_nine_weeks_of_history_up_to_now(tickets):
    received = [stamp(t["received_at"]) for t in tickets]
    assert max(received) < NOW
    assert max(received) - min(received) >= timedelta(weeks=9)
    assert received == sorted(received)  # refs follow arrival
    assert [t["ref"] for t in tickets[:2]] == ["T000001", "T000002"]


def test_more_feedback_on_weekdays_and_in_working_hours(tickets):
    local = [stamp(t["received_at"]).astimezone(SHANGHAI) for t in tickets]
    weekday = sum(1 for d in local if d.weekday() < 5)
    assert weekday / len(local) > 0.8  # 5/7 would be 0.71
    working = sum(1 for d in local if d.weekday() < 5 and 9 <= d.hour < 18)
    assert working / len(local) > 0.55


def test_every_tier_channel_and_category_appears(tickets):
    assert {t["tier"] for t in tickets} == set(TIERS)
    assert {t["channel"] for t in tickets} == {c.id for c in POLICY.channels}
    assert {(t["category"], t["subtag"]) for t in tickets} == (
        {(c.id, s.id) for c in POLICY.categories for s in c.subtags}
        | {(c.id, None) for c in POLICY.categories if not c.subtags}
    )
    needs_platform = {c.id for c in POLICY.channels if c.needs_platform}
    assert all((t["platform"] is not None) == (t["channel"] in needs_platform) for t in tickets)
    assert {t["mood"] for t in tickets} == {"anxious", "calm", "angry"}


def test_descriptions_mostly_chinese_and_tiers_from_the_keywords(tickets):
    chinese = sum(1 for t in tickets if CJK.search(t["description"]))
    assert 0.6 < chinese / len(tickets) < 0.9
    overridden = [t for t in tickets if t["tier_source"] == "agent"]
    assert 0.01 < len(overridden) / len(tickets) < 0.1
    for t in tickets:
        if t["tier_source"] != "agent":
            guess = guess_tier(t["description"], POLICY)
            assert (t["tier"], t["tier_source"]) == (guess.tier, guess.source)
    assert any(t["tier_source"] == "keyword:漏发" for t in tickets)


def test_due_times_follow_the_policy(tickets):
    for t in tickets:
        assert (stamp(t["response_due_at"]), stamp(t["solution_due_at"])) == due_times(
            stamp(t["received_at"]), t["tier"], POLICY
        )
        assert stamp(t["next_due_at"]) == next_due(
            t["status"],
            stamp(t["first_response_at"]),
            stamp(t["response_due_at"]),
            stamp(t["solution_due_at"]),
        )


def test_open_work_right_now(tickets):
    open_ = [t for t in tickets if t["status"] in ("new", "in_progress")]
    assert 0.05 <= len(open_) / len(tickets) <= 0.20
    unclaimed = [t for t in open_ if t["owner_id"] is None]
    assert unclaimed and all(t["status"] == "new" and t["first_response_at"] is None for t in unclaimed)
    assert any(stamp(t["next_due_at"]) < NOW for t in unclaimed)  # unanswered past the response target
    assert any(stamp(t["next_due_at"]) >= NOW for t in open_)  # and some still on time
    answered = [t for t in open_ if t["first_response_at"]]
    assert answered and all(t["last_update_at"] for t in answered)
    assert any(t["reopened_count"] == 1 for t in open_)
    # concentrated in the last few days
    recent = sum(1 for t in open_ if NOW - stamp(t["received_at"]) < timedelta(days=7))
    assert recent / len(open_) > 0.7


def test_history_is_closed_with_some_reopened(tickets):
    history = [t for t in tickets if NOW - stamp(t["received_at"]) > timedelta(weeks=2)]
    closed = [t for t in history if t["status"] == "closed"]
    assert len(closed) / len(history) > 0.9
    assert all(
        t["resolved_at"] and t["closed_at"] and t["first_response_at"] and t["owner_id"] for t in closed
    )
    assert 0.02 < sum(t["reopened_count"] for t in closed) / len(closed) < 0.15
    late = sum(1 for t in closed if t["first_response_at"] > t["response_due_at"])
    assert 0 < late < len(closed) / 2  # mostly within the response target, sometimes beyond
    assert max(t["inbound_contacts"] for t in tickets) == 3 and all(t["row_version"] >= 1 for t in tickets)


# ----------------------------------------------------------------- timeline and handoffs


def test_every_ticket_starts_with_created_and_runs_in_time_order(tickets, events):
    for t in tickets:
        story = events[t["id"]]
        assert story[0]["kind"] == "created" and story[0]["at"] == t["received_at"]
        assert [e["kind"] for e in story].count("created") == 1
        times = [e["at"] for e in story]
        assert times == sorted(times) and stamp(times[-1]) < NOW


def test_ticket_fields_agree_with_their_timeline(db, tickets, events):
    logins = dict(db.execute("SELECT id, login FROM agent").fetchall())
    for t in tickets:
        story = events[t["id"]]
        kinds = Counter(e["kind"] for e in story)
        outbound = [e["at"] for e in story if e["kind"] == "contact_out"]
        assert t["first_response_at"] == (outbound[0] if outbound else None)
        assert t["last_update_at"] == (outbound[-1] if outbound else None)
        assert t["inbound_contacts"] == kinds["contact_in"]
        assert t["reopened_count"] == kinds["reopened"]
        assert (t["tier_source"] == "agent") == (kinds["tier"] == 1)
        if t["status"] == "closed":
            assert story[-1]["kind"] == "closed" and story[-1]["at"] == t["closed_at"]
        if t["owner_id"] is not None:
            takes = [e for e in story if e["kind"] in ("claimed", "contact_out")]
            assert json.loads(takes[0]["after"])["owner"] == logins[t["owner_id"]]
        created = json.loads(story[0]["after"])
        assert created["channel"] == t["channel"] and created["category"] == t["category"]
        for e in story:
            for side in ("before", "after"):
                if e[side] is not None:
                    assert isinstance(json.loads(e[side]), dict)


def test_before_and_after_use_the_timeline_json_format(events):
    from core.tickets.timeline import event_json

    created = events[1][0]
    values = json.loads(created["after"])
    again = event_json(
        {k: (stamp(v[:-6].replace("T", " ")) if k.endswith("_due_at") else v) for k, v in values.items()}
    )
    assert created["after"] == again


def test_handoffs_to_departments_with_consistent_stages(db, tickets, events):
    handoffs = db.execute(
        "SELECT h.*, d.name AS department_name FROM handoff h JOIN department d ON d.id = h.department_id"
    ).fetchall()
    by_id = {t["id"]: t for t in tickets}
    assert 0.01 < len(handoffs) / len(tickets) < 0.08
    for h in handoffs:
        assert h["problem"] and h["need"] and h["due_at"] > h["sent_at"]
        stage = h["stage"]
        assert (h["answered_at"] is not None) == (stage in ("answered", "synced"))
        assert (h["synced_at"] is not None) == (stage == "synced")
        assert h["sent_at"] < (h["answered_at"] or "9") <= (h["synced_at"] or "9")
        sent = [
            e
            for e in events[h["ticket_id"]]
            if e["kind"] == "handoff" and json.loads(e["after"])["stage"] == "sent"
        ]
        assert len(sent) == 1 and sent[0]["at"] == h["sent_at"]
        assert json.loads(sent[0]["after"])["department"] == h["department_name"]
        if by_id[h["ticket_id"]]["status"] == "closed":
            assert stage == "synced" and h["synced_at"] <= by_id[h["ticket_id"]]["resolved_at"]
    open_stages = Counter(h["stage"] for h in handoffs if by_id[h["ticket_id"]]["status"] == "in_progress")
    assert open_stages["sent"] + open_stages["answered"] > open_stages["synced"]


# ----------------------------------------------------------------- refusals and existing floors


def test_refuses_a_floor_that_already_holds_tickets(tmp_path):
    path = tmp_path / "floor.db"
    build(path, 60, seed=1)
    session = open_session(path, login="boss", clock=FrozenClock(NOW))
    try:
        with pytest.raises(Refused, match="already holds 60 tickets; demo needs a new database file"):
            build_demo(session, tickets=10, seed=2)
    finally:
        session.close()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT COUNT(*) FROM ticket").fetchone()[0] == 60


def test_only_a_supervisor_builds_it(tmp_path):
    session = open_session(tmp_path / "floor.db", login="boss", clock=FrozenClock(NOW), create=True)
    try:
        ensure_first_supervisor(session)
        add_agent(session, "li", "李娜")
        with pytest.raises(NotAllowed):
            build_demo(session.as_login("li"), tickets=10, seed=1)
    finally:
        session.close()


def test_after_floor_init_the_directory_gets_its_contacts(tmp_path):
    path = tmp_path / "floor.db"
    session = open_session(path, login="boss", clock=FrozenClock(NOW), create=True)
    try:
        init_floor(session)
        summary = build_demo(session, tickets=300, seed=5)
    finally:
        session.close()
    with sqlite3.connect(path) as con:
        rows = con.execute("SELECT name, contact_person, phone, online_hours FROM department").fetchall()
    assert len(rows) == len(POLICY.departments) and all(r[1] and r[2] and r[3] for r in rows)
    assert summary.tickets == 300


BUSINESS_POLICY = """
[sla]
mode = "business"
red = { response = "2h", solution = "1wd" }
yellow = { response = "4h", solution = "3wd" }
green = { response = "4h", solution = "5wd" }
[calendar]
holidays = ["2026-10-01..2026-10-07"]
hours = ["09:00-12:00", "13:30-18:00"]
[[categories]]
id = "shipping"
zh = "发货"
en = "Shipping"
subtags = [{ id = "late", zh = "延迟", en = "Late" }]
[[categories]]
id = "misc"
zh = "其他"
en = "Misc"
[[channels]]
id = "phone"
zh = "电话"
en = "Phone"
[[channels]]
id = "wechat"
zh = "微信"
en = "WeChat"
needs_platform = true
"""


def test_a_floor_with_its_own_policy_business_hours_and_lists(tmp_path):
    from core.policy.document import parse_policy

    path = tmp_path / "floor.db"
    policy = parse_policy(BUSINESS_POLICY, "test policy")
    session = open_session(path, login="boss", clock=FrozenClock(NOW), create=True)
    try:
        ensure_first_supervisor(session)
        session.policy = policy
        build_demo(session, tickets=400, seed=9)
    finally:
        session.close()
    with sqlite3.connect(path) as con:
        con.row_factory = sqlite3.Row
        rows = con.execute("SELECT * FROM ticket").fetchall()
    assert {(t["category"], t["subtag"]) for t in rows} == {("shipping", "late"), ("misc", None)}
    assert {t["channel"] for t in rows} == {"phone", "wechat"}
    assert all((t["platform"] is not None) == (t["channel"] == "wechat") for t in rows)
    for t in rows:
        assert (stamp(t["response_due_at"]), stamp(t["solution_due_at"])) == due_times(
            stamp(t["received_at"]), t["tier"], policy
        )


def test_zero_tickets_still_sets_up_people_and_customers(tmp_path):
    summary = build(tmp_path / "floor.db", 0, seed=1)
    assert (summary.tickets, summary.open_tickets, summary.events, summary.customers) == (0, 0, 0, 50)


def test_closed_tickets_have_their_done_callback_and_reopens_a_low_score_before(db, tickets, demo):
    callbacks = db.execute("SELECT * FROM callback ORDER BY id").fetchall()
    assert demo[1].callbacks == len(callbacks)
    by_ticket = defaultdict(list)
    for row in callbacks:
        by_ticket[row["ticket_id"]].append(row)
    for ticket in tickets:
        mine = by_ticket.get(ticket["id"], [])
        if ticket["closed_at"] is None:
            assert mine == []  # waiting ones are the scheduler's
            continue
        last = max(mine, key=lambda r: r["completed_at"])
        assert last["status"] == "done" and last["overall"] >= 3
        assert last["key"].endswith(f"{ticket['ref']}:{ticket['reopened_count']}")
        assert stamp(last["completed_at"]) == stamp(ticket["closed_at"])
        low = [r for r in mine if r["overall"] <= 2]
        assert len(low) == (1 if ticket["reopened_count"] else 0)
        assert all(r["priority"] == "high" and r["follow_up_status"] == "done" for r in low)
    scores = [r["overall"] for r in callbacks]
    assert 4.0 <= sum(scores) / len(scores) <= 4.5  # a floor averages about 4.2 (docs/floor.md)
    assert 0.85 <= sum(r["warm"] for r in callbacks) / len(callbacks) <= 0.97
