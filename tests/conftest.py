"""Fixtures: a copy of the shipped ledger (or a small fixture ledger) in a temporary folder,
and a runner for the real CLI with a pinned "today", language and cache folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ledgers import FIXTURES, ROOT, SHIPPED_DATA, UNITS_YAML, Ledger, _git_init, make_ledger  # noqa: F401


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test sees the developer's cache, locale, clock or data folder."""
    monkeypatch.setenv("LEDGER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("LEDGER_LANG", "en")
    monkeypatch.setenv("COLUMNS", "100")
    for var in ("LEDGER_DATA", "LEDGER_TODAY", "LEDGER_NO_CACHE", "LEDGER_TEST_PAUSE"):
        monkeypatch.delenv(var, raising=False)
    from ledger import i18n

    i18n.set_language("en")  # a test that ran a command in Chinese leaves no language behind


@pytest.fixture
def shipped(tmp_path: Path) -> Iterator[Ledger]:
    """A git repository holding a copy of the shipped 33-item ledger."""
    shutil.copytree(SHIPPED_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("evidence", "settings.yaml"))
    _git_init(tmp_path)
    yield Ledger(tmp_path)


@pytest.fixture
def small(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A factory: ``small(items_yaml)`` → a fixture ledger in a temporary folder."""
    return lambda items_yaml, units_yaml=UNITS_YAML: make_ledger(tmp_path, items_yaml, units_yaml)
