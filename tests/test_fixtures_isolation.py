"""The suite owns its data: no test reads the repository's live data/ (or docs/source/).

A user's clone is a working ledger; after `ledger close 2-8 …` there the live data/items.yaml
no longer holds the 33 untouched seed items. Tests read the pinned copies under
tests/fixtures/ instead (see tests/fixtures/README.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import hostile
import ledgers

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
PINNED_DATA = FIXTURES / "shipped" / "data"

# A path built from the repository's root to its live data folder or seed document, in the ways
# Python code spells one: ROOT / "data", Path(__file__).parent.parent / "data", parents[1] / "data",
# ROOT.joinpath("data"), os.path.join(ROOT, "data"), "docs" / "source", or the CLI run standing in
# the repository (cwd=ROOT), where `ledger` falls back to the live data/.
_ROOTISH = r"(?:\b[A-Z_]*ROOT\b|\bREPO\w*|\.parent\.parent\b|\.parents\[1\])\)?"
_LIVE = r"""["'](?:\.\./)?(?:data|docs/source)\b"""
LIVE_PATTERNS = [
    re.compile(_ROOTISH + r"\s*/\s*" + _LIVE),
    re.compile(_ROOTISH + r"""\s*\.joinpath\(\s*""" + _LIVE),
    re.compile(r"""os\.path\.join\(\s*""" + _ROOTISH + r"""\s*,\s*""" + _LIVE),
    re.compile(r"""["']docs["']\s*/\s*["']source["']"""),
    re.compile(r"""cwd\s*=\s*(?:str\()?[A-Z_]*ROOT\b"""),
]


def _sources() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if p.resolve() != Path(__file__).resolve())


def _live_references(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if any(p.search(line) for p in LIVE_PATTERNS)]


@pytest.mark.parametrize("line", [
    'SHIPPED_DATA = ROOT / "data"',
    'shutil.copytree(ROOT / "data", seed.path / "data")',
    '(Path(__file__).parent.parent / "data" / "departments.yaml").read_bytes()',
    'ITEMS = Path(__file__).resolve().parents[1] / "data" / "items.yaml"',
    'SOURCE = ROOT / "docs" / "source" / "2024-1-整改方案.txt"',
    'SOURCE = REPO_ROOT / "docs/source/2024-1-整改方案.txt"',
    'data = ROOT.joinpath("data")',
    'data = os.path.join(ROOT, "data")',
    'subprocess.run([LEDGER, "check"], cwd=ROOT)',
])
def test_the_scan_recognises_a_path_to_the_live_data(line: str) -> None:
    assert _live_references(line) == [line]


@pytest.mark.parametrize("line", [
    'SHIPPED_DATA = FIXTURES / "shipped" / "data"',
    'shutil.copytree(SHIPPED_DATA, tmp_path / "data")',
    'return self.root / "data"',
    'assert batch["source"] == "docs/source/2024-1-整改方案.txt"',
    'workflow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text())',
    'runner.invoke(app, ["--data", "data", "check"])',
])
def test_the_scan_leaves_fixture_paths_alone(line: str) -> None:
    assert _live_references(line) == []


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(TESTS)))
def test_no_test_module_reads_the_live_data_folder(path: Path) -> None:
    found = _live_references(path.read_text(encoding="utf-8"))
    assert found == [], (f"{path.relative_to(TESTS)} builds a path to the repository's live data: {found}; "
                         "use the pinned copies under tests/fixtures/ (ledgers.SHIPPED_DATA)")


def test_the_helpers_point_at_the_pinned_copy() -> None:
    assert ledgers.SHIPPED_DATA == PINNED_DATA
    assert hostile.SHIPPED_DATA == PINNED_DATA
    assert sorted(p.name for p in PINNED_DATA.iterdir()) == ["departments.yaml", "items.yaml"]
    assert (FIXTURES / "seed" / "2024-1-整改方案.txt").is_file()


def test_the_shipped_fixture_is_the_pinned_copy(shipped) -> None:
    for name in ("items.yaml", "departments.yaml"):
        assert (shipped.data / name).read_bytes() == (PINNED_DATA / name).read_bytes()


def test_the_pinned_copy_passes_ledger_check(shipped) -> None:
    result = shipped("check")
    assert (result.exit_code, result.stdout) == (0, "ok: 33 items, 24 units, no problems\n")
