"""What the tests share besides fixtures: the fixture ledgers' paths and units, a ledger in a
temporary folder with a runner for the real CLI (``Ledger``), and git set up for it.

Tests import these from here, never from ``conftest`` (two conftest modules, tests/ and tests/web/,
would shadow each other under one module name)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHIPPED_DATA = FIXTURES / "shipped" / "data"
"""The pinned copy of the shipped ledger (see fixtures/README.md); never the repository's live data/."""

UNITS_YAML = """\
units:
  - name: 区财政局
    kind: district
    aliases: [财政局]
  - name: 区建设环保局
    kind: district
  - name: 各园区指挥部
    kind: group
"""


@dataclass
class Ledger:
    """A ledger in a temporary folder and a way to run ``ledger`` on it."""

    root: Path
    today: str = "2024-09-10"
    runner: CliRunner = field(default_factory=CliRunner)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def __call__(self, *args: str, today: str | None = None, lang: str = "en",
                 env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        from ledger.cli.app import app

        full_env = {"LEDGER_TODAY": today or self.today, "LEDGER_LANG": lang, **(env or {})}
        previous = os.getcwd()
        os.chdir(self.root)  # as a user standing in the repository: paths print as data/items.yaml
        try:
            return self.runner.invoke(app, ["--data", "data", *args], env=full_env, catch_exceptions=False)
        finally:
            os.chdir(previous)

    def items_text(self) -> str:
        return (self.data / "items.yaml").read_text(encoding="utf-8")

    def write_items(self, text: str) -> None:
        (self.data / "items.yaml").write_text(text, encoding="utf-8")

    def snapshot(self) -> dict[str, bytes]:
        """Every file under the root except git's own, to assert that nothing changed."""
        return {str(p.relative_to(self.root)): p.read_bytes()
                for p in sorted(self.root.rglob("*")) if p.is_file() and ".git" not in p.parts}

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, text=True).stdout


def _git_init(root: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for cmd in (["init", "-q", "-b", "main"], ["config", "user.name", "测试"], ["config", "user.email", "t@example.org"],
                ["config", "commit.gpgsign", "false"], ["add", "-A"], ["commit", "-q", "-m", "initial ledger"]):
        subprocess.run(["git", *cmd], cwd=root, check=True, capture_output=True, env=env)


def make_ledger(root: Path, items_yaml: str, units_yaml: str = UNITS_YAML) -> Ledger:
    """A small fixture ledger from literal YAML text."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "items.yaml").write_text(items_yaml, encoding="utf-8")
    (root / "data" / "departments.yaml").write_text(units_yaml, encoding="utf-8")
    return Ledger(root)


