"""Setting up and looking after a floor: init, check, backup, the shared policy."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.agents import ensure_first_supervisor
from core import audit
from core.errors import InvalidInput, StorageProblem
from core.policy import Policy, load_policy, parse_policy, read_policy_text
from core.session import POLICY_KEY, Session, floor_policy, storage_problems
from core.views import AgentView
from db import floor_file, maintenance, migrations
from db.models import Department, FloorSetting


@dataclass(frozen=True)
class InitResult:
    schema_version: int
    supervisor: AgentView | None  # set when this call made the first supervisor
    departments_added: int


def create_floor_file(path, url=None, group: str | None = None) -> floor_file.FloorFile | None:
    """Before init opens it: a new SQLite floor file, mode 0660, owned by the floor group
    (default: the caller's primary group), so every agent of the group can write it whatever
    their umask. An existing file is left as it is (None). A group that does not exist, or
    that this user cannot give files to, is refused and leaves no file."""
    if url is not None or path is None or str(path) == ":memory:":
        if group is not None:
            raise InvalidInput("--group", "a floor group applies to a SQLite file (--db PATH); "
                                          "a database server keeps its own permissions")
        return None
    with storage_problems():
        try:
            return floor_file.create_floor_file(path, group)
        except floor_file.GroupProblem as exc:
            raise InvalidInput("--group", str(exc)) from exc


def init_floor(session: Session) -> InitResult:
    """Make a usable floor: schema (already upgraded on open), the first supervisor, and the
    department directory from the policy. Running it again changes nothing."""
    supervisor = ensure_first_supervisor(session)
    added = 0
    with session.writing():
        if not Department.select().exists():
            for dept in session.policy.departments:
                Department.create(name=dept.id, online_hours=dept.hours or None)
                added += 1
    return InitResult(migrations.current_version(session.db), supervisor, added)


def check_floor(session: Session) -> maintenance.CheckReport:
    with storage_problems():
        return maintenance.check(session.db)


def backup_floor(session: Session, dest) -> Path:
    """An online, consistent copy; agents keep working while it runs."""
    session.agent
    with storage_problems():
        try:
            return maintenance.backup(session.db, dest)
        except OSError as exc:
            raise StorageProblem(f"cannot write the backup to {dest}: {exc.strerror}") from exc


def check_policy_file(path) -> Policy:
    return load_policy(path)


def load_policy_into_floor(session: Session, path) -> Policy:
    """Validate the file, then make it the policy every session on the floor reads."""
    text = read_policy_text(path)
    parse_policy(text, str(path))
    if not session.is_supervisor:
        raise audit.refuse(session, f"only a supervisor changes the floor's policy; {session.login} is an agent",
                           action="load a policy file", target="policy")
    with session.writing():
        FloorSetting.replace(key=POLICY_KEY, value=text, updated_at=session.now(),
                             updated_by=session.login).execute()
    session.policy = floor_policy()
    return session.policy


def floor_policy_text(session: Session) -> str | None:
    session.agent
    row = FloorSetting.get_or_none(FloorSetting.key == POLICY_KEY)
    return row.value if row else None


__all__ = ["InitResult", "create_floor_file", "init_floor", "check_floor", "backup_floor", "check_policy_file",
           "load_policy_into_floor", "floor_policy_text"]
