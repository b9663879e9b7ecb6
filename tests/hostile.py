"""Helpers for the hardening tests: hostile files, the real ``ledger`` script run under limits,
folder snapshots, and the figures the tests measured.

Not a test module (no ``test_`` prefix); the hardening tests import it as ``hostile``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DATA = Path(__file__).resolve().parent / "fixtures" / "shipped" / "data"
"""The pinned copy of the shipped ledger (see fixtures/README.md); never the repository's live data/."""
LEDGER = Path(sys.executable).parent / "ledger"
"""The real console script of the package installed in this venv."""

TODAY = "2024-09-10"
MEMORY_LIMIT_MB = 1024
TIME_LIMIT_S = 60.0


def full_runs() -> bool:
    """``LEDGER_FULL_RUNS=1``: the long crash and concurrency runs at their full counts (CI)."""
    return os.environ.get("LEDGER_FULL_RUNS", "") not in ("", "0")


def copy_shipped(dest: Path) -> Path:
    """A copy of the shipped data folder (without evidence or settings) at ``dest/data``."""
    data = dest / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns("evidence", "settings.yaml", ".*"))
    return data


def ledger_env(**extra: str) -> dict[str, str]:
    """The environment for a ``ledger`` subprocess: the test's cache folder, a pinned clock, English."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGER_") or k == "LEDGER_CACHE_DIR"}
    env.update({"LEDGER_TODAY": TODAY, "LEDGER_LANG": "en", "COLUMNS": "100"})
    env.update(extra)
    return env


# ----------------------------------------------------------------------------- running under limits

@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    maxrss_mb: float
    timed_out: bool = False

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.stdout + self.stderr).splitlines() if line.strip()]


_MEASURE = r"""
import json, os, resource, sys
limit, report, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
pid = os.fork()
if pid == 0:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as fh:
    json.dump({"status": status, "maxrss_kb": usage.ru_maxrss}, fh)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""
"""Forks the command from a small Python process: a child's peak memory (``ru_maxrss``) counts
the pages of the process it was forked from, and a fork of pytest would report pytest's size."""


def run_limited(args: list[str], *, env: dict[str, str] | None = None, timeout: float = TIME_LIMIT_S,
                memory_mb: int = MEMORY_LIMIT_MB, cwd: Path | None = None) -> Run:
    """Run the real ``ledger`` with an address-space limit and a timeout; measure its wall time
    and peak resident memory (``wait4`` of the command's own process)."""
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    start = time.monotonic()
    with open(os.devnull, "rb") as stdin, _spool(folder) as out, _spool(folder) as err, \
            tempfile.NamedTemporaryFile(dir=folder, suffix=".json") as report:
        proc = subprocess.Popen([sys.executable, "-c", _MEASURE, str(memory_mb * 1024 * 1024), report.name,
                                 str(LEDGER), *args], stdin=stdin, stdout=out, stderr=err, env=env or ledger_env(),
                                cwd=cwd, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            timed_out = True
        seconds = time.monotonic() - start
        measured = json.loads(Path(report.name).read_text() or "{}") if not timed_out else {}
        returncode = os.waitstatus_to_exitcode(measured["status"]) if "status" in measured else proc.returncode
        out.seek(0)
        err.seek(0)
        return Run(args, returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, measured.get("maxrss_kb", 0) / 1024, timed_out)


def _spool(folder: Path):  # type: ignore[no-untyped-def]
    return tempfile.TemporaryFile(dir=folder)


def record_figure(kind: str, name: str, **values: object) -> None:
    """Append one measured figure to the file named by ``LEDGER_FIGURES`` (if set), for reports."""
    target = os.environ.get("LEDGER_FIGURES")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"kind": kind, "name": name, **values}, ensure_ascii=False) + "\n")


# ----------------------------------------------------------------------------- snapshots

def snapshot(folder: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry under ``folder`` (hidden ones too): files by content, links by target, other
    kinds by type, so a test can assert that a command wrote nothing at all."""
    out: dict[str, tuple[str, bytes]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            rel = str(path.relative_to(folder))
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                out[rel] = ("link", os.readlink(path).encode())
            elif stat.S_ISREG(info.st_mode):
                out[rel] = ("file", path.read_bytes())
            elif stat.S_ISDIR(info.st_mode):
                out[rel] = ("dir", b"")
            else:
                out[rel] = ("other", b"")
    return out


def leftovers(data: Path) -> list[str]:
    """Lock and temporary files a writer may leave behind."""
    names = []
    for folder in (data, data / "items"):
        if folder.is_dir():
            names += [str(p.relative_to(data)) for p in folder.iterdir()
                      if p.name == ".ledger.lock" or p.name.endswith(".ledger-tmp")]
    return sorted(names)


# ----------------------------------------------------------------------------- hostile files

def items_text() -> str:
    return (SHIPPED_DATA / "items.yaml").read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    """The 1-based line where ``needle`` first occurs."""
    return text[:text.index(needle)].count("\n") + 1


def billion_laughs(levels: int = 9) -> str:
    """The classic alias explosion: 10**levels strings from a few hundred bytes."""
    lines = ['lol0: &lol0 "lol"']
    for k in range(1, levels + 1):
        lines.append(f"lol{k}: &lol{k} [" + ", ".join([f"*lol{k - 1}"] * 10) + "]")
    return "\n".join(lines) + "\nitems: []\n"


def deep_flow(levels: int) -> str:
    return "items: " + "[" * levels + "]" * levels + "\n"


def deep_block(levels: int) -> str:
    """``levels`` nested block sequences in the compact form ``- - - … x`` on one line."""
    return "items:\n" + "- " * levels + "x\n"


def deep_block_indented(levels: int) -> str:
    """``levels`` nested block sequences, each on its own line one column deeper (levels²/2 bytes)."""
    return "items:\n" + "".join(" " * k + "-\n" for k in range(levels))


def deep_mapping(levels: int) -> str:
    return "".join(" " * k + "a:\n" for k in range(levels)) + " " * levels + "1\n"

