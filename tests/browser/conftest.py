"""The browser tests use the command-line floor (tests/cli/conftest.py)."""

from tests.cli.conftest import cli_floor  # noqa: F401  (a fixture, re-exported)
