"""ledger.reports.bulletin: the monthly bulletin as data, from hand-made items.

(Named ``test_bulletin_data`` so as not to clash with the CLI tests in ``tests/test_bulletin.py``.)
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening, Unit
from ledger.reports.bulletin import (
    BecameOverdue,
    Closed,
    CurvePoint,
    Extended,
    Note,
    Overdue,
    Reopened,
    Silent,
    build_bulletin,
    close_curve,
    parse_period,
)

D = date
FIN, ENV, PARKS = "区财政局", "区建设环保局", "各园区指挥部"
UNITS = [Unit(FIN, "district"), Unit(ENV, "district"), Unit(PARKS, "group")]
PROOF = (Evidence(text="整改报告"),)


def make(item_id: str, lead: str, deadline: Any, **kw: Any) -> Item:
    return Item(id=item_id, text=f"事项{item_id}", lead=lead, responsible=(lead,), deadline=deadline, **kw)


def closeout(day: date, late: bool = False, by: str = "区营商办") -> CloseOut:
    return CloseOut(date=day, by=by, evidence=PROOF, late=late)


ITEMS = [
    # ran out on 7-31 while open: became overdue in August, 31 days overdue on 8-31
    make("1-1", FIN, D(2024, 7, 31)),
    # ran out on 8-15, closed late on 8-20
    make("1-2", FIN, D(2024, 8, 15), status="closed", closed=closeout(D(2024, 8, 20), late=True)),
    # closed on time
    make("1-3", FIN, D(2024, 8, 31), status="closed", closed=closeout(D(2024, 8, 10), by="张三")),
    # extended before its deadline ran out: never overdue
    make("1-4", ENV, D(2024, 8, 10),
         extensions=(Extension(D(2024, 8, 5), D(2024, 9, 30), "资金未到位", D(2024, 8, 10), approved_by="王主任"),)),
    # closed and reopened inside August
    make("1-6", ENV, D(2024, 12, 31),
         history=(PastCloseOut(closeout(D(2024, 8, 5)), Reopening(D(2024, 8, 25), "回头看：仍有问题")),)),
    # ongoing with a note in August
    make("2-1", PARKS, "ongoing", status="in_progress", progress=(ProgressNote(D(2024, 8, 12), "走访企业", by="李四"),)),
    # ongoing, last note in July: silent in August
    make("2-2", PARKS, "ongoing", status="in_progress", progress=(ProgressNote(D(2024, 7, 1), "召开座谈会"),)),
    # closed in June, reopened in August: overdue again (its deadline ran out in June, not August)
    make("2-3", ENV, D(2024, 6, 30),
         history=(PastCloseOut(closeout(D(2024, 6, 20)), Reopening(D(2024, 8, 18), "回头看：整改不到位", by="区纪检监察工委")),)),
]


@pytest.fixture(scope="module")
def august() -> Any:
    return build_bulletin(ITEMS, UNITS, "2024-08", today=D(2024, 9, 10))


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-08", (D(2024, 8, 1), D(2024, 8, 31))),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
    ("2023-02", (D(2023, 2, 1), D(2023, 2, 28))),
    (" 2024-12 ", (D(2024, 12, 1), D(2024, 12, 31))),
])
def test_parse_period(text: str, expected: tuple[date, date]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["2024-13", "2024-00", "2024-8", "24-08", "2024/08", "2024-08-01", ""])
def test_parse_period_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


def test_period_and_as_of(august: Any) -> None:
    assert (august.period, august.start, august.end, august.as_of, august.total) == (
        "2024-08", D(2024, 8, 1), D(2024, 8, 31), D(2024, 8, 31), 8)


def test_status_counts_take_overdue_out(august: Any) -> None:
    assert august.status == {"closed": 2, "in_progress": 2, "open": 2, "overdue": 2}


def test_closed(august: Any) -> None:
    assert august.closed == [
        Closed("1-6", "事项1-6", ENV, D(2024, 8, 5), "区营商办", False, D(2024, 12, 31), D(2024, 8, 25)),
        Closed("1-3", "事项1-3", FIN, D(2024, 8, 10), "张三", False, D(2024, 8, 31), None),
        Closed("1-2", "事项1-2", FIN, D(2024, 8, 20), "区营商办", True, D(2024, 8, 15), None),
    ]
    assert [c.id for c in august.closed_on_time] == ["1-6", "1-3"]
    assert [c.id for c in august.closed_late] == ["1-2"]


def test_became_overdue(august: Any) -> None:
    assert august.became_overdue == [
        BecameOverdue("1-1", "事项1-1", FIN, D(2024, 7, 31), None, None),
        BecameOverdue("1-2", "事项1-2", FIN, D(2024, 8, 15), D(2024, 8, 20), None),
    ]


def test_extensions_reopenings_and_progress(august: Any) -> None:
    assert august.extensions == [
        Extended("1-4", "事项1-4", ENV, D(2024, 8, 5), D(2024, 8, 10), D(2024, 9, 30), "资金未到位", "王主任")]
    assert august.reopenings == [
        Reopened("2-3", "事项2-3", ENV, D(2024, 8, 18), "回头看：整改不到位", "区纪检监察工委", D(2024, 6, 20)),
        Reopened("1-6", "事项1-6", ENV, D(2024, 8, 25), "回头看：仍有问题", None, D(2024, 8, 5)),
    ]
    assert august.progress == [Note("2-1", "事项2-1", PARKS, D(2024, 8, 12), "走访企业", "李四")]


def test_still_overdue_by_lead_in_ranking_order(august: Any) -> None:
    assert august.still_overdue == [
        (ENV, [Overdue("2-3", "事项2-3", ENV, D(2024, 6, 30), 62, 0)]),
        (FIN, [Overdue("1-1", "事项1-1", FIN, D(2024, 7, 31), 31, 0)]),
    ]
    assert [(r.unit, r.overdue, r.close_rate) for r in august.ranking.rows] == [
        (ENV, 1, 0.0), (FIN, 1, 0.6667), (PARKS, 0, 0.0)]
    assert (august.ranking.as_of, august.ranking.by) == (D(2024, 8, 31), "lead")


def test_silent_ongoing(august: Any) -> None:
    assert august.silent == [Silent("2-2", "事项2-2", PARKS, D(2024, 7, 1))]


def test_curve(august: Any) -> None:
    assert august.curve == [CurvePoint(D(2024, 6, 20), 1), CurvePoint(D(2024, 8, 5), 2), CurvePoint(D(2024, 8, 10), 3),
                            CurvePoint(D(2024, 8, 18), 2), CurvePoint(D(2024, 8, 20), 3), CurvePoint(D(2024, 8, 25), 2)]
    assert august.curve_start == D(2024, 6, 20)


def test_a_month_not_over_yet_stops_on_today() -> None:
    b = build_bulletin(ITEMS, UNITS, "2024-08", today=D(2024, 8, 15))
    assert b.as_of == D(2024, 8, 15)
    assert b.closed == [
        Closed("1-6", "事项1-6", ENV, D(2024, 8, 5), "区营商办", False, D(2024, 12, 31), None),  # reopened later
        Closed("1-3", "事项1-3", FIN, D(2024, 8, 10), "张三", False, D(2024, 8, 31), None),
    ]
    assert b.became_overdue == [BecameOverdue("1-1", "事项1-1", FIN, D(2024, 7, 31), None, None)]
    assert b.reopenings == []
    assert [(lead, [(o.id, o.days) for o in rows]) for lead, rows in b.still_overdue] == [(FIN, [("1-1", 15)])]
    assert b.status == {"closed": 3, "in_progress": 2, "open": 2, "overdue": 1}


def test_became_overdue_then_extended() -> None:
    item = make("1-1", FIN, D(2024, 6, 30),
                extensions=(Extension(D(2024, 7, 10), D(2024, 8, 31), "资金未到位", D(2024, 6, 30)),))
    b = build_bulletin([item], UNITS, "2024-07", today=D(2024, 9, 10))
    assert b.became_overdue == [BecameOverdue("1-1", "事项1-1", FIN, D(2024, 6, 30), None, D(2024, 8, 31))]
    assert b.still_overdue == []
    b = build_bulletin([item], UNITS, "2024-09", today=D(2024, 9, 10))
    assert b.became_overdue == [BecameOverdue("1-1", "事项1-1", FIN, D(2024, 8, 31), None, None)]
    assert b.still_overdue == [(FIN, [Overdue("1-1", "事项1-1", FIN, D(2024, 8, 31), 10, 1)])]


def test_an_empty_month() -> None:
    b = build_bulletin([], UNITS, "2024-08", today=D(2024, 9, 10))
    assert (b.total, b.status, b.closed, b.curve, b.curve_start, b.ranking.rows) == (
        0, {"closed": 0, "in_progress": 0, "open": 0, "overdue": 0}, [], [], D(2024, 8, 1), [])


def test_first_day_starts_the_curve_no_later_than_the_period() -> None:
    assert build_bulletin(ITEMS, UNITS, "2024-08", D(2024, 9, 10), first_day=D(2024, 5, 22)).curve_start == D(2024, 5, 22)
    assert build_bulletin(ITEMS, UNITS, "2024-08", D(2024, 9, 10), first_day=D(2024, 8, 20)).curve_start == D(2024, 8, 1)


@pytest.mark.parametrize(("until", "expected"), [
    (D(2024, 6, 19), []),
    (D(2024, 8, 17), [(D(2024, 6, 20), 1), (D(2024, 8, 5), 2), (D(2024, 8, 10), 3)]),
])
def test_close_curve_until(until: date, expected: list[tuple[date, int]]) -> None:
    assert close_curve(ITEMS, until) == [CurvePoint(d, n) for d, n in expected]


def test_close_curve_keeps_a_day_whose_changes_cancel_out() -> None:
    items = [make("1-1", FIN, D(2024, 12, 31), history=(PastCloseOut(closeout(D(2024, 8, 1)), Reopening(D(2024, 8, 9), "r")),)),
             make("1-2", FIN, D(2024, 12, 31), status="closed", closed=closeout(D(2024, 8, 9)))]
    # on 8-09 one was reopened and one closed: the number did not change, yet the day is a point
    assert close_curve(items, D(2024, 9, 1)) == [CurvePoint(D(2024, 8, 1), 1), CurvePoint(D(2024, 8, 9), 1)]
