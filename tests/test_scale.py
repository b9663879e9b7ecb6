"""At scale the answers stay right: a generated 10,000-item ledger, its list filters, its report and
a close-out checked against a plain reference computation written here from the rules in docs/DOMAIN.md
(the file parsed with PyYAML, no ledger code). Correctness only: no timers."""

from __future__ import annotations

import gc
import json
import shutil
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from ledger.cli.app import app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate

SIZE = 10_000
AS_OF = generate.AS_OF


# ----------------------------------------------------------------------------- the reference

def reference_items(data: Path) -> list[dict[str, Any]]:
    gc.disable()  # a plain C parse, without the collector walking the growing tree over and over
    try:
        with open(data / "items.yaml", "rb") as fh:
            return yaml.load(fh, Loader=yaml.CSafeLoader)["items"]
    finally:
        gc.enable()


def changed_lines(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """The lines removed and added between the common head and the common tail."""
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return before[head:len(before) - tail], after[head:len(after) - tail]


def deadline_on(raw: dict[str, Any], day: date) -> date | str:
    current = raw["deadline"]
    for ext in raw.get("extensions", []):
        if ext["date"] <= day:
            current = ext["to"]
    return current


def closeout_on(raw: dict[str, Any], day: date) -> dict[str, Any] | None:
    closed = raw.get("closed")
    if closed and closed["date"] <= day:
        return closed
    for past in raw.get("history", []):
        if past["closed"]["date"] <= day < past["reopened"]["date"]:
            return past["closed"]
    return None


def status_on(raw: dict[str, Any], day: date) -> str:
    if closeout_on(raw, day):
        return "closed"
    reopened = [p["reopened"]["date"] for p in raw.get("history", []) if p["reopened"]["date"] <= day]
    since = max(reopened, default=None)
    if any(n["date"] <= day and (since is None or n["date"] > since) for n in raw.get("progress", [])):
        return "in_progress"
    return "open"


def overdue_days(raw: dict[str, Any], day: date) -> int | None:
    deadline = deadline_on(raw, day)
    if not isinstance(deadline, date) or day <= deadline or closeout_on(raw, day):
        return None
    return (day - deadline).days


def due_soon(raw: dict[str, Any], day: date, days: int) -> bool:
    deadline = deadline_on(raw, day)
    return isinstance(deadline, date) and not closeout_on(raw, day) and day <= deadline <= day + timedelta(days=days)


def stale(raw: dict[str, Any], day: date, days: int = 30) -> bool:
    if deadline_on(raw, day) != "ongoing" or closeout_on(raw, day):
        return False
    notes = [n["date"] for n in raw.get("progress", []) if n["date"] <= day]
    return not notes or (day - max(notes)).days > days


def involves(raw: dict[str, Any], unit: str) -> bool:
    return raw["lead"] == unit or unit in raw["responsible"]


def iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def expected_row(raw: dict[str, Any], day: date) -> dict[str, Any]:
    closed = closeout_on(raw, day)
    late = overdue_days(raw, day)
    notes = [n["date"] for n in raw.get("progress", []) if n["date"] <= day]
    return {"id": raw["id"], "status": status_on(raw, day), "deadline": iso(deadline_on(raw, day)),
            "overdue": late is not None, "days_overdue": late, "original_deadline": iso(raw["deadline"]),
            "extensions": sum(1 for e in raw.get("extensions", []) if e["date"] <= day),
            "closed_date": iso(closed["date"]) if closed else None, "last_progress": iso(max(notes)) if notes else None,
            "lead": raw["lead"], "responsible": raw["responsible"]}


# ----------------------------------------------------------------------------- the ledger

@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The 10,000-item ledger, its reference reading, and a runner with a cache of its own."""
    from ledgers import Ledger

    root = tmp_path_factory.mktemp("scale")
    generate.write(root, SIZE, seed=1)
    ledger = Ledger(root, today=AS_OF.isoformat())
    cache_dir = tmp_path_factory.mktemp("scale-cache")
    raws = reference_items(ledger.data)
    assert len(raws) == SIZE

    def run(*args: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        return ledger(*args, env={"LEDGER_CACHE_DIR": str(cache_dir), **kwargs.pop("env", {})}, **kwargs)

    assert run("check").stdout.startswith(f"ok: {SIZE} items")
    return run, raws, ledger


def listed(run, *args: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = run("list", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_generated_ledger_is_realistic(big):
    _, raws, _ = big
    statuses = Counter(r["status"] for r in raws)
    assert min(statuses.values()) > SIZE // 10
    assert sum(1 for r in raws if r.get("history")) > 20
    assert sum(1 for r in raws if r.get("extensions")) > 200
    assert sum(1 for r in raws if r.get("closed", {}).get("late")) > 100
    assert SIZE // 10 < sum(1 for r in raws if overdue_days(r, AS_OF) is not None) < SIZE // 2
    assert len({r["lead"] for r in raws}) > 40


DAYS = [AS_OF, date(2024, 9, 15), date(2024, 7, 1)]
"""The as-of day of the generated history, and two days in its middle (statuses rebuilt from records)."""

FILTERS: list[tuple[str, list[str], Any]] = [
    ("all", [], lambda r, d: True),
    ("overdue", ["--overdue"], lambda r, d: overdue_days(r, d) is not None),
    ("open", ["--status", "open"], lambda r, d: status_on(r, d) == "open"),
    ("in_progress", ["--status", "in_progress"], lambda r, d: status_on(r, d) == "in_progress"),
    ("closed", ["--status", "closed"], lambda r, d: status_on(r, d) == "closed"),
    ("due soon", ["--due-soon", "30"], lambda r, d: due_soon(r, d, 30)),
    ("ongoing", ["--ongoing"], lambda r, d: deadline_on(r, d) == "ongoing"),
    ("dated", ["--dated"], lambda r, d: deadline_on(r, d) != "ongoing"),
    ("due before", ["--due-before", "2024-09-30"],
     lambda r, d: isinstance(x := deadline_on(r, d), date) and x < date(2024, 9, 30)),
    ("due after", ["--due-after", "2024-12-31"],
     lambda r, d: isinstance(x := deadline_on(r, d), date) and x > date(2024, 12, 31)),
    ("dept by alias", ["--dept", "财政局"], lambda r, d: involves(r, "区财政局")),
    ("dept group", ["--dept", "各镇（街道）"], lambda r, d: involves(r, "各镇（街道）")),
    ("lead", ["--lead", "区行政审批局"], lambda r, d: r["lead"] == "区行政审批局"),
    ("question", ["--question", "7"], lambda r, d: r["question"] == 7),
    ("overdue of a unit", ["--overdue", "--dept", "区建设环保局"],
     lambda r, d: overdue_days(r, d) is not None and involves(r, "区建设环保局")),
    ("search", ["--search", "拖欠"], lambda r, d: "拖欠" in r["text"] or any("拖欠" in n["text"] for n in r.get("progress", []))),
]


DAY_FREE = {"dept group", "lead", "question", "search", "dated", "due after"}
"""Unit, question and text filters do not depend on the day: checked on the as-of day only."""

CASES = [pytest.param(day, args, keep, id=f"{name}-{day}")
         for name, args, keep in FILTERS for day in DAYS if day == AS_OF or name not in DAY_FREE]


@pytest.mark.parametrize(("day", "args", "keep"), CASES)
def test_list_filters_match_the_reference(big, day, args, keep):
    run, raws, _ = big
    rows = listed(run, *args, "--as-of", day.isoformat())
    expected = [expected_row(r, day) for r in raws if keep(r, day)]
    assert [r["id"] for r in rows] == [e["id"] for e in expected]
    assert [{k: r[k] for k in e} for r, e in zip(rows, expected, strict=True)] == expected


def test_table_of_thousands_of_rows_is_limited_and_counted(big):
    run, raws, _ = big
    overdue = sum(1 for r in raws if overdue_days(r, AS_OF) is not None)
    result = run("list", "--overdue")
    assert result.exit_code == 0
    assert f"200 of {overdue} items shown" in result.stdout
    assert f"{overdue - 200} more rows not shown" in result.stderr
    csv_lines = run("list", "--overdue", "--format", "csv").stdout.splitlines()
    assert len(csv_lines) == overdue + 1


def _report(run, *args: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = run("report", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _counts(raws: list[dict[str, Any]], day: date, units_of) -> dict[str, Counter[str]]:  # type: ignore[no-untyped-def]
    table: dict[str, Counter[str]] = {}
    for r in raws:
        closed = closeout_on(r, day)
        for unit in units_of(r):
            c = table.setdefault(unit, Counter())
            c["total"] += 1
            c["closed"] += closed is not None
            c["closed_late"] += bool(closed and closed.get("late"))
            c["open"] += closed is None
            c["overdue"] += overdue_days(r, day) is not None
            c["due_soon"] += due_soon(r, day, 30)
            c["stale"] += stale(r, day)
    return table


@pytest.mark.skipif("report" not in typer.main.get_command(app).commands,  # type: ignore[attr-defined]
                    reason="no report command yet")
@pytest.mark.parametrize(("by", "units_of"), [("lead", lambda r: [r["lead"]]), ("responsible", lambda r: r["responsible"])])
@pytest.mark.parametrize("day", [AS_OF, date(2024, 9, 15)], ids=["as-of", "mid"])
def test_report_matches_the_reference(big, by, units_of, day):
    run, raws, _ = big
    rows = _report(run, "--by", by, "--as-of", day.isoformat())
    expected = _counts(raws, day, units_of)
    fields = ("total", "closed", "closed_late", "open", "overdue", "due_soon", "stale")
    got = {r["unit"]: {f: r[f] for f in fields} for r in rows if not r.get("is_total")}
    assert {u: v for u, v in got.items() if v["total"]} == {u: {f: c[f] for f in fields} for u, c in expected.items()}
    for r in rows:
        if not r.get("is_total") and r["total"]:
            ids = {x["id"] for x in raws if r["unit"] in units_of(x) and overdue_days(x, day) is not None}
            assert set(r["overdue_items"]) == ids, r["unit"]
    [total] = [r for r in rows if r.get("is_total")]
    assert total["total"] == SIZE
    assert total["overdue"] == sum(1 for x in raws if overdue_days(x, day) is not None)


def test_a_close_out_at_scale(big, tmp_path):
    """Close the most overdue item of a copy: only its block changes, by exactly the close-out
    record, and every answer after it matches the reference with that record added."""
    from ledgers import Ledger

    _, raws, source = big
    shutil.copytree(source.data, tmp_path / "data")
    ledger = Ledger(tmp_path, today=AS_OF.isoformat())
    target = max((r for r in raws if overdue_days(r, AS_OF) is not None), key=lambda r: (overdue_days(r, AS_OF), r["id"]))
    before = (ledger.data / "items.yaml").read_text(encoding="utf-8").splitlines()
    result = ledger("close", target["id"], "--evidence", "整改报告及企业回访记录已存档", "--by", "张三")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"closed {target['id']} on {AS_OF}")

    after = (ledger.data / "items.yaml").read_text(encoding="utf-8").splitlines()
    removed, added = changed_lines(before, after)
    closeout = ["    closed:", f"      date: {AS_OF}", "      by: 张三", "      evidence:",
                '        - text: "整改报告及企业回访记录已存档"', "      late: true", f"      recorded: {AS_OF}"]
    assert removed[0] == "    status: " + target["status"] and added[0] == "    status: closed"
    assert added[-len(closeout):] == closeout
    assert removed[1:] == added[1:-len(closeout)]  # the lines between (progress, extensions) are kept
    block_end = after.index("", after.index(f'  - id: "{target["id"]}"')) if target["id"] != raws[-1]["id"] else len(after)
    assert after.index(closeout[-1], after.index(f'  - id: "{target["id"]}"')) == block_end - 1  # at the block's end

    closed = {**target, "status": "closed", "closed": {"date": AS_OF, "by": "张三", "late": True, "recorded": AS_OF,
                                                       "evidence": [{"text": "整改报告及企业回访记录已存档"}]}}
    fresh = [closed if r["id"] == target["id"] else r for r in raws]
    for args, keep in ((["--overdue"], lambda r: overdue_days(r, AS_OF) is not None),
                       (["--status", "closed"], lambda r: status_on(r, AS_OF) == "closed")):
        rows = json.loads(ledger("list", *args, "--format", "json").stdout)
        assert [r["id"] for r in rows] == [r["id"] for r in fresh if keep(r)]
        assert (target["id"] in {r["id"] for r in rows}) == (args[0] == "--status")
    shown = json.loads(ledger("show", target["id"], "--format", "json").stdout)
    assert (shown["status"], shown["closed_date"], shown["closed_late"], shown["overdue"]) == ("closed", str(AS_OF), True, False)
    assert ledger("check").stdout.startswith(f"ok: {SIZE} items")
    assert ledger("close", target["id"], "--evidence", "再次", "--by", "张三").exit_code == 1
