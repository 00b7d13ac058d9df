"""Shared fixtures: a frozen floor clock and a small real floor: a SQLite file under tmp_path, or
a database of its own on the PostgreSQL test server (tests/engines.py, CALLFLOOR_TEST_DB_URL).

The floor every test starts from (``floor``):

* the clock stands at Friday 2026-11-20 10:00 Asia/Shanghai (= 02:00 UTC), a working morning;
* the database is a real SQLite file ``tmp_path / "floor.db"`` (``floor_db``; on PostgreSQL a
  new database) with the built-in policy;
* ``boss`` (老板) is the first supervisor, and the session acting as ``boss`` is ``floor``;
* agents ``li`` (李娜) and ``wang`` (王强) were added by boss;
* customer ``C001`` (华东贸易有限公司, phone 13812345678) exists.

Sessions for the other people share the same open database (one database per process):
``as_li``, ``as_wang``. ``new_ticket`` records feedback with sensible defaults.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from core.basics.clock import FrozenClock
from core.customers.records import CustomerForm, add_customer
from core.floor.session import Session
from core.people.agents import add_agent, ensure_first_supervisor
from core.tickets.lifecycle import NewTicket, intake
from tests import settling
from tests.engines import ENGINE, ON_POSTGRES, new_floor_db

# The official calendar's years, kept on disk for every session (core/policy/official.py): in a
# folder of this run's own (its programs inherit it), not the machine's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="callfloor-test-cache-")

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = UTC
FLOOR_MORNING = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
"""Friday 2026-11-20 10:00 floor time (02:00 UTC): where every test's clock starts."""


def sh(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """A Shanghai (floor) wall-clock time, aware."""
    return datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


@pytest.fixture
def clock() -> FrozenClock:
    """A FrozenClock at Friday 2026-11-20 10:00 Asia/Shanghai; move it with set()/advance()."""
    return FrozenClock(FLOOR_MORNING)


@pytest.fixture
def floor_db(tmp_path):
    """Where this test's floor lives (tests/engines.py): a SQLite file under tmp_path, or a new
    database on the PostgreSQL test server, dropped afterwards."""
    target = new_floor_db(tmp_path)
    yield target
    target.drop()


@pytest.fixture
def floor_path(floor_db):
    """The floor's SQLite file, for the tests about the file itself; on PostgreSQL such a test
    is skipped (use floor_db to open the floor wherever it is)."""
    if floor_db.path is None:
        pytest.skip("about the floor's SQLite file")
    return floor_db.path


@pytest.fixture
def floor(floor_db, clock) -> Session:
    """An opened floor acting as supervisor ``boss``, with agents li and wang and customer C001."""
    session = floor_db.open(login="boss", clock=clock, create=True)
    ensure_first_supervisor(session, "老板")
    add_agent(session, "li", "李娜")
    add_agent(session, "wang", "王强")
    add_customer(
        session,
        CustomerForm(
            code="C001",
            name="华东贸易有限公司",
            short_name="华东贸易",
            contact_person="张伟",
            phone="13812345678",
            type="vip",
            industry="零售",
        ),
    )
    yield session
    session.close()


@pytest.fixture
def as_li(floor) -> Session:
    """Agent 李娜 (login li) on the same floor."""
    return floor.as_login("li")


@pytest.fixture
def as_wang(floor) -> Session:
    """Agent 王强 (login wang) on the same floor."""
    return floor.as_login("wang")


@pytest.fixture
def new_ticket(floor):
    """Record feedback for C001 by phone; keyword arguments override NewTicket's fields.

    ``new_ticket()`` -> ref; ``new_ticket(description="漏发一件", session=as_li)`` etc.
    The description defaults to neutral text, so the policy's default tier (yellow) applies.
    """

    def make(session: Session | None = None, **fields) -> str:
        values = dict(customer_code="C001", channel="phone", description="客户询问发票开具流程")
        values.update(fields)
        return intake(session or floor, NewTicket(**values))

    return make


@pytest.fixture(autouse=True)
def unexpected_app_errors(tmp_path, monkeypatch):
    """The app's last resort (tui/last_resort.py) keeps it running after an unexpected error
    and writes the traceback to $XDG_STATE_HOME/callfloor/errors.log. In a test that would hide
    the error behind a notification, so each test gets its own state folder and fails if the
    app wrote anything there (the tests that provoke such errors use a folder of their own)."""
    state = tmp_path / "app-state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    yield
    log = state / "callfloor" / "errors.log"
    if log.exists():
        pytest.fail(f"the app caught an unexpected error during this test:\n{log.read_text()}")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): about SQLite files (mounts, WAL, backups, modes); skipped on PostgreSQL",
    )


def pytest_report_header(config):
    return f"floor engine: {ENGINE} (CALLFLOOR_TEST_DB_URL {'set' if ON_POSTGRES else 'unset'})"


def pytest_collection_modifyitems(config, items):
    if not ON_POSTGRES:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "about SQLite files")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


settling.install()  # Pilot waits for the app's database calls (tests/settling.py)
