"""A person at the floor: the open database, the floor's policy, the clock and who is acting."""
from __future__ import annotations

import functools
import getpass
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from peewee import Database, DatabaseError, DoesNotExist, IntegrityError

from core.clock import Clock, SystemClock
from core.errors import CallfloorError, NotAllowed, StorageProblem, UnknownAgent
from core.policy import Policy, default_policy, parse_policy
from db.connection import open_database, translate, write_transaction
from db.errors import StorageError
from db.models import Agent, FloorSetting

POLICY_KEY = "policy"


def current_login() -> str:
    """The OS login, or CALLFLOOR_USER for demos and tests (no security boundary)."""
    try:
        return os.environ.get("CALLFLOOR_USER") or getpass.getuser()
    except (KeyError, OSError) as exc:  # a uid with no passwd entry, e.g. in a container
        raise CallfloorError("cannot tell who you are (no login name for this user id); "
                             "set CALLFLOOR_USER to your floor login") from exc


@dataclass
class Session:
    db: Database
    policy: Policy
    clock: Clock
    login: str
    _agent: Agent | None = field(default=None, repr=False)

    def now(self) -> datetime:
        return self.clock.now()

    @property
    def agent(self) -> Agent:
        """The acting agent; UnknownAgent when the login is not on this floor."""
        if self._agent is None:
            try:
                self._agent = Agent.get((Agent.login == self.login) & (Agent.active == True))  # noqa: E712
            except DoesNotExist:
                raise UnknownAgent(self.login) from None
        return self._agent

    @property
    def is_supervisor(self) -> bool:
        return self.agent.role == "supervisor"

    def as_login(self, login: str) -> "Session":
        """Another person on the same open database (one database per process)."""
        return Session(db=self.db, policy=self.policy, clock=self.clock, login=login)

    def forget_agent(self) -> None:
        self._agent = None

    @contextmanager
    def writing(self):
        """One short write transaction; driver errors become StorageProblem, nothing half-written.
        A refusal on role grounds (NotAllowed) raised inside is written to the audit after the
        rollback, in a transaction of its own (one written inside would be rolled back too)."""
        try:
            with storage_problems():
                with write_transaction(self.db):
                    yield
        except NotAllowed as refused:
            from core import audit  # core.audit builds on this module

            audit.record(self, refused)
            raise

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


@contextmanager
def storage_problems():
    try:
        yield
    except StorageError as exc:
        raise StorageProblem(str(exc)) from exc
    except IntegrityError as exc:
        raise StorageProblem(f"the database refused the change ({exc}); nothing was changed") from exc
    except DatabaseError as exc:
        raise StorageProblem(str(translate(exc))) from exc


def reading(function):
    """For read functions: a database failure becomes StorageProblem, a message for a person."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with storage_problems():
            return function(*args, **kwargs)

    return wrapper


def open_session(path=None, url=None, *, login: str | None = None, clock: Clock | None = None,
                 create: bool = False) -> Session:
    """Open the floor database (upgrading an older schema) and load the shared policy."""
    with storage_problems():
        db = open_database(path=path, url=url, create=create)
        policy = floor_policy()
    return Session(db=db, policy=policy, clock=clock or SystemClock(), login=login or current_login())


def floor_policy() -> Policy:
    """The policy every agent on the floor sees: the one loaded into the database, or defaults."""
    row = FloorSetting.get_or_none(FloorSetting.key == POLICY_KEY)
    return parse_policy(row.value, "floor policy (callfloor policy load)") if row else default_policy()
