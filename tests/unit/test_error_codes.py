"""Refusals are typed: every error core builds names a registered code (never English text),
and every code's words exist in English and Chinese with the same placeholders, so a screen can
say any refusal in the agent's language and decide what to show from the code alone."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

import core
from core.basics import errors

ROOT = Path(__file__).resolve().parents[2]

CODE_ARGUMENT = {
    # the callable that takes a code -> the position of the code among its positional arguments
    "CallfloorError": 0,
    "NotFound": 0,
    "Refused": 0,
    "StorageProblem": 0,
    "StorageBusy": 0,
    "NoSupervisor": 0,
    "NotAllowed": 0,
    "InvalidInput": 1,
    "PolicyError": 2,
    "NoWorkingTime": 2,
    "refusal": 0,
    "refuse": 1,
    "Message": 0,
    "Term": 0,
    "Count": 1,
    "say": 0,
    # what a refused actor was attempting, said inside the refusal
    "require_owner_or_supervisor": 2,
    "_require_owner_or_supervisor_or_unowned": 2,
}
CODE_KEYWORDS = ("code", "noun", "doing")

# Calls that take a code only as a keyword (or a late optional position): what to write
# when a text is refused.
HINT_ARGUMENT = {"require_text": 3}

# The callables that take a field's id, and its position: the field's name is said first in
# the refusal, so each needs words in both languages.
FIELD_ARGUMENT = {"InvalidInput": 0, "require_text": 1, "optional_text": 1, "pick": 2, "pick_word": 2}


def _load_every_package() -> None:
    """Each package registers its words when imported; import them all."""
    for module in pkgutil.walk_packages(core.__path__, "core."):
        importlib.import_module(module.name)


def _code_arguments():
    """(file:line, callable, the code's AST node) for every call in core that takes a code."""
    for path in sorted((ROOT / "core").rglob("*.py")):
        if path.name == "errors.py" and path.parent.name == "basics":
            continue  # the machinery itself passes codes through names
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name in HINT_ARGUMENT:
                hint = _argument(node, HINT_ARGUMENT[name], ("hint",))
                if hint is not None and not (isinstance(hint, ast.Constant) and hint.value == ""):
                    yield where, name, hint
            if name in CODE_ARGUMENT:
                code = _argument(node, CODE_ARGUMENT[name], CODE_KEYWORDS)
                if code is not None:
                    yield where, name, code


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _argument(node: ast.Call, position: int, keywords: tuple[str, ...]) -> ast.expr | None:
    """The call's argument at position, else the one given by one of the keywords."""
    if len(node.args) > position:
        return node.args[position]
    if any(isinstance(a, ast.Starred) for a in node.args):
        return None
    return next((k.value for k in node.keywords if k.arg in keywords), None)


def test_every_error_core_builds_names_a_registered_code():
    _load_every_package()
    registered = errors.words()
    wrong = []
    for where, name, node in _code_arguments():
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value not in registered:
                wrong.append(f"{where}: {name}({node.value!r}) is not a registered code")
        elif isinstance(node, ast.JoinedStr):
            prefix = "".join(v.value for v in node.values[:1] if isinstance(v, ast.Constant))
            if not prefix or not errors.CODE.fullmatch(prefix + "x") and not prefix.endswith("."):
                wrong.append(f"{where}: {name}(f-string) must start with a code's fixed part")
            elif not any(code.startswith(prefix) for code in registered):
                wrong.append(f"{where}: {name}(f{prefix!r}...) matches no registered code")
        # a name or an attribute: a code chosen earlier from constants, checked where it is written
    assert not wrong, "\n".join(wrong)


def test_no_code_is_english_text():
    _load_every_package()
    for code in errors.words():
        # a field's words are keyed by the field's id as forms and options name it ("customer code")
        assert errors.CODE.fullmatch(code) or code.startswith(("count.", "field.")), code


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_code_has_words_in_both_languages_with_the_same_placeholders(language):
    _load_every_package()
    for code, (english, chinese) in errors.words().items():
        assert english.strip() and chinese.strip(), code
        assert _placeholders(english) == _placeholders(chinese), code
        if code.startswith("count."):
            assert "{n}" in english and "{n}" in chinese, code


def test_chinese_words_are_chinese():
    """A Chinese entry copied from the English by mistake would show English to a Chinese floor."""
    _load_every_package()
    han = re.compile(r"[\u4e00-\u9fff]")
    english_only = [code for code, (_, chinese) in errors.words().items() if not han.search(chinese)]
    # ids said as themselves in both languages (a kind's id, a unit) are few and short
    assert all(len(errors.words()[code][1]) <= 12 for code in english_only), english_only


def test_an_error_says_itself_in_either_language():
    errors.register({"test.sample": ("{ref} is {n} days old", "{ref} 已有 {n} 天")})
    error = errors.Refused("test.sample", ref="T000001", n=3)
    assert str(error) == "T000001 is 3 days old"
    assert error.say("zh") == "T000001 已有 3 天"
    assert error.code == "test.sample" and error.params == {"ref": "T000001", "n": 3}


def test_every_field_core_refuses_has_its_name_in_both_languages():
    """A refused field is named first; a field without words would stay English in Chinese."""
    _load_every_package()
    registered = errors.words()
    missing = set()
    for path in sorted((ROOT / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _call_name(node) not in FIELD_ARGUMENT:
                continue
            field = _argument(node, FIELD_ARGUMENT[_call_name(node)], ("field",))
            if (
                isinstance(field, ast.Constant)
                and isinstance(field.value, str)
                and f"field.{field.value}" not in registered
            ):
                missing.add(f"{path.relative_to(ROOT)}:{node.lineno}: field.{field.value}")
    assert not missing, "\n".join(sorted(missing))
