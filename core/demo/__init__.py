"""A realistic, deterministic demo floor: people, customers, ten weeks of tickets and their
timelines, handoffs and today's open work, all relative to the session's clock.

    summary = build_demo(session, tickets=100_000, seed=7)
"""

from core.demo import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.demo.build import DEMO_KEY, DemoSummary, build_demo, build_demo_file

__all__ = ["DEMO_KEY", "DemoSummary", "build_demo", "build_demo_file"]
