"""ledger.reports.by_unit: the accountability report built from hand-made items as of an explicit day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from ledger import i18n
from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening, Unit
from ledger.reports.by_unit import PUBLIC_KEYS, UnitRow, build_report, display_cells, percent, unit_label

D = date
FIN, ENV, PARKS, POLICE = "区财政局", "区建设环保局", "各园区指挥部", "市交警四大队"
UNITS = [Unit(FIN, "district"), Unit(ENV, "district"), Unit(PARKS, "group"), Unit(POLICE, "city")]
AS_OF = D(2024, 9, 10)
PROOF = (Evidence(text="整改报告"),)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def make(item_id: str, lead: str, responsible: tuple[str, ...], deadline: Any, **kw: Any) -> Item:
    question = int(item_id.split("-")[0]) if item_id[0].isdigit() else None
    return Item(id=item_id, text=f"事项{item_id}", lead=lead, responsible=responsible, deadline=deadline,
                question=question, **kw)


def closeout(day: date, late: bool = False) -> CloseOut:
    return CloseOut(date=day, by="区营商办", evidence=PROOF, late=late)


ITEMS = [
    # overdue 72 days on 9-10
    make("1-1", FIN, (FIN, ENV), D(2024, 6, 30)),
    # closed on time
    make("1-2", FIN, (FIN,), D(2024, 8, 31), status="closed", closed=closeout(D(2024, 8, 20))),
    # closed late
    make("1-3", ENV, (ENV, PARKS), D(2024, 6, 30), status="closed", closed=closeout(D(2024, 7, 15), late=True)),
    # due in 20 days, in progress
    make("1-10", ENV, (ENV,), D(2024, 9, 30), status="in_progress", progress=(ProgressNote(D(2024, 9, 1), "开工"),)),
    # ongoing, never any progress: stale
    make("2-1", PARKS, (PARKS, FIN), "ongoing"),
    # ongoing with recent progress
    make("2-2", PARKS, (PARKS,), "ongoing", status="in_progress", progress=(ProgressNote(D(2024, 9, 1), "走访企业"),)),
    # closed, reopened by a look-back: overdue again, 72 days
    make("2-3", FIN, (FIN,), D(2024, 6, 30),
         history=(PastCloseOut(closeout(D(2024, 6, 25)), Reopening(D(2024, 8, 15), "回头看：问题仍在")),)),
    # from outside the questionnaire; extended to 9-05, overdue 5 days; its unit listed twice
    make("N-1", POLICE, (POLICE, POLICE), D(2024, 8, 31), source="企业家恳谈会",
         extensions=(Extension(D(2024, 8, 20), D(2024, 9, 5), "施工受阻", D(2024, 8, 31)),)),
]

FIELDS = ("unit", "kind", "total", "closed", "closed_on_time", "closed_late", "open", "in_progress", "overdue",
          "due_soon", "stale", "ongoing", "days_overdue", "max_days_overdue", "overdue_items", "close_rate", "rank")


def counts(row: UnitRow) -> dict[str, Any]:
    data = row.as_dict()
    return {k: data[k] for k in FIELDS}


def expect(unit: str, kind: str, total: int, closed: int, on_time: int, late: int, in_progress: int, overdue: int,
           due_soon: int, stale: int, ongoing: int, days: int, max_days: int, overdue_items: list[str], rate: float,
           rank: int | None) -> dict[str, Any]:
    return {"unit": unit, "kind": kind, "total": total, "closed": closed, "closed_on_time": on_time, "closed_late": late,
            "open": total - closed, "in_progress": in_progress, "overdue": overdue, "due_soon": due_soon, "stale": stale,
            "ongoing": ongoing, "days_overdue": days, "max_days_overdue": max_days, "overdue_items": overdue_items,
            "close_rate": rate, "rank": rank}


TOTALS = expect("", "total", 8, 2, 1, 1, 2, 3, 1, 1, 2, 149, 72, ["1-1", "2-3", "N-1"], 0.25, None)


def test_by_lead() -> None:
    report = build_report(ITEMS, UNITS, AS_OF, "lead")
    assert (report.as_of, report.by) == (AS_OF, "lead")
    assert [counts(r) for r in report.rows] == [
        expect(FIN, "district", 3, 1, 1, 0, 0, 2, 0, 0, 0, 144, 72, ["1-1", "2-3"], 0.3333, 1),
        expect(POLICE, "city", 1, 0, 0, 0, 0, 1, 0, 0, 0, 5, 5, ["N-1"], 0.0, 2),
        expect(PARKS, "group", 2, 0, 0, 0, 1, 0, 0, 1, 2, 0, 0, [], 0.0, 3),  # stale before ENV's open rows
        expect(ENV, "district", 2, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, [], 0.5, 4),
    ]
    assert counts(report.totals) == TOTALS


def test_by_responsible_counts_an_item_once_per_unit() -> None:
    report = build_report(ITEMS, UNITS, AS_OF, "responsible")
    assert [counts(r) for r in report.rows] == [
        expect(FIN, "district", 4, 1, 1, 0, 0, 2, 0, 1, 1, 144, 72, ["1-1", "2-3"], 0.25, 1),
        expect(POLICE, "city", 1, 0, 0, 0, 0, 1, 0, 0, 0, 5, 5, ["N-1"], 0.0, 2),  # listed twice, counted once
        expect(ENV, "district", 3, 1, 0, 1, 1, 1, 1, 0, 0, 72, 72, ["1-1"], 0.3333, 3),
        expect(PARKS, "group", 3, 1, 0, 1, 1, 0, 0, 1, 2, 0, 0, [], 0.3333, 4),
    ]
    assert counts(report.totals) == TOTALS  # every item once, whatever the grouping


def test_by_question_then_source() -> None:
    report = build_report(ITEMS, UNITS, AS_OF, "question")
    assert [counts(r) for r in report.rows] == [
        expect("2", "question", 3, 0, 0, 0, 1, 1, 0, 1, 2, 72, 72, ["2-3"], 0.0, 1),
        expect("企业家恳谈会", "question", 1, 0, 0, 0, 0, 1, 0, 0, 0, 5, 5, ["N-1"], 0.0, 2),
        expect("1", "question", 4, 2, 1, 1, 1, 1, 1, 0, 0, 72, 72, ["1-1"], 0.5, 3),
    ]
    assert counts(report.totals) == TOTALS


def test_by_deadline_in_force() -> None:
    report = build_report(ITEMS, UNITS, AS_OF, "deadline")
    assert [counts(r) for r in report.rows] == [  # in date order, ongoing last; rank: slowest first
        expect("2024-06-30", "deadline", 3, 1, 0, 1, 0, 2, 0, 0, 0, 144, 72, ["1-1", "2-3"], 0.3333, 1),
        expect("2024-08-31", "deadline", 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, [], 1.0, 5),
        expect("2024-09-05", "deadline", 1, 0, 0, 0, 0, 1, 0, 0, 0, 5, 5, ["N-1"], 0.0, 2),  # extended from 8-31
        expect("2024-09-30", "deadline", 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, [], 0.0, 4),
        expect("ongoing", "deadline", 2, 0, 0, 0, 1, 0, 0, 1, 2, 0, 0, [], 0.0, 3),
    ]


def test_the_same_items_earlier() -> None:
    """On 6-30 nothing is late yet: 1-3 and 2-3 are not closed (2-3 was, from 6-25), N-1's deadline is 8-31."""
    report = build_report(ITEMS, UNITS, D(2024, 6, 30), "lead")
    assert [(r.unit, r.closed, r.overdue, r.due_soon, r.stale) for r in report.rows] == [
        (PARKS, 0, 0, 0, 2),  # 2-2's note of 9-01 is not written yet
        (ENV, 0, 0, 1, 0),  # 1-3 due today; 1-10 is 92 days ahead
        (POLICE, 0, 0, 0, 0),
        (FIN, 1, 0, 1, 0),  # 2-3 closed then; 1-1 due today
    ]
    assert (report.totals.closed, report.totals.overdue, report.totals.due_soon) == (1, 0, 2)


def test_a_reopened_item_counts_as_closed_inside_its_window() -> None:
    [row] = build_report([ITEMS[6]], UNITS, D(2024, 8, 14)).rows
    assert (row.closed, row.closed_on_time, row.overdue) == (1, 1, 0)
    [row] = build_report([ITEMS[6]], UNITS, D(2024, 8, 15)).rows
    assert (row.closed, row.overdue, row.days_overdue) == (0, 1, 46)


def test_ties_follow_the_units_file_and_unknown_units_go_last() -> None:
    items = [make(f"1-{n}", lead, (lead,), D(2024, 12, 31)) for n, lead in enumerate(["区交通局", FIN, POLICE, ENV], 1)]
    report = build_report(items, UNITS, AS_OF, "lead")
    assert [(r.unit, r.kind, r.rank) for r in report.rows] == [
        (FIN, "district", 1), (ENV, "district", 2), (POLICE, "city", 3), ("区交通局", "unknown", 4)]


def test_question_ties_numeric_then_sources() -> None:
    items = [make("10-1", FIN, (FIN,), D(2024, 12, 31)), make("C-1", FIN, (FIN,), D(2024, 12, 31), source="投诉举报"),
             make("2-1", FIN, (FIN,), D(2024, 12, 31)), make("B-1", FIN, (FIN,), D(2024, 12, 31), source="企业家恳谈会")]
    assert [r.unit for r in build_report(items, UNITS, AS_OF, "question").rows] == ["2", "10", "企业家恳谈会", "投诉举报"]


def test_deadline_ties_by_date_ongoing_last() -> None:
    note = (ProgressNote(D(2024, 9, 1), "调度"),)
    items = [make("1-1", FIN, (FIN,), "ongoing", status="in_progress", progress=note),
             make("1-2", FIN, (FIN,), D(2024, 12, 31), status="in_progress", progress=note),
             make("1-3", FIN, (FIN,), D(2024, 11, 30), status="in_progress", progress=note)]
    assert [r.unit for r in build_report(items, UNITS, AS_OF, "deadline").rows] == ["2024-11-30", "2024-12-31", "ongoing"]


@pytest.mark.parametrize(("rows", "expected"), [
    # most overdue first, whatever the rate
    ([("甲", [D(2024, 9, 1)] * 2, 0), ("乙", [D(2024, 9, 1)], 0)], ["甲", "乙"]),
    # then the lowest close-out rate
    ([("甲", [D(2024, 12, 31)], 1), ("乙", [D(2024, 12, 31)], 0)], ["乙", "甲"]),
    # then stale
    ([("甲", [D(2024, 12, 31)], 0), ("乙", ["ongoing"], 0)], ["乙", "甲"]),
    # then most open
    ([("甲", [D(2024, 12, 31)], 0), ("乙", [D(2024, 12, 31)] * 2, 0)], ["乙", "甲"]),
    # then the most days overdue in total
    ([("甲", [D(2024, 9, 5)], 0), ("乙", [D(2024, 8, 1)], 0)], ["乙", "甲"]),
])
def test_slowest_first(rows: list[tuple[str, list[Any], int]], expected: list[str]) -> None:
    items: list[Item] = []
    for unit, deadlines, closed in rows:
        for deadline in deadlines:
            items.append(make(f"{len(items) + 1}-1", unit, (unit,), deadline))
        for _ in range(closed):
            items.append(make(f"{len(items) + 1}-1", unit, (unit,), D(2024, 12, 31), status="closed",
                              closed=closeout(D(2024, 9, 1))))
    units = [Unit("甲", "district"), Unit("乙", "district")]
    assert [r.unit for r in build_report(items, units, AS_OF).rows] == expected


def test_empty_ledger() -> None:
    report = build_report([], UNITS, AS_OF)
    assert report.rows == []
    assert counts(report.totals) == expect("", "total", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], 0.0, None)


def test_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="unknown grouping 'unit'"):
        build_report(ITEMS, UNITS, AS_OF, "unit")


def test_as_dict_public_keys_first() -> None:
    row = build_report(ITEMS, UNITS, AS_OF).rows[0]
    data = row.as_dict()
    assert tuple(data)[:len(PUBLIC_KEYS)] == PUBLIC_KEYS
    assert data == {"unit": FIN, "total": 3, "closed": 1, "closed_on_time": 1, "closed_late": 0, "open": 2,
                    "overdue": 2, "due_soon": 0, "stale": 0, "close_rate": 0.3333, "kind": "district", "rank": 1,
                    "is_total": False, "in_progress": 0, "ongoing": 0, "days_overdue": 144, "max_days_overdue": 72,
                    "overdue_items": ["1-1", "2-3"], "pending_review": 0, "red": 2, "yellow": 0, "blue": 0,
                    "returned": 0, "publicity": 0}
    data["overdue_items"].append("x")
    assert row.overdue_items == ["1-1", "2-3"]  # a copy


@pytest.mark.parametrize(("closed", "total", "rate"), [(0, 0, 0.0), (1, 3, 0.3333), (2, 3, 0.6667), (3, 3, 1.0),
                                                         (1, 7, 0.1429)])
def test_close_rate(closed: int, total: int, rate: float) -> None:
    assert UnitRow(unit="x", kind="district", total=total, closed=closed).close_rate == rate


@pytest.mark.parametrize(("rate", "text"), [(0.0, "0.0%"), (0.3333, "33.3%"), (0.6667, "66.7%"), (1.0, "100.0%")])
def test_percent(rate: float, text: str) -> None:
    assert percent(rate) == text


@pytest.mark.parametrize(("row", "label"), [
    (UnitRow(unit="", kind="total"), "Total"),
    (UnitRow(unit="2", kind="question"), "Question 2"),
    (UnitRow(unit="企业家恳谈会", kind="question"), "企业家恳谈会"),
    (UnitRow(unit="ongoing", kind="deadline"), "ongoing"),
    (UnitRow(unit="2024-06-30", kind="deadline"), "2024-06-30"),
    (UnitRow(unit=FIN, kind="district"), FIN),
])
def test_unit_label(row: UnitRow, label: str) -> None:
    assert unit_label(row) == label


def test_display_cells() -> None:
    report = build_report(ITEMS, UNITS, AS_OF)
    assert display_cells(report.rows[0]) == [FIN, 3, 1, 1, 0, 2, 2, 0, 0, "33.3%"]
    assert display_cells(report.totals) == ["Total", 8, 2, 1, 1, 6, 3, 1, 1, "25.0%"]
