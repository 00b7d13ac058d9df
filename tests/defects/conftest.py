"""Fixtures the defect tests share, re-exported from the suites that define them."""

from __future__ import annotations

from tests.app.conftest import app_for, queue_floor  # noqa: F401  (fixtures, re-exported)
from tests.cli.conftest import cli_floor  # noqa: F401  (a fixture, re-exported)
from tests.faults.conftest import read_only_view, tiny_disk  # noqa: F401  (fixtures, re-exported)
from tests.unit.test_report_figures import week47  # noqa: F401  (a fixture, re-exported)
