"""Crash safety: SIGKILL a real ``ledger close/progress/extend`` at many moments of its write.

After every kill the items file is byte for byte the old version or the new one, ``ledger
check`` passes (evidence included), and the next command succeeds: it removes the dead
writer's temporary file and takes over its lock with a notice on stderr.

The moments: each named pause point of the write (``safeio.PAUSE_POINTS``: the kill comes
when the process reports it has reached it), random delays from the start of the process, and
random delays from the moment the lock is taken (spread over load, rewrite, write and rename).
``LEDGER_FULL_RUNS=1`` runs 240 kills; the default run does 24.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hostile import LEDGER, copy_shipped, full_runs, ledger_env, leftovers, record_figure, run_limited
from ledger.cli.app import app
from ledger.store.safeio import LOCK_NAME, PAUSE_POINTS

RUNS = 240 if full_runs() else 24

COMMANDS: dict[str, list[str]] = {
    "close": ["close", "2-8", "--evidence", "{evidence}", "--evidence", "拨付说明", "--by", "张三"],
    "progress": ["progress", "1-1", "已走访企业，听取意见", "--by", "李四"],
    "extend": ["extend", "2-7", "--to", "2025-06-30", "--reason", "资金分批到位", "--approved-by", "王五"],
}

# A kill at a pause point leaves the file in a known state; the kill comes after the point's
# marker line, so the process is exactly there.
OUTCOME_AT_POINT = {"after-lock": "old", "after-evidence": "old", "mid-write": "old", "before-rename": "old",
                    "after-rename": "new"}
assert set(OUTCOME_AT_POINT) == set(PAUSE_POINTS)


class Harness:
    """A data folder, the expected bytes after each command, and a way to kill a writer."""

    def __init__(self, root: Path):
        self.root = root
        self.data = copy_shipped(root)
        self.items = self.data / "items.yaml"
        self.old = self.items.read_bytes()
        self.evidence_source = root / "拨付凭证.pdf"
        self.evidence_source.write_bytes(b"%PDF-1.4 fake voucher\n" * 200)
        self.expected: dict[str, bytes] = {}
        for name in COMMANDS:
            self.reset()
            run = run_limited(self.args(name), env=ledger_env())
            assert run.returncode == 0, run
            self.expected[name] = self.items.read_bytes()
            assert self.expected[name] != self.old
        self.reset()

    def args(self, name: str) -> list[str]:
        return ["--data", str(self.data), *(a.replace("{evidence}", str(self.evidence_source)) for a in COMMANDS[name])]

    def reset(self) -> None:
        """Back to the old version (leaving any lock or temporary file where it is)."""
        self.items.write_bytes(self.old)
        shutil.rmtree(self.data / "evidence", ignore_errors=True)

    def kill_at_point(self, name: str, point: str) -> int:
        """Start the command, wait until it reports the pause point, SIGKILL it. Returns its pid."""
        env = ledger_env(LEDGER_TEST_PAUSE=f"{point}:60")
        proc = subprocess.Popen([str(LEDGER), *self.args(name)], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        guard = threading.Timer(60, proc.kill)
        guard.start()
        try:
            assert proc.stderr is not None
            seen = []
            while True:
                line = proc.stderr.readline()
                if not line:
                    pytest.fail(f"{name} ended before {point}: {b''.join(seen).decode(errors='replace')}")
                seen.append(line)
                if line.strip() == f"ledger-test-pause {point}".encode():
                    break
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        finally:
            guard.cancel()
            if proc.stderr:
                proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        return proc.pid

    def kill_after(self, name: str, delay: float, from_lock: bool) -> int:
        """SIGKILL after ``delay`` seconds, counted from the start or from the moment the lock is held."""
        env = ledger_env(LEDGER_TEST_PAUSE="after-lock:0") if from_lock else ledger_env()
        proc = subprocess.Popen([str(LEDGER), *self.args(name)], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE if from_lock else subprocess.DEVNULL)
        try:
            if from_lock:
                assert proc.stderr is not None
                proc.stderr.readline()
            time.sleep(delay)
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=60)
        finally:
            if proc.stderr:
                proc.stderr.close()
        return proc.pid


def _check_passes(data: Path) -> None:
    result = CliRunner().invoke(app, ["--data", str(data), "check"], env={"LEDGER_TODAY": "2024-09-10", "LEDGER_LANG": "en"},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("ok: 33 items")


def _lock_holder(data: Path) -> int | None:
    try:
        text = (data / LOCK_NAME).read_text()
    except FileNotFoundError:
        return None
    return int(text) if text.strip().isdigit() else None


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_old_or_new_file(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    rng = random.Random(20240910)
    names = list(COMMANDS)
    outcomes: Counter[str] = Counter()
    moments: Counter[str] = Counter()
    takeovers = 0
    slowest = 0.0
    for run in range(RUNS):
        name = names[run % len(names)]
        kind = run % 4
        points = [p for p in PAUSE_POINTS if name == "close" or p != "after-evidence"]
        if kind in (0, 1):
            point = points[(run // 4 * 2 + kind) % len(points)]
            pid = h.kill_at_point(name, point)
            moment = point
        elif kind == 2:
            pid = h.kill_after(name, rng.uniform(0.0, 0.4), from_lock=False)
            moment = "random from start"
        else:
            pid = h.kill_after(name, rng.uniform(0.0, 0.06), from_lock=True)
            moment = "random after lock"
        moments[moment] += 1

        now = h.items.read_bytes()
        assert now in (h.old, h.expected[name]), f"run {run} ({name}, {moment}): a torn or foreign file"
        outcome = "old" if now == h.old else "new"
        if moment in OUTCOME_AT_POINT:
            assert outcome == OUTCOME_AT_POINT[moment], f"run {run} ({name}, {moment})"
        outcomes[outcome] += 1
        _check_passes(h.data)

        # The next command: not blocked by whatever the dead writer left behind.
        holder = _lock_holder(h.data)
        h.reset()
        follow = run_limited(h.args(name), env=ledger_env())
        slowest = max(slowest, follow.seconds)
        assert follow.returncode == 0, (run, moment, follow)
        assert h.items.read_bytes() == h.expected[name]
        notice = f"took over a stale lock left by process {pid}, which is no longer running"
        if holder == pid:
            takeovers += 1
            assert notice in follow.stderr, (run, moment, follow.stderr)
        else:
            assert "stale lock" not in follow.stderr
        if moment in ("after-lock", "after-evidence", "mid-write", "before-rename", "after-rename"):
            assert holder == pid, f"{moment}: the dead writer's pid should be in the lock file"
        assert leftovers(h.data) == [], (run, moment)
        _check_passes(h.data)
        h.reset()

    record_figure("crash", "sigkill", runs=RUNS, survived=RUNS, old=outcomes["old"], new=outcomes["new"],
                  takeovers=takeovers, moments=dict(moments), slowest_follow_up_s=round(slowest, 3))
    assert outcomes["old"] > 0 and outcomes["new"] > 0
    assert takeovers >= RUNS // 2


def test_temporary_file_of_a_dead_writer_is_removed_and_never_read(tmp_path: Path) -> None:
    """A half-written temporary file (killed mid-write) is swept by the next writer."""
    h = Harness(tmp_path)
    pid = h.kill_at_point("progress", "mid-write")
    temps = [p.name for p in h.data.iterdir() if p.name.endswith(".ledger-tmp")]
    assert temps == [f".items.yaml.{pid}.ledger-tmp"]
    assert 0 < (h.data / temps[0]).stat().st_size < len(h.expected["progress"])
    assert h.items.read_bytes() == h.old
    _check_passes(h.data)
    follow = run_limited(h.args("extend"), env=ledger_env())
    assert follow.returncode == 0, follow
    assert follow.stderr == f"took over a stale lock left by process {pid}, which is no longer running\n"
    assert leftovers(h.data) == []


def test_a_live_lock_holder_is_waited_for_not_taken_over(tmp_path: Path) -> None:
    """While a writer holds the lock, another waits for it (and then lands) instead of stealing it."""
    h = Harness(tmp_path)
    env = ledger_env(LEDGER_TEST_PAUSE="after-lock:1.5")
    first = subprocess.Popen([str(LEDGER), *h.args("progress")], env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.stderr is not None
    assert first.stderr.readline().strip() == b"ledger-test-pause after-lock"
    second = run_limited(h.args("extend"), env=ledger_env())
    _out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert second.returncode == 0, second
    assert "stale lock" not in second.stderr
    text = h.items.read_text(encoding="utf-8")
    assert "已走访企业，听取意见" in text and "资金分批到位" in text
    assert leftovers(h.data) == []


def test_lock_timeout_is_a_clear_one_line_error(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    env = ledger_env(LEDGER_TEST_PAUSE="after-lock:3")
    first = subprocess.Popen([str(LEDGER), *h.args("progress")], env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.stderr is not None
    first.stderr.readline()
    second = run_limited(h.args("extend"), env=ledger_env(LEDGER_LOCK_TIMEOUT="0.3"))
    first.communicate(timeout=60)
    assert second.returncode == 1
    assert second.lines == [f"Error: another ledger command (process {first.pid}) is writing in {h.data}; try again"]
    assert h.items.read_bytes() == h.expected["progress"]


def test_a_lock_file_planted_as_a_link_is_refused_not_written_through(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (h.data / LOCK_NAME).symlink_to(victim)
    run = run_limited(h.args("progress"), env=ledger_env())
    assert run.returncode == 1
    assert run.lines == [f"Error: {h.data / LOCK_NAME} is a symbolic link; the ledger does not write through links"]
    assert victim.read_text() == "precious\n"
    assert h.items.read_bytes() == h.old


def test_a_temporary_name_planted_as_a_link_is_not_written_through(tmp_path: Path) -> None:
    """The temporary file's name is predictable (``.NAME.PID.ledger-tmp``); a link planted there
    is replaced, never followed, even without the lock's sweep of stale temporaries."""
    from ledger.store.safeio import atomic_write

    target = tmp_path / "items.yaml"
    target.write_text("old\n")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (tmp_path / f".items.yaml.{os.getpid()}.ledger-tmp").symlink_to(victim)
    atomic_write(target, b"new\n")
    assert victim.read_text() == "precious\n"
    assert target.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["items.yaml", "victim.txt"]
