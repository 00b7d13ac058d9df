"""Errors core raises. str() of each is a message for a person: what is wrong, how to fix it."""

from __future__ import annotations


class CallfloorError(Exception):
    """Base: a refusal or invalid input. Nothing was changed."""


class InvalidInput(CallfloorError):
    def __init__(self, field: str, problem: str):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class NotFound(CallfloorError):
    pass


class Refused(CallfloorError):
    """A move the floor's rules do not allow."""


class AlreadyClaimed(Refused):
    def __init__(self, ref: str, owner_login: str, owner_name: str):
        self.ref = ref
        self.owner_login = owner_login
        super().__init__(f"{ref} is already owned by {owner_name} ({owner_login})")


class UnknownAgent(CallfloorError):
    def __init__(self, login: str):
        self.login = login
        super().__init__(
            f"'{login}' is not an agent on this floor; a supervisor adds you with: "
            f"callfloor agent add {login} --name 'Your Name' --role agent"
        )


class NotAllowed(Refused):
    """The rule exists, but this person's role does not permit it."""


class StaleEdit(Refused):
    """The ticket changed after this person's screen read it: their save is not applied."""

    def __init__(self, ref: str, login: str | None, when: str | None, kind: str | None):
        self.ref, self.login, self.when, self.kind = ref, login, when, kind
        who = f"changed by {login} at {when} ({kind})" if login else "changed by someone else"
        super().__init__(
            f"{ref} was {who} after you opened it; nothing was saved and your "
            f"text is kept: look at the change, then save again"
        )


class StorageProblem(CallfloorError):
    """The database could not be reached or written; nothing was changed."""


class StorageBusy(StorageProblem):
    """Another process held the floor's lock past the busy timeout. Typed, so that each screen
    says what its own action kept (a form its text; a list load nothing)."""


class NoSupervisor(Refused):
    """The floor has no active supervisor (an interrupted db init): every command refuses it
    until its file's owner repairs it (db init --repair-supervisor) or a backup is restored."""


class PolicyError(CallfloorError):
    def __init__(self, source: str, key: str, problem: str):
        self.source, self.key, self.problem = source, key, problem
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")


class ImportRejected(CallfloorError):
    """A file with bad rows: nothing was imported."""

    def __init__(self, source: str, problems: list[tuple[int, str]]):
        self.source = source
        self.problems = problems
        rows = len({line for line, _ in problems})
        said = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
        super().__init__(f"{source}: {said} in {rows} row{'' if rows == 1 else 's'}, nothing imported")

    def lines(self) -> list[str]:
        return [f"{self.source}:{line}: {reason}" for line, reason in self.problems]


class ScriptError(CallfloorError):
    """Callback script files with problems, or a load the floor refuses: nothing was loaded.
    Each problem is one line naming the file, the question and what is wrong."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def lines(self) -> list[str]:
        return list(self.problems)

    def summary(self) -> str:
        n = len(self.problems)
        return f"{n} problem{'' if n == 1 else 's'} in the script files; no script was loaded"
