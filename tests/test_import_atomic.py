"""An import that changes several items files lands in all of them or in none (issue 11, finding 5:
a failure on the second file left the first changed while the message said nothing was changed),
and a crash between the renames is finished by the next command that writes."""

from __future__ import annotations

import csv
import errno
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hostile import ledger_env, leftovers
from test_multifile import build

CRASH = r"""
import os, sys
real = os.replace
def replace(src, dst, *args, **kwargs):
    if str(src).endswith(".ledger-tmp") and "a.yaml" in str(src):
        os._exit(9)  # killed between the renames of the two files
    return real(src, dst, *args, **kwargs)
os.replace = replace
from ledger.cli.app import app
app(sys.argv[1:], prog_name="ledger")
"""


def _sheet(ledger) -> Path:  # type: ignore[no-untyped-def]
    """The exported sheet with the texts of 2-8 (data/items.yaml) and A-1 (data/items/a.yaml) edited."""
    path = ledger.root / "台账.csv"
    assert ledger("export", "--format", "csv", "-o", str(path)).exit_code == 0
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    column = rows[0].index("反馈问题")
    for row in rows[1:]:
        if row[1] in ("2-8", "A-1"):
            row[column] = row[column].replace("。", "！")
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    return path


def _is_second_temp(path: Any) -> bool:
    return str(path).endswith(".ledger-tmp") and "a.yaml" in str(path)


@pytest.mark.parametrize("call, code, reason", [("open", errno.ENOSPC, "no space left on device"),
                                                ("replace", errno.EACCES, "Permission denied")])
def test_a_failure_on_the_second_file_changes_neither(small, call: str, code: int,  # type: ignore[no-untyped-def]
                                                      reason: str):
    ledger = build(small, "mixed")
    sheet = _sheet(ledger)
    before = ledger.snapshot()
    real = getattr(os, call)

    def failing(path: Any, *args: Any, **kwargs: Any) -> Any:
        if _is_second_temp(path):
            raise OSError(code, os.strerror(code))
        return real(path, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:  # not monkeypatch.undo(): that would drop the isolated env too
        patch.setattr(os, call, failing)
        result = ledger("import", str(sheet))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"Error: cannot write data/items/a.yaml: {reason}; nothing was changed\n")
    assert ledger.snapshot() == before
    assert leftovers(ledger.data) == [] and not (ledger.data / ".ledger-journal").exists()
    result = ledger("import", str(sheet))  # the fault gone, both land
    assert result.stdout.splitlines()[:2] == ["updated 2-8: 反馈问题", "updated A-1: 反馈问题"]
    assert "对于单位拖欠款项需要改进！" in ledger.items_text()
    assert "停车难！" in (ledger.data / "items" / "a.yaml").read_text(encoding="utf-8")


def test_a_crash_between_the_renames_is_finished_by_the_next_command(small):
    ledger = build(small, "mixed")
    sheet = _sheet(ledger)
    crashed = subprocess.Popen([sys.executable, "-c", CRASH, "--data", "data", "import", str(sheet)], cwd=ledger.root,
                               env=ledger_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, err = crashed.communicate(timeout=60)
    assert crashed.returncode == 9, err
    assert "对于单位拖欠款项需要改进！" in ledger.items_text()  # the first file was renamed, the second not yet
    assert "停车难。" in (ledger.data / "items" / "a.yaml").read_text(encoding="utf-8")
    assert (ledger.data / ".ledger-journal").exists()
    result = ledger("progress", "B-1", "已安装路灯")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"took over a stale lock left by process {crashed.pid}, which is no longer running\n"
                             f"finished a change that process {crashed.pid} left half done\n")
    assert "停车难！" in (ledger.data / "items" / "a.yaml").read_text(encoding="utf-8")
    assert leftovers(ledger.data) == [] and not (ledger.data / ".ledger-journal").exists()
    assert ledger("check").exit_code == 0


def test_an_import_with_commit_is_one_commit_of_both_files(small):
    ledger = build(small, "mixed")
    sheet = _sheet(ledger)
    ledger.write_items(ledger.items_text() + "# a local note, not committed\n")
    result = ledger("import", str(sheet), "--commit")
    assert result.exit_code == 0, result.stderr
    assert ledger.git("show", "--format=%B", "--name-only", "HEAD") == (
        "import 台账.csv: 2-8, A-1\n\nLedger-Item: 2-8\nLedger-Item: A-1\nLedger-Action: import\n\n\n"
        "data/items.yaml\ndata/items/a.yaml\n")
    assert "# a local note" not in ledger.git("show", "HEAD:data/items.yaml")
    assert ledger.git("status", "--porcelain") == " M data/items.yaml\n?? \"\\345\\217\\260\\350\\264\\246.csv\"\n"
