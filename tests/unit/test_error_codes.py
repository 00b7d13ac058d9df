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
}


def _load_every_package() -> None:
    """Each package registers its words when imported; import them all."""
    for module in pkgutil.walk_packages(core.__path__, "core."):
        importlib.import_module(module.name)


def _code_arguments():
    """(file:line, callable, the code's AST node) for every call in core that takes a code."""
    for path in sorted((ROOT / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else None
            )
            if name not in CODE_ARGUMENT or path.name == "errors.py" and path.parent.name == "basics":
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            position = CODE_ARGUMENT[name]
            if len(node.args) > position:
                yield where, name, node.args[position]
            elif not any(isinstance(a, ast.Starred) for a in node.args):
                keyword = next((k.value for k in node.keywords if k.arg in ("code", "noun")), None)
                if keyword is not None:
                    yield where, name, keyword


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
    """InvalidInput says its field's name first; a field without words would stay English in Chinese."""
    _load_every_package()
    registered = errors.words()
    missing = set()
    for path in sorted((ROOT / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "InvalidInput"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and f"field.{node.args[0].value}" not in registered
            ):
                missing.add(f"{path.relative_to(ROOT)}:{node.lineno}: field.{node.args[0].value}")
    assert not missing, "\n".join(sorted(missing))
