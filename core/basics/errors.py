"""Errors core raises. Each carries a code (and, for bad input, the field at fault) so that a
screen decides what to show from the code, never from the words; the words for each code, in
English and Chinese, are registered by each package's messages module (core/<package>/messages.py)
and said by say(). str() of an error is its English: what is wrong and how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Words = dict[str, tuple[str, str]]
"""{code: (english, chinese)}; {name} placeholders are filled from the error's params."""

_WORDS: Words = {}

CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
"""What a code looks like: dotted ids, the first naming the package's domain ("ticket.not_open")."""

LANGUAGES = ("en", "zh")

_COLON = (": ", "：")
"""Between a field's name and what is wrong with it: English, then Chinese."""


def register(entries: Words) -> None:
    """Add a package's words. A code registered twice with other words is a bug."""
    for code, words in entries.items():
        if code in _WORDS and _WORDS[code] != words:
            raise ValueError(f"message code {code!r} registered twice with different words")
        _WORDS[code] = words


def words() -> Words:
    """Every registered code with its words (the app's i18n catalogue and the tests read it)."""
    return dict(_WORDS)


@dataclass(frozen=True)
class Term:
    """A registered word used inside another message (a status, an action, a field's name), so
    it is said in the message's language."""

    code: str


@dataclass(frozen=True)
class Count:
    """A number with its noun: the noun's code holds "one|many" forms, e.g. "{n} row|{n} rows"."""

    n: int
    noun: str


@dataclass(frozen=True)
class Message:
    """Something said to a person: a code and the values its words need."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def say(self, language: str = "en") -> str:
        return say(self.code, language, **self.params)

    def __str__(self) -> str:
        return self.say("en")


def say(code: str, language: str = "en", /, **params: Any) -> str:
    """The words for code in language ("en" or "zh"), params filled in (Terms, Counts and
    Messages among them said in the same language). An unregistered code says itself."""
    entry = _WORDS.get(code)
    if entry is None:
        if not CODE.fullmatch(code):  # words not yet moved to a messages module: said as they are
            return code
        return f"[{code}]" + (f" {params}" if params else "")
    template = entry[1] if language == "zh" else entry[0]
    values = {name: _said(value, language) for name, value in params.items()}
    return template.format(**values)


def _said(value: Any, language: str) -> Any:
    if isinstance(value, Term):
        return say(value.code, language)
    if isinstance(value, Count):
        forms = say(value.noun, language, n=value.n).split("|")
        return forms[0] if value.n == 1 or len(forms) == 1 else forms[1]
    if isinstance(value, Message | CallfloorError):
        return value.say(language)
    return value


class CallfloorError(Exception):
    """Base: a refusal or invalid input. Nothing was changed."""

    def __init__(self, code: str, /, **params: Any):
        self.message = Message(code, params)
        super().__init__(code)

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def params(self) -> dict[str, Any]:
        return self.message.params

    def say(self, language: str = "en") -> str:
        """The message in language: what is wrong and how to fix it."""
        return self.message.say(language)

    def __str__(self) -> str:
        return self.say("en")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, **{self.params!r})"


class InvalidInput(CallfloorError):
    """A value a person gave is wrong. field names the form row or option at fault (a stable
    id, also a registered word "field.<field>"), code what is wrong with it."""

    def __init__(self, field: str, code: str, /, **params: Any):
        self.field = field
        super().__init__(code, **params)

    @property
    def problem(self) -> str:
        """What is wrong, in English, without the field's name."""
        return self.message.say("en")

    def say(self, language: str = "en") -> str:
        field_words = say(f"field.{self.field}", language) if f"field.{self.field}" in _WORDS else self.field
        return f"{field_words}{_COLON[language == 'zh']}{self.message.say(language)}"


class NotFound(CallfloorError):
    pass


class Refused(CallfloorError):
    """A move the floor's rules do not allow."""


class AlreadyClaimed(Refused):
    """ref: a ticket's ref, or a Message naming what else was claimed (a callback)."""

    def __init__(self, ref: str | Message, owner_login: str, owner_name: str):
        self.ref = ref
        self.owner_login = owner_login
        super().__init__("ticket.already_claimed", ref=ref, owner_login=owner_login, owner_name=owner_name)


class UnknownAgent(CallfloorError):
    """The login is not an active agent on this floor: never added, or left (left=True: a
    supervisor made them inactive, and says so differently: adding them again is refused)."""

    def __init__(self, login: str, left: bool = False):
        self.login = login
        self.left = left
        super().__init__("floor.left_agent" if left else "floor.unknown_agent", login=login)


class NotAllowed(Refused):
    """The rule exists, but this person's role does not permit it. action and target name what
    was attempted, on what, for the audit row (core.floor.audit.refusal builds one)."""

    def __init__(self, code: str, /, *, action: str, target: str, **params: Any):
        self.action, self.target = action, target
        self.audited = False
        super().__init__(code, **params)


class StaleEdit(Refused):
    """The ticket changed after this person's screen read it: their save is not applied."""

    def __init__(self, ref: str, login: str | None, when: str | None, kind: str | None):
        self.ref, self.login, self.when, self.kind = ref, login, when, kind
        if login:
            super().__init__("ticket.stale", ref=ref, login=login, when=when, kind=Term(f"event.{kind}"))
        else:
            super().__init__("ticket.stale.someone", ref=ref)


class StorageProblem(CallfloorError):
    """The database could not be reached or written; nothing was changed."""


class StorageBusy(StorageProblem):
    """Another process held the floor's lock past the busy timeout. Typed, so that each screen
    says what its own action kept (a form its text; a list load nothing)."""


class WriteCollision(StorageBusy):
    """Two writes collided on a database server (a serialization failure or a deadlock): the
    call was rolled back whole and may simply be run again (core.floor.storage.retried)."""


class NoSupervisor(Refused):
    """The floor has no active supervisor (an interrupted db init): every command refuses it
    until its file's owner repairs it (db init --repair-supervisor) or a backup is restored."""


class PolicyError(CallfloorError):
    """A policy that cannot be used: source (the file, or a Term naming the built-in or the
    floor's), key (the dotted key at fault, or "" for the whole file) and what is wrong with it."""

    def __init__(self, source: str | Term, key: str, code: str, /, **params: Any):
        self.source, self.key = source, key
        super().__init__(code, **params)

    @property
    def problem(self) -> str:
        """What is wrong, in English, without the file and key."""
        return self.message.say("en")

    def say(self, language: str = "en") -> str:
        source = _said(self.source, language)
        where = f"{source}: {self.key}" if self.key else source
        return f"{where}: {self.message.say(language)}"


class ImportRejected(CallfloorError):
    """A file with bad rows: nothing was imported. problems: (line, what is wrong there)."""

    def __init__(
        self,
        source: str,
        problems: Sequence[tuple[int, Message | CallfloorError]],
        rows_of_sheet: bool = False,
    ):
        self.source = source
        self.problems = problems
        self.rows_of_sheet = rows_of_sheet
        """The numbers are a workbook sheet's rows, not a CSV file's lines."""
        rows = len({line for line, _ in problems})
        super().__init__(
            "import.rejected",
            source=source,
            problems=Count(len(problems), "count.problem"),
            rows=Count(rows, "count.row"),
        )

    def lines(self, language: str = "en") -> list[str]:
        return [f"{self.where(line, language)}: {_said(reason, language)}" for line, reason in self.problems]

    def where(self, line: int, language: str = "en") -> str:
        if not self.rows_of_sheet:
            return f"{self.source}:{line}"
        return f"{self.source} 第 {line} 行" if language == "zh" else f"{self.source} row {line}"


class ScriptError(CallfloorError):
    """Callback script files with problems, or a load the floor refuses: nothing was loaded.
    Each problem is one line naming the file, the question and what is wrong."""

    def __init__(self, problems: list[Message]):
        self.problems = list(problems)
        super().__init__("script.rejected", problems=Count(len(self.problems), "count.problem"))

    def say(self, language: str = "en") -> str:
        return "\n".join(self.lines(language))

    def lines(self, language: str = "en") -> list[str]:
        return [str(_said(problem, language)) for problem in self.problems]

    def summary(self, language: str = "en") -> str:
        return self.message.say(language)


register(
    {
        "count.problem": ("{n} problem|{n} problems", "{n} 个问题"),
        "count.row": ("{n} row|{n} rows", "{n} 行"),
        "import.rejected": (
            "{source}: {problems} in {rows}, nothing imported",
            "{source}：{rows}中有{problems}，未导入任何记录",
        ),
        "script.rejected": (
            "{problems} in the script files; no script was loaded",
            "话术文件中有{problems}，未加载任何话术",
        ),
    }
)
