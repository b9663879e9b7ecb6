"""The write commands on the shipped ledger: the exact git diff each produces, every refusal
(message, exit code 1, files byte-identical), time travel, commits, log and undo."""

from __future__ import annotations

import hashlib
import json

import pytest


def diff(ledger) -> str:  # type: ignore[no-untyped-def]
    """The diff body without the index line (which carries blob hashes)."""
    text = ledger.git("diff", "--no-color", "-U1")
    return "\n".join(line for line in text.splitlines() if not line.startswith("index ")) + "\n"


def test_close_with_a_file_and_text(shipped, tmp_path):
    pdf = tmp_path / "拨付凭证.pdf"
    pdf.write_bytes(b"%PDF-1.4 proof")
    result = shipped("close", "2-8", "--evidence", str(pdf), "--evidence", "财政局出具的说明", "--by", "张三",
                     "--date", "2024-08-30")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "closed 2-8 on 2024-08-30 by 张三\n"
    sha = hashlib.sha256(b"%PDF-1.4 proof").hexdigest()
    assert diff(shipped) == f"""\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -254,3 +254,12 @@ items:
     deadline: 2024-08-31
-    status: open
+    status: closed
+    closed:
+      date: 2024-08-30
+      by: 张三
+      evidence:
+        - file: evidence/2-8/拨付凭证.pdf
+          size: 14
+          sha256: {sha}
+        - text: "财政局出具的说明"
+      recorded: 2024-09-10
 
"""
    assert (shipped.data / "evidence" / "2-8" / "拨付凭证.pdf").read_bytes() == b"%PDF-1.4 proof"
    assert shipped("check").exit_code == 0


def test_close_after_deadline_is_late(shipped):
    result = shipped("close", "2-8", "--evidence", "说明", "--by", "张三")
    assert result.stdout == "closed 2-8 on 2024-09-10 by 张三 (late)\n"
    assert "+      late: true\n" in diff(shipped)


def test_evidence_names_are_never_overwritten(shipped, tmp_path):
    for n in range(2):
        f = tmp_path / f"d{n}" / "凭证.pdf"
        f.parent.mkdir()
        f.write_bytes(b"a" * (n + 1))
    (shipped.data / "evidence" / "1-1").mkdir(parents=True)
    (shipped.data / "evidence" / "1-1" / "凭证.pdf").write_bytes(b"older")
    result = shipped("close", "1-1", "--evidence", str(tmp_path / "d0" / "凭证.pdf"), "--by", "张三")
    assert result.exit_code == 0
    assert (shipped.data / "evidence" / "1-1" / "凭证.pdf").read_bytes() == b"older"
    assert (shipped.data / "evidence" / "1-1" / "凭证-2.pdf").read_bytes() == b"a"


def test_progress(shipped):
    result = shipped("progress", "1-1", "已与市教育局对接", "--date", "2024-07-01", "--by", "李四")
    assert result.exit_code == 0
    assert result.stdout == "progress noted on 1-1 (2024-07-01)\n"
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -53,3 +53,8 @@ items:
     deadline: 2024-08-31
-    status: open
+    status: in_progress
+    progress:
+      - date: 2024-07-01
+        text: "已与市教育局对接"
+        by: 李四
+        recorded: 2024-09-10
 
"""


def test_extend_and_time_travel(shipped):
    result = shipped("extend", "1-6", "--to", "2024-12-31", "--reason", "需市局统一标准", "--approved-by", "王五",
                     "--date", "2024-08-01")
    assert result.exit_code == 0, result.stderr
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -94,2 +94,9 @@ items:
     status: open
+    extensions:
+      - date: 2024-08-01
+        to: 2024-12-31
+        reason: "需市局统一标准"
+        previous: 2024-06-30
+        approved_by: 王五
+        recorded: 2024-09-10
 
"""

    def row(as_of: str) -> dict:  # type: ignore[type-arg]
        rows = json.loads(shipped("list", "--as-of", as_of, "--format", "json", "--search", "应急管理局对企业").stdout)
        return rows[0]

    before, after = row("2024-07-31"), row("2024-08-01")
    assert (before["overdue"], before["days_overdue"], before["deadline"], before["extensions"]) == (
        True, 31, "2024-06-30", 0)
    assert (after["overdue"], after["deadline"], after["original_deadline"], after["extensions"]) == (
        False, "2024-12-31", "2024-06-30", 1)


def test_an_ongoing_item_has_no_deadline_to_extend(shipped):
    # issue 11, finding 8: extend used to make an ongoing item (立行立改，长期坚持) dated, and overdue
    before = shipped.snapshot()
    result = shipped("extend", "1-2", "--to", "2024-10-31", "--reason", "限期办结", "--date", "2024-09-01")
    assert (result.exit_code, result.stderr) == (
        1, "Error: item 1-2 is ongoing (立行立改，长期坚持): it has no deadline to extend\n")
    assert shipped.snapshot() == before


def test_reopen_keeps_the_closeout_in_history(shipped):
    shipped("close", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20")
    shipped.git("commit", "-qam", "closed")
    result = shipped("reopen", "2-8", "--reason", "回头看：款项仍未拨付", "--by", "区纪检监察工委", "--date", "2024-09-05")
    assert result.exit_code == 0, result.stderr
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -254,9 +254,15 @@ items:
     deadline: 2024-08-31
-    status: closed
-    closed:
-      date: 2024-08-20
-      by: 张三
-      evidence:
-        - text: "说明"
-      recorded: 2024-09-10
+    status: open
+    history:
+      - closed:
+          date: 2024-08-20
+          by: 张三
+          evidence:
+            - text: "说明"
+          recorded: 2024-09-10
+        reopened:
+          date: 2024-09-05
+          reason: "回头看：款项仍未拨付"
+          by: 区纪检监察工委
+          recorded: 2024-09-10
 
"""
    status = {d: json.loads(shipped("show", "2-8", "--as-of", d, "--format", "json").stdout)["status"]
              for d in ("2024-08-19", "2024-08-20", "2024-09-04", "2024-09-05")}
    assert status == {"2024-08-19": "open", "2024-08-20": "closed", "2024-09-04": "closed", "2024-09-05": "open"}


def test_add(shipped):
    result = shipped("add", "--id", "H-1", "--source", "企业家恳谈会 2024-07-10", "--text", "园区道路照明不足。",
                     "--lead", "建设环保局", "--responsible", "区建设环保局、各园区指挥部", "--deadline", "2024年12月31日")
    assert result.exit_code == 0, result.stderr
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -311 +311,10 @@ items:
     status: open
+
+  - id: "H-1"
+    source: 企业家恳谈会 2024-07-10
+    added: 2024-09-10
+    text: "园区道路照明不足。"
+    lead: 区建设环保局
+    responsible: [区建设环保局, 各园区指挥部]
+    deadline: 2024-12-31
+    status: open
"""
    assert json.loads(shipped("show", "H-1", "--format", "json").stdout)["lead"] == "区建设环保局"


REFUSALS = [
    (["close", "9-9", "--evidence", "x", "--by", "张三"], "Error: unknown item '9-9'; nearest: 2-9, 1-9\n"),
    (["close", "X", "--evidence", "x", "--by", "张三"], "Error: unknown item 'X'\n"),
    (["close", "2-88", "--evidence", "x", "--by", "张三"], "Error: unknown item '2-88'; nearest: 2-8, 2-9, 2-7\n"),
    (["close", "2-8", "--evidence", "x", "--by", "张三", "--date", "2024-09-11"],
     "Error: --date 2024-09-11 is in the future (today is 2024-09-10)\n"),
    (["close", "2-8", "--evidence", "x", "--by", "张三", "--date", "2024-05-21"],
     "Error: --date 2024-05-21 is before the batch date 2024-05-22\n"),
    (["close", "2-8", "--evidence", "/nonexistent/凭证.pdf", "--by", "张三"],
     "Error: evidence /nonexistent/凭证.pdf: no such file; to record it as text, use --evidence-text\n"),
    (["close", "2-8", "--evidence", "/tmp", "--by", "张三"], "Error: evidence /tmp: is a folder, not a file\n"),
    (["close", "2-8", "--evidence", "/dev/null", "--by", "张三"], "Error: evidence /dev/null: not a regular file\n"),
    (["reopen", "2-8", "--reason", "x"], "Error: item 2-8 is not closed; only a closed item can be reopened\n"),
    # progress 2-8 "  " (TEXT given empty) is a usage error, exit 2: tests/test_cli_basics.py
    (["extend", "2-8", "--to", "2024-08-01", "--reason", "x"],
     "Error: --to 2024-08-01 is not later than the deadline in force (2024-08-31)\n"),
    (["add", "--id", "2-8", "--question", "2", "--text", "x", "--lead", "区财政局", "--responsible", "区财政局",
      "--deadline", "ongoing"], "Error: item 2-8 already exists\n"),
    (["add", "--id", "3-1", "--text", "x", "--lead", "区财政局", "--responsible", "区财政局", "--deadline", "ongoing"],
     "Error: a new item needs --question or --source\n"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS, ids=[" ".join(a[:2]) + f"#{n}" for n, (a, _) in enumerate(REFUSALS)])
def test_refusals_change_nothing(shipped, args, message):
    before = shipped.snapshot()
    result = shipped(*args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert shipped.snapshot() == before


def test_close_refused_when_already_closed(shipped):
    shipped("close", "2-8", "--evidence", "x", "--by", "张三", "--date", "2024-09-01")
    before = shipped.snapshot()
    result = shipped("close", "2-8", "--evidence", "y", "--by", "李四")
    assert (result.exit_code, result.stderr) == (1, "Error: item 2-8 is already closed (on 2024-09-01 by 张三)\n")
    assert shipped.snapshot() == before


@pytest.mark.parametrize(("args", "hint"), [
    (["close", "2-8", "--evidence", "x"], "--by"),
    (["close", "2-8", "--evidence", "x", "--by", "张三", "--date", "yesterday-ish"], "--date"),
    (["add", "--id", "3-1", "--source", "s", "--text", "x", "--lead", "区税务局", "--responsible", "区财政局",
      "--deadline", "ongoing"], "--lead"),
])
def test_usage_errors_change_nothing(shipped, args, hint):
    before = shipped.snapshot()
    result = shipped(*args)
    assert result.exit_code == 2
    assert hint in result.stderr and "Traceback" not in result.stderr
    assert shipped.snapshot() == before


def test_refuses_to_write_over_an_invalid_file(shipped):
    text = shipped.items_text().replace("    status: open\n", "    status: opened\n", 1)
    shipped.write_items(text)
    before = shipped.snapshot()
    result = shipped("progress", "2-8", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("data/items.yaml:54:5: item 1-1: status: expected one of")
    assert shipped.snapshot() == before


def test_refuses_to_write_over_conflict_markers(shipped):
    text = shipped.items_text().replace('  - id: "1-2"\n', '<<<<<<< HEAD\n  - id: "1-2"\n', 1)
    shipped.write_items(text)
    before = shipped.snapshot()
    result = shipped("close", "2-8", "--evidence", "x", "--by", "张三")
    assert result.exit_code == 1
    assert result.stderr == ("data/items.yaml:56:1: git conflict marker: resolve the merge first\n1 problem\n")
    assert shipped.snapshot() == before


def test_comments_and_layout_elsewhere_survive(shipped):
    text = shipped.items_text().replace('  - id: "2-8"\n', '  # 财政局：重点督办\n  - id: "2-8"\n')
    text = text.replace('    lead: 区财政局\n', '    lead: 区财政局  # 牵头\n')
    shipped.write_items(text)
    shipped.git("commit", "-qam", "comments")
    assert shipped("progress", "2-8", "第一批已拨付", "--date", "2024-09-01").exit_code == 0
    assert diff(shipped) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -255,3 +255,7 @@ items:
     deadline: 2024-08-31
-    status: open
+    status: in_progress
+    progress:
+      - date: 2024-09-01
+        text: "第一批已拨付"
+        recorded: 2024-09-10
 
"""


def test_commit_log_and_undo(shipped):
    result = shipped("close", "2-8", "--evidence", "说明", "--by", "张三", "--commit")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("closed 2-8 on 2024-09-10 by 张三 (late)\ncommitted ")
    assert shipped.git("log", "-1", "--format=%B") == (
        "close 2-8: closed by 张三 (late)\n\nLedger-Item: 2-8\nLedger-Action: close\n\n")
    assert shipped.git("status", "--porcelain") == ""
    shipped("progress", "1-1", "对接", "--commit")
    log = json.loads(shipped("log", "2-8", "--format", "json").stdout)
    assert [(e["message"], e["items"], e.get("changed")) for e in log] == [
        ("close 2-8: closed by 张三 (late)", ["2-8"], ["status", "closed"]),
        ("initial ledger", [], ["added"]),
    ]
    assert shipped("undo").stdout == "reverted: progress 1-1: 对接\n"
    assert json.loads(shipped("show", "1-1", "--format", "json").stdout)["status"] == "open"
    assert shipped("undo").stdout == "reverted: close 2-8: closed by 张三 (late)\n"  # undos walk back (issue 11)
    assert json.loads(shipped("show", "2-8", "--format", "json").stdout)["status"] == "open"
    initial = shipped.git("rev-list", "--max-parents=0", "HEAD").strip()[:7]
    result = shipped("undo")
    assert (result.exit_code, result.stderr) == (1, f"Error: commit {initial} (initial ledger) is not a ledger change: "
                                                    "it has no Ledger-Action trailer in its last paragraph; nothing undone\n")
    shipped("progress", "1-1", "再次对接", "--commit")
    shipped.write_items(shipped.items_text() + "# local edit\n")
    result = shipped("undo")
    assert (result.exit_code, result.stderr) == (1, "Error: there are uncommitted changes; commit or stash them first\n")


def test_undo_refuses_a_foreign_commit(shipped):
    initial = shipped.git("rev-parse", "--short=7", "HEAD").strip()
    result = shipped("undo")
    assert (result.exit_code, result.stderr) == (1, f"Error: commit {initial} (initial ledger) is not a ledger change: "
                                                    "it has no Ledger-Action trailer in its last paragraph; nothing undone\n")


def test_always_commit_setting(shipped):
    (shipped.data / "settings.yaml").write_text("commit: true\n", encoding="utf-8")
    shipped.git("add", "data/settings.yaml")
    shipped.git("commit", "-qm", "settings")
    assert "committed" in shipped("progress", "1-1", "对接").stdout
    assert shipped.git("log", "-1", "--format=%s") == "progress 1-1: 对接\n"


def test_log_outside_git(small):
    ledger = small("items: []\n")
    result = ledger("log")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "is not inside a git repository" in result.stderr


def test_show_carries_the_whole_history(shipped):
    shipped("progress", "2-8", "第一批已拨付", "--date", "2024-08-15", "--by", "李四")
    shipped("extend", "2-8", "--to", "2024-09-30", "--reason", "资金分批", "--date", "2024-08-20")
    shipped("close", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-09-05")
    data = json.loads(shipped("show", "2-8", "--format", "json").stdout)
    assert data["status"] == "closed" and data["closed_late"] is False
    assert data["progress"] == [{"date": "2024-08-15", "text": "第一批已拨付", "by": "李四", "recorded": "2024-09-10"}]
    assert data["extension_history"][0]["previous"] == "2024-08-31"
    assert data["closed"]["evidence"] == [{"text": "说明"}]
    assert (data["file"], data["batch"]) == ("items.yaml", "2024-1")
    text = shipped("show", "2-8", env={"COLUMNS": "100"}).stdout
    for needle in ("第一批已拨付", "资金分批", "closed by 张三", "Evidence: 说明", "2024-09-30"):
        assert needle in text


HAND_WRITTEN = """\
items:
- id: "A-1"   # 第一项
  source: 恳谈会
  text: "一"
  lead: 区财政局
  responsible:
  - 区财政局
  deadline: ongoing
  status: open
- id: "A-2"
  source: 恳谈会
  text: "二"
  lead: 区财政局
  responsible: [区财政局]
  deadline: 2024-08-31
  status: open
"""


def test_a_hand_written_layout_keeps_its_own_indentation(small):
    ledger = small(HAND_WRITTEN)
    assert ledger("progress", "A-1", "进展", "--date", "2024-09-01").exit_code == 0
    assert ledger("add", "--id", "A-3", "--source", "x", "--text", "三", "--lead", "区财政局",
                  "--responsible", "区财政局", "--deadline", "ongoing").exit_code == 0
    assert ledger.items_text() == HAND_WRITTEN.replace("""\
  status: open
- id: "A-2"
""", """\
  status: in_progress
  progress:
  - date: 2024-09-01
    text: "进展"
    recorded: 2024-09-10
- id: "A-2"
""") + """
- id: "A-3"
  source: x
  added: 2024-09-10
  text: "三"
  lead: 区财政局
  responsible: [区财政局]
  deadline: ongoing
  status: open
"""
    assert ledger("check").exit_code == 0


def test_crlf_ledger_stays_crlf(small):
    ledger = small(HAND_WRITTEN.replace("\n", "\r\n"))
    assert ledger("progress", "A-2", "进展").exit_code == 0
    raw = (ledger.data / "items.yaml").read_bytes()
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    assert ledger("check").exit_code == 0


def test_a_hand_written_empty_field_is_left_alone(small):
    ledger = small(HAND_WRITTEN.replace('  responsible: [区财政局]\n', '  responsible: [区财政局]\n  and_others: false\n'
                                        '  leader:\n'))
    assert ledger("progress", "A-2", "进展", "--date", "2024-09-01").exit_code == 0
    text = ledger.items_text()
    assert "  and_others: false\n  leader:\n  deadline: 2024-08-31\n  status: in_progress\n" in text
