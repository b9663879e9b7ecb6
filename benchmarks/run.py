"""Time whole `ledger` processes against the floors and a peer, interleaved, and print medians and ratios.

    .venv/bin/python benchmarks/run.py                                  # 33 (shipped), 1,000, 10,000 items
    .venv/bin/python benchmarks/run.py --sizes 33,1000 --runs 3         # quicker
    .venv/bin/python benchmarks/run.py --sizes 100000 --runs 3 --cold-runs 1 --time-limit 1800

For each size the script prepares a ledger (33 = a copy of the shipped ``data/``, as of 2024-09-10; any
other size = ``benchmarks/generate.py``, as of 2024-12-31), imports the same items into a throwaway
Taskwarrior database (installed with apt-get when missing), then runs rounds.  Every round runs every
command once, floors and peers included, so that drift on this shared machine hits all of them alike:

* ``ledger`` warm (the validated cache is current) and, in the first ``--cold-runs`` rounds, cold (a fresh,
  empty ``LEDGER_CACHE_DIR``: what the first run after an edit of the file costs);
* floors: ``python -c pass``; a bare Typer app of the pinned typer printing a 33-row rich table
  (``benchmarks/bare_typer.py``); one C-speed YAML parse of the items file plus pydantic validation, as a
  whole process (the floor the cold runs are held to);
* the peer: Taskwarrior ``task +OVERDUE list``, ``task +OVERDUE export``, ``task N done``.

Each figure is the wall time of one whole process (``time.perf_counter`` around fork, exec and wait) and
its peak resident memory (``ru_maxrss`` from ``wait4``).  Medians go to the terminal; every run's figures
go to ``benchmarks/out/bench-<time>.json`` and ``benchmarks/out/latest.json`` (gitignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

PYTHON = sys.executable
LEDGER = str(Path(PYTHON).with_name("ledger"))
SHIPPED_AS_OF = dt.date(2024, 9, 10)
EVIDENCE_TEXT = "基准测试：整改报告及企业回访记录已存档"
PROGRESS_TEXT = "基准测试：已走访企业并反馈办理情况"
EXTEND_REASON = "基准测试：资金分批到位"

# One C-speed parse of the file plus schema validation, as a whole process: the cold-run floor.
PARSE_FLOOR = """\
import sys, yaml
from pydantic import TypeAdapter
from ledger.core.model import Item
with open(sys.argv[1], "rb") as fh:
    data = yaml.load(fh, Loader=yaml.CSafeLoader)
items = TypeAdapter(list[Item]).validate_python(data["items"])
print(len(items))
"""


# ----------------------------------------------------------------------------- running one process

@dataclass
class Run:
    ms: float
    rss_mb: float
    rc: int
    out_bytes: int
    err: str = ""


GNU_TIME = Path("/usr/bin/time") if Path("/usr/bin/time").exists() else None


def timed(argv: list[str], env: dict[str, str], timeout: float = 900.0) -> Run:
    """Run one process; its wall time, peak RSS, exit code and output size.

    The peak comes from wait4's ru_maxrss, taken by GNU time (``/usr/bin/time -f %M``) when it is
    there: on Linux a child's ru_maxrss starts at the peak of the process that forked it (the
    runner, which may have grown to hundreds of MB), so it has to be forked by a small process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        wrapped = [str(GNU_TIME), "-q", "-f", "%M", "-o", rss_file.name, *argv] if GNU_TIME else argv
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
        killer = threading.Timer(timeout, lambda: os.kill(proc.pid, signal.SIGKILL))
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        ms = (time.perf_counter() - start) * 1000
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss_kb = float(usage.ru_maxrss)
        if GNU_TIME:
            text = rss_file.read().strip().splitlines()
            rss_kb = float(text[-1]) if text and text[-1].isdigit() else float("nan")
        size = out.tell()
        err.seek(0)
        text = err.read().decode("utf-8", "replace").strip()
    return Run(ms, rss_kb / 1024, proc.returncode, size, text.splitlines()[0][:200] if text else "")


def quiet(argv: list[str], env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])}…: exit {result.returncode}: {result.stderr.strip()[:500]}")
    return result


# ----------------------------------------------------------------------------- preparing a size

@dataclass
class Prepared:
    size: int
    root: Path
    data: Path
    as_of: dt.date
    open_ids: list[str]  # open items with no dated deadline first, then dated ones
    show_id: str
    dept: str
    overdue: int
    mb: float
    dated_ids: list[str] = field(default_factory=list)  # open items with a dated deadline (extend takes these)
    task_env: dict[str, str] | None = None
    task_note: str = ""


def _scan(text: str) -> tuple[list[str], list[str], dict[str, int], set[str]]:
    """Ids in order, the ids not closed (those with a dated deadline first, for ``extend``), and how
    many items each unit leads: from the text itself."""
    ids, open_ids, leads = [], [], {}
    dated: set[str] = set()
    for block in re.split(r"\n(?=  - id: )", text):
        m = re.match(r'  - id: "([^"]+)"', block)
        if not m:
            continue
        ids.append(m.group(1))
        if not re.search(r"^    status: closed$", block, re.M):
            open_ids.append(m.group(1))
            if re.search(r"^    deadline: \d{4}-", block, re.M):
                dated.add(m.group(1))
        lead = re.search(r"^    lead: (.+)$", block, re.M)
        if lead:
            leads[lead.group(1)] = leads.get(lead.group(1), 0) + 1
    return ids, open_ids, leads, dated


def prepare(size: int, work: Path, seed: int) -> Prepared:
    root = work / f"ledger-{size}"
    if root.exists():
        shutil.rmtree(root)
    if size == 33:
        shutil.copytree(ROOT / "tests" / "fixtures" / "shipped" / "data", root / "data",
                        ignore=shutil.ignore_patterns("evidence", "settings.yaml", ".*"))
        as_of = SHIPPED_AS_OF
        data = root / "data"
    else:
        data = generate.write(root, size, seed)
        as_of = generate.AS_OF
    text = (data / "items.yaml").read_text(encoding="utf-8")
    ids, open_ids, leads, dated_set = _scan(text)
    if len(ids) != size:
        raise RuntimeError(f"expected {size} items, found {len(ids)}")
    rng = random.Random(size)
    dated = [i for i in open_ids if i in dated_set]
    undated = [i for i in open_ids if i not in dated_set]
    rng.shuffle(dated)
    rng.shuffle(undated)
    open_ids = undated + dated  # extend takes dated ones from the end, close and progress from the start
    return Prepared(size, root, data, as_of, open_ids, ids[len(ids) // 2], max(leads, key=lambda u: leads[u]), 0,
                    (data / "items.yaml").stat().st_size / 1e6, dated)


SNAPSHOT: Path | None = None
"""A copy of src/ taken at the start (``--snapshot``): other engineers' edits in the shared tree
change the code stamp in the cache key and would turn warm runs cold in the middle of a run."""


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    # A user's install keeps compiled bytecode; a session that forbids writing it would make every
    # run compile the ledger's modules again (about 20 ms). The snapshot is compiled up front.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if SNAPSHOT is not None:
        env["PYTHONPATH"] = str(SNAPSHOT)
    return env


def ledger_env(p: Prepared, cache_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in base_env().items() if not k.startswith("LEDGER_")}
    env.update(LEDGER_TODAY=p.as_of.isoformat(), LEDGER_LANG="zh", LEDGER_CACHE_DIR=str(cache_dir), COLUMNS="100",
               LINES="50", TERM="dumb")
    env.pop("NO_COLOR", None)
    return env


# ----------------------------------------------------------------------------- Taskwarrior

def ensure_taskwarrior() -> str | None:
    if shutil.which("task"):
        return None
    print("installing Taskwarrior (apt-get install -y taskwarrior) …", flush=True)
    for argv in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "taskwarrior"]):
        try:
            subprocess.run(argv, check=True, capture_output=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        except (OSError, subprocess.CalledProcessError) as exc:
            return f"Taskwarrior missing and not installable: {exc}"
    return None if shutil.which("task") else "Taskwarrior missing"


def _tw_time(day: dt.date, shift: dt.timedelta, end_of_day: bool) -> str:
    """A ledger day moved by ``shift`` (so that the run's real today plays the ledger's as-of day), in UTC."""
    local = dt.datetime.combine(day + shift, dt.time(23, 59, 59) if end_of_day else dt.time(9, 0))
    return local.astimezone().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def export_tasks(data: Path, as_of: dt.date, size: int, dump: Path) -> int:
    """Write the ledger's items as a Taskwarrior import file; returns how many are overdue on ``as_of``.

    Taskwarrior reads the real clock, so every date is moved by (today - as-of): an item the ledger
    calls overdue on its as-of day (deadline in force before it, not closed) is due before now.
    Lead unit → project, progress notes → annotations, close-out → completed with its end date.
    Runs in a child process (``--export-tasks``) so that the runner itself stays small."""
    from ledger.core import query
    from ledger.store.load import load

    ledger = load(data, use_cache=False)
    if ledger.problems:
        raise RuntimeError(f"generated ledger has problems: {ledger.problems[0].render()}")
    shift = dt.date.today() - as_of
    batch = ledger.files[0].batch
    entry = _tw_time(batch.date if batch else as_of, shift, False)
    tasks = []
    overdue = 0
    for item in ledger.items:
        overdue += query.is_overdue(item, as_of)
        task: dict[str, object] = {
            "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"ledger-bench/{size}/{item.id}")),
            "description": f"{item.id} {item.text}", "entry": entry, "project": item.lead,
            "tags": [f"q{item.question}"] if item.question else [],
        }
        deadline = query.deadline_at(item, as_of)
        if isinstance(deadline, dt.date):
            task["due"] = _tw_time(deadline, shift, True)
        closed = query.closeout_at(item, as_of)
        task["status"] = "completed" if closed else "pending"
        if closed:
            task["end"] = _tw_time(closed.date, shift, False)
        if item.progress:
            task["annotations"] = [{"entry": _tw_time(n.date, shift, False), "description": n.text} for n in item.progress]
        tasks.append(task)
    dump.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return overdue


def count_overdue(p: Prepared) -> None:
    dump = p.root / "tasks.json"
    result = quiet([PYTHON, __file__, "--export-tasks", str(p.data), p.as_of.isoformat(), str(p.size), str(dump)],
                   base_env())
    p.overdue = int(result.stdout.split()[-1])


def setup_taskwarrior(p: Prepared) -> None:
    """The same items in a throwaway Taskwarrior database (TASKRC and TASKDATA under the size's folder)."""
    count_overdue(p)
    home = p.root / "task"
    home.mkdir()
    rc = home / "taskrc"
    rc.write_text(f"data.location={home / 'data'}\nconfirmation=off\nnews.version=2.6.2\nhooks=off\n"
                  "recurrence=off\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TASK")}
    env.update(TASKRC=str(rc), TASKDATA=str(home / "data"), COLUMNS="100", TERM="dumb")
    (home / "data").mkdir()
    quiet(["task", "rc.verbose=nothing", "import", str(p.root / "tasks.json")], env)
    count = quiet(["task", "+OVERDUE", "count"], env).stdout.strip()
    if count != str(p.overdue):
        p.task_note = f"Taskwarrior counts {count} overdue, ledger {p.overdue}"
    p.task_env = env


def pending_task_id(env: dict[str, str], rng: random.Random) -> str:
    ids = quiet(["task", "+PENDING", "_ids"], env).stdout.split()
    return rng.choice(ids)


# ----------------------------------------------------------------------------- the rounds

@dataclass
class Series:
    warm: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    rss_cold: list[float] = field(default_factory=list)
    out_bytes: int = 0
    failed: str = ""


def has_command(name: str) -> bool:
    return quiet([LEDGER, name, "--help"], {**base_env(), "LEDGER_LANG": "en"}, check=False).returncode == 0


def bench_size(p: Prepared, runs: int, cold_runs: int, deadline: float, with_task: bool) -> dict[str, Series]:
    rng = random.Random(p.size * 7 + 1)
    results: dict[str, Series] = {}
    warm_cache = p.root / "cache-warm"
    targets = list(reversed(p.open_ids))  # close and progress: from the front of open_ids
    extend_targets = list(p.open_ids)  # extend: from the end, where the dated ones are
    dated = set(p.dated_ids)

    reads: list[tuple[str, list[str]]] = [
        ("list --overdue", ["list", "--overdue"]),
        ("list --overdue --format json", ["list", "--overdue", "--format", "json"]),
        ("list --dept X", ["list", "--dept", p.dept]),
        ("show ID", ["show", p.show_id]),
    ]
    if has_command("report"):
        reads.append(("report", ["report"]))
    else:
        results["report"] = Series(failed="no `report` command yet")
    reads.append(("check", ["check"]))

    def writes() -> list[tuple[str, list[str]]]:
        used = 2 * len(p.open_ids) - len(targets) - len(extend_targets)
        if used + 3 > len(p.open_ids):  # every open item used up (only with very many runs on a small ledger)
            return []
        out = [("close", ["close", targets.pop(), "--evidence", EVIDENCE_TEXT, "--by", "张三"]),
               ("progress", ["progress", targets.pop(), PROGRESS_TEXT, "--by", "李四"])]
        if extend_targets and extend_targets[-1] in dated:
            out.insert(0, ("extend", ["extend", extend_targets.pop(), "--to", "2030-12-31", "--reason", EXTEND_REASON,
                                      "--approved-by", "王五"]))
        return out

    def record(label: str, run: Run, cold: bool) -> None:
        s = results.setdefault(label, Series())
        if run.rc != 0 and not (label == "check" and run.rc == 1):
            s.failed = f"exit {run.rc}: {run.err}"
            return
        (s.cold if cold else s.warm).append(run.ms)
        (s.rss_cold if cold else s.rss).append(run.rss_mb)
        s.out_bytes = run.out_bytes

    def prime() -> None:
        quiet([LEDGER, "--data", str(p.data), "list", "--status", "closed", "--format", "json"],
              ledger_env(p, warm_cache), check=False)

    floors: list[tuple[str, list[str], dict[str, str]]] = [
        ("python -c pass", [PYTHON, "-c", "pass"], dict(os.environ)),
        ("bare typer (33-row table)", [PYTHON, str(HERE / "bare_typer.py"), "list", "--overdue"],
         {**os.environ, "COLUMNS": "100", "TERM": "dumb"}),
    ]
    prime()
    for r in range(runs):
        if r > 0 and time.monotonic() > deadline:
            print(f"  time limit: stopping {p.size} after {r} rounds", flush=True)
            break
        print(f"  round {r + 1}/{runs}", flush=True)
        for label, argv, env in floors:
            record(label, timed(argv, env), False)
        for label, args in [*reads, *writes()]:
            if results.get(label, Series()).failed:
                continue
            record(label, timed([LEDGER, "--data", str(p.data), *args], ledger_env(p, warm_cache)), False)
        if with_task and p.task_env:
            record("task +OVERDUE list", timed(["task", "+OVERDUE", "list"], p.task_env), False)
            record("task +OVERDUE export", timed(["task", "+OVERDUE", "export"], p.task_env), False)
            record("task N done", timed(["task", pending_task_id(p.task_env, rng), "done"], p.task_env), False)
        if r < cold_runs:
            record("floor: C parse + validate", timed([PYTHON, "-c", PARSE_FLOOR, str(p.data / "items.yaml")],
                                                      base_env()), True)
            for label, args in [*reads, *writes()]:
                if results.get(label, Series()).failed:
                    continue
                cold = Path(tempfile.mkdtemp(prefix="ledger-cold-", dir=p.root))
                record(label, timed([LEDGER, "--data", str(p.data), *args], ledger_env(p, cold)), True)
                shutil.rmtree(cold, ignore_errors=True)
            prime()  # the cold writes changed the file: make the warm cache current again (untimed)
    return results


# ----------------------------------------------------------------------------- reporting

def med(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def fmt_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def table(size: int, p: Prepared, results: dict[str, Series]) -> list[str]:
    lines = [f"\n## {size:,} items ({p.mb:.1f} MB, as of {p.as_of}, {p.overdue:,} overdue, --dept {p.dept})"
             + (f"  [{p.task_note}]" if p.task_note else ""),
             f"| {'command':<32} | {'warm ms':>9} | {'cold ms':>9} | {'warm MB':>8} | {'cold MB':>8} | {'runs':>6} | "
             f"{'out KB':>7} |",
             f"|{'-' * 34}|{'-' * 11}|{'-' * 11}|{'-' * 10}|{'-' * 10}|{'-' * 8}|{'-' * 9}|"]
    for label, s in results.items():
        if s.failed:
            lines.append(f"| {label:<32} | {s.failed[:60]}")
            continue
        warm_mb = f"{max(s.rss):.0f}" if s.rss else "–"
        cold_mb = f"{max(s.rss_cold):.0f}" if s.rss_cold else "–"
        lines.append(f"| {label:<32} | {fmt_ms(med(s.warm)):>9} | {fmt_ms(med(s.cold)):>9} | {warm_mb:>8} | {cold_mb:>8} | "
                     f"{len(s.warm):>2}/{len(s.cold):<3} | {s.out_bytes / 1024:>7.0f} |")
    return lines


@dataclass
class Ratio:
    size: int
    target: str
    value: float | None
    limit: float
    unit: str
    met: bool | None


def ratios(size: int, results: dict[str, Series]) -> list[Ratio]:
    def warm(label: str) -> float | None:
        s = results.get(label)
        return med(s.warm) if s and not s.failed else None

    def cold(label: str) -> float | None:
        s = results.get(label)
        return med(s.cold) if s and not s.failed else None

    def peak_cold(label: str) -> float | None:
        s = results.get(label)
        return max(s.rss_cold) if s and not s.failed and s.rss_cold else None

    out: list[Ratio] = []

    def ratio(target: str, a: float | None, b: float | None, limit: float) -> None:
        value = a / b if a is not None and b else None
        out.append(Ratio(size, target, value, limit, "x", None if value is None else value < limit))

    def absolute(target: str, a: float | None, limit: float, unit: str) -> None:
        out.append(Ratio(size, target, a, limit, unit, None if a is None else a < limit))

    if size == 33:
        ratio("list --overdue (warm) / bare typer", warm("list --overdue"), warm("bare typer (33-row table)"), 1.3)
    if size >= 10_000:
        ratio("list --overdue (warm) / task +OVERDUE list", warm("list --overdue"), warm("task +OVERDUE list"), 1.0)
        ratio("list --overdue --format json (warm) / task +OVERDUE export", warm("list --overdue --format json"),
              warm("task +OVERDUE export"), 1.0)
        for write in ("close", "progress", "extend"):
            ratio(f"{write} (warm) / task N done", warm(write), warm("task N done"), 1.0)
    floor, bare, python = cold("floor: C parse + validate"), warm("bare typer (33-row table)"), warm("python -c pass")
    for label in ("list --overdue", "check", "close"):
        ratio(f"{label} (cold) / C parse + validate", cold(label), floor, 1.0)
    # The same with the start-up taken out of both sides: what loading costs against what parsing costs.
    # At small sizes the whole-process ratio is mostly the CLI's start-up against the bare interpreter's.
    if floor and bare and python and cold("list --overdue"):
        ratio("  (cold - bare typer) / (floor - python -c pass)", cold("list --overdue") - bare, floor - python, 1.0)
    if size == 10_000:
        absolute("check (cold)", cold("check"), 5000, "ms")
        absolute("check (warm)", warm("check"), 5000, "ms")
    if size == 100_000:
        absolute("list --overdue (warm)", warm("list --overdue"), 1000, "ms")
        absolute("list --overdue (cold) peak RSS", peak_cold("list --overdue"), 600, "MB")
        absolute("close (warm)", warm("close"), 3000, "ms")
    return out


def ratio_lines(rs: list[Ratio]) -> list[str]:
    lines = ["\n## Targets (issues 5 and 15)", f"| {'size':>7} | {'target':<58} | {'value':>9} | {'limit':>8} | met |",
             f"|{'-' * 9}|{'-' * 60}|{'-' * 11}|{'-' * 10}|-----|"]
    for r in rs:
        value = "–" if r.value is None else (f"{r.value:.2f}x" if r.unit == "x" else f"{r.value:,.0f} {r.unit}")
        limit = f"< {r.limit:g}{'x' if r.unit == 'x' else ' ' + r.unit}"
        met = "–" if r.met is None else ("yes" if r.met else "NO")
        lines.append(f"| {r.size:>7,} | {r.target:<58} | {value:>9} | {limit:>8} | {met:>3} |")
    return lines


def versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {"python": platform.python_version(), "machine": f"{platform.machine()}, {os.cpu_count()} cpus"}
    for name in ("ledger", "typer", "click", "rich", "pydantic", "PyYAML", "ruamel.yaml"):
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            pass
    task = shutil.which("task")
    if task:
        out["taskwarrior"] = quiet([task, "--version"], dict(os.environ), check=False).stdout.strip()
    try:
        out["ledger commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
                               capture_output=True, text=True).stdout.strip()
        out["ledger src"] = ("uncommitted changes" if dirty else "clean") + (", snapshot" if SNAPSHOT else "")
    except OSError:
        pass
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--export-tasks"]:
        data, as_of, size, dump = argv[1:5]
        print(export_tasks(Path(data), dt.date.fromisoformat(as_of), int(size), Path(dump)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="33,1000,10000", help="comma-separated item counts (33 = the shipped ledger)")
    parser.add_argument("--runs", type=int, default=5, help="rounds (warm runs) per size (default 5)")
    parser.add_argument("--cold-runs", type=int, default=3, help="rounds that also run every command cold (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--time-limit", type=float, default=0, metavar="S",
                        help="stop starting new rounds after S seconds in all (0 = no limit; at least one round a size)")
    parser.add_argument("--no-task", action="store_true", help="skip Taskwarrior")
    parser.add_argument("--work", type=Path, default=None, help="where the ledgers go (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="folder for the JSON results")
    parser.add_argument("--keep", action="store_true", help="keep the generated ledgers")
    parser.add_argument("--no-snapshot", action="store_true",
                        help="run the code in src/ as it changes, not a copy taken at the start")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    deadline = time.monotonic() + (args.time_limit or 1e12)
    note = None if args.no_task else ensure_taskwarrior()
    if note:
        print(note, file=sys.stderr)
    with_task = not args.no_task and note is None
    work = args.work or Path(tempfile.mkdtemp(prefix="ledger-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if not args.no_snapshot:
        global SNAPSHOT
        SNAPSHOT = work / "src"
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        shutil.copytree(ROOT / "src", SNAPSHOT, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        import compileall

        compileall.compile_dir(str(SNAPSHOT), quiet=1)
    report: list[str] = []
    all_ratios: list[Ratio] = []
    saved: dict[str, object] = {"started": dt.datetime.now().isoformat(timespec="seconds"), "versions": versions(),
                                "runs": args.runs, "cold_runs": args.cold_runs, "sizes": {}}
    try:
        for size in sizes:
            print(f"{size:,} items: preparing …", flush=True)
            p = prepare(size, work, args.seed)
            if with_task:
                setup_taskwarrior(p)
            else:
                count_overdue(p)
            results = bench_size(p, args.runs, args.cold_runs, deadline, with_task)
            lines = table(size, p, results)
            rs = ratios(size, results)
            print("\n".join(lines), flush=True)
            report += lines
            all_ratios += rs
            saved["sizes"][str(size)] = {  # type: ignore[index]
                "mb": p.mb, "as_of": p.as_of.isoformat(), "overdue": p.overdue, "dept": p.dept, "task_note": p.task_note,
                "commands": {k: asdict(v) for k, v in results.items()},
                "medians": {k: {"warm_ms": med(v.warm), "cold_ms": med(v.cold), "warm_peak_mb": max(v.rss, default=None),
                                "cold_peak_mb": max(v.rss_cold, default=None)} for k, v in results.items()},
            }
            if not args.keep:
                shutil.rmtree(p.root, ignore_errors=True)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    lines = ratio_lines(all_ratios)
    print("\n".join(lines))
    print(f"\n{', '.join(f'{k} {v}' for k, v in saved['versions'].items())}")  # type: ignore[attr-defined]
    saved["ratios"] = [asdict(r) for r in all_ratios]
    saved["table"] = "\n".join(report + lines)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (args.out / name).write_text(json.dumps(saved, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"results: {args.out / f'bench-{stamp}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
