"""A person at the floor: the open database, the floor's policy, the clock and who is acting."""

from __future__ import annotations

import getpass
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from peewee import Database, DoesNotExist

from core.basics import (
    CallfloorError,
    Clock,
    NoSupervisor,
    NotAllowed,
    SystemClock,
    Term,
    UnknownAgent,
)
from core.floor import audit
from core.floor.storage import storage_problems
from core.policy import Policy, default_policy, parse_policy
from db.connection import (
    change_counter,
    database_name,
    follows_own_writes,
    open_database,
    set_page_cache,
    write_transaction,
)
from db.models import Agent, FloorSetting
from db.urls import redact_url

POLICY_KEY = "policy"
SCREEN_PAGE_CACHE_MB = 1
"""SQLite's page cache per connection of a session behind a screen (Session.keep_page_cache_small)."""
POLICY_REVISION_KEY = "policy_revision"
"""A number one higher with every policy load: the part of the change signal that says the
policy moved (running sessions compare it when PRAGMA data_version moves)."""


def current_login() -> str:
    """The OS login, or CALLFLOOR_USER for demos and tests (no security boundary)."""
    try:
        return os.environ.get("CALLFLOOR_USER") or getpass.getuser()
    except (KeyError, OSError) as exc:  # a uid with no passwd entry, e.g. in a container
        raise CallfloorError("floor.no_login") from exc


@dataclass
class Session:
    db: Database
    policy: Policy
    clock: Clock
    login: str
    _agent: Agent | None = field(default=None, repr=False)
    policy_revision: int = 0
    """The floor's policy revision that self.policy is (see follow_policy)."""
    _policy_counter: int | None = field(default=None, repr=False)
    _change_holes: dict[int, float] = field(default_factory=dict, repr=False)
    """Numbers missing from the log of changes when this session last read it, and when it
    first missed each (core/floor/changes.py reads them again until they show or time out)."""
    _writes: list[object] = field(default_factory=list, repr=False)
    """One entry per write under way (a save waiting for another program's lock included):
    list append and remove are atomic, so threads share it without a lock."""

    @property
    def writes_under_way(self) -> int:
        """How many writes of this session have begun and not ended (quitting would lose them)."""
        return len(self._writes)

    def now(self) -> datetime:
        return self.clock.now()

    @property
    def agent(self) -> Agent:
        """The acting agent; UnknownAgent when the login is not on this floor."""
        agent = self._agent  # once: the UI thread may forget it meanwhile (forget_agent)
        if agent is None:
            try:
                agent = Agent.get(Agent.login == self.login)
            except DoesNotExist:
                raise UnknownAgent(self.login) from None
            if not agent.active:
                raise UnknownAgent(self.login, left=True)
            self._agent = agent
        return agent

    def require_agent(self) -> Agent:
        """Refuse a login that is not an active agent on this floor (UnknownAgent), before
        anything is read or written: called first by every operation that shows floor data."""
        return self.agent

    @property
    def is_supervisor(self) -> bool:
        return self.agent.role == "supervisor"

    def as_login(self, login: str) -> Session:
        """Another person on the same open database (one database per process)."""
        return Session(
            db=self.db,
            policy=self.policy,
            clock=self.clock,
            login=login,
            policy_revision=self.policy_revision,
        )

    @property
    def floor_name(self) -> str:
        """The floor as its people know it: the policy names none, so it is the database's own
        name (a file's without its .db, a server database's)."""
        return database_name(self.db)

    def keep_page_cache_small(self) -> None:
        """For a session behind a screen: it reads a page of rows at a time, so a small page
        cache per connection costs it little (the OS keeps the file's pages for every session
        on the host), and on a floor others write to SQLite empties a connection's cache at
        every read after another's write anyway. It keeps two hundred terminals' memory down:
        16 MB -> 1 MB a connection; a board session's RSS 66 -> 63 MB on the 100,000-ticket
        floor writing 10 times a second (an idle queue session's 61 -> 54 MB at 4 MB)."""
        set_page_cache(self.db, SCREEN_PAGE_CACHE_MB)

    def forget_agent(self) -> None:
        self._agent = None

    def read_agent_again(self) -> None:
        """The floor's people changed: read the acting agent's row again (off the UI thread),
        so a role change shows and a leaver's next action is refused (UnknownAgent, left). The
        row in use stays until the new one is read: a screen asking meanwhile never waits."""
        with storage_problems():
            agent = Agent.get_or_none(Agent.login == self.login)
        if agent is not None and agent.active:
            self._agent = agent
        else:
            self._agent = None  # the next action reads it and says why

    @contextmanager
    def writing(self):
        """One short write transaction; driver errors become StorageProblem, nothing half-written.
        A refusal on role grounds (NotAllowed) raised inside is written to the audit after the
        rollback, in a transaction of its own (one written inside would be rolled back too)."""
        token = object()
        self._writes.append(token)
        try:
            with storage_problems():
                with write_transaction(self.db):
                    yield
        except NotAllowed as refused:
            audit.record(self, refused)
            raise
        finally:
            self._writes.remove(token)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


def open_session(
    path=None,
    url=None,
    *,
    login: str | None = None,
    clock: Clock | None = None,
    create: bool = False,
    upgrade: bool = True,
    require_supervisor: bool | None = None,
) -> Session:
    """Open the floor database (upgrading an older schema unless upgrade=False, for looking at
    it as it is) and load the shared policy.

    A floor with no active supervisor is refused (NoSupervisor): nobody may rightfully run it,
    and on it any login could make itself supervisor. Only a session that sets a floor up
    (create=True: it is about to make the first supervisor) or that inspects or repairs one
    (require_supervisor=False) opens it."""
    with storage_problems():
        db = open_database(path=path, url=url, create=create, upgrade=upgrade)
        try:
            if require_supervisor if require_supervisor is not None else not create:
                _refuse_without_supervisor(path, url)
            policy, revision, _ = (
                read_floor_policy()
                if upgrade or "floor_setting" in db.get_tables()
                else (default_policy(), 0, None)
            )
        except BaseException:
            db.close()
            raise
    return Session(
        db=db,
        policy=policy,
        clock=clock or SystemClock(),
        login=login or current_login(),
        policy_revision=revision,
    )


def _refuse_without_supervisor(path, url) -> None:
    if Agent.active_supervisors().exists():
        return
    if path is not None:
        raise NoSupervisor("floor.no_supervisor", path=path)
    raise NoSupervisor("floor.no_supervisor.url", url=redact_url(url))  # a password is never shown


def floor_policy() -> Policy:
    """The policy every agent on the floor sees: the one loaded into the database, or defaults."""
    return read_floor_policy()[0]


def read_floor_policy() -> tuple[Policy, int, FloorSetting | None]:
    """The floor's policy, its revision and its stored row (who loaded it, when), read in one
    statement so that the revision is the policy's own."""
    rows = _policy_rows()
    return _parsed(rows.get(POLICY_KEY)), _revision(rows.get(POLICY_REVISION_KEY)), rows.get(POLICY_KEY)


def _policy_rows() -> dict[str, FloorSetting]:
    keys = [POLICY_KEY, POLICY_REVISION_KEY]
    return {row.key: row for row in FloorSetting.select().where(FloorSetting.key.in_(keys))}


def _parsed(row: FloorSetting | None) -> Policy:
    return parse_policy(row.value, Term("policy.source.floor")) if row else default_policy()


def _revision(row: FloorSetting | None) -> int:
    try:
        return int(row.value) if row else 0
    except ValueError:  # edited by hand: any change of it still counts as a new revision
        return -1


def next_policy_revision() -> FloorSetting:
    """Inside the write that stores a new policy: the revision row, one higher (not yet saved)."""
    current = _revision(FloorSetting.get_or_none(FloorSetting.key == POLICY_REVISION_KEY))
    return FloorSetting(key=POLICY_REVISION_KEY, value=str(max(current, 0) + 1))


@dataclass(frozen=True)
class PolicyUpdate:
    """A policy another session loaded: now this session's."""

    policy: Policy
    by: str | None
    at: datetime | None


def follow_policy(session: Session) -> PolicyUpdate | None:
    """The floor's policy if it changed since this session read it (it becomes session.policy),
    else None. Cheap enough for every second: while PRAGMA data_version stands still it is that
    one pragma; when it moves, one row by key; the policy is parsed only when its revision moved.
    A new policy that cannot be parsed raises PolicyError once; the session keeps the old one."""
    with storage_problems():
        counter = change_counter(session.db)
        if follows_own_writes(session.db) and counter == session._policy_counter:
            return None  # elsewhere the counter does not see a policy load: ask the row each time
        if (
            _revision(FloorSetting.get_or_none(FloorSetting.key == POLICY_REVISION_KEY))
            == session.policy_revision
        ):
            session._policy_counter = counter  # only once read: a failed read is tried again next poll
            return None
        rows = _policy_rows()
        session.policy_revision = _revision(
            rows.get(POLICY_REVISION_KEY)
        )  # a bad one is said once, not every second
        session._policy_counter = counter
        row = rows.get(POLICY_KEY)
        policy = _parsed(row)
    session.policy = policy
    return PolicyUpdate(policy, row.updated_by if row else None, row.updated_at if row else None)
