"""Forgiving input (issue 15): ids in full width or another case, unit names with stray spaces,
full-width commas in unit lists, --dept repeated, statuses in Chinese or with a dash, months as
people write them, and the bulletin of last month by default. Each accepted form through the CLI;
each refusal with its message, its exit code and every file untouched."""

from __future__ import annotations

import json

import pytest

H1 = """
  - id: "H-1"
    source: 企业家恳谈会 2024-07-10
    added: 2024-07-10
    text: "园区道路照明不足。"
    lead: 区建设环保局
    responsible: [区建设环保局, 各园区指挥部]
    deadline: 2024-12-31
    status: open
"""


@pytest.fixture
def ledger(shipped):  # type: ignore[no-untyped-def]
    """The shipped ledger with one later item, H-1, committed."""
    shipped.write_items(shipped.items_text() + H1)
    shipped.git("commit", "-qam", "H-1")
    return shipped


def diff(ledger) -> str:  # type: ignore[no-untyped-def]
    text = ledger.git("diff", "--no-color", "-U1")
    return "\n".join(line for line in text.splitlines() if not line.startswith("index ")) + "\n"


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def refused(ledger, args, code, message):  # type: ignore[no-untyped-def]
    before = ledger.snapshot()
    result = ledger(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (code, message, "")
    assert ledger.snapshot() == before
    assert ledger.git("status", "--porcelain") == ""


# ---- ids: full width and case map to the canonical id

@pytest.mark.parametrize(("typed", "canonical"), [("２-８", "2-8"), ("２－８", "2-8"), (" 2-8 ", "2-8"),
                                                  ("h-1", "H-1"), ("Ｈ－１", "H-1"), ("ｈ-１", "H-1")])
def test_show_takes_full_width_and_any_case(ledger, typed, canonical):
    shown = ledger("show", typed, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout == ledger("show", canonical, "--format", "json").stdout
    assert json.loads(shown.stdout)["id"] == canonical
    assert ledger("show", typed).stdout == ledger("show", canonical).stdout


def test_close_a_full_width_id_closes_the_item_and_commits_under_its_id(ledger):
    result = ledger("close", "２－８", "--evidence", "说明", "--by", "张三", "--commit")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("closed 2-8 on 2024-09-10 by 张三 (late)\ncommitted ")
    assert ledger.git("log", "-1", "--format=%B") == (
        "close 2-8: closed by 张三 (late)\n\nLedger-Item: 2-8\nLedger-Action: close\n\n")
    assert ledger.git("show", "--no-color", "-U1", "--format=", "HEAD").split("\n", 2)[2] == """\
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -254,3 +254,10 @@ items:
     deadline: 2024-08-31
-    status: open
+    status: closed
+    closed:
+      date: 2024-09-10
+      by: 张三
+      evidence:
+        - text: "说明"
+      late: true
+      recorded: 2024-09-10
 
"""


def test_close_in_lower_case_stores_evidence_under_the_canonical_id(ledger, tmp_path):
    proof = tmp_path / "照片.jpg"
    proof.write_bytes(b"jpeg")
    result = ledger("close", "h-1", "--evidence", str(proof), "--by", "张三")
    assert (result.exit_code, result.stdout) == (0, "closed H-1 on 2024-09-10 by 张三\n")
    assert (ledger.data / "evidence" / "H-1" / "照片.jpg").read_bytes() == b"jpeg"
    assert not (ledger.data / "evidence" / "h-1").exists()
    assert "+        - file: evidence/H-1/照片.jpg\n" in diff(ledger)
    assert ledger("check").exit_code == 0


def test_progress_extend_and_reopen_take_typed_ids(ledger):
    assert ledger("progress", "ｈ－１", "已排查路灯", "--date", "2024-09-01").stdout == "progress noted on H-1 (2024-09-01)\n"
    assert ledger("extend", "h-1", "--to", "2025-03-31", "--reason", "资金分批", "--date", "2024-09-02").stdout == (
        "extended H-1 to 2025-03-31 from 2024-09-02\n")
    assert diff(ledger) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -319,2 +319,12 @@ items:
     deadline: 2024-12-31
-    status: open
+    status: in_progress
+    progress:
+      - date: 2024-09-01
+        text: "已排查路灯"
+        recorded: 2024-09-10
+    extensions:
+      - date: 2024-09-02
+        to: 2025-03-31
+        reason: "资金分批"
+        previous: 2024-12-31
+        recorded: 2024-09-10
"""
    assert ledger("close", "Ｈ-1", "--evidence", "说明", "--by", "张三", "--date", "2024-09-05").exit_code == 0
    result = ledger("reopen", "h－1", "--reason", "回头看：路灯仍未修", "--date", "2024-09-06")
    assert (result.exit_code, result.stdout) == (0, "reopened H-1 on 2024-09-06\n")
    shown = json.loads(ledger("show", "H-1", "--format", "json").stdout)
    assert shown["status"] == "open"  # a note before the reopening does not count after it
    assert [(p["closed"]["date"], p["reopened"]["date"]) for p in shown["history"]] == [("2024-09-05", "2024-09-06")]


def test_log_takes_typed_ids(ledger):
    assert ledger("close", "2-8", "--evidence", "说明", "--by", "张三", "--commit").exit_code == 0
    canonical = ledger("log", "2-8", "--format", "json")
    assert [e["message"] for e in json.loads(canonical.stdout)] == ["close 2-8: closed by 张三 (late)", "initial ledger"]
    assert ledger("log", "２－８", "--format", "json").stdout == canonical.stdout
    assert ledger("log", "h-1").stdout == ledger("log", "H-1").stdout != ""


@pytest.mark.parametrize(("args", "message"), [
    (["show", "２-８８"], "Error: unknown item '2-88'; nearest: 2-8, 2-9, 2-7\n"),
    (["show", "H_1"], "Error: unknown item 'H_1'; nearest: H-1\n"),
    (["close", "ｈ－２", "--evidence", "x", "--by", "张三"], "Error: unknown item 'h-2'; nearest: 2-2, 1-2, 1-12\n"),
    (["progress", "X", "对接"], "Error: unknown item 'X'\n"),
    (["log", "ｈ－９"], "Error: unknown item 'h-9'; nearest: 2-9, 1-9\n"),
])
def test_an_id_that_still_does_not_match_is_refused_never_guessed(ledger, args, message):
    refused(ledger, args, 1, message)


def test_two_ids_differing_only_by_case_are_never_chosen_between(ledger):
    ledger.write_items(ledger.items_text() + H1.replace('"H-1"', '"h-1"').replace("园区道路", "厂区道路"))
    ledger.git("commit", "-qam", "h-1 by hand")
    refused(ledger, ["close", "Ｈ-1", "--evidence", "x", "--by", "张三"], 1,
            "Error: 'Ｈ-1' could be any of H-1, h-1: type the id exactly\n")
    assert json.loads(ledger("show", "h-1", "--format", "json").stdout)["text"] == "厂区道路照明不足。"


ADD = ["--source", "企业家恳谈会 2024-07-10", "--text", "园区绿化缺管护。", "--lead", "区建设环保局",
       "--responsible", "区建设环保局", "--deadline", "ongoing"]


@pytest.mark.parametrize(("new", "existing"), [("h-1", "H-1"), ("ｈ－１", "H-1"), ("ｈ-1", "H-1"), (" h-1", "H-1")])
def test_add_refuses_an_id_differing_from_one_only_by_case_or_width(ledger, new, existing):
    refused(ledger, ["add", "--id", new, *ADD], 1,
            f"Error: --id {new}: item {existing} already exists (ids that differ only in case or width are one id)\n")


@pytest.mark.parametrize(("new", "existing"), [("２－８", "2-8"), ("Ｈ－１", "H-1"), (" 2-8 ", "2-8")])
def test_add_refuses_a_full_width_copy_of_an_existing_id(ledger, new, existing):
    refused(ledger, ["add", "--id", new, *ADD], 1, f"Error: item {existing} already exists\n")


def test_add_reads_a_full_width_id_as_ascii(ledger):
    result = ledger("add", "--id", "Ｈ－２", *ADD)
    assert (result.exit_code, result.stdout) == (0, "added H-2\n")
    assert '+  - id: "H-2"\n' in diff(ledger)
    assert ledger("check").exit_code == 0


# ---- unit names: spaces around them, full-width commas, --dept repeated

def test_add_ignores_spaces_around_units_and_reads_full_width_commas(ledger):
    result = ledger("add", "--id", "H-2", "--source", "12345 热线", "--text", "园区绿化缺管护。",
                    "--lead", "区建设环保局\u3000", "--responsible", " 区建设环保局 ，各园区指挥部、区发改局 ",
                    "--responsible", "市园投集团,", "--deadline", "ongoing")
    assert (result.exit_code, result.stderr) == (0, "")
    assert diff(ledger) == """\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -320 +320,10 @@ items:
     status: open
+
+  - id: "H-2"
+    source: 12345 热线
+    added: 2024-09-10
+    text: "园区绿化缺管护。"
+    lead: 区建设环保局
+    responsible: [区建设环保局, 各园区指挥部, 区发展改革局, 市园投集团]
+    deadline: ongoing
+    status: open
"""


@pytest.mark.parametrize(("typed", "name"), [("区营商办 ", "区营商办"), ("\u3000区营商办\u3000", "区营商办"),
                                             (" 财政局", "财政局"), ("区财政局\t", "区财政局")])
def test_list_ignores_spaces_around_a_unit(ledger, typed, name):
    for option in ("--dept", "--lead"):
        found = ids(ledger("list", option, typed, "--format", "json"))
        assert found and found == ids(ledger("list", option, name, "--format", "json"))


@pytest.mark.parametrize(("args", "message"), [
    (["list", "--dept", "区发改 "], "Error: --dept: unknown unit '区发改'; did you mean 区发改局, 发改局, 区发展改革局?\n"),
    (["list", "--dept", " ", "--dept", "\u3000"], "Error: --dept: unknown unit ''\n"),  # blank is no unit, not all
    (["list", "--lead", "\u3000区税务局"],
     "Error: --lead: unknown unit '区税务局'; did you mean 区经济商务局, 区财政局, 区社会事务保障局?\n"),
    (["add", "--id", "H-2", *ADD[:-4], "--responsible", "区建设环保局，区税务局 ", "--deadline", "ongoing"],
     "Error: --responsible: unknown unit '区税务局'; did you mean 区经济商务局, 区财政局, 区社会事务保障局?\n"),
])
def test_an_unknown_unit_still_gets_a_hint_never_a_guess(ledger, args, message):
    refused(ledger, args, 2, message)


def test_dept_is_repeatable(ledger):
    finance = ids(ledger("list", "--dept", "区财政局", "--format", "json"))
    business = ids(ledger("list", "--dept", "区营商办", "--format", "json"))
    both = ids(ledger("list", "--dept", "区财政局", "--dept", "区营商办", "--format", "json"))
    assert finance == ["2-7", "2-8"] and len(business) > 2
    everything = ids(ledger("list", "--format", "json"))
    assert both == [i for i in everything if i in finance or i in business]  # either unit, in ledger order
    assert ids(ledger("list", "--dept", "区财政局，区营商办", "--format", "json")) == both
    assert ids(ledger("list", "--dept", "区财政局", "--dept", "财政局", "--format", "json")) == finance
    assert ids(ledger("list", "--dept", "区财政局", "--dept", "区营商办", "--lead", "区财政局", "--format",
                      "json")) == ["2-8"]


# ---- statuses in Chinese, with a dash, in any case

def test_status_in_chinese_and_with_a_dash(ledger):
    assert ledger("close", "2-8", "--evidence", "说明", "--by", "张三").exit_code == 0
    assert ledger("progress", "1-1", "对接").exit_code == 0
    everything = ids(ledger("list", "--format", "json"))
    for typed, expected in [("已销号", ["2-8"]), ("closed", ["2-8"]), ("Closed", ["2-8"]),
                            ("in-progress", ["1-1"]), ("整改中", ["1-1"]), ("In_Progress", ["1-1"]),
                            ("未整改", [i for i in everything if i not in ("1-1", "2-8")])]:
        assert ids(ledger("list", "--status", typed, "--format", "json")) == expected, typed
    assert ids(ledger("list", "--status", "已销号", "--format", "json", lang="zh")) == ["2-8"]


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "Invalid value for --status: use open, in_progress, pending_review or closed (also in-progress, 未整改, "
           "整改中, 待审核, 已销号)"),
    ("zh", "用 open、in_progress、pending_review 或 closed（也可写 in-progress、未整改、整改中、待审核、已销号）"),
])
@pytest.mark.parametrize("typed", ["done", "未销号", "inprogress"])
def test_an_unknown_status_is_a_usage_error_naming_the_accepted_values(ledger, lang, message, typed):
    before = ledger.snapshot()
    result = ledger("list", "--status", typed, lang=lang)
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr and len(result.stderr.strip().splitlines()) <= 6
    assert "Traceback" not in result.stderr
    assert ledger.snapshot() == before


# ---- months as people write them; the bulletin of last month by default

@pytest.mark.parametrize("typed", ["2024年8月", "2024-8", "2024年08月", "２０２４－０８", "2024/8", " 2024-08 "])
def test_bulletin_period_as_people_write_it(ledger, typed):
    expected = ledger("bulletin", "--period", "2024-08")
    assert expected.exit_code == 0 and expected.stdout.startswith("# Business environment bulletin: 2024-08\n")
    result = ledger("bulletin", "--period", typed)
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", expected.stdout)


@pytest.mark.parametrize(("today", "month"), [("2024-09-10", "2024-08"), ("2024-09-01", "2024-08"),
                                              ("2025-01-05", "2024-12")])
def test_bulletin_without_period_is_last_month(ledger, today, month):
    result = ledger("bulletin", today=today)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == ledger("bulletin", "--period", month, today=today).stdout
    assert result.stdout.startswith(f"# Business environment bulletin: {month}\n")
    year, mon = month.split("-")
    zh = ledger("bulletin", today=today, lang="zh").stdout
    assert zh.startswith(f"# 营商环境建设通报（{year}年{int(mon)}月）\n")


def test_bulletin_without_period_to_a_file(ledger, tmp_path):
    target = tmp_path / "通报.html"
    result = ledger("bulletin", "-o", str(target))
    assert (result.exit_code, result.stderr) == (0, f"wrote {target}\n")
    assert "2024-08" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("typed", "message"), [
    ("2024-13", "Error: --period: '2024-13' is not a real month\n"),
    ("2024年0月", "Error: --period: '2024年0月' is not a real month\n"),
    ("August", "Error: --period: 'August' is not a month (write YYYY-MM, YYYY-M or 2024年8月)\n"),
    ("2024-08-01", "Error: --period: '2024-08-01' is not a month (write YYYY-MM, YYYY-M or 2024年8月)\n"),
    ("8月", "Error: --period: '8月' is not a month (write YYYY-MM, YYYY-M or 2024年8月)\n"),
])
def test_a_nonsense_period_is_refused_with_one_line(ledger, tmp_path, typed, message):
    target = tmp_path / "通报.md"
    refused(ledger, ["bulletin", "--period", typed, "-o", str(target)], 2, message)
    assert not target.exists()


def test_a_nonsense_period_in_chinese(ledger):
    result = ledger("bulletin", "--period", "2024-13", lang="zh")
    assert (result.exit_code, result.stderr) == (2, "错误: --period：'2024-13' 不是有效月份\n")
