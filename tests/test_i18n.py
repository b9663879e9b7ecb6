"""One catalogue: every template the code shows has its Chinese in ``ledger/i18n/zh.py``, every
entry there is used, and no module adds translations of its own."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import ledger
from ledger import i18n
from ledger.i18n.zh import ZH

SOURCE = Path(ledger.__file__).parent
CATALOGUE = SOURCE / "i18n" / "zh.py"


def _trees() -> list[tuple[str, ast.AST]]:
    return [(str(p.relative_to(SOURCE)), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(SOURCE.rglob("*.py")) if p != CATALOGUE]


def _templates() -> set[tuple[str, str]]:
    """The literal first argument of every ``tr(...)`` and ``msg(...)`` call."""
    found = set()
    for where, tree in _trees():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tr", "msg")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add((where, node.args[0].value))
    return found


def _string_literals() -> set[str]:
    found = set()
    for _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
                found.add(inspect.cleandoc(node.value))  # a command's docstring is its help, the key of its Chinese
    return found


def test_every_template_in_the_code_has_a_chinese_entry():
    missing = sorted(f"{where}: {text!r}" for where, text in _templates() if text not in ZH)
    assert missing == []


def test_every_entry_is_used_somewhere_in_the_code():
    # A label can be looked up through a variable (tr(STATUS_LABELS[s])), so an entry counts as used
    # when its key is written anywhere in the package as a string.
    literals = _string_literals()
    unused = sorted(key for key in ZH if key not in literals)
    assert unused == []


def test_no_module_registers_translations_of_its_own():
    offenders = []
    for where, tree in _trees():
        if where == "i18n/__init__.py":  # the lookup itself
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr == "ZH") or (isinstance(node, ast.Name) and node.id in (
                    "ZH", "ZH_MESSAGES")):
                offenders.append(where)
    assert sorted(set(offenders)) == []


def test_placeholders_match():
    for english, chinese in ZH.items():
        assert set(re.findall(r"\{[^}]*\}", english)) == set(re.findall(r"\{[^}]*\}", chinese)), english


@pytest.mark.parametrize("lang, expected", [("en", "unknown unit '税务局'"), ("zh", "未知单位 '税务局'")])
def test_a_message_is_translated_when_shown_not_when_made(lang: str, expected: str):
    before = i18n.language()
    try:
        i18n.set_language("zh" if lang == "en" else "en")
        message = i18n.msg("unknown unit {name!r}", name="税务局")
        i18n.set_language(lang)
        assert str(message) == expected
    finally:
        i18n.set_language(before)


def test_a_message_inside_a_message_is_translated_too():
    before = i18n.language()
    try:
        i18n.set_language("zh")
        inner = i18n.msg("file not found")
        assert str(i18n.msg("evidence {path}: {reason}", path="a.pdf", reason=inner)) == "佐证材料 a.pdf：文件不存在"
    finally:
        i18n.set_language(before)
