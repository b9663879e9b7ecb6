"""ledger.reports.rows: one item flattened for json output, as it stood on an explicit day."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening
from ledger.reports.rows import deadline_text, detail, row

D = date
AS_OF = D(2024, 9, 10)
KEYS = ["id", "question", "source", "text", "lead", "responsible", "and_others", "leader", "deadline",
        "original_deadline", "extensions", "status", "overdue", "days_overdue", "closed_date", "closed_late",
        "last_progress", "light"]
"""The public json fields of ``list --format json``, in order."""

OPEN = Item(id="2-8", question=2, text="对于单位拖欠款项需要改进。", lead="区财政局",
            responsible=("区财政局", "区发展改革局"), and_others=True, deadline="ongoing")

OVERDUE = Item(
    id="1-3", question=1, text="供水管网改造滞后。", lead="区建设环保局", responsible=("区建设环保局",), leader="张副主任",
    deadline=D(2024, 6, 30), status="in_progress",
    progress=(ProgressNote(D(2024, 8, 20), "完成招标", by="李四"), ProgressNote(D(2024, 7, 1), "现场踏勘")),
    extensions=(Extension(D(2024, 6, 25), D(2024, 8, 31), "资金未到位", D(2024, 6, 30), approved_by="王主任"),
                Extension(D(2024, 9, 20), D(2024, 10, 31), "工程量增加", D(2024, 8, 31))),  # approved after AS_OF
)

CLOSED_LATE = Item(
    id="N-1", source="企业家恳谈会", text="路灯不亮。", lead="区建设环保局", responsible=("区建设环保局",),
    deadline=D(2024, 7, 31), status="closed",
    closed=CloseOut(D(2024, 8, 5), "区营商办", (Evidence(text="维修记录"),), late=True, note="逾期5天"),
)

REOPENED = Item(
    id="1-10", question=1, text="停车难。", lead="市交警四大队", responsible=("市交警四大队", "各园区指挥部"),
    deadline=D(2024, 12, 31), status="open",
    progress=(ProgressNote(D(2024, 6, 1), "增设车位"),),
    history=(PastCloseOut(CloseOut(D(2024, 7, 1), "区营商办", (Evidence(text="照片"),)),
                          Reopening(D(2024, 8, 1), "回头看：车位被占用", by="区纪检监察工委")),),
)


def expected(item: Item, **changes: Any) -> dict[str, Any]:
    base = {"id": item.id, "question": item.question, "source": item.source, "text": item.text, "lead": item.lead,
            "responsible": list(item.responsible), "and_others": item.and_others, "leader": item.leader}
    return base | changes


def test_an_open_ongoing_item() -> None:
    assert row(OPEN, AS_OF) == expected(
        OPEN, deadline="ongoing", original_deadline="ongoing", extensions=0, status="open", overdue=False,
        days_overdue=None, closed_date=None, closed_late=None, last_progress=None,
        light="yellow")  # ongoing, and no progress note in the last 30 days


def test_the_fields_and_their_order() -> None:
    for item in (OPEN, OVERDUE, CLOSED_LATE, REOPENED):
        assert list(row(item, AS_OF)) == KEYS


@pytest.mark.parametrize(("as_of", "changes"), [
    (D(2024, 6, 24), dict(deadline="2024-06-30", extensions=0, status="open", overdue=False, days_overdue=None,
                          last_progress=None, light="yellow")),  # due in 6 days
    (D(2024, 7, 1), dict(deadline="2024-08-31", extensions=1, status="in_progress", overdue=False, days_overdue=None,
                         last_progress="2024-07-01", light="green")),
    (D(2024, 8, 31), dict(deadline="2024-08-31", extensions=1, status="in_progress", overdue=False, days_overdue=None,
                          last_progress="2024-08-20", light="yellow")),  # due today
    (AS_OF, dict(deadline="2024-08-31", extensions=1, status="in_progress", overdue=True, days_overdue=10,
                 last_progress="2024-08-20", light="red")),
    (D(2024, 9, 20), dict(deadline="2024-10-31", extensions=2, status="in_progress", overdue=False, days_overdue=None,
                          last_progress="2024-08-20", light="green")),
])
def test_an_overdue_item_over_time(as_of: date, changes: dict[str, Any]) -> None:
    assert row(OVERDUE, as_of) == expected(OVERDUE, original_deadline="2024-06-30", closed_date=None, closed_late=None,
                                           **changes)


@pytest.mark.parametrize(("as_of", "changes"), [
    (D(2024, 8, 4), dict(status="open", overdue=True, days_overdue=4, closed_date=None, closed_late=None,
                         light="red")),
    (D(2024, 8, 5), dict(status="closed", overdue=False, days_overdue=None, closed_date="2024-08-05", closed_late=True,
                         light=None)),  # a closed item has no light
    (AS_OF, dict(status="closed", overdue=False, days_overdue=None, closed_date="2024-08-05", closed_late=True,
                 light=None)),
])
def test_a_closed_late_item(as_of: date, changes: dict[str, Any]) -> None:
    assert row(CLOSED_LATE, as_of) == expected(CLOSED_LATE, deadline="2024-07-31", original_deadline="2024-07-31",
                                               extensions=0, last_progress=None, **changes)


@pytest.mark.parametrize(("as_of", "changes"), [
    (D(2024, 6, 30), dict(status="in_progress", closed_date=None, closed_late=None, light="green")),
    (D(2024, 7, 1), dict(status="closed", closed_date="2024-07-01", closed_late=False, light=None)),
    (D(2024, 7, 31), dict(status="closed", closed_date="2024-07-01", closed_late=False, light=None)),
    (D(2024, 8, 1), dict(status="open", closed_date=None, closed_late=None, light="green")),  # the note predates the reopening
    (AS_OF, dict(status="open", closed_date=None, closed_late=None, light="green")),
])
def test_a_reopened_item(as_of: date, changes: dict[str, Any]) -> None:
    assert row(REOPENED, as_of) == expected(REOPENED, deadline="2024-12-31", original_deadline="2024-12-31",
                                            extensions=0, overdue=False, days_overdue=None, last_progress="2024-06-01",
                                            **changes)


def test_a_reopened_item_past_its_deadline_is_overdue() -> None:
    out = row(REOPENED, D(2025, 1, 3))
    assert (out["status"], out["overdue"], out["days_overdue"], out["closed_date"]) == ("open", True, 3, None)


def test_detail_adds_the_records() -> None:
    out = detail(OVERDUE, AS_OF)
    assert list(out) == [*KEYS, "progress", "extension_history", "closed", "history", "later_records"]
    assert {k: out[k] for k in KEYS} == row(OVERDUE, AS_OF)
    assert out["progress"] == [{"date": "2024-08-20", "text": "完成招标", "by": "李四"},
                               {"date": "2024-07-01", "text": "现场踏勘"}]  # as recorded, not sorted
    # the extensions as they stood on the as-of day: the one approved later is left out, and counted
    assert out["extension_history"] == [
        {"date": "2024-06-25", "to": "2024-08-31", "reason": "资金未到位", "previous": "2024-06-30", "approved_by": "王主任"}]
    assert out["later_records"] == 1
    assert out["closed"] is None
    assert out["history"] == []
    assert "later_records" not in detail(OVERDUE, D(2024, 9, 20))  # every record stood by then


def test_detail_of_a_closed_late_item() -> None:
    out = detail(CLOSED_LATE, AS_OF)
    assert out["closed"] == {"date": "2024-08-05", "by": "区营商办", "evidence": [{"text": "维修记录"}], "late": True,
                             "note": "逾期5天"}
    assert (out["progress"], out["extension_history"], out["history"]) == ([], [], [])


def test_detail_of_a_reopened_item() -> None:
    out = detail(REOPENED, AS_OF)
    assert out["closed"] is None
    assert out["history"] == [{
        "closed": {"date": "2024-07-01", "by": "区营商办", "evidence": [{"text": "照片"}]},
        "reopened": {"date": "2024-08-01", "reason": "回头看：车位被占用", "by": "区纪检监察工委"},
    }]


@pytest.mark.parametrize(("deadline", "text"), [(D(2024, 6, 30), "2024-06-30"), ("ongoing", "ongoing")])
def test_deadline_text(deadline: Any, text: str) -> None:
    assert deadline_text(deadline) == text
