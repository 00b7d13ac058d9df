"""Setting up and looking after a floor: init, check, backup, the shared policy."""

from __future__ import annotations

import grp
import os
import pwd
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from core.admin.policy_check import check_usable
from core.basics import AgentView, Clock, InvalidInput, Refused, StorageProblem
from core.floor import (
    POLICY_KEY,
    Session,
    audit,
    next_policy_revision,
    open_session,
    read_floor_policy,
    storage_problems,
)
from core.people import check_login, ensure_first_supervisor
from core.policy import Policy, load_policy, parse_policy, policy_toml, read_policy_text
from db import floor_file, maintenance, migrations
from db.models import Agent, Department, FloorSetting
from db.urls import redact_url


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
            raise InvalidInput("--group", "admin.group.not_sqlite")
        return None
    with storage_problems():
        try:
            return floor_file.create_floor_file(path, group)
        except floor_file.GroupProblem as exc:
            raise InvalidInput("--group", "admin.group.unusable", detail=str(exc)) from exc


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


def init_new_floor(
    path, group: str | None = None, *, login: str | None = None, clock: Clock | None = None
) -> tuple[InitResult, floor_file.FloorFile] | None:
    """`db init` of a SQLite file: the floor is built whole (schema, first supervisor,
    directory) in a new 0660 file of the floor group beside path, and renamed into place only
    then, so a db init killed halfway leaves no floor at path (at most a hidden .NAME.init-*
    file to delete), never a schema without a supervisor. None when a floor is there already.
    An empty file at path (made beforehand for its group) counts as no floor and is replaced."""
    file = Path(path)
    empty = _empty_file(file)
    if file.exists() and not empty:
        return None
    if empty and group is None:
        group = _group_name(file)
    with storage_problems():
        try:
            building = floor_file.create_building_file(file, group)
        except floor_file.GroupProblem as exc:
            raise InvalidInput("--group", "admin.group.unusable", detail=str(exc)) from exc
    try:
        session = open_session(building.path, login=login, clock=clock, create=True)
        try:
            result = init_floor(session)
        finally:
            session.close()
        with storage_problems():
            if empty and not _empty_file(file):
                raise StorageProblem("admin.init.written_meanwhile", file=file)
            floor_file.put_in_place(building.path, file, replace=empty)
    except BaseException:
        floor_file.remove_sqlite_files(building.path)
        raise
    return result, floor_file.FloorFile(file, building.group, building.mode)


def init_server_floor(url: str, *, clock: Clock | None = None) -> InitResult:
    """`db init --db-url`: an empty database becomes a floor, its caller the first supervisor; a
    database that holds a floor already is opened as any floor is, so one left without an
    active supervisor (an init killed halfway, an edit by hand) is refused with the repair,
    never handed to whoever runs db init next (as `db init` of a SQLite file does)."""
    looked = open_session(url=url, clock=clock, create=True, upgrade=False, require_supervisor=False)
    try:
        with storage_problems():
            has_floor = "agent" in looked.db.get_tables()
    finally:
        looked.close()
    session = open_session(url=url, clock=clock, create=not has_floor)
    try:
        return init_floor(session)
    finally:
        session.close()


def _empty_file(file: Path) -> bool:
    try:
        return file.is_file() and file.stat().st_size == 0
    except OSError:
        return False


def _group_name(file: Path) -> str | None:
    try:
        return grp.getgrgid(file.stat().st_gid).gr_name
    except (KeyError, OSError):
        return None


def repair_supervisor(
    path=None, url=None, *, login: str | None = None, clock: Clock | None = None
) -> InitResult:
    """`db init --repair-supervisor`: a floor left with no active supervisor (an interrupted
    init, an edit by hand) gets the caller as its supervisor. CALLFLOOR_USER is no security
    boundary, so for a SQLite file only the OS user who owns it (or root) may; on a database
    server, its credentials are the boundary. Refused on a floor that has a supervisor."""
    session = open_session(path, url, login=login, clock=clock, require_supervisor=False)
    try:
        if path is not None and str(path) != ":memory:":
            owner = _file_owner(path)
            if os.geteuid() not in (0, owner):
                raise audit.refuse(
                    session,
                    "admin.repair.owner_only",
                    path=path,
                    owner=_user_name(owner),
                    action="repair the floor's supervisor",
                    target="supervisor",
                )
        login_name = check_login(session.login)
        with session.writing():
            found = [a.login for a in Agent.active_supervisors()]
            if found:
                raise Refused(
                    "admin.repair.has_supervisor",
                    database=path or redact_url(url),
                    supervisors=", ".join(found),
                )
            agent = Agent.get_or_none(Agent.login == login_name)
            if agent:
                Agent.update(role="supervisor", active=True).where(Agent.id == agent.id).execute()
            else:
                Agent.create(
                    login=login_name, display_name=login_name, role="supervisor", created_at=session.now()
                )
        session.forget_agent()
        done = init_floor(session)
        me = session.agent
        return InitResult(
            done.schema_version,
            AgentView(me.login, me.display_name, me.role, me.team, me.active),
            done.departments_added,
        )
    finally:
        session.close()


def _file_owner(path) -> int:
    try:
        return os.stat(path).st_uid
    except OSError as exc:
        raise StorageProblem("admin.owner_unreadable", path=path, reason=exc.strerror) from exc


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


NO_SUPERVISOR = (
    "no active supervisor: every command refuses this floor (an interrupted `db init`?); "
    "the OS user who owns the file repairs it with `callfloor db init --repair-supervisor`, "
    "or restore the latest backup"
)
"""Without a supervisor nobody may rightfully run the floor, so check counts it as a problem."""


def check_floor(session: Session) -> maintenance.CheckReport:
    """The storage checks, and the floor's one rule a file can break: an active supervisor."""
    with storage_problems():
        report = maintenance.check(session.db)
        if report.schema_version >= 1 and not Agent.active_supervisors().exists():
            report = replace(report, problems=(*report.problems, NO_SUPERVISOR))
    return report


def backup_floor(session: Session, dest) -> Path:
    """An online, consistent copy; agents keep working while it runs. A supervisor's move (the
    copy holds every phone in clear): an agent is refused, and that is audited."""
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            "admin.backup.supervisor_only",
            login=session.login,
            action="back up the floor",
            target=str(dest),
        )
    with storage_problems():
        try:
            return maintenance.backup(session.db, dest)
        except OSError as exc:
            raise StorageProblem("admin.backup.write_failed", dest=dest, reason=exc.strerror) from exc


def check_policy_file(path, now: datetime | None = None) -> Policy:
    """The policy in the file, refused (PolicyError) if it would not parse or not run a floor."""
    policy = load_policy(path)
    check_usable(policy, now or datetime.now(UTC))
    return policy


def load_policy_into_floor(session: Session, path) -> Policy:
    """Validate the file, then make it the policy every session on the floor reads."""
    text = read_policy_text(path)
    check_usable(parse_policy(text, str(path)), session.now())
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            "admin.policy.supervisor_only",
            login=session.login,
            action="load a policy file",
            target="policy",
        )
    with session.writing():
        FloorSetting.put(POLICY_KEY, text, session.now(), session.login)
        revision = next_policy_revision()  # the running sessions' cue to read the new policy
        FloorSetting.put(revision.key, revision.value, session.now(), session.login)
    session.policy, session.policy_revision, _ = read_floor_policy()
    return session.policy


def floor_policy_text(session: Session) -> str | None:
    """The policy file as a supervisor loaded it (comments and all), or None: the defaults."""
    session.require_agent()
    row = FloorSetting.get_or_none(FloorSetting.key == POLICY_KEY)
    return row.value if row else None


def policy_in_force_text(session: Session) -> str:
    """The policy the floor works under, every key written out (defaults included), as a TOML
    file that `policy check` accepts and `policy load` takes back after editing."""
    session.require_agent()
    policy, _, row = read_floor_policy()
    if row is None:
        heading = [
            "The floor's policy in force: the built-in defaults (no policy file loaded).",
            "Edit, check with `callfloor policy check FILE`, load with `callfloor policy load FILE`.",
        ]
    else:
        loaded = row.updated_at.astimezone(policy.calendar.tz).strftime("%Y-%m-%d %H:%M")
        heading = [
            f"The floor's policy in force: loaded by {row.updated_by} at {loaded}, over the",
            "built-in defaults (`callfloor policy show --as-loaded` prints the file as loaded).",
        ]
    return policy_toml(policy, heading)


__all__ = [
    "InitResult",
    "create_floor_file",
    "init_floor",
    "init_new_floor",
    "init_server_floor",
    "repair_supervisor",
    "check_floor",
    "backup_floor",
    "check_policy_file",
    "load_policy_into_floor",
    "floor_policy_text",
    "policy_in_force_text",
]
