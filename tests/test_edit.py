"""Corrections with a record (``ledger edit``): the exact diff of each, the old values in the item's
history, ``--as-of`` before an edit showing the old values, every refusal (message, exit code, files
byte-identical), check over hand-written edit records, the merge of edits, and ``log --since``."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ledger.core import corrections
from ledger.core.edits import Edit, as_of
from ledger.core.model import Item
from ledger.errors import Refused
from test_write import diff

REASON = "牵头单位录入有误"


def test_edit_lead_keeps_the_old_value_exact_diff(shipped):
    result = shipped("edit", "1-1", "--lead", "区经济合作局", "--reason", REASON, "--by", "张三")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "edited 1-1: lead\n"
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -50,3 +50,3 @@ items:
     text: "市教育局的一些事情。"
-    lead: 区社会事务保障局
+    lead: 区经济合作局
     responsible: [区社会事务保障局, 区经济合作局]
@@ -54,2 +54,8 @@ items:
     status: open
+    edits:
+      - date: 2024-09-10
+        by: 张三
+        reason: "牵头单位录入有误"
+        changed: [lead]
+        lead: 区社会事务保障局
 
"""
    assert shipped("check").exit_code == 0


def test_edit_several_fields_records_each_old_value(shipped):
    result = shipped("edit", "1-1", "--text", "市教育局对接的一些事情。", "--responsible", "区社会事务保障局,财政局",
                     "--source", "2024年第一次背靠背评价", "--reason", "核对原件", "--by", "张三")
    assert result.stdout == "edited 1-1: text, responsible, source\n", result.stderr
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -49,7 +49,15 @@ items:
     question: 1
-    text: "市教育局的一些事情。"
+    source: 2024年第一次背靠背评价
+    text: "市教育局对接的一些事情。"
     lead: 区社会事务保障局
-    responsible: [区社会事务保障局, 区经济合作局]
+    responsible: [区社会事务保障局, 区财政局]
     deadline: 2024-08-31
     status: open
+    edits:
+      - date: 2024-09-10
+        by: 张三
+        reason: "核对原件"
+        changed: [text, responsible, source]
+        text: "市教育局的一些事情。"
+        responsible: [区社会事务保障局, 区经济合作局]
 
"""
    assert shipped("check").exit_code == 0


def test_edit_never_touches_progress_extensions_or_close_outs(shipped):
    shipped("progress", "2-8", "第一批已拨付", "--date", "2024-08-15")
    shipped("extend", "2-8", "--to", "2024-09-30", "--reason", "资金分批", "--date", "2024-08-20")
    shipped("close", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-09-05")
    before = json.loads(shipped("show", "2-8", "--format", "json").stdout)
    result = shipped("edit", "2-8", "--text", "对于单位拖欠企业款项需要改进。", "--reason", "补全原文", "--by", "李四")
    assert result.exit_code == 0, result.stderr
    after = json.loads(shipped("show", "2-8", "--format", "json").stdout)
    for key in ("progress", "extension_history", "closed", "history", "status", "deadline", "closed_late"):
        assert after[key] == before[key], key
    assert after["text"] == "对于单位拖欠企业款项需要改进。"
    assert after["edits"] == [{"date": "2024-09-10", "by": "李四", "reason": "补全原文", "changed": ["text"],
                               "text": "对于单位拖欠款项需要改进。"}]
    assert shipped("check").exit_code == 0


def test_as_of_before_an_edit_shows_the_old_values(shipped):
    shipped("edit", "1-1", "--deadline-class", "ongoing", "--lead", "区经济合作局", "--reason", REASON, "--by", "张三")
    then = json.loads(shipped("show", "1-1", "--as-of", "2024-09-09", "--format", "json").stdout)
    now = json.loads(shipped("show", "1-1", "--format", "json").stdout)
    assert (then["lead"], then["deadline"], "edits" in then) == ("区社会事务保障局", "2024-08-31", False)
    assert (now["lead"], now["deadline"], now["edits"][0]["deadline"]) == ("区经济合作局", "ongoing", "2024-08-31")
    overdue = lambda day: [r["id"] for r in json.loads(  # noqa: E731
        shipped("list", "--overdue", "--as-of", day, "--format", "json").stdout)]
    assert "1-1" in overdue("2024-09-09")  # it was a dated item then, past its deadline
    assert "1-1" not in overdue("2024-09-10")  # corrected to ongoing: never overdue by date
    assert shipped("check").exit_code == 0


def test_show_lists_the_edit_in_the_history(shipped):
    shipped("edit", "1-1", "--lead", "区经济合作局", "--reason", REASON, "--by", "张三")
    out = shipped("show", "1-1").stdout
    assert "Edit" in out and REASON + " — 张三" in out and "before: lead: 区社会事务保障局" in out
    zh = shipped("show", "1-1", lang="zh").stdout
    assert "更正" in zh and "更正前：牵头部门: 区社会事务保障局" in zh


def test_edit_in_chinese(shipped):
    result = shipped("edit", "1-1", "--lead", "区经济合作局", "--reason", REASON, "--by", "张三", lang="zh")
    assert result.stdout == "已更正 1-1：牵头部门\n"
    before = shipped.snapshot()
    result = shipped("edit", "1-1", "--lead", "区经济合作局", "--reason", REASON, "--by", "张三", lang="zh")
    assert (result.exit_code, result.stderr) == (1, "错误: 事项 1-1：无可更改：所给各字段已是该值\n")
    assert shipped.snapshot() == before


def test_edit_with_commit(shipped):
    result = shipped("edit", "1-1", "--lead", "区经济合作局", "--reason", REASON, "--by", "张三", "--commit")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("edited 1-1: lead\ncommitted ")
    assert shipped.git("log", "-1", "--format=%B") == (
        f"edit 1-1: lead: {REASON}\n\nLedger-Item: 1-1\nLedger-Action: edit\n\n")
    assert shipped.git("status", "--porcelain") == ""
    assert shipped("undo").stdout == f"reverted: edit 1-1: lead: {REASON}\n"


REFUSALS = [
    (["edit", "1-1", "--lead", "区经济合作局", "--by", "张三"], 2, "--reason"),
    (["edit", "1-1", "--lead", "区经济合作局", "--reason", REASON], 2, "--by"),
    (["edit", "1-1", "--reason", REASON, "--by", "张三"], 2,
     "Error: nothing to edit: give --text, --lead, --responsible, --source or --deadline-class\n"),
    (["edit", "1-1", "--lead", "区社会事务保障局", "--reason", REASON, "--by", "张三"], 1,
     "Error: item 1-1: nothing to change: every field given already has that value\n"),
    (["edit", "1-1", "--lead", "税务局", "--reason", REASON, "--by", "张三"], 2,
     "Error: --lead: unknown unit '税务局'"),
    (["edit", "1-1", "--text", "  ", "--reason", REASON, "--by", "张三"], 2, "Error: --text must not be empty\n"),
    (["edit", "1-1", "--responsible", "、", "--reason", REASON, "--by", "张三"], 2,
     "Error: --responsible must not be empty\n"),
    (["edit", "1-1", "--deadline-class", "soon", "--reason", REASON, "--by", "张三"], 2,
     "Error: --deadline-class: 'soon' is not a complete date"),
    (["edit", "9-9", "--text", "x", "--reason", REASON, "--by", "张三"], 1, "Error: unknown item '9-9'"),
]


@pytest.mark.parametrize(("args", "code", "message"), REFUSALS, ids=[f"#{n}" for n in range(len(REFUSALS))])
def test_refusals_change_nothing(shipped, args, code, message):
    before = shipped.snapshot()
    result = shipped(*args)
    assert result.exit_code == code
    assert result.stderr.startswith(message) if message.startswith("Error") else message in result.stderr
    assert result.stderr.count("\n") == 1
    assert shipped.snapshot() == before


def test_deadline_refused_once_an_extension_rests_on_it(shipped):
    shipped("extend", "2-8", "--to", "2024-09-30", "--reason", "资金分批", "--date", "2024-08-20")
    before = shipped.snapshot()
    result = shipped("edit", "2-8", "--deadline-class", "ongoing", "--reason", REASON, "--by", "张三")
    assert (result.exit_code, result.stderr) == (
        1, "Error: item 2-8: its --deadline-class cannot be corrected once an extension or a close-out rests on it\n")
    assert shipped.snapshot() == before


def test_an_edit_is_not_dated_before_the_last_one(shipped):
    shipped("edit", "1-1", "--lead", "区经济合作局", "--reason", REASON, "--by", "张三")
    before = shipped.snapshot()
    result = shipped("edit", "1-1", "--text", "x。", "--reason", REASON, "--by", "张三", today="2024-09-01")
    assert (result.exit_code, result.stderr) == (1, "Error: today 2024-09-01 is before the item's last edit (2024-09-10)\n")
    assert shipped.snapshot() == before


# ----------------------------------------------------------------------------- check over edit records

ITEM = """\
items:
  - id: "1-1"
    question: 1
    text: "乙。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-08-31
    status: open
    edits:
{edits}
"""


@pytest.mark.parametrize(("edits", "expected"), [
    ("      - date: 2024-09-10\n        by: 张三\n        reason: \"x\"\n        changed: [text]\n        text: \"乙。\"\n",
     "data/items.yaml:14:9: item 1-1: edits[0].text: the edit of text changes nothing: the old value is the new one"),
    ("      - date: 2024-09-10\n        by: 张三\n        reason: \"x\"\n        changed: []\n",
     "data/items.yaml:13:9: item 1-1: edits[0].changed: an edit must name the fields it changed"),
    ("      - date: 2024-09-10\n        by: 张三\n        reason: \"x\"\n        changed: [text]\n        text: \"甲。\"\n"
     "        lead: 区建设环保局\n",
     "data/items.yaml:15:9: item 1-1: edits[0].lead: an old value for a field the edit did not change (lead)"),
    ("      - date: 2024-09-10\n        by: 张三\n        reason: \"x\"\n        changed: [text]\n        text: \"甲。\"\n"
     "      - date: 2024-09-01\n        by: 张三\n        reason: \"y\"\n        changed: [lead]\n        lead: 区建设环保局\n",
     "data/items.yaml:15:9: item 1-1: edits[1].date: edits must be in date order"),
    ("      - date: 2024-09-10\n        by: 张三\n        reason: \"x\"\n        changed: [status]\n",
     "data/items.yaml:13:"),
], ids=["changes-nothing", "no-fields", "stray-old-value", "date-order", "not-editable"])
def test_check_validates_edit_records(small, edits, expected):
    ledger = small(ITEM.format(edits=edits.rstrip("\n")))
    before = ledger.snapshot()
    result = ledger("check")
    assert result.exit_code == 1
    assert result.stdout.startswith(expected), result.stdout
    assert result.stdout.endswith("\n1 problem\n")
    assert ledger.snapshot() == before


def test_check_accepts_a_chain_of_edits(small):
    edits = ("      - date: 2024-09-01\n        by: 张三\n        reason: \"x\"\n        changed: [text]\n"
             "        text: \"甲。\"\n"
             "      - date: 2024-09-10\n        by: 李四\n        reason: \"y\"\n        changed: [text, lead]\n"
             "        text: \"丙。\"\n        lead: 区建设环保局\n")
    ledger = small(ITEM.format(edits=edits.rstrip("\n")))
    result = ledger("check")
    assert result.exit_code == 0, result.stdout
    text = ledger.items_text()
    shown = lambda day: json.loads(ledger("show", "1-1", "--as-of", day, "--format", "json").stdout)  # noqa: E731
    assert [(shown(d)["text"], shown(d)["lead"]) for d in ("2024-08-31", "2024-09-05", "2024-09-10")] == [
        ("甲。", "区建设环保局"), ("丙。", "区建设环保局"), ("乙。", "区财政局")]
    assert ledger.items_text() == text


# ----------------------------------------------------------------------------- pure functions

BASE = Item(id="1-1", text="甲。", lead="区财政局", responsible=("区财政局",), deadline=date(2024, 8, 31))


def test_edit_records_only_the_fields_that_change():
    new = corrections.edit(BASE, by="张三", reason="r", today=date(2024, 9, 10), text="甲。", lead="区建设环保局",
                           source="恳谈会")
    assert new.lead == "区建设环保局" and new.source == "恳谈会"
    assert new.edits == (Edit(date=date(2024, 9, 10), by="张三", reason="r", changed=("lead", "source"),
                              lead="区财政局"),)
    assert as_of(new, date(2024, 9, 9)) == BASE
    assert as_of(new, date(2024, 9, 10)) is new


def test_edit_refusals_name_fields():
    with pytest.raises(Refused) as caught:
        corrections.edit(BASE, by=" ", reason="r", today=date(2024, 9, 10), text="x")
    assert caught.value.fields == {"what": "by"}
    with pytest.raises(Refused) as caught:
        corrections.edit(BASE, by="a", reason="r", today=date(2024, 9, 10))
    assert caught.value.template == "item {id}: an edit needs at least one field to change"


def test_merge_keeps_both_sides_edits():
    from ledger.git.merge_item import merge_item

    ours = corrections.edit(BASE, by="甲", reason="r1", today=date(2024, 9, 10), text="乙。")
    theirs = corrections.edit(BASE, by="乙", reason="r2", today=date(2024, 9, 11), lead="区建设环保局")
    merged, conflicts = merge_item(BASE, ours, theirs)
    assert conflicts == []
    assert (merged.text, merged.lead) == ("乙。", "区建设环保局")
    assert merged.edits == (*ours.edits, *theirs.edits)
    clash = corrections.edit(BASE, by="乙", reason="r2", today=date(2024, 9, 11), text="丙。")
    _, conflicts = merge_item(BASE, ours, clash)
    assert [c.field for c in conflicts] == ["text"]


# ----------------------------------------------------------------------------- log --since

def test_log_since_a_day(shipped, monkeypatch):
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2024-09-05T10:00:00+08:00")
    shipped("edit", "1-1", "--lead", "区经济合作局", "--reason", REASON, "--by", "张三", "--commit")
    monkeypatch.delenv("GIT_AUTHOR_DATE")
    shipped("progress", "1-2", "对接", "--commit")
    since = lambda day: [e["message"] for e in json.loads(  # noqa: E731
        shipped("log", "--since", day, "--format", "json").stdout)]
    assert since("2024-09-01") == ["progress 1-2: 对接", f"edit 1-1: lead: {REASON}", "initial ledger"]
    assert f"edit 1-1: lead: {REASON}" not in since(str(date.today()))
    assert shipped("log", "--since", "2999-01-01").stdout == "no ledger commits since 2999-01-01\n"
    assert shipped("log", "--since", "2999-01-01", lang="zh").stdout == "2999-01-01 以来没有台账提交\n"
    before = shipped.snapshot()
    result = shipped("log", "--since", "2024-09")
    assert result.exit_code == 2 and result.stderr.startswith("Error: --since: '2024-09' is not a complete date")
    assert shipped.snapshot() == before
