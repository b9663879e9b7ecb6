"""The two-step sign-off on the shipped ledger (issue 13, item 1): ledger request, approve and return —
the exact diff each writes, every refusal (message, exit code, files byte-identical), the whole
request → return → request → approve story read as of every day between, settings.yaml, check,
report, show, publicity and the merge of rounds."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

REVIEWER = "reviewer: 区营商办\n"


def diff(ledger) -> str:  # type: ignore[no-untyped-def]
    """The diff body without the index line (which carries blob hashes)."""
    text = ledger.git("diff", "--no-color", "-U1", "--", "data/items.yaml")
    return "\n".join(line for line in text.splitlines() if not line.startswith("index ")) + "\n"


def settle(ledger, settings: str = REVIEWER) -> None:  # type: ignore[no-untyped-def]
    """settings.yaml for this copy of the shipped ledger (the pinned fixture has none), committed."""
    (ledger.data / "settings.yaml").write_text(settings, encoding="utf-8")
    ledger.git("add", "-A")
    ledger.git("commit", "-qm", "settings")


def step(ledger) -> None:  # type: ignore[no-untyped-def]
    ledger.git("commit", "-qam", "step")


def statuses(ledger, day: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """2-8's status as of ``day`` and the ids list --status pending_review shows that day."""
    rows = json.loads(ledger("list", "--as-of", day, "--format", "json").stdout)
    pending = json.loads(ledger("list", "--status", "pending_review", "--as-of", day, "--format", "json").stdout)
    return next(r["status"] for r in rows if r["id"] == "2-8"), [r["id"] for r in pending]


HEAD = """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
"""


def test_the_done_when_story_request_return_request_approve(shipped, tmp_path):
    settle(shipped)
    result = shipped("request", "2-8", "--evidence", "拨付率达到99.5%", "--by", "张三", "--date", "2024-08-20")
    assert (result.exit_code, result.stdout) == (0, "2-8: sign-off requested on 2024-08-20 by 区财政局 (张三); "
                                                    "it awaits review\n")
    assert diff(shipped) == HEAD + """\
@@ -254,3 +254,11 @@ items:
     deadline: 2024-08-31
-    status: open
+    status: pending_review
+    reviews:
+      - request:
+          date: 2024-08-20
+          unit: 区财政局
+          by: 张三
+          evidence:
+            - text: "拨付率达到99.5%"
+          recorded: 2024-09-10
 
"""
    step(shipped)
    listed = shipped("list", "--status", "pending_review", "--format", "json")
    assert [r["id"] for r in json.loads(listed.stdout)] == ["2-8"]
    assert [r["id"] for r in json.loads(shipped("list", "--status", "待审核", "--format", "json").stdout)] == ["2-8"]

    result = shipped("return", "2-8", "--reason", "佐证材料不全", "--by", "王五", "--date", "2024-08-22")
    assert (result.exit_code, result.stdout) == (0, "returned 2-8 on 2024-08-22 by 区营商办 (王五): back in progress\n")
    assert diff(shipped) == HEAD + """\
@@ -254,3 +254,3 @@ items:
     deadline: 2024-08-31
-    status: pending_review
+    status: in_progress
     reviews:
@@ -263,2 +263,9 @@ items:
           recorded: 2024-09-10
+        outcome:
+          decision: returned
+          date: 2024-08-22
+          unit: 区营商办
+          by: 王五
+          reason: "佐证材料不全"
+          recorded: 2024-09-10
 
"""
    step(shipped)
    shown = json.loads(shipped("show", "2-8", "--format", "json").stdout)
    assert shown["status"] == "in_progress" and len(shown["reviews"]) == 1

    proof = tmp_path / "凭证.pdf"
    proof.write_bytes(b"proof\n")
    sha = hashlib.sha256(b"proof\n").hexdigest()
    result = shipped("request", "2-8", "--evidence", str(proof), "--by", "张三", "--unit", "建设环保局",
                     "--date", "2024-08-25")
    assert result.stdout == "2-8: sign-off requested on 2024-08-25 by 区建设环保局 (张三); it awaits review\n"
    assert diff(shipped) == HEAD + f"""\
@@ -254,3 +254,3 @@ items:
     deadline: 2024-08-31
-    status: in_progress
+    status: pending_review
     reviews:
@@ -270,2 +270,11 @@ items:
           recorded: 2024-09-10
+      - request:
+          date: 2024-08-25
+          unit: 区建设环保局
+          by: 张三
+          evidence:
+            - file: evidence/2-8/凭证.pdf
+              size: 6
+              sha256: {sha}
+          recorded: 2024-09-10
 
"""
    shipped.git("add", "-A")
    step(shipped)

    result = shipped("approve", "2-8", "--by", "王五", "--date", "2024-08-28", "--note", "同意销号")
    assert (result.exit_code, result.stdout) == (0, "approved 2-8 on 2024-08-28 by 区营商办 (王五): closed\n")
    assert diff(shipped) == HEAD + f"""\
@@ -254,3 +254,3 @@ items:
     deadline: 2024-08-31
-    status: pending_review
+    status: closed
     reviews:
@@ -279,2 +279,28 @@ items:
           recorded: 2024-09-10
+        outcome:
+          decision: approved
+          date: 2024-08-28
+          unit: 区营商办
+          by: 王五
+          note: "同意销号"
+          recorded: 2024-09-10
+    closed:
+      date: 2024-08-28
+      by: 王五
+      evidence:
+        - file: evidence/2-8/凭证.pdf
+          size: 6
+          sha256: {sha}
+      note: "同意销号"
+      recorded: 2024-09-10
+      unit: 区营商办
+      request:
+        date: 2024-08-25
+        unit: 区建设环保局
+        by: 张三
+        evidence:
+          - file: evidence/2-8/凭证.pdf
+            size: 6
+            sha256: {sha}
+        recorded: 2024-09-10
 
"""
    assert shipped("check").exit_code == 0
    # --as-of any day in between: the state of that day
    assert statuses(shipped, "2024-08-19") == ("open", [])
    assert statuses(shipped, "2024-08-20") == ("pending_review", ["2-8"])
    assert statuses(shipped, "2024-08-21") == ("pending_review", ["2-8"])
    assert statuses(shipped, "2024-08-22") == ("in_progress", [])
    assert statuses(shipped, "2024-08-24") == ("in_progress", [])
    assert statuses(shipped, "2024-08-25") == ("pending_review", ["2-8"])
    assert statuses(shipped, "2024-08-27") == ("pending_review", ["2-8"])
    assert statuses(shipped, "2024-08-28") == ("closed", [])
    rows = json.loads(shipped("list", "--as-of", "2024-08-28", "--format", "json").stdout)
    assert next(r for r in rows if r["id"] == "2-8")["closed_date"] == "2024-08-28"


def test_show_lists_every_round_in_both_languages(shipped):
    settle(shipped)
    shipped("request", "2-8", "--evidence", "拨付说明", "--by", "张三", "--date", "2024-08-20")
    shipped("return", "2-8", "--reason", "佐证材料不全", "--by", "王五", "--date", "2024-08-22")
    shipped("request", "2-8", "--evidence", "拨付凭证", "--by", "张三", "--date", "2024-08-25")
    shipped("approve", "2-8", "--by", "王五", "--date", "2024-08-28")
    en = shipped("show", "2-8").stdout
    for line in ("│ 2024-08-20 │ Request 1 │ 区财政局 — 张三", "│ 2024-08-22 │ Returned  │ 区营商办 — 王五: 佐证材料不全",
                 "│ 2024-08-25 │ Request 2 │ 区财政局 — 张三", "│ 2024-08-28 │ Approved  │ 区营商办 — 王五"):
        assert line in en, en
    assert en.index("Request 1") < en.index("Returned") < en.index("Request 2") < en.index("Approved")
    zh = shipped("show", "2-8", lang="zh").stdout
    for word in ("第 1 次申请销号", "退回", "第 2 次申请销号", "审核通过"):
        assert word in zh, zh
    past = shipped("show", "2-8", "--as-of", "2024-08-23").stdout  # as it stood: nothing from a later day
    assert "Request 1" in past and "Returned" in past
    assert "Request 2" not in past and "Approved" not in past and "Close-out" not in past
    assert past.endswith("3 later records are not shown\nas of 2024-08-23\n")
    assert shipped("show", "2-8", "--as-of", "2024-08-23", lang="zh").stdout.endswith(
        "之后另有 3 条记录未显示\n截至 2024-08-23\n")


def test_request_in_chinese_and_the_status_word(shipped):
    settle(shipped)
    result = shipped("request", "2-8", "--evidence", "拨付说明", "--by", "张三", "--date", "2024-08-20", lang="zh")
    assert result.stdout == "2-8：区财政局（张三）已于 2024-08-20 申请销号，待审核\n"
    table = shipped("list", "--status", "pending_review", "--as-of", "2024-08-21", lang="zh").stdout
    assert "待审核" in table
    result = shipped("approve", "2-8", "--by", "王五", "--date", "2024-08-21", lang="zh")
    assert result.stdout == "区营商办（王五）已于 2024-08-21 审核通过 2-8：已销号\n"


REFUSALS = [
    # (args, exit code, stderr) with 2-8 awaiting review since 2024-08-20, settings naming 区营商办
    (["request", "2-8", "--evidence", "x", "--by", "张三"], 1,
     "Error: item 2-8 awaits review (requested on 2024-08-20 by 区财政局): approve or return it first\n"),
    (["close", "2-8", "--evidence", "x", "--by", "张三"], 1,
     "Error: item 2-8 awaits review (requested on 2024-08-20 by 区财政局): approve or return it first\n"),
    (["request", "2-9", "--evidence", "x", "--by", "张三", "--unit", "区财政局"], 1,
     "Error: --unit 区财政局 is neither the lead nor a responsible unit of item 2-9\n"),
    (["request", "2-9", "--evidence", "x", "--by", "张三", "--unit", "不存在局"], 2,
     "Error: --unit: unknown unit '不存在局'\n"),
    (["request", "2-9", "--by", "张三"], 2, "Error: item 2-9: a request needs evidence (--evidence FILE or TEXT)\n"),
    (["request", "2-9", "--evidence", "x"], 2,
     "Error: Invalid value for --by: who asks is required. Try 'ledger request -h' for help.\n"),
    (["request", "2-9", "--evidence", "x", "--by", "张三", "--date", "2024-09-11"], 1,
     "Error: --date 2024-09-11 is in the future (today is 2024-09-10)\n"),
    (["approve", "2-9", "--by", "王五"], 1, "Error: item 2-9 has no request awaiting review\n"),
    (["approve", "2-8", "--by", "王五", "--unit", "区财政局"], 1,
     "Error: --unit 区财政局 is not a reviewing unit (reviewers: 区营商办)\n"),
    (["approve", "2-8", "--by", "王五", "--date", "2024-08-19"], 1,
     "Error: --date 2024-08-19 is before the request on 2024-08-20\n"),
    (["approve", "2-8"], 2, "Error: Invalid value for --by: who reviews is required. Try 'ledger approve -h' for help.\n"),
    (["return", "2-8", "--by", "王五"], 2,
     "Error: Invalid value for --reason: a reason is required. Try 'ledger return -h' for help.\n"),
    (["return", "2-9", "--reason", "不全", "--by", "王五"], 1, "Error: item 2-9 has no request awaiting review\n"),
    (["return", "2-8", "--reason", "不全", "--by", "王五", "--unit", "区建设环保局"], 1,
     "Error: --unit 区建设环保局 is not a reviewing unit (reviewers: 区营商办)\n"),
]


@pytest.mark.parametrize(("args", "code", "stderr"), REFUSALS)
def test_refusals_change_nothing(shipped, args, code, stderr):
    settle(shipped)
    assert shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20").exit_code == 0
    before = shipped.snapshot()
    result = shipped(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (code, stderr, "")
    assert shipped.snapshot() == before


def test_a_refusal_in_chinese(shipped):
    settle(shipped)
    before = shipped.snapshot()
    result = shipped("approve", "2-9", "--by", "王五", lang="zh")
    assert (result.exit_code, result.stderr) == (1, "错误: 事项 2-9 没有待审核的申请\n")
    assert shipped.snapshot() == before


def test_reviewers_from_departments_roles_and_no_default_without_settings(shipped):
    units = shipped.data / "departments.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "  - name: 区营商办\n    kind: district\n    aliases: [营商办]\n",
        "  - name: 区营商办\n    kind: district\n    aliases: [营商办]\n    roles: [reviewer]\n"), encoding="utf-8")
    assert shipped("check").exit_code == 0
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20")
    before = shipped.snapshot()
    result = shipped("approve", "2-8", "--by", "王五")  # no settings.yaml: no default reviewing unit
    assert (result.exit_code, result.stderr) == (
        2, "Error: --unit: name the reviewing unit (settings.yaml names no reviewer)\n")
    result = shipped("approve", "2-8", "--by", "王五", "--unit", "财政局")
    assert (result.exit_code, result.stderr) == (1, "Error: --unit 区财政局 is not a reviewing unit (reviewers: 区营商办)\n")
    assert shipped.snapshot() == before
    result = shipped("approve", "2-8", "--by", "王五", "--unit", "营商办", "--date", "2024-08-21")
    assert result.stdout == "approved 2-8 on 2024-08-21 by 区营商办 (王五): closed\n"


def test_the_lead_reviews_when_settings_allow(shipped):
    settle(shipped, REVIEWER + "lead_may_review: true\n")
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--unit", "区建设环保局", "--date", "2024-08-20")
    result = shipped("return", "2-8", "--reason", "补充", "--by", "李四", "--unit", "区财政局", "--date", "2024-08-21")
    assert result.stdout == "returned 2-8 on 2024-08-21 by 区财政局 (李四): back in progress\n"


@pytest.mark.parametrize(("settings", "unit", "stderr"), [
    # the lead asked: it does not answer its own request, whatever the settings say
    (REVIEWER + "lead_may_review: true\n", "区财政局",
     "Error: --unit 区财政局 asked for this sign-off: another unit reviews it\n"),
    ("", "区财政局", "Error: --unit 区财政局 asked for this sign-off: another unit reviews it\n"),  # no reviewer named
])
def test_no_unit_reviews_its_own_request(shipped, settings, unit, stderr):
    settle(shipped, settings)
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20")
    before = shipped.snapshot()
    result = shipped("approve", "2-8", "--by", "张三", "--unit", unit, "--date", "2024-08-21")
    assert (result.exit_code, result.stderr) == (1, stderr)
    assert shipped.snapshot() == before


def test_a_reviewer_does_not_review_an_item_it_leads(shipped):
    """1-15 is led by 区营商办, the shipped reviewer: its responsible units (区级各部门) ask, and 区营商办 may not answer."""
    settle(shipped, REVIEWER + "lead_may_review: false\n")
    asked = shipped("request", "1-15", "--evidence", "说明", "--by", "钱七", "--unit", "区级各部门", "--date", "2024-08-20")
    assert asked.exit_code == 0, asked.stderr
    before = shipped.snapshot()
    result = shipped("approve", "1-15", "--by", "李四", "--date", "2024-08-21")
    assert (result.exit_code, result.stderr) == (
        1, "Error: --unit 区营商办 leads item 1-15: the lead unit does not review its own item (lead_may_review in "
           "settings.yaml)\n")
    assert shipped.snapshot() == before


def test_review_required_makes_close_refuse_and_name_request_and_approve(shipped):
    settle(shipped, REVIEWER + "review: required\n")
    before = shipped.snapshot()
    result = shipped("close", "2-8", "--evidence", "说明", "--by", "张三")
    assert (result.exit_code, result.stderr) == (1, "Error: review is required (settings.yaml review: required): ask for "
                                                    "sign-off with ledger request, then ledger approve\n")
    assert shipped.snapshot() == before
    zh = shipped("close", "2-8", "--evidence", "说明", "--by", "张三", lang="zh")
    assert zh.stderr == ("错误: 须经审核销号（settings.yaml 中 review: required）：请先用 ledger request 申请销号，"
                         "再用 ledger approve 审核通过\n")


def test_review_optional_keeps_close_a_one_step_close(shipped):
    settle(shipped, REVIEWER + "review: optional\n")
    assert shipped("close", "2-8", "--evidence", "说明", "--by", "张三").stdout == "closed 2-8 on 2024-09-10 by 张三 (late)\n"


@pytest.mark.parametrize(("settings", "line"), [
    ("review: maybe\n", "data/settings.yaml:1: review: must be required or optional"),
    ("commit: false\nreviewr: 区营商办\n", "data/settings.yaml:2: reviewr: unknown setting; the settings are "),
    ("publicity_days: -1\n", "data/settings.yaml:1: publicity_days: must be a whole number of days, 0 or more"),
    ("publicity_days: 七\n", "data/settings.yaml:1: publicity_days: must be a whole number of days, 0 or more"),
    ("reviewer: 区营商\n", "data/settings.yaml:1: reviewer: unknown unit '区营商'"),
    ("lead_may_review: 是\n", "data/settings.yaml:1: lead_may_review: must be true or false"),
])
def test_a_bad_settings_file_is_one_located_line(shipped, settings, line):
    (shipped.data / "settings.yaml").write_text(settings, encoding="utf-8")
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20")
    before = shipped.snapshot()
    result = shipped("approve", "2-8", "--by", "王五", "--unit", "区营商办")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: " + line) and result.stderr.count("\n") == 1, result.stderr
    assert shipped.snapshot() == before
    check = shipped("check")  # check names the same line, and counts it
    assert check.exit_code == 1 and check.stdout.startswith(line), check.stdout
    assert check.stdout.endswith("1 problem\n")


def test_request_and_approve_with_commit(shipped):
    settle(shipped)
    result = shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20", "--commit")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("2-8: sign-off requested on 2024-08-20")
    assert "committed " in result.stdout
    assert shipped.git("status", "--porcelain") == ""
    assert "2-8" in shipped.git("log", "-1", "--format=%s%n%b")
    result = shipped("approve", "2-8", "--by", "王五", "--date", "2024-08-21", "--commit")
    assert "committed " in result.stdout and shipped.git("status", "--porcelain") == ""


def test_check_holds_rounds_to_their_rules(shipped):
    settle(shipped)
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20")
    shipped("return", "2-8", "--reason", "不全", "--by", "王五", "--date", "2024-08-22")
    text = shipped.items_text()
    shipped.write_items(text.replace("          date: 2024-08-22\n", "          date: 2024-08-19\n", 1))
    result = shipped("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == ("data/items.yaml:266:11: item 2-8: reviews[0].outcome.date: the review on "
                                             "2024-08-19 is before its request (2024-08-20)")
    shipped.write_items(text.replace("    status: in_progress\n    reviews:", "    status: pending_review\n    reviews:"))
    result = shipped("check")
    assert "status is pending_review but no request awaits review" in result.stdout + result.stderr


def test_report_counts_pending_reviews_and_returns_per_unit(shipped):
    settle(shipped)
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20")
    shipped("return", "2-8", "--reason", "不全", "--by", "王五", "--date", "2024-08-22")
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-25")
    shipped("request", "1-1", "--evidence", "说明", "--by", "赵六", "--date", "2024-08-26")

    def counts(day: str) -> dict[str, tuple[int, int]]:
        rows = json.loads(shipped("report", "--as-of", day, "--format", "json").stdout)
        rows = rows["rows"] if isinstance(rows, dict) else rows
        return {r["unit"]: (r["pending_review"], r["returned"]) for r in rows
                if r["pending_review"] or r["returned"]}

    assert counts("2024-08-21")["区财政局"] == (1, 0)
    now = counts("2024-08-30")
    assert now["区财政局"] == (1, 1) and now["区社会事务保障局"] == (1, 0)
    assert counts("2024-08-23")["区财政局"] == (0, 1)


def test_publicity_days_list_the_item_as_in_publicity_not_closed(shipped):
    settle(shipped, REVIEWER + "publicity_days: 7\n")
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20")
    shipped("approve", "2-8", "--by", "王五", "--date", "2024-08-28")

    def row(day: str) -> dict[str, object]:
        rows = json.loads(shipped("list", "--as-of", day, "--format", "json").stdout)
        return next(r for r in rows if r["id"] == "2-8")

    assert row("2024-08-28").get("publicity") is True and row("2024-09-03").get("publicity") is True
    assert "publicity" not in row("2024-09-04") and "publicity" not in row("2024-08-27")
    assert "公示中" in shipped("list", "--as-of", "2024-08-30", "--search", "拖欠", lang="zh").stdout

    def closed(day: str) -> int:
        data = json.loads(shipped("report", "--as-of", day, "--format", "json").stdout)
        rows = data["rows"] if isinstance(data, dict) else data
        return next(r for r in rows if r["unit"] == "区财政局")["closed"]

    assert (closed("2024-08-30"), closed("2024-09-04")) == (0, 1)


def test_the_merge_unites_rounds_and_progress_from_both_sides():
    from ledger.core import actions
    from ledger.core.model import Evidence, Item
    from ledger.git.merge_item import merge_item

    base = Item(id="2-8", text="拖欠款项。", lead="区财政局", responsible=("区财政局",), deadline=date(2024, 8, 31))
    today = date(2024, 9, 10)
    ours = actions.request(base, day=date(2024, 8, 20), unit="区财政局", by="张三", evidence=[Evidence(text="说明")],
                           today=today, batch_date=None)
    theirs = actions.progress(base, text="已拨付", day=date(2024, 8, 19), by=None, today=today, batch_date=None)
    merged, conflicts = merge_item(base, ours, theirs)
    assert conflicts == []
    assert merged.reviews == ours.reviews and merged.progress == theirs.progress
    assert merged.status == "pending_review"
    returned = actions.give_back(ours, day=date(2024, 8, 22), unit="区营商办", by="王五", reason="不全", today=today,
                                 reviewers=[])
    merged, conflicts = merge_item(ours, returned, ours)  # one side answered the round
    assert (conflicts, merged.reviews) == ([], returned.reviews)


def test_the_bulletin_counts_requests_awaiting_review_and_returns_by_lead_unit(shipped):
    plain = shipped("bulletin", "--period", "2024-08").stdout
    assert "Requests for sign-off" not in plain  # no request, no section: the bulletin is as it was
    settle(shipped)
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-20")
    shipped("return", "2-8", "--reason", "不全", "--by", "王五", "--date", "2024-08-22")
    shipped("request", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-25")
    shipped("request", "1-1", "--evidence", "说明", "--by", "赵六", "--date", "2024-08-26")
    shipped("return", "1-1", "--reason", "不全", "--by", "王五", "--date", "2024-08-27")
    text = shipped("bulletin", "--period", "2024-08").stdout
    section = text.split("Requests for sign-off, by lead unit\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines() == ["| Lead unit | Awaiting review | Returned |", "| --- | --- | --- |",
                                    "| 区社会事务保障局 | 0 | 1 |", "| 区财政局 | 1 | 1 |"]
    zh = shipped("bulletin", "--period", "2024-08", lang="zh").stdout
    assert "各牵头单位销号申请情况" in zh and "| 牵头部门 | 待审核 | 退回 |" in zh
