"""The program itself, run as people run it: bare `ledger` and `ledger --version` (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ledger

LEDGER = str(Path(sys.executable).parent / "ledger")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LEDGER, *args], cwd=cwd, capture_output=True, text=True, check=False,
                          env={"PATH": "/usr/bin:/bin", "LEDGER_LANG": "en", "HOME": str(cwd)})


def test_bare_ledger_prints_its_help_to_stdout_and_exits_0(tmp_path: Path):
    result = run(cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith("Usage: ledger [OPTIONS] COMMAND [ARGS]...\n")
    for command in ("check", "list", "close", "report", "bulletin", "export", "import", "git"):
        assert f"\n  {command} " in result.stdout or f"\n  {command}\n" in result.stdout, command


def test_version(tmp_path: Path):
    result = run("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"ledger {ledger.__version__}\n", "")


def test_a_command_still_runs_after_the_bare_help_change(shipped):  # type: ignore[no-untyped-def]
    result = shipped("check")
    assert result.exit_code == 0 and result.stdout == "ok: 33 items, 24 units, no problems\n"


def test_counts_of_one_are_singular(small) -> None:  # type: ignore[no-untyped-def]
    ledger = small('items:\n  - id: "1-1"\n    text: "请加快拨付进度。"\n    lead: 区财政局\n    responsible: [区财政局]\n'
                   "    deadline: ongoing\n    status: open\n",
                   "units:\n  - name: 区财政局\n    kind: district\n")
    assert ledger("check").stdout == "ok: 1 item, 1 unit, no problems\n"
    assert ledger("check", lang="zh").stdout == "通过：1 项事项，1 个单位，无问题\n"


def test_an_empty_progress_text_is_a_usage_error(shipped) -> None:  # type: ignore[no-untyped-def]
    before = shipped.snapshot()
    result = shipped("progress", "2-8", "  ", "--by", "李四")
    assert result.exit_code == 2
    assert result.stderr == "Error: TEXT must not be empty\n"
    assert shipped.snapshot() == before
