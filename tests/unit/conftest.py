"""Fixtures more than one unit test module uses, re-exported from the module that defines them."""

from __future__ import annotations

# the week 2026-W47 built and worked out by hand; the report and workbook tests both read it
from tests.unit.test_report_figures import week47  # noqa: F401  (a fixture, re-exported)
