"""Whether a policy that parses can run a floor: `policy check` and `policy load` refuse one
under which every intake would be refused, or no ticket's clock could ever start. Parsing
alone does not refuse these: a floor whose stored policy went stale (its holidays ran out)
must still open, so that a supervisor can load a better one."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.basics import PolicyError
from core.policy import TIERS, Policy
from core.policy.official import countries
from core.tickets import due_times

WORKING_TIME_WITHIN = timedelta(days=366)
"""A policy must open the floor within this long of its check."""
UNSORTED = "other"
"""The category of feedback taken in without one (core.tickets.lifecycle.check_classification)."""


def check_usable(policy: Policy, now: datetime) -> None:
    """PolicyError naming the key at fault when a floor could not take in tickets under policy."""
    calendar = policy.calendar
    if calendar.official is not None and calendar.official.country not in countries():
        raise PolicyError(
            policy.source, "calendar.official", "policy.official.unknown", value=calendar.official.country
        )
    try:
        opening = calendar.next_opening(now)
    except ValueError:  # NoWorkingTime: no working day for years
        opening = None
    if opening is None or opening - now > WORKING_TIME_WITHIN:
        raise PolicyError(policy.source, "calendar", "policy.check.no_working_time")
    for tier in TIERS:
        try:
            response_due, solution_due = due_times(now, tier, policy)
        except (PolicyError, ValueError, OverflowError) as exc:
            problem = exc.message if isinstance(exc, PolicyError) else str(exc)
            raise PolicyError(
                policy.source, f"sla.{tier}", "policy.check.sla_unmet", problem=problem
            ) from exc
        if response_due > solution_due:
            raise PolicyError(policy.source, f"sla.{tier}", "policy.check.response_after_solution")
    if policy.category(UNSORTED) is None:
        raise PolicyError(policy.source, "categories", "policy.check.no_unsorted_category", category=UNSORTED)
