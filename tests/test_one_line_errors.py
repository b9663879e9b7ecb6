"""No traceback ever reaches a user: every failure of issue 11's finding 12 is one line on stderr,
a non-zero exit and nothing written; a closed stdout ends the command quietly.

These run the real console script in a subprocess, so that an error raised while a module is
imported, or while Python flushes its streams on the way out, is caught as the user would see it.
"""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from hostile import LEDGER, copy_shipped, ledger_env, replace_once, snapshot

EVIDENCE = "拨付凭证.pdf"


def _ledger(root: Path, args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LEDGER), *args], cwd=root, env=ledger_env(**env), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy_shipped(tmp_path)
    (tmp_path / EVIDENCE).write_bytes(b"%PDF-1.4 voucher\n")
    return tmp_path


def _export(root: Path, fmt: str) -> Path:
    target = root / f"台账.{fmt}"
    done = _ledger(root, ["export", "-o", target.name])
    assert done.returncode == 0, done.stderr
    return target


def _truncated_sheet(root: Path) -> str:
    """An exported workbook whose first sheet's XML stops half-way (a download cut short)."""
    path = _export(root, "xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info, body[:len(body) // 2] if info.filename == "xl/worksheets/sheet1.xml" else body)
    path.write_bytes(out.getvalue())
    return path.name


def _huge_csv_cell(root: Path) -> str:
    """A sheet whose 反馈问题 cell is longer than any value the ledger keeps (1,000,000 characters)."""
    path = _export(root, "csv")
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(replace_once(text, "对于单位拖欠款项需要改进。", "长" * 1_000_001), encoding="utf-8-sig")
    return path.name


Setup = Callable[[Path], object]
NOTHING: Setup = lambda root: None  # noqa: E731

CASES: list[tuple[str, Setup, list[str], dict[str, str], int, str]] = [
    ("today-word", NOTHING, ["list"], {"LEDGER_TODAY": "today"}, 2,
     "Error: LEDGER_TODAY: 'today' is not a date: use YYYY-MM-DD, such as 2024-09-10"),
    ("today-impossible", NOTHING, ["list"], {"LEDGER_TODAY": "2024-02-30"}, 2,
     "Error: LEDGER_TODAY: '2024-02-30' is not a date: use YYYY-MM-DD, such as 2024-09-10"),
    ("today-week-form", NOTHING, ["list"], {"LEDGER_TODAY": "2024-W37-2"}, 2,
     "Error: LEDGER_TODAY: '2024-W37-2' is not a date: use YYYY-MM-DD, such as 2024-09-10"),
    ("lock-timeout-word", NOTHING, ["progress", "1-1", "已走访"], {"LEDGER_LOCK_TIMEOUT": "abc"}, 2,
     "Error: LEDGER_LOCK_TIMEOUT: 'abc' is not a number of seconds (0 or more, such as 60)"),
    ("lock-timeout-nan", NOTHING, ["progress", "1-1", "已走访"], {"LEDGER_LOCK_TIMEOUT": "nan"}, 2,
     "Error: LEDGER_LOCK_TIMEOUT: 'nan' is not a number of seconds (0 or more, such as 60)"),
    ("lock-timeout-inf", NOTHING, ["progress", "1-1", "已走访"], {"LEDGER_LOCK_TIMEOUT": "inf"}, 2,
     "Error: LEDGER_LOCK_TIMEOUT: 'inf' is not a number of seconds (0 or more, such as 60)"),
    ("lock-timeout-negative", NOTHING, ["progress", "1-1", "已走访"], {"LEDGER_LOCK_TIMEOUT": "-1"}, 2,
     "Error: LEDGER_LOCK_TIMEOUT: '-1' is not a number of seconds (0 or more, such as 60)"),
    ("evidence-max-word", NOTHING, ["close", "2-8", "--evidence", EVIDENCE, "--by", "张三"],
     {"LEDGER_EVIDENCE_MAX_MB": "lots"}, 2,
     "Error: LEDGER_EVIDENCE_MAX_MB: 'lots' is not a size in megabytes (a number over 0, such as 50)"),
    ("evidence-max-nan", NOTHING, ["close", "2-8", "--evidence", EVIDENCE, "--by", "张三"],
     {"LEDGER_EVIDENCE_MAX_MB": "nan"}, 2,
     "Error: LEDGER_EVIDENCE_MAX_MB: 'nan' is not a size in megabytes (a number over 0, such as 50)"),
    ("evidence-max-inf", NOTHING, ["close", "2-8", "--evidence", EVIDENCE, "--by", "张三"],
     {"LEDGER_EVIDENCE_MAX_MB": "1e400"}, 2,
     "Error: LEDGER_EVIDENCE_MAX_MB: '1e400' is not a size in megabytes (a number over 0, such as 50)"),
    ("evidence-max-zero", NOTHING, ["close", "2-8", "--evidence", EVIDENCE, "--by", "张三"],
     {"LEDGER_EVIDENCE_MAX_MB": "0"}, 2,
     "Error: LEDGER_EVIDENCE_MAX_MB: '0' is not a size in megabytes (a number over 0, such as 50)"),
    ("lang", NOTHING, ["list"], {"LEDGER_LANG": "fr", "LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""}, 2,
     "Error: LEDGER_LANG: 'fr' is not a language of the interface: use zh or en"),
    ("csv-cell-too-long", _huge_csv_cell, ["import", "台账.csv"], {}, 1,
     "Error: 台账.csv: line 27: a cell is longer than 1,000,000 characters, the most a ledger value may hold"),
    ("truncated-sheet-xml", _truncated_sheet, ["import", "台账.xlsx"], {}, 1,
     "Error: 台账.xlsx: not a readable Excel workbook (ParseError)"),
]


@pytest.mark.parametrize(("setup", "args", "env", "code", "line"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_one_line_and_nothing_written(root, setup, args, env, code, line):
    setup(root)
    before = snapshot(root)
    done = _ledger(root, args, **env)
    assert (done.returncode, done.stderr, done.stdout) == (code, line + "\n", "")
    assert snapshot(root) == before


def test_a_bad_variable_is_named_even_for_a_command_that_would_not_read_it(root):
    """Every variable is read when the command starts: a typo is found at once, not mid-way."""
    done = _ledger(root, ["check"], LEDGER_LOCK_TIMEOUT="60s")
    assert (done.returncode, done.stderr) == (
        2, "Error: LEDGER_LOCK_TIMEOUT: '60s' is not a number of seconds (0 or more, such as 60)\n")


def test_good_values_still_work(root):
    done = _ledger(root, ["close", "2-8", "--evidence", EVIDENCE, "--by", "张三"],
                   LEDGER_LOCK_TIMEOUT="0.5", LEDGER_EVIDENCE_MAX_MB="1e-3", LEDGER_LANG="zh_CN.UTF-8")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("已销号 2-8（2024-09-10，张三）")  # zh_CN.UTF-8 is Chinese


def test_an_evidence_path_over_path_max_in_check(root):
    items = root / "data" / "items.yaml"
    long_name = "evidence/2-8/" + "长" * 2000 + ".pdf"
    text = replace_once(items.read_text(encoding="utf-8"), '    deadline: 2024-08-31\n    status: open\n\n  - id: "2-9"',
                        "    deadline: 2024-08-31\n    status: closed\n    closed:\n      date: 2024-08-20\n"
                        "      by: 张三\n      evidence:\n"
                        f"        - file: {long_name}\n          size: 1\n          sha256: \"{'0' * 64}\"\n"
                        '\n  - id: "2-9"')
    items.write_text(text, encoding="utf-8")
    before = snapshot(root)
    done = _ledger(root, ["check"])
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        f"data/items.yaml:249: item 2-8: closed.evidence: evidence {long_name}: File name too long",
        "1 problem",
    ]
    assert snapshot(root) == before


def test_a_deadline_on_the_last_day_of_the_calendar_in_the_bulletin(root):
    items = root / "data" / "items.yaml"
    items.write_text(replace_once(items.read_text(encoding="utf-8"), "deadline: 2024-08-31", "deadline: 9999-12-31"),
                     encoding="utf-8")
    for period, today in (("2024-08", "2024-09-10"), ("9999-12", "9999-12-31")):  # the calendar's last month
        for fmt in ("markdown", "html"):
            done = _ledger(root, ["bulletin", "--period", period, "--format", fmt], LEDGER_TODAY=today)
            assert (done.returncode, done.stderr) == (0, ""), (period, fmt)
    assert _ledger(root, ["list", "--as-of", "9999-12-31", "--overdue", "--format", "json"]).returncode == 0


# --------------------------------------------------------------------------- a closed stdout

CLOSED_STDOUT_COMMANDS = [
    ["list", "--format", "json"],
    ["list"],
    ["list", "--all", "--format", "csv"],
    ["show", "2-8"],
    ["check"],
    ["report"],
    ["bulletin", "--period", "2024-08"],
    ["export", "--format", "csv", "-o", "-"],
]


@pytest.mark.parametrize("args", CLOSED_STDOUT_COMMANDS, ids=lambda a: " ".join(a))
def test_a_pipe_closed_before_the_output_ends_quietly(root, args):
    """``ledger list --format json | head -c 1``: the reader has gone; no traceback, no message."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte is written
    try:
        done = subprocess.run([str(LEDGER), *args], cwd=root, env=ledger_env(), stdin=subprocess.DEVNULL,
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, "")


def test_head_reading_one_byte(root):
    """The real pipeline, with a listing long enough not to fit in the pipe's buffer."""
    done = subprocess.run(f"'{LEDGER}' list --format json --all | head -c 1; "
                          f"for i in 1 2 3 4 5 6 7 8; do '{LEDGER}' list --format csv; done | head -c 1",
                          shell=True, cwd=root, env=ledger_env(), capture_output=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"[\xef", b"")  # csv starts with its byte-order mark


def test_a_closed_stdout_descriptor(root):
    """``ledger list >&-``: no file the command opens may take the place of its stdout."""
    before = snapshot(root)
    done = subprocess.run(f"'{LEDGER}' list --format json >&-", shell=True, cwd=root, env=ledger_env(),
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert snapshot(root) == before
    done = subprocess.run(f"'{LEDGER}' progress 1-1 已走访 >&- 2>&-; '{LEDGER}' show 1-1 --format json",
                          shell=True, cwd=root, env=ledger_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert '"text": "已走访"' in done.stdout
    assert not list((root / "data").glob(".*tmp"))


def test_a_full_disk_on_stdout_is_one_line(root):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    done = subprocess.run(f"'{LEDGER}' list --format json > /dev/full", shell=True, cwd=root, env=ledger_env(),
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (1, "Error: cannot write the output: No space left on device\n")
