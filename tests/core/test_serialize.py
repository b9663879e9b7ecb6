"""ledger.core.serialize: items as plain data for YAML blocks and for JSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from ledger.core.edits import Edit
from ledger.core.model import Claim, CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening
from ledger.core.rounds import Outcome, Request, Review
from ledger.core.serialize import ITEM_KEY_ORDER, item_to_data, to_json_data, without_defaults

D = date
SHA = "ab" * 32

MINIMAL = Item(id="2-8", text="对于单位拖欠款项需要改进。", lead="区财政局", responsible=("区财政局", "区建设环保局"),
               deadline=D(2024, 6, 30))

FULL = Item(
    id="1-3", question=1, source="2024年第一次营商环境评价", added=D(2024, 5, 22), category="基础设施",
    text="供水管网改造滞后。", target="管网全部更新", measures="分两期改造",
    lead="区建设环保局",
    responsible=("区建设环保局", "各园区指挥部"), and_others=True, leader="张副主任", contact="李工",
    deadline=D(2024, 6, 30), status="closed", claimed=Claim(D(2024, 8, 31), "已完成"),
    progress=(ProgressNote(D(2024, 6, 10), "完成招标", by="李四", recorded=D(2024, 6, 11)),
              ProgressNote(D(2024, 7, 1), "开工")),
    extensions=(Extension(D(2024, 6, 25), D(2024, 8, 31), "资金未到位", D(2024, 6, 30), approved_by="王主任"),),
    closed=CloseOut(D(2024, 9, 5), "区营商办", (Evidence(text="验收报告"),
                                               Evidence(file="evidence/1-3/a.pdf", size=12, sha256=SHA)),
                    late=True, note="逾期5天"),
    history=(PastCloseOut(CloseOut(D(2024, 8, 1), "区营商办", (Evidence(text="照片"),)),
                          Reopening(D(2024, 8, 10), "回头看：仍有漏水", by="区纪检监察工委")),),
    reviews=(Review(Request(D(2024, 8, 20), "区建设环保局", "李四", (Evidence(text="说明"),)),
                    Outcome("returned", D(2024, 8, 22), "区营商办", "王五", reason="不全")),),
    edits=(Edit(D(2024, 9, 6), "王五", "错字", changed=("text",), text="供水管网改造滞后"),),
    remarks="与2-1同源",
)


def test_minimal_item_leaves_defaults_out_but_writes_status() -> None:
    data = item_to_data(MINIMAL)
    assert data == {"id": "2-8", "text": "对于单位拖欠款项需要改进。", "lead": "区财政局",
                    "responsible": ["区财政局", "区建设环保局"], "deadline": D(2024, 6, 30), "status": "open"}
    assert list(data) == ["id", "text", "lead", "responsible", "deadline", "status"]


@pytest.mark.parametrize(("dates_as_text", "deadline"), [(False, D(2024, 6, 30)), (True, "2024-06-30")])
def test_dates_as_text(dates_as_text: bool, deadline: Any) -> None:
    data = item_to_data(FULL, dates_as_text=dates_as_text)
    assert data["deadline"] == deadline
    assert data["closed"]["date"] == (D(2024, 9, 5) if not dates_as_text else "2024-09-05")


def test_ongoing_deadline() -> None:
    assert item_to_data(Item(id="1-1", text="t", lead="a", responsible=("a",), deadline="ongoing"))["deadline"] == "ongoing"


def test_full_item_in_canonical_order() -> None:
    data = item_to_data(FULL, dates_as_text=True)
    assert list(data) == list(ITEM_KEY_ORDER)
    assert data == {
        "id": "1-3", "question": 1, "source": "2024年第一次营商环境评价", "added": "2024-05-22",
        "category": "基础设施", "text": "供水管网改造滞后。", "target": "管网全部更新", "measures": "分两期改造",
        "lead": "区建设环保局", "responsible": ["区建设环保局", "各园区指挥部"], "and_others": True, "leader": "张副主任",
        "contact": "李工", "deadline": "2024-06-30", "status": "closed", "claimed": {"date": "2024-08-31", "text": "已完成"},
        "progress": [{"date": "2024-06-10", "text": "完成招标", "by": "李四", "recorded": "2024-06-11"},
                     {"date": "2024-07-01", "text": "开工"}],
        "extensions": [{"date": "2024-06-25", "to": "2024-08-31", "reason": "资金未到位", "previous": "2024-06-30",
                        "approved_by": "王主任"}],
        "closed": {"date": "2024-09-05", "by": "区营商办",
                   "evidence": [{"text": "验收报告"}, {"file": "evidence/1-3/a.pdf", "size": 12, "sha256": SHA}],
                   "late": True, "note": "逾期5天"},
        "history": [{"closed": {"date": "2024-08-01", "by": "区营商办", "evidence": [{"text": "照片"}]},
                     "reopened": {"date": "2024-08-10", "reason": "回头看：仍有漏水", "by": "区纪检监察工委"}}],
        "reviews": [{"request": {"date": "2024-08-20", "unit": "区建设环保局", "by": "李四", "evidence": [{"text": "说明"}]},
                     "outcome": {"decision": "returned", "date": "2024-08-22", "unit": "区营商办", "by": "王五",
                                 "reason": "不全"}}],
        "edits": [{"date": "2024-09-06", "by": "王五", "reason": "错字", "changed": ["text"], "text": "供水管网改造滞后"}],
        "remarks": "与2-1同源",
    }
    assert list(data["extensions"][0]) == ["date", "to", "reason", "previous", "approved_by"]
    assert list(data["closed"]) == ["date", "by", "evidence", "late", "note"]


def test_a_close_out_on_time_leaves_late_out() -> None:
    item = Item(id="1-1", text="t", lead="a", responsible=("a",), deadline=D(2024, 6, 30), status="closed",
                closed=CloseOut(D(2024, 6, 1), "b", (Evidence(text="e"),)))
    assert item_to_data(item)["closed"] == {"date": D(2024, 6, 1), "by": "b", "evidence": [{"text": "e"}]}


@pytest.mark.parametrize(("data", "expected"), [
    ({"a": 1, "b": None, "c": False, "d": [], "e": {}, "f": 0, "g": "", "h": True}, {"a": 1, "f": 0, "g": "", "h": True}),
    ({"status": None}, {"status": None}),  # status is always kept
    ({"status": "open", "and_others": False}, {"status": "open"}),
    ({"progress": [{"date": "x", "by": None}, {"date": "y", "recorded": None}]},
     {"progress": [{"date": "x"}, {"date": "y"}]}),
    ({"closed": {"evidence": [{"text": "t", "file": None}], "late": False, "note": None}},
     {"closed": {"evidence": [{"text": "t"}]}}),
    ([None, {"a": None}, 3], [None, {}, 3]),  # only mapping values are dropped
    ("text", "text"),
    (None, None),
])
def test_without_defaults(data: Any, expected: Any) -> None:
    assert without_defaults(data) == expected


def test_without_defaults_matches_item_to_data() -> None:
    hand_written = {
        "id": "2-8", "question": None, "source": None, "text": "对于单位拖欠款项需要改进。", "lead": "区财政局",
        "responsible": ["区财政局", "区建设环保局"], "and_others": False, "leader": None, "deadline": D(2024, 6, 30),
        "status": "open", "progress": [], "extensions": [], "closed": None, "history": [],
    }
    assert without_defaults(hand_written) == item_to_data(MINIMAL)


@pytest.mark.parametrize(("value", "expected"), [
    (D(2024, 6, 30), "2024-06-30"),
    ("ongoing", "ongoing"),
    (None, None),
    (3, 3),
    ((D(2024, 1, 2), "a"), ["2024-01-02", "a"]),
    ({"k": D(2024, 1, 2), "n": (1, 2)}, {"k": "2024-01-02", "n": [1, 2]}),
    (ProgressNote(D(2024, 7, 1), "开工"), {"date": "2024-07-01", "text": "开工"}),
    (Evidence(file="evidence/x.pdf", size=0, sha256=SHA), {"file": "evidence/x.pdf", "size": 0, "sha256": SHA}),
    (Extension(D(2024, 7, 1), D(2024, 9, 30), "r", "ongoing"),
     {"date": "2024-07-01", "to": "2024-09-30", "reason": "r", "previous": "ongoing"}),
])
def test_to_json_data(value: Any, expected: Any) -> None:
    assert to_json_data(value) == expected


def test_to_json_data_round_trips_through_json() -> None:
    data = to_json_data(FULL)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["history"][0]["reopened"] == {"date": "2024-08-10", "reason": "回头看：仍有漏水", "by": "区纪检监察工委"}
    # the dataclass's field order, not the YAML block's canonical order
    assert list(data) == ["id", "text", "lead", "responsible", "deadline", "status", "question", "source", "added",
                          "and_others", "leader", "category", "target", "measures", "contact", "remarks", "claimed",
                          "progress", "extensions", "reviews", "closed", "history", "edits"]


def test_to_json_data_of_an_open_item_leaves_status_in() -> None:
    assert to_json_data(MINIMAL) == {"id": "2-8", "text": "对于单位拖欠款项需要改进。", "lead": "区财政局",
                                     "responsible": ["区财政局", "区建设环保局"], "deadline": "2024-06-30",
                                     "status": "open"}
