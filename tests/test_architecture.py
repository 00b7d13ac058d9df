"""The arrows of docs/architecture.md as a test: tui -> core -> db, no textual in core or db."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_contracts_state_the_domain_layers_and_forbid_circles():
    """The gate is only as good as its contracts: these must stay among them."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    kept = " ".join(done.stdout.split())  # the report wraps long names
    for contract in (
        "Arrows point one way: tui -> core -> db KEPT",
        "core's packages are layered",
        "No circles: no two modules of a package import each other",
        "No screen imports another",
    ):
        assert contract in kept, contract
