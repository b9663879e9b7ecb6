"""`ledger report`: counts by unit, checked against a reference computed here from the YAML alone."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_KEYS = ["unit", "total", "closed", "closed_on_time", "closed_late", "open", "overdue", "due_soon", "stale",
               "close_rate"]


# --------------------------------------------------------------------------- reference computation

def _d(value):
    return value if isinstance(value, date) else None


def reference_rows(items_path: Path, as_of: date, by: str) -> dict[str, dict]:
    """Each unit's counts, straight from the YAML, with the rules written out plainly:
    closed = a close-out dated on or before as_of; overdue = not closed and the deadline in force
    (the last extension approved by as_of, else the original) is a date before as_of; due soon =
    not closed and that deadline within 0..30 days ahead; stale = not closed, ongoing, and no
    progress note in the 30 days up to as_of."""
    items = yaml.safe_load(items_path.read_text(encoding="utf-8"))["items"]
    rows: dict[str, dict] = {}
    for item in items:
        deadline = item["deadline"]
        for ext in item.get("extensions", []):
            if ext["date"] <= as_of:
                deadline = ext["to"]
        closed = item.get("closed")
        is_closed = closed is not None and closed["date"] <= as_of
        dated = _d(deadline)
        notes = [n["date"] for n in item.get("progress", []) if n["date"] <= as_of]
        units = [item["lead"]] if by == "lead" else list(dict.fromkeys(item["responsible"]))
        for unit in units:
            r = rows.setdefault(unit, dict.fromkeys(PUBLIC_KEYS[1:], 0) | {"unit": unit})
            r["total"] += 1
            if is_closed:
                r["closed"] += 1
                r["closed_late" if closed.get("late") else "closed_on_time"] += 1
                continue
            r["open"] += 1
            if dated and dated < as_of:
                r["overdue"] += 1
            if dated and 0 <= (dated - as_of).days <= 30:
                r["due_soon"] += 1
            if deadline == "ongoing" and (not notes or (as_of - max(notes)).days > 30):
                r["stale"] += 1
    for r in rows.values():
        r["close_rate"] = round(r["closed"] / r["total"], 4)
    return rows


def _json(result) -> list[dict]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- the shipped data

def test_done_when_social_affairs_bureau(shipped):
    rows = _json(shipped("report", "--by", "lead", "--format", "json", "--as-of", "2024-09-01"))
    row = next(r for r in rows if r["unit"] == "区社会事务保障局")
    assert (row["total"], row["closed"], row["overdue"], row["ongoing"]) == (6, 0, 5, 1)
    assert row["overdue_items"] == ["1-1", "1-10", "1-11", "2-1", "2-10"]
    ongoing = _json(shipped("list", "--lead", "区社会事务保障局", "--ongoing", "--format", "json", "--as-of", "2024-09-01"))
    assert [i["id"] for i in ongoing] == ["2-11"]


@pytest.mark.parametrize("by", ["lead", "responsible"])
@pytest.mark.parametrize("as_of", ["2024-06-01", "2024-09-01", "2024-12-15", "2025-01-01"])
def test_every_unit_matches_the_reference(shipped, by, as_of):
    rows = _json(shipped("report", "--by", by, "--format", "json", "--as-of", as_of))
    *units, totals = rows
    expected = reference_rows(shipped.data / "items.yaml", date.fromisoformat(as_of), by)
    assert {r["unit"]: {k: r[k] for k in PUBLIC_KEYS} for r in units} == expected
    assert totals["is_total"] and totals["unit"] == "Total"
    everything = reference_rows(shipped.data / "items.yaml", date.fromisoformat(as_of), "lead")
    for key in PUBLIC_KEYS[1:-1]:
        assert totals[key] == sum(r[key] for r in everything.values()), key  # each item once


def test_slowest_units_first(shipped):
    rows = _json(shipped("report", "--format", "json", "--as-of", "2024-09-01"))[:-1]
    keys = [(-r["overdue"], r["close_rate"], -r["stale"], -r["open"], -r["days_overdue"]) for r in rows]
    assert keys == sorted(keys)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    # ties keep the order of departments.yaml
    order = [u["name"] for u in yaml.safe_load((shipped.data / "departments.yaml").read_text("utf-8"))["units"]]
    for n in range(len(rows) - 1):
        if keys[n] == keys[n + 1]:
            assert order.index(rows[n]["unit"]) < order.index(rows[n + 1]["unit"])


def test_table_aligns_chinese(shipped):
    result = shipped("report", "--as-of", "2024-09-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == """\
Lead unit         Items  Closed  On time  Late  Open  Overdue  Due 30d  Stale  Rate
───────────────────────────────────────────────────────────────────────────────────
区社会事务保障局      6       0        0     0     6        5        0      1  0.0%
区行政审批局          4       0        0     0     4        1        0      3  0.0%
区应急管理局          2       0        0     0     2        1        0      1  0.0%
区市场监管分局        2       0        0     0     2        1        0      1  0.0%
区财政局              1       0        0     0     1        1        0      0  0.0%
区营商办              7       0        0     0     7        0        0      7  0.0%
各园区指挥部          3       0        0     0     3        0        0      3  0.0%
区投诉举报中心        3       0        0     0     3        0        0      3  0.0%
区建设环保局          2       0        0     0     2        0        0      2  0.0%
市交警四大队          1       0        0     0     1        0        0      1  0.0%
区天然气分公司        1       0        0     0     1        0        0      1  0.0%
区经济商务局          1       0        0     0     1        0        0      0  0.0%
───────────────────────────────────────────────────────────────────────────────────
Total                33       0        0     0    33        9        0     23  0.0%
as of 2024-09-01 · by lead unit, slowest first
On time / Late: closed on time / after the deadline · Due 30d: due within 30 days
Stale: ongoing, no progress note in 30 days
Lights and requests for sign-off: in a wider terminal, or --format csv
"""


def test_table_in_chinese(shipped):
    result = shipped("report", "--as-of", "2024-09-01", "--by", "question", lang="zh")
    assert result.stdout.splitlines()[0].split() == ["问题类别", "事项", "已销号", "按期", "超期", "未销号", "逾期", "临期",
                                                     "无进展", "销号率", "红", "黄", "蓝", "待审", "退回"]
    assert "合计" in result.stdout and "问题1" in result.stdout and "截至 2024-09-01" in result.stdout


def test_csv_and_markdown(shipped):
    text = shipped("report", "--as-of", "2024-09-01", "--by", "deadline", "--format", "csv").stdout
    assert text.startswith("\ufeff")  # as list and export write csv, for Excel
    table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert table[0] == [*PUBLIC_KEYS, "red", "yellow", "blue", "pending_review", "returned"]
    assert table[1:] == [
        ["2024-06-30", "2", "0", "0", "0", "2", "2", "0", "0", "0.0", "2", "0", "0", "0", "0"],  # in date order
        ["2024-08-31", "7", "0", "0", "0", "7", "7", "0", "0", "0.0", "7", "0", "0", "0", "0"],
        ["2024-12-31", "1", "0", "0", "0", "1", "0", "0", "0", "0.0", "0", "0", "0", "0", "0"],
        ["ongoing", "23", "0", "0", "0", "23", "0", "0", "23", "0.0", "0", "23", "0", "0", "0"],
        ["Total", "33", "0", "0", "0", "33", "9", "0", "23", "0.0", "9", "23", "0", "0", "0"],
    ]
    zh = shipped("report", "--as-of", "2024-09-01", "--by", "deadline", "--format", "csv", lang="zh").stdout
    assert next(iter(csv.reader(io.StringIO(zh.removeprefix("\ufeff")))))[0] == "整改时限"
    md = shipped("report", "--as-of", "2024-09-01", "--by", "question", "--format", "markdown").stdout
    assert md == """\
| Question | Items | Closed | On time | Late | Open | Overdue | Due in 30 days | No progress 30 days | Close rate \
| Red | Yellow | Blue | Awaiting review | Returned |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| Question 1 | 18 | 0 | 0 | 0 | 18 | 6 | 0 | 12 | 0.0% | 6 | 12 | 0 | 0 | 0 |
| Question 2 | 15 | 0 | 0 | 0 | 15 | 3 | 0 | 11 | 0.0% | 3 | 11 | 0 | 0 | 0 |
| Total | 33 | 0 | 0 | 0 | 33 | 9 | 0 | 23 | 0.0% | 9 | 23 | 0 | 0 | 0 |

as of 2024-09-01
"""


# --------------------------------------------------------------------------- a ledger with a history

ITEMS = """\
items:
  - id: "1-1"
    question: 1
    text: "道路。"
    lead: 区建设环保局
    responsible: [区建设环保局, 区财政局]
    deadline: 2024-06-30
    status: open

  - id: "1-2"
    question: 1
    text: "资金。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-08-31
    status: open

  - id: "1-3"
    question: 1
    text: "服务。"
    lead: 各园区指挥部
    responsible: [各园区指挥部, 区财政局]
    deadline: ongoing
    status: open

  - id: "2-1"
    question: 2
    text: "拖欠。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-09-30
    status: open
"""


@pytest.fixture
def history(small):
    led = small(ITEMS)
    for args in (
        ["close", "1-1", "--evidence", "验收单", "--by", "张三", "--date", "2024-07-05"],  # late
        ["close", "1-2", "--evidence", "拨付凭证", "--by", "李四", "--date", "2024-08-20"],  # on time
        ["progress", "1-3", "走访企业", "--date", "2024-08-25"],
        ["close", "2-1", "--evidence", "说明", "--by", "王五", "--date", "2024-09-01"],
        ["reopen", "2-1", "--reason", "回头看：未拨付", "--date", "2024-09-05"],
    ):
        result = led(*args)
        assert result.exit_code == 0, result.stderr
    return led


def test_history_by_lead(history):
    rows = _json(history("report", "--format", "json", "--as-of", "2024-09-10"))
    got = {r["unit"]: {k: r[k] for k in PUBLIC_KEYS} for r in rows}
    assert got == {
        "区财政局": {"unit": "区财政局", "total": 2, "closed": 1, "closed_on_time": 1, "closed_late": 0, "open": 1,
                 "overdue": 0, "due_soon": 1, "stale": 0, "close_rate": 0.5},
        "区建设环保局": {"unit": "区建设环保局", "total": 1, "closed": 1, "closed_on_time": 0, "closed_late": 1, "open": 0,
                   "overdue": 0, "due_soon": 0, "stale": 0, "close_rate": 1.0},
        "各园区指挥部": {"unit": "各园区指挥部", "total": 1, "closed": 0, "closed_on_time": 0, "closed_late": 0, "open": 1,
                   "overdue": 0, "due_soon": 0, "stale": 0, "close_rate": 0.0},
        "Total": {"unit": "Total", "total": 4, "closed": 2, "closed_on_time": 1, "closed_late": 1, "open": 2,
                  "overdue": 0, "due_soon": 1, "stale": 0, "close_rate": 0.5},
    }
    assert [r["unit"] for r in rows] == ["各园区指挥部", "区财政局", "区建设环保局", "Total"]
    assert rows[0]["kind"] == "group"  # a group unit is reported as what it is


def test_history_as_of_earlier_days(history):
    # On 2024-09-03 item 2-1 stood closed (reopened on 09-05); on 2024-07-01 nothing was.
    rows = {r["unit"]: r for r in _json(history("report", "--format", "json", "--as-of", "2024-09-03"))}
    assert rows["区财政局"]["closed"] == 2
    rows = {r["unit"]: r for r in _json(history("report", "--format", "json", "--as-of", "2024-07-01"))}
    assert rows["区建设环保局"]["overdue"] == 1 and rows["区建设环保局"]["days_overdue"] == 1
    assert rows["Total"]["closed"] == 0
    # 1-3 (ongoing, progress on 08-25) is stale 31 days later
    day = date(2024, 8, 25) + timedelta(days=31)
    rows = {r["unit"]: r for r in _json(history("report", "--format", "json", "--as-of", day.isoformat()))}
    assert rows["各园区指挥部"]["stale"] == 1


def test_history_by_responsible_counts_each_unit_once(history):
    rows = {r["unit"]: r for r in _json(history("report", "--by", "responsible", "--format", "json",
                                                "--as-of", "2024-09-10"))}
    assert rows["区财政局"]["total"] == 4  # 1-1, 1-2, 1-3, 2-1
    assert rows["区建设环保局"]["total"] == 1
    assert rows["Total"]["total"] == 4
    expected = reference_rows(history.data / "items.yaml", date(2024, 9, 10), "responsible")
    assert {u: {k: r[k] for k in PUBLIC_KEYS} for u, r in rows.items() if u != "Total"} == expected


def test_bad_options(history):
    result = history("report", "--by", "leader")
    assert result.exit_code == 2
    result = history("report", "--as-of", "2024-13-01")
    assert result.exit_code == 2
