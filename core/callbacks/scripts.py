"""Callback scripts (回访话术) as data: one TOML file per callback group, versioned.

A supervisor checks and loads them; every problem of a file is reported, one line each, naming
the file, the question and what is wrong, e.g.
`complaint.toml: question "q3": a score question needs scale = [1, 5]`.
Loading is all or nothing: one bad file and no script changes. Loaded versions are kept for
good (answers keep the version they were given under).
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TypeGuard

from core.basics import NotFound, ScriptError
from core.basics.errors import Message
from core.callbacks.groups import GROUP_IDS
from core.floor import Session, audit, reading
from db.models import Script as ScriptRow

KINDS = ("score", "yes_no", "choice", "text")
DIMENSIONS = ("overall", "efficiency", "solving", "attitude")
PLACEHOLDERS = ("customer", "agent", "product")
DEFAULT_FOLDER = Path(__file__).resolve().parent / "scripts_default"
"""The scripts shipped with callfloor (a starting point a supervisor copies and edits)."""

_TOP_KEYS = ("group", "version", "title", "opening", "closing", "questions")
_QUESTION_KEYS = (
    "id",
    "kind",
    "text",
    "required",
    "scale",
    "dimension",
    "warmth",
    "options",
    "probe",
    "triggers",
)
_KIND_KEYS = {"scale": "score", "dimension": "score", "warmth": "yes_no", "options": "choice"}


@dataclass(frozen=True)
class Trigger:
    """When an answer contains one of match (any case), the probe question ask is shown."""

    match: tuple[str, ...]
    ask: str

    def matches(self, answer: str) -> bool:
        said = str(answer).casefold()
        return any(word.casefold() in said for word in self.match)


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # score | yes_no | choice | text
    text: str
    required: bool = False
    scale: tuple[int, int] | None = None  # score: (low, high)
    dimension: str | None = None  # score: overall | efficiency | solving | attitude
    warmth: bool = False  # yes_no: the warmth question (沟通有温度)
    options: tuple[str, ...] = ()  # choice
    probe: bool = False  # a follow-up, shown only when a trigger asks for it
    triggers: tuple[Trigger, ...] = ()


@dataclass(frozen=True)
class Script:
    group: str
    version: int
    title: str
    opening: str
    closing: str
    questions: tuple[Question, ...]
    source: str  # the TOML text, exactly as written
    origin: str = ""  # where it came from: a file name, or "loaded"
    loaded_at: datetime | None = None
    loaded_by: str | None = None

    def question(self, id_: str) -> Question:
        return next(q for q in self.questions if q.id == id_)

    @property
    def overall(self) -> Question:
        return next(q for q in self.questions if q.dimension == "overall")

    def opening_for(self, customer: str, agent: str, product: str = "") -> str:
        return self.opening.format(customer=customer, agent=agent, product=product)


# ---------------------------------------------------------------- parsing


def _placeholder_problems(text: str) -> list[Message]:
    """A placeholder is the bare name: {customer:>999999999} or {customer!r} would be read out
    as a gigabyte of spaces or a quoted repr, so a format spec or conversion is refused too.
    The problems lack the file and place, which the reader adds."""
    try:
        fields = [
            (name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None
        ]
    except ValueError as exc:
        return [Message("script.placeholder.bad_braces", {"error": str(exc)})]
    allowed = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    problems = []
    for name, spec, conv in fields:
        if name not in PLACEHOLDERS:
            problems.append(Message("script.placeholder.unknown", {"name": name, "allowed": allowed}))
        elif spec or conv:
            written = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            problems.append(Message("script.placeholder.formatted", {"written": written, "name": name}))
    return problems


def _text(value) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


Where = str | Message
"""The place of a problem in a script: a top-level key ("group") or a Message naming a question,
its text or one of its triggers."""


def _question_at(qid) -> Message:
    return Message("script.where.question", {"id": qid})


def _trigger_at(where: Where, n: int) -> Message:
    return Message("script.where.trigger", {"where": where, "n": n})


class _Reader:
    """Collects every problem of one file, each naming the file and the place in it."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Message] = []

    def problem(self, where: Where, code: str, /, **params) -> None:
        self.problems.append(Message(code, {"source": self.source, "where": where, **params}))

    def placeholders(self, where: Where, text: str) -> None:
        for p in _placeholder_problems(text):
            self.problem(where, p.code, **p.params)


def _question(r: _Reader, index: int, raw) -> tuple[Question | None, Where]:
    """One [[questions]] entry; returns the question (None when unusable) and how to name it."""
    if not isinstance(raw, dict):
        where: Where = Message("script.where.question_number", {"number": index})
        r.problem(where, "script.question.not_table")
        return None, where
    qid = raw.get("id")
    where = _question_at(qid) if _text(qid) else Message("script.where.question_number", {"number": index})
    if "id" not in raw:
        r.problem(where, "script.question.no_id")
    elif not _text(qid):
        r.problem(where, "script.question.bad_id", value=qid)
    for key in raw:
        if key not in _QUESTION_KEYS:
            r.problem(where, "script.question.unknown_key", key=key, keys=", ".join(_QUESTION_KEYS))
    kind = raw.get("kind")
    if kind is None:
        r.problem(where, "script.question.no_kind", kinds=", ".join(KINDS))
    elif kind not in KINDS:
        r.problem(where, "script.question.unknown_kind", value=kind, kinds=", ".join(KINDS))
    text = raw.get("text")
    if text is None:
        r.problem(where, "script.question.no_text")
    elif not _text(text):
        r.problem(where, "script.question.empty_text")
    else:
        r.placeholders(Message("script.where.text", {"where": where}), text)
    flags = {}
    for flag in ("required", "warmth", "probe"):
        value = raw.get(flag, False)
        if not isinstance(value, bool):
            r.problem(where, "script.question.flag_not_bool", flag=flag, value=value)
            value = False
        flags[flag] = value
    if kind in KINDS:
        for key, needs in _KIND_KEYS.items():
            if key in raw and kind != needs:
                r.problem(where, "script.question.key_of_other_kind", key=key, needs=needs, kind=kind)
    scale = None
    if kind == "score":
        value = raw.get("scale")
        if value is None:
            r.problem(where, "script.question.no_scale")
        elif (
            not isinstance(value, list)
            or len(value) != 2
            or not all(_is_int(v) for v in value)
            or value[0] >= value[1]
        ):
            r.problem(where, "script.question.bad_scale", value=value)
        else:
            scale = (value[0], value[1])
    dimension = raw.get("dimension") if kind == "score" else None
    if dimension is not None and dimension not in DIMENSIONS:
        r.problem(
            where, "script.question.unknown_dimension", value=dimension, dimensions=", ".join(DIMENSIONS)
        )
        dimension = None
    options: tuple[str, ...] = ()
    if kind == "choice":
        value = raw.get("options")
        if value is None:
            r.problem(where, "script.question.no_options")
        elif not isinstance(value, list) or not value or not all(_text(v) for v in value):
            r.problem(where, "script.question.bad_options")
        elif len(set(value)) != len(value):
            twice = ", ".join(sorted({v for v in value if value.count(v) > 1}))
            r.problem(where, "script.question.options_twice", options=twice)
        else:
            options = tuple(value)
    triggers: list[Trigger] = []
    value = raw.get("triggers", [])
    if not isinstance(value, list):
        r.problem(where, "script.question.triggers_not_list")
        value = []
    for n, trig in enumerate(value, start=1):
        tag = _trigger_at(where, n)
        if not isinstance(trig, dict):
            r.problem(tag, "script.trigger.not_table")
            continue
        for key in trig:
            if key not in ("match", "ask"):
                r.problem(tag, "script.trigger.unknown_key", key=key)
        match = trig.get("match")
        if not isinstance(match, list) or not match or not all(_text(m) for m in match):
            r.problem(tag, "script.trigger.bad_match")
            match = None
        ask = trig.get("ask")
        if not _text(ask):
            r.problem(tag, "script.trigger.no_ask")
            ask = None
        if match and ask:
            triggers.append(Trigger(tuple(match), ask))
    if _text(qid) and kind in KINDS:
        # Kept for the checks between questions even when its text is wrong (the file is refused anyway).
        return Question(
            qid,
            kind,
            text if isinstance(text, str) else "",
            flags["required"],
            scale,
            dimension,
            flags["warmth"],
            options,
            flags["probe"],
            tuple(triggers),
        ), where
    return None, where


def parse_script(text: str, source: str) -> Script:
    """The script in text (TOML); ScriptError with every problem, each naming source."""
    r = _Reader(source)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScriptError([Message("script.file.not_toml", {"source": source, "error": str(exc)})]) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ScriptError([Message("script.file.too_deep", {"source": source})]) from None
    for key in raw:
        if key not in _TOP_KEYS:
            r.problem(key, "script.key.unknown", keys=", ".join(_TOP_KEYS))
    group = raw.get("group")
    if group is None:
        r.problem("group", "script.group.missing", groups=", ".join(GROUP_IDS))
    elif group not in GROUP_IDS:
        r.problem("group", "script.group.unknown", value=group, groups=", ".join(GROUP_IDS))
    version = raw.get("version")
    if version is None:
        r.problem("version", "script.version.missing")
    elif not _is_int(version) or version < 1:
        r.problem("version", "script.version.bad", value=version)
    for key in ("title", "opening", "closing"):
        value = raw.get(key)
        if value is None:
            r.problem(key, "script.text.missing")
        elif not _text(value):
            r.problem(key, "script.text.empty")
        else:
            r.placeholders(key, value)
    raw_questions = raw.get("questions")
    if raw_questions is None:
        r.problem("questions", "script.questions.none")
        raw_questions = []
    elif not isinstance(raw_questions, list) or not raw_questions:
        r.problem("questions", "script.questions.not_tables")
        raw_questions = []
    questions: list[Question] = []
    named: dict[str, int] = {}  # id -> position, for order checks
    for index, item in enumerate(raw_questions, start=1):
        question, where = _question(r, index, item)
        qid = item.get("id") if isinstance(item, dict) else None
        if _text(qid):
            if qid in named:
                r.problem(where, "script.question.duplicate_id", number=named[qid], value=qid)
            else:
                named[qid] = index
        if question is not None:
            questions.append(question)
    _check_across(r, questions, named)
    if r.problems:
        raise ScriptError(r.problems)
    # No problems, so the checks above found group one of GROUP_IDS and version a whole number.
    assert isinstance(group, str) and isinstance(version, int)
    return Script(
        group, version, raw["title"], raw["opening"], raw["closing"], tuple(questions), text, source
    )


def _check_across(r: _Reader, questions: list[Question], position: dict[str, int]) -> None:
    """Rules between questions: dimensions, warmth, triggers and probes."""
    by_id = {q.id: q for q in questions}
    seen: dict[str, str] = {}
    for q in questions:
        if q.dimension:
            if q.dimension in seen:
                r.problem(
                    _question_at(q.id),
                    "script.question.dimension_taken",
                    dimension=q.dimension,
                    other=seen[q.dimension],
                )
            else:
                seen[q.dimension] = q.id
    overall = [q.id for q in questions if q.dimension == "overall"]
    if not overall and questions:
        r.problem("questions", "script.questions.no_overall")
    warm = [q.id for q in questions if q.warmth]
    for extra in warm[1:]:
        r.problem(_question_at(extra), "script.question.second_warmth", first=warm[0])
    asked: set[str] = set()
    for q in questions:
        for n, trig in enumerate(q.triggers, start=1):
            tag = _trigger_at(_question_at(q.id), n)
            target = by_id.get(trig.ask)
            if trig.ask == q.id:
                r.problem(tag, "script.trigger.asks_itself")
            elif target is None and trig.ask not in position:
                r.problem(tag, "script.trigger.asks_nothing", ask=trig.ask)
            elif target is not None and not target.probe:
                r.problem(tag, "script.trigger.not_a_probe", ask=trig.ask)
            elif position.get(trig.ask, 0) < position.get(q.id, 0):
                r.problem(tag, "script.trigger.probe_before", ask=trig.ask)
            asked.add(trig.ask)
    for q in questions:
        if q.probe and q.id not in asked:
            r.problem(_question_at(q.id), "script.question.probe_unasked", value=q.id)


# ---------------------------------------------------------------- files


def script_files(paths) -> list[Path]:
    """Each path as given; a folder stands for every *.toml in it (sorted)."""
    files: list[Path] = []
    problems: list[Message] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not found:
                problems.append(Message("script.folder.empty", {"source": str(path)}))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Message("script.path.missing", {"source": str(path)}))
    if not paths:
        problems.append(Message("script.paths.none"))
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    files = list(unique.values())
    if problems:
        raise ScriptError(problems)
    return files


def check_scripts(paths) -> list[Script]:
    """Every script in paths, checked without a database; ScriptError with every problem of
    every file (and two files for one group) when any is wrong."""
    scripts: list[Script] = []
    problems: list[Message] = []
    for path in script_files(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Message("script.file.not_utf8", {"source": str(path), "byte": exc.start}))
            continue
        except OSError as exc:
            problems.append(
                Message("script.file.unreadable", {"source": str(path), "reason": str(exc.strerror or exc)})
            )
            continue
        try:
            scripts.append(parse_script(text, str(path)))
        except ScriptError as exc:
            problems.extend(exc.problems)
    first: dict[str, Script] = {}
    for script in scripts:
        if script.group in first:
            other = first[script.group].origin
            problems.append(
                Message(
                    "script.group.twice", {"source": script.origin, "group": script.group, "other": other}
                )
            )
        else:
            first.setdefault(script.group, script)
    if problems:
        raise ScriptError(problems)
    return scripts


def default_scripts() -> list[Script]:
    """The scripts shipped with callfloor."""
    return check_scripts([DEFAULT_FOLDER])


# ---------------------------------------------------------------- the floor's scripts


@dataclass(frozen=True)
class LoadResult:
    group: str
    version: int
    origin: str
    loaded: bool  # False: this exact version was already loaded


def _named(script: Script) -> dict:
    """The params that name a script in a load's problem: its file, group and version."""
    return {"source": script.origin, "group": script.group, "version": script.version}


def _same(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def load_scripts(session: Session, paths) -> list[LoadResult]:
    """Supervisors load script files, all or none, in one transaction. The same group and
    version with the same text again changes nothing; a changed text needs a higher version."""
    scripts = check_scripts(paths)
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            "script.load.supervisors_only",
            action="load callback scripts",
            target=", ".join(s.group for s in scripts),
            login=session.login,
        )
    results: list[LoadResult] = []
    problems: list[Message] = []
    with session.writing():
        for script in scripts:
            same = ScriptRow.get_or_none(
                (ScriptRow.group == script.group) & (ScriptRow.version == script.version)
            )
            newest = (
                ScriptRow.select()
                .where(ScriptRow.group == script.group)
                .order_by(ScriptRow.version.desc())
                .first()
            )
            if same is not None:
                if _same(same.source, script.source):
                    results.append(LoadResult(script.group, script.version, script.origin, False))
                else:
                    problems.append(
                        Message(
                            "script.load.changed_text",
                            {**_named(script), "next": newest.version + 1},
                        )
                    )
            elif newest is not None and newest.version > script.version:
                problems.append(
                    Message(
                        "script.load.older",
                        {**_named(script), "loaded": newest.version, "next": newest.version + 1},
                    )
                )
            else:
                ScriptRow.create(
                    group=script.group,
                    version=script.version,
                    source=script.source,
                    loaded_at=session.now(),
                    loaded_by=session.login,
                )
                results.append(LoadResult(script.group, script.version, script.origin, True))
        if problems:
            raise ScriptError(problems)  # rolls back this transaction: nothing loaded
    return results


def _from_row(row: ScriptRow) -> Script:
    script = parse_script(row.source, f"{row.group} version {row.version} (loaded)")
    return replace(script, loaded_at=row.loaded_at, loaded_by=row.loaded_by)


@reading
def current_scripts(session: Session) -> dict[str, Script]:
    """The newest loaded version of each group's script."""
    session.require_agent()
    newest: dict[str, ScriptRow] = {}
    for row in ScriptRow.select().order_by(ScriptRow.group, ScriptRow.version):
        newest[row.group] = row
    return {group: _from_row(row) for group, row in sorted(newest.items())}


@reading
def script_by_version(session: Session, group: str, version: int) -> Script:
    """A loaded version, e.g. the one a callback's answers were given under."""
    session.require_agent()
    row = ScriptRow.get_or_none((ScriptRow.group == group) & (ScriptRow.version == version))
    if row is None:
        raise NotFound("script.version.not_loaded", group=group, version=version)
    return _from_row(row)


__all__ = [
    "KINDS",
    "DIMENSIONS",
    "PLACEHOLDERS",
    "Trigger",
    "Question",
    "Script",
    "LoadResult",
    "parse_script",
    "check_scripts",
    "load_scripts",
    "current_scripts",
    "script_by_version",
    "default_scripts",
    "script_files",
]
