"""One call, not five (docs/floor.md, Callbacks): the pure rules that keep a customer from being
called about every reason separately. No database, no clock; datetimes are aware, in UTC.

- Routine groups (everything but a complaint's verification and the supervisor's low-score
  follow-up) share one open callback per customer: a new reason joins it as a purpose.
- No routine call is due within the policy's gap (callbacks.gap, 7 days) of the customer's last
  done call: its window starts at the first opening after the gap and keeps its working length.
  A call made later moves the customer's booked routine call again, but never past two gaps
  after it was booked (MOST_GAPS), so a customer called often about complaints still gets it.
- Joined, the call is due by the earliest deadline that is still after its start.
- The merged script opens with the first purpose's opening and a line naming every purpose,
  then asks each purpose's questions in turn, a question (by id) only once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from core.callbacks.groups import GROUP_IDS
from core.callbacks.rules import Window
from core.callbacks.scripts import Question, Script
from core.policy import WorkingCalendar

NEVER_MERGED = ("complaint", "low_score_followup")
"""A complaint's verification and the supervisor's follow-up are calls of their own."""
ROUTINE_GROUPS: tuple[str, ...] = tuple(g for g in GROUP_IDS if g not in NEVER_MERGED)
"""Groups whose reasons share one open callback per customer."""

_AN_HOUR = timedelta(hours=1)
MAX_QUESTIONS = 8
"""The most questions a merged call asks (the handbook: 3-5 minutes, 5-8 questions)."""
MOST_GAPS = 2
"""A booked routine call is moved by later calls to no later than this many gaps after it was
booked (a fortnight by default)."""


def is_routine(group: str) -> bool:
    return group in ROUTINE_GROUPS


def after_gap(
    window: Window,
    last_done: datetime | None,
    gap: timedelta,
    cal: WorkingCalendar,
    latest: datetime | None = None,
) -> Window:
    """The window moved past the gap after the customer's last done call (unchanged when the
    window already starts after it). It keeps its working length, so a 24 h callback moved by a
    week is still due a working day after it becomes callable. latest: the start is never moved
    past it (a booked call waits MOST_GAPS gaps at most, or a customer called every few days
    about complaints would never get the routine call)."""
    if last_done is None:
        return window
    start = cal.next_opening(last_done + gap)
    if latest is not None:
        start = min(start, max(latest, window.due_from))
    if window.due_from >= start:
        return window
    length = max(cal.business_time_between(window.due_from, window.due_by), _AN_HOUR)
    return Window(start, max(window.due_by, cal.add_business_time(start, length)))


def joined(open_window: Window, new: Window, not_before: datetime | None, cal: WorkingCalendar) -> Window:
    """The open callback's window with a new reason's: callable from the earlier start (never
    inside the gap), due by the earliest deadline after that start."""
    start = min(open_window.due_from, new.due_from)
    if not_before is not None:
        start = max(start, cal.next_opening(not_before))
    deadlines = [w.due_by for w in (open_window, new) if w.due_by > start]
    due_by = min(deadlines) if deadlines else cal.add_business_time(start, _AN_HOUR)
    return Window(start, due_by)


def merged_script(scripts: list[Script]) -> Script:
    """One script for a call with several purposes: the first one's opening and closing, then
    each script's questions, a question id asked once (the first script's wording wins). The
    handbook's call asks 5-8 questions: past MAX_QUESTIONS, every script's required questions
    stay, then the first script's, then the others' in turn while there is room. A probe stays
    when the question that asks it does. The opening's line naming every purpose is added when
    the call is shown (core.callbacks.calls.Call.opening), in the reader's language."""
    first = scripts[0]
    if len(scripts) == 1:
        return first
    seen: set[str] = set()
    merged: list[tuple[int, Question]] = []
    for rank, script in enumerate(scripts):
        for question in script.questions:
            if question.id not in seen:
                seen.add(question.id)
                merged.append((rank, question))
    asked = [(rank, q) for rank, q in merged if not q.probe]
    keep = {q.id for _, q in asked if q.required}
    for _, question in sorted(asked, key=lambda pair: pair[0]):  # the first script's first
        if len(keep) >= MAX_QUESTIONS:
            break
        keep.add(question.id)
    probes = {t.ask for _, q in asked if q.id in keep for t in q.triggers}
    return replace(
        first,
        title=" + ".join(s.title for s in scripts),
        questions=tuple(q for _, q in merged if q.id in keep or (q.probe and q.id in probes)),
        origin=" + ".join(f"{s.group} v{s.version}" for s in scripts),
    )


def purposes_words(purposes: list[tuple[str, str | None]], language: str) -> str:
    """Purposes, (group name, ticket ref) each, as one list: a group with several tickets is said
    once with how many ("已解决工单 ×3（T000123、T000124 等）")."""
    refs: dict[str, list[str]] = {}
    for name, ref in purposes:
        refs.setdefault(name, [])
        if ref and ref not in refs[name]:
            refs[name].append(ref)
    zh = language == "zh"
    said = []
    for name, tickets in refs.items():
        if len(tickets) > 1:
            shown = ("、" if zh else ", ").join(tickets[:2])
            more = (" 等" if zh else ", …") if len(tickets) > 2 else ""
            said.append(f"{name} ×{len(tickets)}" + (f"（{shown}{more}）" if zh else f" ({shown}{more})"))
        elif tickets:
            said.append(f"{name}（{tickets[0]}）" if zh else f"{name} ({tickets[0]})")
        else:
            said.append(name)
    return ("、" if zh else "; ").join(said)


def purposes_line(purposes: list[tuple[str, str | None]], language: str) -> str:
    """The opening's line naming every purpose of a merged call (empty for one purpose)."""
    if len(purposes) < 2:
        return ""
    if language == "zh":
        return "本次回访一并了解：" + purposes_words(purposes, language) + "。"
    return "This call covers: " + purposes_words(purposes, language) + "."


__all__ = [
    "MAX_QUESTIONS",
    "NEVER_MERGED",
    "ROUTINE_GROUPS",
    "after_gap",
    "is_routine",
    "joined",
    "merged_script",
    "purposes_line",
    "purposes_words",
]
