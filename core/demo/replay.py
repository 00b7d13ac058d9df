"""Replaying a ticket's kept events: its fields now, and the rows for ticket, timeline, handoff.

The before/after JSON is exactly core.tickets.timeline.event_json's. The two shapes every ticket has
(the created event and the first response) are made by event_json once per shape with holes,
then filled with ISO times: the same text, without a json.dumps per event.

A wait on the customer (待客户回复) is replayed as core.tickets.lifecycle and
core.tickets.pauses write it: "waiting" (an outbound contact) then "clock_paused" at the same
instant; the customer's "contact_in" that ends it then "clock_resumed", the solution due time
moved on by the working time held (the maker works it out, core.tickets.sla.moved_on's).
"""

from __future__ import annotations

from core.demo.clockwork import Stamps, seconds
from core.tickets import OPEN_STATUSES, event_json, next_due
from core.tickets.sla import PAUSED_DUE

HOLE = "@@hole@@"
VERSIONED = frozenset(
    {"claimed", "contact_out", "contact_in", "tier", "resolved", "closed", "reopened", "waiting"}
)
PAUSED = seconds(PAUSED_DUE)  # a paused clock's next due: never overdue nor at risk


class Replayer:
    def __init__(self, stamps: Stamps, ids: dict):
        self.stamps, self.ids = stamps, ids
        self.event_id = self.handoff_id = self.open = self.waiting = 0
        self.open_dues: list[int] = []  # the next due time of each open ticket
        self._claimed = {
            login: (
                event_json({"owner": None, "status": "new"}),
                event_json({"owner": login, "status": "in_progress"}),
            )
            for login in ids
        }
        self._status = {
            s: event_json({"status": s}) for s in ("in_progress", "resolved", "closed", "waiting")
        }
        self._paused = event_json({"reason": "customer"})  # core.tickets.pauses.CUSTOMER
        self._stage = {s: event_json({"stage": s}) for s in ("sent", "answered", "synced")}
        self._first = (
            event_json({"first_response_at": None}),
            event_json({"first_response_at": HOLE}).split(HOLE),
        )
        self._created: dict[tuple, list[str]] = {}

    def created(self, tier, source, channel, category, response_due, solution_due) -> str:
        key = (tier, source, channel, category)
        parts = self._created.get(key)
        if parts is None:
            parts = self._created[key] = event_json(
                {
                    "tier": tier,
                    "tier_source": source,
                    "channel": channel,
                    "category": category,
                    "response_due_at": HOLE,
                    "solution_due_at": HOLE,
                }
            ).split(HOLE)
        iso = self.stamps.iso
        return parts[0] + iso(response_due) + parts[1] + iso(solution_due) + parts[2]

    def rows(self, t: dict, events: list):
        """(ticket row, event rows, handoff row or None) for ticket t after events (sorted, all
        before now)."""
        iso, db = self.stamps.iso, self.stamps.db
        tid = t["id"]
        tier, source, (response_due, solution_due) = t["tier"], t["source"], t["dues"]
        status, owner, first, last_update = "new", None, None, None
        resolved_at = closed_at = resolution = confirmation = None
        reopened = inbound = 0
        paused = None
        version = 1
        handoff = None
        rows = []
        for at, kind, actor, text, data in events:
            before = after = None
            if kind == "created":
                after = self.created(tier, source, t["channel"], t["category"], response_due, solution_due)
            elif kind == "claimed":
                before, after = self._claimed[actor]
                owner, status = actor, "in_progress"
            elif kind == "contact_out":
                if owner is None and status in OPEN_STATUSES:
                    b, a = {"owner": None, "status": status}, {"owner": actor, "status": "in_progress"}
                    if first is None:
                        b["first_response_at"], a["first_response_at"], first = None, iso(at), at
                    before, after = event_json(b), event_json(a)
                    owner, status = actor, "in_progress"
                elif first is None:
                    first = at
                    before, parts = self._first
                    after = parts[0] + iso(at) + parts[1]
                last_update = at
            elif kind == "contact_in":
                inbound += 1
                if status == "waiting":  # the customer came back: the wait is over
                    before, after = self._status["waiting"], self._status["in_progress"]
                    status = "in_progress"
            elif kind == "waiting":
                b, a = {"status": status}, {"status": "waiting"}
                if first is None:
                    b["first_response_at"], a["first_response_at"], first = None, iso(at), at
                before, after = event_json(b), event_json(a)
                status, last_update = "waiting", at
            elif kind == "clock_paused":
                after, paused = self._paused, at
            elif kind == "clock_resumed":
                held, moved = data  # working seconds held, the solution due time moved on by them
                before = event_json({"paused_at": iso(paused), "solution_due_at": iso(solution_due)})
                after = event_json({"solution_due_at": iso(moved), "held_minutes": held // 60})
                solution_due, paused = moved, None
            elif kind == "tier":
                new_tier, new_response, new_solution = data
                before = event_json(
                    {"tier": tier, "response_due_at": iso(response_due), "solution_due_at": iso(solution_due)}
                )
                after = event_json(
                    {
                        "tier": new_tier,
                        "response_due_at": iso(new_response),
                        "solution_due_at": iso(new_solution),
                    }
                )
                tier, source, response_due, solution_due = new_tier, "agent", new_response, new_solution
            elif kind == "resolved":
                before, after = self._status["in_progress"], self._status["resolved"]
                status, resolved_at, resolution, confirmation = "resolved", at, text, data
            elif kind == "closed":
                before, after = self._status["resolved"], self._status["closed"]
                status, closed_at = "closed", at
            elif kind == "reopened":
                before = event_json(
                    {"status": status, "resolved_at": iso(resolved_at), "closed_at": iso(closed_at)}
                )
                after = self._status["in_progress"]
                status, resolved_at, closed_at, reopened = "in_progress", None, None, reopened + 1
            elif kind == "handoff":
                stage = data[0]
                if stage == "synced":
                    version += 1  # the sync writes the ticket (its last update)
                if stage == "sent":
                    _, name, department_id, need, due, problem = data
                    self.handoff_id += 1
                    handoff = [
                        self.handoff_id,
                        tid,
                        department_id,
                        problem,
                        need,
                        db(due),
                        "sent",
                        db(at),
                        None,
                        None,
                        None,
                        actor,
                    ]
                    after = event_json(
                        {"department": name, "due_at": iso(due), "need": need, "stage": "sent"}
                    )
                elif handoff is not None:
                    before = self._stage["sent" if stage == "answered" else "answered"]
                    after_values = {"stage": stage, "handoff": handoff[0]}  # as core.handoffs writes it
                    handoff[6] = stage
                    if stage == "answered":
                        handoff[8], handoff[9] = db(at), text
                    else:  # telling the customer the answer is an outbound contact
                        handoff[10] = db(at)
                        if first is None:
                            first = at
                            after_values["first_response_at"] = iso(at)
                        last_update = at
                    after = event_json(after_values)
            if kind in VERSIONED:
                version += 1
            self.event_id += 1
            rows.append((self.event_id, tid, db(at), actor, kind, text, before, after))
        due = next_due(status, first, response_due, solution_due)
        if status in OPEN_STATUSES:
            if paused is not None and first is not None:
                due = PAUSED
            self.open += 1
            self.waiting += status == "waiting"
            self.open_dues.append(due)
        ticket = (
            tid,
            f"T{tid:06d}",
            t["customer"],
            t["channel"],
            t["platform"],
            db(t["received"]),
            t["category"],
            t["subtag"],
            tier,
            source,
            t["description"],
            t["mood"],
            self.ids[owner] if owner else None,
            status,
            db(response_due),
            db(solution_due),
            db(first),
            db(resolved_at),
            db(closed_at),
            resolution,
            confirmation,
            reopened,
            inbound,
            t["creator"],
            db(last_update),
            version,
            db(due),
            db(paused),
        )
        return ticket, rows, (tuple(handoff) if handoff else None)
