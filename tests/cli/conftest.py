"""Run the real callfloor command as a separate process, the way the phone system would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engines import FloorDb, copy_floor, new_floor_db

CALLFLOOR = str(Path(sys.executable).with_name("callfloor"))
NOW = "2026-11-20T10:00+08:00"  # a Friday morning


class Floor:
    """The command line on one floor: a SQLite file (a Path) or any FloorDb (tests/engines.py)."""

    def __init__(self, where: Path | FloorDb):
        self.db = where if isinstance(where, FloorDb) else FloorDb(path=where)
        self.path = self.db.path
        """The floor's SQLite file; None on PostgreSQL."""

    def run(
        self,
        *args: str,
        user: str = "boss",
        db: bool = True,
        env: dict | None = None,
        input: str | None = None,
    ):
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
        full_env.update(CALLFLOOR_USER=user, CALLFLOOR_NOW=NOW)
        full_env.update(env or {})  # a test may move the clock (CALLFLOOR_NOW) for one command
        argv = [CALLFLOOR, *args] + (self.db.args() if db else [])
        return subprocess.run(argv, env=full_env, capture_output=True, text=True, input=input, timeout=120)

    def ok(self, *args: str, **kwargs) -> str:
        done = self.run(*args, **kwargs)
        assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done.stdout


_MADE: dict[tuple[str, str], FloorDb] = {}
"""cli_floor as the command made it, once per worker process: by clock and file name."""


def _made_by_the_command(floor: Floor) -> None:
    floor.ok("db", "init")
    floor.ok("agent", "add", "li", "--name", "李娜")
    floor.ok("agent", "add", "wang", "--name", "王伟", "--role", "agent")
    floor.ok(
        "customer",
        "add",
        "C001",
        "--name",
        "华东贸易有限公司",
        "--short-name",
        "华东贸易",
        "--phone",
        "13812345678",
    )


@pytest.fixture
def cli_floor(floor_db, tmp_path_factory) -> Floor:
    """A floor made with the command: boss (supervisor), li and wang (agents), customer C001.
    The command makes it once per worker; each test gets a copy (four commands a test cost the
    suite two minutes)."""
    floor = Floor(floor_db)
    key = (NOW, floor_db.path.name if floor_db.path is not None else "")
    made = _MADE.get(key)
    if made is None:
        made = new_floor_db(
            tmp_path_factory.mktemp("cli-floor-made"), floor_db.path.stem if floor_db.path else "floor"
        )
        _made_by_the_command(Floor(made))
        _MADE[key] = made
    copy_floor(made, floor_db)
    return floor
