"""Hypothesis settings for the hostile-input tests, and the strings they are made of.

The "hostile" profile keeps the folder quick and repeatable in the ordinary run (derandomize:
CI sees the same examples every time); CALLFLOOR_HYPOTHESIS_EXAMPLES=2000 makes a deep run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "hostile",
    max_examples=int(os.environ.get("CALLFLOOR_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    derandomize=True,
    print_blob=True,
    # One floor per test, shared by its examples: every example must leave it as it found it
    # (or add exactly its own ticket), which is the property under test.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
settings.load_profile("hostile")
