"""Concurrent writers in one data folder: every operation lands or is refused with a clear
message, none is lost silently, and the final file holds exactly the landed ones and validates.

``test_twenty_writers``: 20 processes × 10 operations each, released together: progress notes
on each process's own item and on two shared items, closes of the same two items racing, and
extensions of one item racing (only a later deadline may land). Each process runs its
operations through the real CLI in-process (one start-up per process instead of one per
operation, so the run takes seconds); ``test_ten_closers`` runs the real console script.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from hostile import LEDGER, copy_shipped, full_runs, ledger_env, leftovers, record_figure, run_limited
from ledger.store.load import load

WORKER = r"""
import contextlib, io, json, sys
from ledger.cli.app import app

ops = json.loads(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()  # the starting gun: every worker begins at once
for args in ops:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = app(args, standalone_mode=False, prog_name="ledger")
        except SystemExit as exc:
            code = exc.code
        except BaseException as exc:  # reported, and fails the test
            code = f"crash: {exc!r}"
    print(json.dumps({"args": args, "code": code or 0, "out": out.getvalue(), "err": err.getvalue()},
                     ensure_ascii=False), flush=True)
"""

RACE = ["2-8", "2-9"]
SHARED = ["2-10", "2-11"]
EXT = "2-7"  # deadline 2024-12-31


def _own_items(data: Path, count: int) -> list[str]:
    taken = {*RACE, *SHARED, EXT}
    ids = [item.id for item in load(data, use_cache=False).items if item.id not in taken]
    assert len(ids) >= count
    return ids[:count]


def _operations(data: Path, workers: int, per_worker: int) -> list[list[list[str]]]:
    own = _own_items(data, workers)
    plan = []
    for w in range(workers):
        ops = []
        for k in range(per_worker):
            tag = f"w{w}-k{k}"
            kind = k % 5
            if kind == 0:
                args = ["close", RACE[(k // 5) % 2], "--evidence", f"验收记录 {tag}", "--by", f"w{w}"]
            elif kind == 1:
                args = ["progress", SHARED[(w + k) % 2], f"共同推进 {tag}", "--by", f"w{w}"]
            elif kind == 3:
                to = date(2025, 1, 1) + timedelta(days=(w * per_worker + k) * 7 % 365)
                args = ["extend", EXT, "--to", to.isoformat(), "--reason", f"延期 {tag}", "--approved-by", f"w{w}"]
            else:
                args = ["progress", own[w], f"本单位推进 {tag}", "--by", f"w{w}"]
            ops.append(["--data", str(data), *args])
        plan.append(ops)
    return plan


def _run_workers(plan: list[list[list[str]]]) -> list[dict[str, object]]:
    env = ledger_env()
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, json.dumps(ops, ensure_ascii=False)], env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for ops in plan]
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc, ops in zip(procs, plan, strict=True):
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        lines = [json.loads(line) for line in out.splitlines() if line.strip()]
        assert len(lines) == len(ops), "an operation left no result"
        results += lines
    return results


@pytest.mark.slow
def test_twenty_writers(tmp_path: Path) -> None:
    workers, per_worker = 20, 10
    data = copy_shipped(tmp_path)
    plan = _operations(data, workers, per_worker)
    results = _run_workers(plan)

    landed_progress: list[str] = []
    landed_close: dict[str, list[str]] = {item: [] for item in RACE}
    landed_extend: list[str] = []
    refused: Counter[str] = Counter()
    for r in results:
        args = r["args"]
        assert isinstance(args, list)
        command, item = args[2], args[3]
        assert "crash" not in str(r["code"]), r
        if r["code"] == 0:
            if command == "progress":
                landed_progress.append(args[4])
            elif command == "close":
                landed_close[item].append(args[args.index("--by") + 1])
            else:
                landed_extend.append(args[args.index("--reason") + 1])
            continue
        assert r["code"] == 1, r
        err = str(r["err"])
        if command == "close":
            assert re.fullmatch(rf"Error: item {item} is already closed \(on 2024-09-10 by w\d+\)\n", err), err
            refused["close: already closed"] += 1
        elif command == "extend":
            assert re.fullmatch(r"Error: --to \S+ is not later than the deadline in force \(\S+\)\n", err), err
            refused["extend: not later"] += 1
        else:
            pytest.fail(f"a progress note was refused: {r}")

    # The file holds exactly what landed, once each.
    ledger = load(data, use_cache=False)
    assert ledger.problems == []
    notes = [note.text for item in ledger.items for note in item.progress]
    assert Counter(notes) == Counter(landed_progress)
    assert len(landed_progress) == workers * per_worker * 3 // 5
    for item_id, closers in landed_close.items():
        assert len(closers) == 1, (item_id, closers)
        closed = ledger.get(item_id).closed
        assert closed is not None and closed.by == closers[0]
    for r in results:  # every refusal names the one who did close it
        args = r["args"]
        assert isinstance(args, list)
        if args[2] == "close" and r["code"] == 1:
            assert f"by {landed_close[args[3]][0]})" in str(r["err"])
    extensions = ledger.get(EXT).extensions
    assert Counter(e.reason for e in extensions) == Counter(landed_extend)  # landing order is the file order
    assert all(a.to < b.to for a, b in itertools.pairwise(extensions))
    assert all(b.previous == a.to for a, b in itertools.pairwise(extensions))
    landed = len(landed_progress) + 2 + len(landed_extend)
    assert landed + sum(refused.values()) == workers * per_worker
    assert leftovers(data) == []
    check = run_limited(["--data", str(data), "check"], env=ledger_env())
    assert check.returncode == 0, check
    record_figure("concurrency", "20x10", operations=workers * per_worker, landed=landed,
                  progress=len(landed_progress), closes=2, extensions=len(landed_extend), refused=dict(refused))


REPEATS = 3 if full_runs() else 1


@pytest.mark.slow
@pytest.mark.parametrize("repeat", range(REPEATS))
def test_ten_closers(tmp_path: Path, repeat: int) -> None:
    """Ten real ``ledger close`` processes at once, each on a different item: all ten land."""
    data = copy_shipped(tmp_path)
    ids = _own_items(data, 10)
    procs = [subprocess.Popen([str(LEDGER), "--data", str(data), "close", item, "--evidence", f"整改报告 {item}",
                               "--by", f"closer-{item}"], env=ledger_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for item in ids]
    for proc, item in zip(procs, ids, strict=True):
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.startswith(f"closed {item} on 2024-09-10 by closer-{item}")
    ledger = load(data, use_cache=False)
    assert ledger.problems == []
    for item in ids:
        closed = ledger.get(item).closed
        assert closed is not None and closed.by == f"closer-{item}"
    assert sum(1 for item in ledger.items if item.status == "closed") == 10
    assert leftovers(data) == []
    record_figure("concurrency", "10 closers", landed=10)
