"""Every message the interface can show exists in Chinese as well as English."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import ledger
from ledger import i18n

SOURCE = Path(ledger.__file__).parent


def _templates() -> set[tuple[str, str]]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add((str(path.relative_to(SOURCE)), node.args[0].value))
    return found


def test_every_message_has_a_chinese_translation():
    for module in pkgutil.walk_packages(ledger.__path__, "ledger."):
        importlib.import_module(module.name)  # modules register their own messages on import
    missing = sorted(f"{where}: {text!r}" for where, text in _templates() if text not in i18n.ZH)
    assert missing == []


def test_placeholders_match():
    import re

    for english, chinese in i18n.ZH.items():
        assert set(re.findall(r"\{[^}]*\}", english)) == set(re.findall(r"\{[^}]*\}", chinese)), english
