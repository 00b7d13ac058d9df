"""Fixtures the defect tests share, re-exported from the suites that define them."""

from __future__ import annotations

from tests.cli.conftest import cli_floor  # noqa: F401  (a fixture, re-exported)
