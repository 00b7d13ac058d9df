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

from core.basics import NotFound, ScriptError
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


def _placeholder_problems(text: str) -> list[str]:
    """A placeholder is the bare name: {customer:>999999999} or {customer!r} would be read out
    as a gigabyte of spaces or a quoted repr, so a format spec or conversion is refused too."""
    try:
        fields = [
            (name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None
        ]
    except ValueError as exc:
        return [f"{exc} (write {{{{ and }}}} for a literal brace)"]
    allowed = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    problems = []
    for name, spec, conv in fields:
        if name not in PLACEHOLDERS:
            problems.append(f"unknown placeholder {{{name}}}; the placeholders are {allowed}")
        elif spec or conv:
            written = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            problems.append(f"placeholder {written} takes no format; write {{{name}}}")
    return problems


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Reader:
    """Collects every problem of one file."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[str] = []

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{self.source}: {where}: {text}" if where else f"{self.source}: {text}")


def _question(r: _Reader, index: int, raw) -> tuple[Question | None, str]:
    """One [[questions]] entry; returns the question (None when unusable) and how to name it."""
    if not isinstance(raw, dict):
        where = f"question {index}"
        r.problem(where, "must be a table: [[questions]] with id, kind and text")
        return None, where
    qid = raw.get("id")
    where = f'question "{qid}"' if _text(qid) else f"question {index}"
    if "id" not in raw:
        r.problem(where, 'has no id; give it one, e.g. id = "q1"')
    elif not _text(qid):
        r.problem(where, f"id must be a non-empty text, not {qid!r}")
    for key in raw:
        if key not in _QUESTION_KEYS:
            r.problem(where, f"unknown key {key!r} (the keys are {', '.join(_QUESTION_KEYS)})")
    kind = raw.get("kind")
    if kind is None:
        r.problem(where, f"has no kind; give kind = one of {', '.join(KINDS)}")
    elif kind not in KINDS:
        r.problem(where, f"unknown kind {kind!r}; the kinds are {', '.join(KINDS)}")
    text = raw.get("text")
    if text is None:
        r.problem(where, 'has no text; give the question as the agent reads it: text = "..."')
    elif not _text(text):
        r.problem(where, "text is empty; give the question as the agent reads it")
    else:
        for p in _placeholder_problems(text):
            r.problem(where, f"text: {p}")
    flags = {}
    for flag in ("required", "warmth", "probe"):
        value = raw.get(flag, False)
        if not isinstance(value, bool):
            r.problem(where, f"{flag} must be true or false, not {value!r}")
            value = False
        flags[flag] = value
    if kind in KINDS:
        for key, needs in _KIND_KEYS.items():
            if key in raw and kind != needs:
                r.problem(where, f"{key} is only for a {needs} question, not a {kind} one")
    scale = None
    if kind == "score":
        value = raw.get("scale")
        if value is None:
            r.problem(where, "a score question needs scale = [1, 5]")
        elif (
            not isinstance(value, list)
            or len(value) != 2
            or not all(_is_int(v) for v in value)
            or value[0] >= value[1]
        ):
            r.problem(where, f"scale must be two whole numbers, low then high, e.g. [1, 5], not {value!r}")
        else:
            scale = (value[0], value[1])
    dimension = raw.get("dimension") if kind == "score" else None
    if dimension is not None and dimension not in DIMENSIONS:
        r.problem(where, f"unknown dimension {dimension!r}; the dimensions are {', '.join(DIMENSIONS)}")
        dimension = None
    options: tuple[str, ...] = ()
    if kind == "choice":
        value = raw.get("options")
        if value is None:
            r.problem(where, 'a choice question needs options = ["...", "..."]')
        elif not isinstance(value, list) or not value or not all(_text(v) for v in value):
            r.problem(where, "options must be a non-empty list of non-empty texts")
        elif len(set(value)) != len(value):
            r.problem(
                where,
                "options are listed twice: " + ", ".join(sorted({v for v in value if value.count(v) > 1})),
            )
        else:
            options = tuple(value)
    triggers: list[Trigger] = []
    value = raw.get("triggers", [])
    if not isinstance(value, list):
        r.problem(where, 'triggers must be a list: triggers = [{ match = ["响应慢"], ask = "probe_id" }]')
        value = []
    for n, trig in enumerate(value, start=1):
        tag = f"trigger {n}"
        if not isinstance(trig, dict):
            r.problem(where, f'{tag}: must be {{ match = ["..."], ask = "probe_id" }}')
            continue
        for key in trig:
            if key not in ("match", "ask"):
                r.problem(where, f"{tag}: unknown key {key!r} (the keys are match, ask)")
        match, ask = trig.get("match"), trig.get("ask")
        ok = True
        if not isinstance(match, list) or not match or not all(_text(m) for m in match):
            r.problem(where, f'{tag}: match must be a non-empty list of words, e.g. ["响应慢", "slow"]')
            ok = False
        if not _text(ask):
            r.problem(where, f"{tag}: ask must name the probe question to show")
            ok = False
        if ok:
            triggers.append(Trigger(tuple(match), ask))
    if not (_text(qid) and kind in KINDS):
        return None, where
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


def parse_script(text: str, source: str) -> Script:
    """The script in text (TOML); ScriptError with every problem, each naming source."""
    r = _Reader(source)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScriptError([f"{source}: not valid TOML: {exc}"]) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ScriptError([f"{source}: nests arrays or tables hundreds deep; a script never does"]) from None
    for key in raw:
        if key not in _TOP_KEYS:
            r.problem(key, f"unknown key (the keys are {', '.join(_TOP_KEYS)})")
    group = raw.get("group")
    if group is None:
        r.problem("group", f"missing; give the callback group, one of {', '.join(GROUP_IDS)}")
    elif group not in GROUP_IDS:
        r.problem("group", f"unknown group {group!r}; the groups are {', '.join(GROUP_IDS)}")
    version = raw.get("version")
    if version is None:
        r.problem("version", "missing; give version = 1 and raise it with every change")
    elif not _is_int(version) or version < 1:
        r.problem("version", f"must be a whole number 1 or more, not {version!r}")
    for key in ("title", "opening", "closing"):
        value = raw.get(key)
        if value is None:
            r.problem(key, "missing")
        elif not _text(value):
            r.problem(key, "must be a non-empty text")
        else:
            for p in _placeholder_problems(value):
                r.problem(key, p)
    raw_questions = raw.get("questions")
    if raw_questions is None:
        r.problem("questions", "none; add them in order as [[questions]] tables")
        raw_questions = []
    elif not isinstance(raw_questions, list) or not raw_questions:
        r.problem("questions", "must be [[questions]] tables, at least one")
        raw_questions = []
    questions: list[Question] = []
    named: dict[str, int] = {}  # id -> position, for order checks
    for index, item in enumerate(raw_questions, start=1):
        question, where = _question(r, index, item)
        qid = item.get("id") if isinstance(item, dict) else None
        if _text(qid):
            if qid in named:
                r.problem(where, f"duplicate id; question {named[qid]} already uses {qid!r}")
            else:
                named[qid] = index
        if question is not None:
            questions.append(question)
    _check_across(r, questions, named)
    if r.problems:
        raise ScriptError(r.problems)
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
                    f'question "{q.id}"',
                    f'dimension {q.dimension} is already question "{seen[q.dimension]}"\'s',
                )
            else:
                seen[q.dimension] = q.id
    overall = [q.id for q in questions if q.dimension == "overall"]
    if not overall and questions:
        r.problem("questions", 'need one overall score question (kind = "score", dimension = "overall")')
    warm = [q.id for q in questions if q.warmth]
    for extra in warm[1:]:
        r.problem(f'question "{extra}"', f'only one warmth question; "{warm[0]}" is already it')
    asked: set[str] = set()
    for q in questions:
        for n, trig in enumerate(q.triggers, start=1):
            where = f'question "{q.id}"'
            target = by_id.get(trig.ask)
            if trig.ask == q.id:
                r.problem(where, f"trigger {n}: a question cannot ask itself")
            elif target is None and trig.ask not in position:
                r.problem(where, f"trigger {n}: ask = {trig.ask!r} names no question of this script")
            elif target is not None and not target.probe:
                r.problem(where, f"trigger {n}: ask = {trig.ask!r} is not a probe; mark it probe = true")
            elif position.get(trig.ask, 0) < position.get(q.id, 0):
                r.problem(
                    where, f"trigger {n}: the probe {trig.ask!r} must come after the question that asks it"
                )
            asked.add(trig.ask)
    for q in questions:
        if q.probe and q.id not in asked:
            r.problem(
                f'question "{q.id}"',
                "is a probe no trigger asks; add a trigger with ask = "
                f"{q.id!r} to an earlier question, or drop probe = true",
            )


# ---------------------------------------------------------------- files


def script_files(paths) -> list[Path]:
    """Each path as given; a folder stands for every *.toml in it (sorted)."""
    files: list[Path] = []
    problems: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not found:
                problems.append(f"{path}: no *.toml script files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    if not paths:
        problems.append("give at least one script file or folder")
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
    problems: list[str] = []
    for path in script_files(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{path}: not UTF-8 text (byte {exc.start}); save the script as UTF-8")
            continue
        except OSError as exc:
            problems.append(f"{path}: cannot be read ({exc.strerror or exc})")
            continue
        try:
            scripts.append(parse_script(text, str(path)))
        except ScriptError as exc:
            problems.extend(exc.lines())
    first: dict[str, Script] = {}
    for script in scripts:
        if script.group in first:
            problems.append(
                f"{script.origin}: group {script.group} is also {first[script.group].origin}; "
                "give one file per group"
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


def _same(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def load_scripts(session: Session, paths) -> list[LoadResult]:
    """Supervisors load script files, all or none, in one transaction. The same group and
    version with the same text again changes nothing; a changed text needs a higher version."""
    scripts = check_scripts(paths)
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            f"only a supervisor loads callback scripts; {session.login} is an agent",
            action="load callback scripts",
            target=", ".join(s.group for s in scripts),
        )
    results: list[LoadResult] = []
    problems: list[str] = []
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
                        f"{script.origin}: {script.group} version {script.version} is already "
                        f"loaded with different text; bump version (to {newest.version + 1}) "
                        "for a changed script"
                    )
            elif newest is not None and newest.version > script.version:
                problems.append(
                    f"{script.origin}: {script.group} version {script.version} is older than the "
                    f"loaded version {newest.version}; bump version (to {newest.version + 1})"
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
        raise NotFound(
            f"no {group} script version {version} has been loaded; "
            "callfloor script list shows the loaded ones"
        )
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
