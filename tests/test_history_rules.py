"""History by the rules (issue 11, finding 8): an item counts from the day it entered the ledger
(``added``, else its batch date); a deadline moved by import is an extension with a reason; an
ongoing item (立行立改，长期坚持) has no deadline to extend."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from ledger import i18n
from ledger.core import actions
from ledger.core.model import Batch, Item, Ledger, LedgerFile
from ledger.core.serialize import ITEM_KEY_ORDER
from ledger.errors import Refused


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


ADD_H1 = ["add", "--id", "H-1", "--source", "企业家恳谈会 2024-09-10", "--text", "园区道路照明不足。",
          "--lead", "区建设环保局", "--responsible", "区建设环保局", "--deadline", "2023-01-01"]


def diff(ledger) -> str:  # type: ignore[no-untyped-def]
    text = ledger.git("diff", "--no-color", "-U1")
    return "\n".join(line for line in text.splitlines() if not line.startswith("index ")) + "\n"


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


# --------------------------------------------------------------------------- add records the day it entered

def test_add_records_the_day_the_item_entered(shipped):
    result = shipped(*ADD_H1)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "added H-1\n", "")
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -311 +311,10 @@ items:
     status: open
+
+  - id: "H-1"
+    source: 企业家恳谈会 2024-09-10
+    added: 2024-09-10
+    text: "园区道路照明不足。"
+    lead: 区建设环保局
+    responsible: [区建设环保局]
+    deadline: 2023-01-01
+    status: open
"""
    shown = json.loads(shipped("show", "H-1", "--format", "json").stdout)
    assert shown["added"] == "2024-09-10"
    listed = json.loads(shipped("list", "--search", "H-1", "--format", "json").stdout)
    assert [(r["id"], r["added"]) for r in listed] == [("H-1", "2024-09-10")]
    assert shipped("check").exit_code == 0


def test_add_backdated_with_date(shipped):
    result = shipped(*ADD_H1, "--date", "2024-07-10")
    assert result.exit_code == 0, result.stderr
    assert "+    added: 2024-07-10\n" in diff(shipped)
    assert "H-1" not in ids(shipped("list", "--as-of", "2024-07-09", "--format", "json"))
    assert "H-1" in ids(shipped("list", "--as-of", "2024-07-10", "--format", "json"))
    assert json.loads(shipped("show", "H-1", "--format", "json").stdout)["added"] == "2024-07-10"


@pytest.mark.parametrize(("when", "message"), [
    ("2024-05-21", "Error: --date 2024-05-21 is before the batch date 2024-05-22\n"),
    ("2024-09-11", "Error: --date 2024-09-11 is in the future (today is 2024-09-10)\n"),
])
def test_add_refuses_a_day_before_the_batch_or_in_the_future(shipped, when, message):
    before = shipped.snapshot()
    result = shipped(*ADD_H1, "--date", when)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert shipped.snapshot() == before
    assert shipped.git("status", "--porcelain") == ""


def test_an_item_added_today_is_not_in_past_views(shipped):
    """The finding: added today with a deadline of 2023-01-01, it showed as overdue on 2024-06-30
    and in the August bulletin. The views of the past stay byte for byte what they were."""
    views = [
        ("list", "--overdue", "--as-of", "2024-06-30"),
        ("list", "--as-of", "2024-08-31", "--format", "json"),
        ("list", "--overdue", "--as-of", "2024-09-09", "--format", "csv"),
        ("report", "--as-of", "2024-08-31"),
        ("report", "--as-of", "2024-09-09", "--by", "responsible", "--format", "json"),
        ("bulletin", "--period", "2024-08"),
        ("bulletin", "--period", "2024-08", "--format", "html"),
    ]
    before = {view: shipped(*view).stdout for view in views}
    assert shipped(*ADD_H1).exit_code == 0
    after = {view: shipped(*view).stdout for view in views}
    assert after == before
    # today it is there, and overdue (its deadline passed before it was reported)
    assert "H-1" in ids(shipped("list", "--overdue", "--format", "json"))
    report = json.loads(shipped("report", "--format", "json").stdout)
    assert report[-1]["total"] == 34
    assert "H-1" in shipped("bulletin", "--period", "2024-09").stdout


def test_show_refuses_a_day_before_the_item_entered(shipped):
    assert shipped(*ADD_H1).exit_code == 0
    result = shipped("show", "H-1", "--as-of", "2024-09-09")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "Error: item H-1 was not in the ledger yet on 2024-09-09 (it entered on 2024-09-10)\n")
    assert shipped("show", "H-1", "--as-of", "2024-09-10").exit_code == 0


def test_the_shipped_items_count_from_their_batch_date(shipped):
    assert ids(shipped("list", "--as-of", "2024-05-21", "--format", "json")) == []
    assert len(ids(shipped("list", "--as-of", "2024-05-22", "--format", "json"))) == 33
    assert shipped("list", "--as-of", "2024-05-21").stdout == "no items match · as of 2024-05-21\n"
    assert json.loads(shipped("report", "--as-of", "2024-05-21", "--format", "json").stdout) == [
        {"unit": "Total", "total": 0, "closed": 0, "closed_on_time": 0, "closed_late": 0, "open": 0, "overdue": 0,
         "due_soon": 0, "stale": 0, "close_rate": 0.0, "kind": "total", "rank": None, "is_total": True,
         "in_progress": 0, "ongoing": 0, "days_overdue": 0, "max_days_overdue": 0, "overdue_items": [], "pending_review": 0,
         "red": 0, "yellow": 0, "blue": 0, "returned": 0, "publicity": 0}]
    result = shipped("show", "2-8", "--as-of", "2024-05-21")
    assert (result.exit_code, result.stderr) == (
        1, "Error: item 2-8 was not in the ledger yet on 2024-05-21 (it entered on 2024-05-22)\n")
    # items without a recorded day have no "added" in json: the shipped outputs are unchanged
    assert "added" not in json.loads(shipped("show", "2-8", "--format", "json").stdout)


def test_events_before_the_item_entered_are_refused(shipped):
    assert shipped(*ADD_H1, "--date", "2024-08-01").exit_code == 0
    before = shipped.snapshot()
    for args in (["progress", "H-1", "走访", "--date", "2024-07-31"],
                 ["close", "H-1", "--evidence", "说明", "--by", "张三", "--date", "2024-07-31"],
                 ["extend", "H-1", "--to", "2024-12-31", "--reason", "x", "--date", "2024-07-31"]):
        result = shipped(*args)
        assert (result.exit_code, result.stderr) == (1, "Error: --date 2024-07-31 is before the item entered the "
                                                        "ledger (2024-08-01)\n"), args
    assert shipped.snapshot() == before
    assert shipped("progress", "H-1", "走访", "--date", "2024-08-01").exit_code == 0


# --------------------------------------------------------------------------- extend of an ongoing item

def test_extend_refuses_an_ongoing_item(shipped):
    before = shipped.snapshot()
    result = shipped("extend", "1-2", "--to", "2023-03-01", "--reason", "x")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "Error: item 1-2 is ongoing (立行立改，长期坚持): it has no deadline to extend\n")
    assert shipped.snapshot() == before
    zh = shipped("extend", "1-2", "--to", "2024-12-31", "--reason", "x", lang="zh")
    assert (zh.exit_code, zh.stderr) == (1, "错误: 事项 1-2 为立行立改，长期坚持，没有可延期的整改时限\n")


# --------------------------------------------------------------------------- a deadline changed by import

def _sheet(tmp_path, header: str, *rows: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "延期.csv"
    path.write_text(header + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


NO_REASON = ("item 2-8: {column}: the deadline moves from 2024-08-31 to 2024-12-31: that is an extension, and it "
             "needs its reason in the column 延期理由 (and may name who approved it in 延期批准人)")


@pytest.mark.parametrize(("header", "row", "where"), [
    ("问题编号,整改时限", "2-8,2024年12月31日前", "B: " + NO_REASON.format(column="整改时限")),
    ("问题编号,整改时限,延期理由", "2-8,2024年12月31日前,", "C: " + NO_REASON.format(column="延期理由")),
    ("问题编号,整改时限,延期批准人", "2-8,2024年12月31日前,王五", "B: " + NO_REASON.format(column="整改时限")),
])
def test_an_import_that_moves_a_deadline_without_a_reason_is_refused(shipped, tmp_path, header, row, where):
    """The finding: the import moved the deadline with no extension record, and past views changed."""
    path = _sheet(tmp_path, header, row)
    before = shipped.snapshot()
    result = shipped("import", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"延期.csv:延期:2:{where}",
        "Error: 1 row of 延期.csv has problems; nothing was written",
    ]
    assert shipped.snapshot() == before


def test_an_import_that_moves_a_deadline_records_an_extension(shipped, tmp_path):
    overdue_before = shipped("list", "--overdue", "--as-of", "2024-09-01", "--format", "json").stdout
    path = _sheet(tmp_path, "问题编号,整改时限,延期原因,延期批准人", "2-8,2024年12月31日前,资金分批到位,王五",
                  "1-1,2024年8月31日前,,")
    dry = shipped("import", str(path), "--dry-run")
    assert (dry.exit_code, dry.stdout) == (0, "would update 2-8: extended to 2024-12-31\n"
                                              "2 rows: 0 new, 1 changed, 1 unchanged (dry run: nothing written)\n"), \
        dry.stderr
    result = shipped("import", str(path))
    assert (result.exit_code, result.stdout) == (0, "updated 2-8: extended to 2024-12-31\n"
                                                    "2 rows: 0 new, 1 changed, 1 unchanged\n"), result.stderr
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -255,2 +255,9 @@ items:
     status: open
+    extensions:
+      - date: 2024-09-10
+        to: 2024-12-31
+        reason: "资金分批到位"
+        previous: 2024-08-31
+        approved_by: 王五
+        recorded: 2024-09-10
 
"""
    # the past is as it was: on 2024-09-01, 2-8 was overdue
    assert shipped("list", "--overdue", "--as-of", "2024-09-01", "--format", "json").stdout == overdue_before
    assert "2-8" not in ids(shipped("list", "--overdue", "--format", "json"))
    assert shipped("check").exit_code == 0


def test_the_sheet_shows_the_extension_and_round_trips(shipped, tmp_path):
    path = _sheet(tmp_path, "问题编号,整改时限,延期理由", "2-8,2024年12月31日前,资金分批到位")
    assert shipped("import", str(path)).exit_code == 0
    out = tmp_path / "台账.csv"
    assert shipped("export", "--format", "csv", "-o", str(out)).exit_code == 0
    rows = {r[1]: r for r in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    assert rows["2-8"][5] == "2024年8月31日前\n2024-09-10 延期至2024年12月31日前：资金分批到位"
    before = shipped.snapshot()
    assert shipped("import", str(out)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"
    assert shipped.snapshot() == before


@pytest.mark.parametrize(("row", "column", "message"), [
    ("1-2,2024年12月31日前,理由", "B", "整改时限: item 1-2 is ongoing (立行立改，长期坚持): it has no deadline to extend"),
    ("2-8,立行立改，长期坚持,理由", "B",
     "整改时限: an extension moves the deadline to a date; a dated deadline cannot become 立行立改，长期坚持"),
    ("2-8,2024年8月1日前,理由", "B", "整改时限: 整改时限 2024-08-01 is not later than the deadline in force (2024-08-31)"),
    ("2-8,2024年8月31日前,理由", "C", "延期理由: filled in, but the deadline in 整改时限 does not change"),
])
def test_an_import_extension_follows_the_rules_of_extend(shipped, tmp_path, row, column, message):
    path = _sheet(tmp_path, "问题编号,整改时限,延期理由", row)
    before = shipped.snapshot()
    result = shipped("import", str(path))
    assert result.exit_code == 1
    item = row.split(",")[0]
    assert result.stderr.splitlines()[0] == f"延期.csv:延期:2:{column}: item {item}: {message}"
    assert shipped.snapshot() == before


def test_a_new_item_by_import_records_the_import_day(shipped, tmp_path):
    path = _sheet(tmp_path, "问题编号,反馈问题,牵头部门,责任部门,整改时限", "3-1,路灯不亮。,区财政局,区财政局,2023年1月1日前")
    result = shipped("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "+    added: 2024-09-10\n" in diff(shipped)
    assert "3-1" not in ids(shipped("list", "--overdue", "--as-of", "2024-09-09", "--format", "json"))
    assert "3-1" in ids(shipped("list", "--overdue", "--format", "json"))


# --------------------------------------------------------------------------- the pure core

def plain(**kw: object) -> Item:
    return Item(**({"id": "1-1", "text": "x", "lead": "区财政局", "responsible": ("区财政局",), "deadline": "ongoing"}
                   | kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(("added", "batch", "expected"), [
    (date(2024, 5, 21), date(2024, 5, 22), "added 2024-05-21 is before the batch date 2024-05-22"),
    (date(2024, 9, 11), None, "added 2024-09-11 is in the future (today is 2024-09-10)"),
])
def test_new_item_refuses_an_added_day_out_of_bounds(added, batch, expected):
    with pytest.raises(Refused) as caught:
        actions.new_item(item_id="H-1", text="x", lead="区财政局", responsible=["区财政局"], deadline="ongoing",
                         question=None, source="s", leader=None, and_others=False, added=added,
                         today=date(2024, 9, 10), batch_date=batch)
    assert (str(caught.value), caught.value.fields) == (expected, {"what": "added"})


def test_extend_refuses_an_ongoing_item_in_the_core():
    with pytest.raises(Refused) as caught:
        actions.extend(plain(id="1-2"),
                       to=date(2024, 12, 31), reason="r", approved_by=None, day=date(2024, 9, 1),
                       today=date(2024, 9, 10), batch_date=None)
    assert str(caught.value) == "item 1-2 is ongoing (立行立改，长期坚持): it has no deadline to extend"


def test_added_sits_after_source_in_the_block():
    assert ITEM_KEY_ORDER.index("added") == ITEM_KEY_ORDER.index("source") + 1


def test_items_at_counts_each_item_from_added_else_its_batch(tmp_path):
    batch = Batch(id="b", name="n", date=date(2024, 5, 22))
    files = [LedgerFile(tmp_path / "items.yaml", [plain(), plain(id="H-1", added=date(2024, 8, 1))], [1, 2], batch),
             LedgerFile(tmp_path / "loose.yaml", [plain(id="9-9")], [1])]
    ledger = Ledger(tmp_path, files, tmp_path / "departments.yaml", [], [])
    assert [i.id for i in ledger.items_at(date(2024, 5, 21))] == ["9-9"]
    assert [i.id for i in ledger.items_at(date(2024, 7, 31))] == ["1-1", "9-9"]
    assert [i.id for i in ledger.items_at(date(2024, 8, 1))] == ["1-1", "H-1", "9-9"]
    assert ledger.entered("H-1") == date(2024, 8, 1)
    assert ledger.entered("1-1") == date(2024, 5, 22)
    assert ledger.entered("9-9") is None


def test_a_new_item_by_import_with_a_note_of_the_import_day(shipped, tmp_path):
    header = "问题编号,反馈问题,牵头部门,责任部门,整改时限,整改进展"
    path = _sheet(tmp_path, header, "3-1,路灯不亮。,区财政局,区财政局,2024年12月31日前,2024-09-09 现场查看")
    before = shipped.snapshot()
    result = shipped("import", str(path))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1, "延期.csv:延期:2:F: item 3-1: 整改进展: 整改进展 2024-09-09 is before the item entered the ledger (2024-09-10)")
    assert shipped.snapshot() == before
    path = _sheet(tmp_path, header, "3-1,路灯不亮。,区财政局,区财政局,2024年12月31日前,2024-09-10 现场查看")
    result = shipped("import", str(path))
    assert (result.exit_code, result.stdout) == (0, "added 3-1: progress notes +1\n1 row: 1 new, 0 changed, "
                                                    "0 unchanged\n"), result.stderr
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -311 +311,14 @@ items:
     status: open
+
+  - id: "3-1"
+    source: 延期.csv
+    added: 2024-09-10
+    text: "路灯不亮。"
+    lead: 区财政局
+    responsible: [区财政局]
+    deadline: 2024-12-31
+    status: in_progress
+    progress:
+      - date: 2024-09-10
+        text: "现场查看"
+        recorded: 2024-09-10
"""
    assert shipped("check").exit_code == 0


def test_the_merge_keeps_added_and_names_two_different_days():
    from ledger.git.merge_item import merge_item

    base = plain(id="H-1", source="s")
    merged, conflicts = merge_item(base, plain(id="H-1", source="s", added=date(2024, 8, 1)), base)
    assert (merged.added, conflicts) == (date(2024, 8, 1), [])
    merged, conflicts = merge_item(None, plain(id="H-1", source="s", added=date(2024, 8, 1)),
                                   plain(id="H-1", source="s", added=date(2024, 8, 2)))
    assert [c.note() for c in conflicts] == ["conflict in item H-1, field added: ours 2024-08-01, theirs 2024-08-02"]


def test_the_pure_views_leave_out_an_item_added_after_the_day():
    from ledger.core.query import Filters, select
    from ledger.reports.bulletin import build_bulletin
    from ledger.reports.by_unit import build_report

    old = plain(id="1-1", deadline=date(2024, 6, 30))
    new = plain(id="H-1", source="s", deadline=date(2023, 1, 1), added=date(2024, 9, 10))
    items = [old, new]
    assert [i.id for i in select(items, Filters(as_of=date(2024, 9, 9), overdue=True))] == ["1-1"]
    assert [i.id for i in select(items, Filters(as_of=date(2024, 9, 10), overdue=True))] == ["1-1", "H-1"]
    assert build_report(items, [], date(2024, 9, 9)).totals.overdue_items == ["1-1"]
    assert build_report(items, [], date(2024, 9, 10)).totals.overdue_items == ["1-1", "H-1"]
    august = build_bulletin(items, [], "2024-08", date(2024, 9, 10))
    assert (august.total, [o.id for _, rows in august.still_overdue for o in rows]) == (1, ["1-1"])


HAND_EDITED = """\
batch:
  id: "2024-1"
  name: 第一次评价
  date: 2024-05-22
items:
  - id: "H-1"
    source: 恳谈会
    text: "园区道路照明不足。"
    added: {added}
    lead: 区财政局
    responsible: [区财政局]
    deadline: ongoing
    status: in_progress
    progress:
      - date: 2024-07-01
        text: "走访"
"""


def test_check_holds_a_hand_edit_to_the_rules_of_added(small):  # type: ignore[no-untyped-def]
    # add and import refuse these; a hand edit must not get them past check either.
    assert small(HAND_EDITED.format(added="2024-06-01"))("check").exit_code == 0
    result = small(HAND_EDITED.format(added="2024-05-01"))("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == ("data/items.yaml:9:5: item H-1: added: date 2024-05-01 is before the batch "
                                             "date 2024-05-22")
    result = small(HAND_EDITED.format(added="2024-08-01"))("check")
    assert result.exit_code == 1
    assert result.stdout == ("data/items.yaml:15:9: item H-1: progress[0].date: date 2024-07-01 is before the item entered the "
                             "ledger (2024-08-01)\n1 problem\n")
