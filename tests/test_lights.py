"""Lights (亮灯, issue 13 item 2): ``ledger lights``, ``list --light``, the report's counts and the bulletin's section."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

LIGHT_KEYS = ["id", "light", "reason", "lead", "deadline"]

ITEMS = """\
items:
  - id: "1-1"
    question: 1
    text: "审批时限过长。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-08-31
    status: open

  - id: "1-2"
    question: 1
    text: "园区道路破损。"
    lead: 区建设环保局
    responsible: [区建设环保局, 区财政局]
    deadline: 2024-08-01
    status: open

  - id: "1-3"
    question: 1
    text: "企业诉求响应慢。"
    lead: 各园区指挥部
    responsible: [各园区指挥部]
    deadline: ongoing
    status: in_progress
    progress:
      - date: 2024-07-01
        text: "走访企业。"

  - id: "1-4"
    question: 1
    text: "停车位不足。"
    lead: 区建设环保局
    responsible: [区建设环保局]
    deadline: 2024-09-20
    status: open

  - id: "1-5"
    question: 1
    text: "希望出台更多便企措施。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-12-31
    status: open

  - id: "1-6"
    question: 1
    text: "办事指南不清楚。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-08-31
    status: closed
    closed:
      date: 2024-08-20
      by: 区营商办
      evidence:
        - text: "验收报告"

  - id: "1-7"
    question: 1
    text: "拖欠企业款项。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-12-31
    status: in_progress
    reviews:
      - request:
          date: 2024-08-01
          unit: 区财政局
          by: 张三
          evidence:
            - text: "整改报告"
        outcome:
          decision: returned
          date: 2024-08-05
          unit: 区建设环保局
          by: 李四
          reason: "材料不全"
"""


def _json(result):  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _by_light(records: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in records:
        out.setdefault(r["light"], []).append(r["id"])
    return out


# ----------------------------------------------------------------------------- the "done when", on the shipped data

ONGOING = ["1-2", "1-3", "1-4", "1-5", "1-8", "1-9", "1-12", "1-13", "1-15", "1-16", "1-17", "1-18",
           "2-2", "2-3", "2-4", "2-5", "2-6", "2-9", "2-11", "2-12", "2-13", "2-14", "2-15"]
DUE_0831 = ["1-1", "1-10", "1-11", "1-14", "2-1", "2-8", "2-10"]


def test_shipped_lights_on_2024_08_25(shipped):
    records = _json(shipped("lights", "--as-of", "2024-08-25", "--format", "json"))
    assert all(list(r)[:5] == LIGHT_KEYS for r in records)
    assert _by_light(records) == {"red": ["1-6", "1-7"], "yellow": DUE_0831 + ONGOING}
    one = next(r for r in records if r["id"] == "1-1")
    assert {k: one[k] for k in [*LIGHT_KEYS, "days_left", "detail"]} == {
        "id": "1-1", "light": "yellow", "reason": "due_soon", "lead": "区社会事务保障局", "deadline": "2024-08-31",
        "days_left": 6, "detail": "6 days left"}
    six = next(r for r in records if r["id"] == "1-6")
    assert (six["reason"], six["days_overdue"], six["deadline"]) == ("overdue", 56, "2024-06-30")
    silent = next(r for r in records if r["id"] == "2-2")
    assert (silent["reason"], silent["days_silent"], silent["deadline"]) == ("silent", None, "ongoing")


def test_shipped_lights_on_2024_08_05(shipped):
    records = _json(shipped("lights", "--as-of", "2024-08-05", "--format", "json"))
    lit = _by_light(records)
    assert lit["red"] == ["1-6", "1-7"]
    assert lit["blue"] == DUE_0831
    assert "2-7" not in [r["id"] for r in records]  # green: not listed
    one = next(r for r in records if r["id"] == "1-1")
    assert (one["light"], one["reason"], one["days_left"]) == ("blue", "due_soon", 26)
    green = _json(shipped("list", "--light", "green", "--as-of", "2024-08-05", "--format", "json"))
    assert [(r["id"], r["light"], r["deadline"]) for r in green] == [("2-7", "green", "2024-12-31")]


# ----------------------------------------------------------------------------- ledger lights on a small ledger

def test_lights_json_lists_red_yellow_blue_with_reasons(small):
    led = small(ITEMS)
    records = _json(led("lights", "--as-of", "2024-08-25", "--format", "json"))
    assert [(r["id"], r["light"], r["reason"], r["detail"]) for r in records] == [
        ("1-2", "red", "overdue", "overdue by 24 days"),
        ("1-1", "yellow", "due_soon", "6 days left"),
        ("1-3", "yellow", "silent", "ongoing, no progress note for 55 days"),
        ("1-7", "yellow", "returned", "returned, not requested again"),
        ("1-4", "blue", "due_soon", "26 days left"),
    ]


def test_lights_on_earlier_days_read_the_history_of_that_day(small):
    led = small(ITEMS)
    records = _json(led("lights", "--as-of", "2024-08-04", "--format", "json"))  # 1-7: requested, not returned yet
    assert [(r["id"], r["light"], r["reason"]) for r in records] == [
        ("1-2", "red", "overdue"), ("1-3", "yellow", "silent"), ("1-1", "blue", "due_soon"), ("1-6", "blue", "due_soon")]
    before = _json(led("lights", "--as-of", "2024-07-31", "--format", "json"))  # 1-3: 30 days silent; 1-1: 31 left
    assert [(r["id"], r["light"], r["detail"]) for r in before] == [("1-2", "yellow", "1 day left")]


def test_lights_unit_keeps_the_items_it_leads_or_shares(small):
    led = small(ITEMS)
    records = _json(led("lights", "--as-of", "2024-08-25", "--unit", "财政局", "--format", "json"))
    assert [r["id"] for r in records] == ["1-2", "1-1", "1-7"]  # 1-2: responsible; the others: lead


def test_lights_unknown_unit_is_a_usage_error_and_changes_nothing(small):
    led = small(ITEMS)
    before = led.snapshot()
    result = led("lights", "--unit", "财政")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith("Error: --unit: unknown unit '财政'")
    assert led.snapshot() == before


def test_lights_bad_as_of_is_a_usage_error(small):
    led = small(ITEMS)
    before = led.snapshot()
    result = led("lights", "--as-of", "2024-13-01")
    assert result.exit_code == 2
    assert "--as-of" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert led.snapshot() == before


def test_lights_table_fits_and_says_the_counts(small):
    led = small(ITEMS)
    result = led("lights", "--as-of", "2024-08-25", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert result.stdout == TABLE_EN
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_lights_table_in_chinese(small):
    led = small(ITEMS)
    result = led("lights", "--as-of", "2024-08-25", lang="zh", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert result.stdout == TABLE_ZH


def test_lights_nothing_lit(small):
    led = small(ITEMS)
    result = led("lights", "--as-of", "2024-05-01", "--unit", "区财政局")
    assert result.exit_code == 0
    assert result.stdout == "no red, yellow or blue items · as of 2024-05-01\n"


def test_lights_csv_and_markdown(small):
    led = small(ITEMS)
    result = led("lights", "--as-of", "2024-08-25", "--unit", "区建设环保局", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows == [["id", "light", "deadline", "lead", "detail", "text"],
                    ["1-2", "red", "2024-08-01", "区建设环保局", "overdue by 24 days", "园区道路破损。"],
                    ["1-4", "blue", "2024-09-20", "区建设环保局", "26 days left", "停车位不足。"]]
    md = led("lights", "--as-of", "2024-08-25", "--unit", "区建设环保局", "--format", "markdown", lang="zh")
    assert md.exit_code == 0
    assert md.stdout == (
        "| 编号 | 亮灯 | 整改时限 | 牵头部门 | 理由 | 反馈问题 |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| 1-2 | 红灯 | 2024-08-01 | 区建设环保局 | 逾期24天 | 园区道路破损。 |\n"
        "| 1-4 | 蓝标 | 2024-09-20 | 区建设环保局 | 剩26天 | 停车位不足。 |\n")


# ----------------------------------------------------------------------------- thresholds from settings.yaml

def test_thresholds_come_from_settings(small):
    led = small(ITEMS)
    (led.data / "settings.yaml").write_text("lights:\n  yellow_days: 3\n  blue_days: 7\n  silent_days: 60\n",
                                           encoding="utf-8")
    records = _json(led("lights", "--as-of", "2024-08-25", "--format", "json"))
    assert [(r["id"], r["light"]) for r in records] == [("1-2", "red"), ("1-7", "yellow"), ("1-1", "blue")]


@pytest.mark.parametrize(("text", "message"), [
    ("lights:\n  yellow_days: -1\n", "data/settings.yaml:1: lights: yellow_days: must be a whole number of days, "
                                     "0 or more"),
    ("lights:\n  amber_days: 3\n", "data/settings.yaml:1: lights: amber_days: unknown; use yellow_days, blue_days, "
                                   "silent_days"),
    ("lights:\n  yellow_days: 40\n", "data/settings.yaml:1: lights: yellow_days must not be more than blue_days"),
    ("points: 3\n", "data/settings.yaml:1: points: must be a mapping of second_yellow, red"),
])
def test_bad_light_settings_are_one_line_and_change_nothing(small, text, message):
    led = small(ITEMS)
    (led.data / "settings.yaml").write_text(text, encoding="utf-8")
    before = led.snapshot()
    result = led("lights", "--as-of", "2024-08-25")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: " + message
    assert led.snapshot() == before


# ----------------------------------------------------------------------------- list --light and the light key

def test_list_light_filters_and_json_has_the_light(small):
    led = small(ITEMS)
    records = _json(led("list", "--as-of", "2024-08-25", "--format", "json"))
    assert {r["id"]: r["light"] for r in records} == {"1-1": "yellow", "1-2": "red", "1-3": "yellow", "1-4": "blue",
                                                     "1-5": "green", "1-6": None, "1-7": "yellow"}
    for name, ids in [("red", ["1-2"]), ("yellow", ["1-1", "1-3", "1-7"]), ("blue", ["1-4"]), ("green", ["1-5"])]:
        found = _json(led("list", "--as-of", "2024-08-25", "--light", name, "--format", "json"))
        assert [r["id"] for r in found] == ids
    both = _json(led("list", "--as-of", "2024-08-25", "--light", "yellow", "--ongoing", "--format", "json"))
    assert [r["id"] for r in both] == ["1-3"]


def test_list_light_refuses_another_colour(small):
    led = small(ITEMS)
    before = led.snapshot()
    result = led("list", "--light", "amber")
    assert result.exit_code == 2
    assert "--light" in result.stderr and "use red, yellow, blue or green" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert led.snapshot() == before


# ----------------------------------------------------------------------------- report and bulletin

def test_report_counts_lights_per_unit(small):
    led = small(ITEMS)
    rows = _json(led("report", "--as-of", "2024-08-25", "--format", "json"))
    counts = {r["unit"]: (r["red"], r["yellow"], r["blue"]) for r in rows}
    assert counts == {"区财政局": (0, 2, 0), "区建设环保局": (1, 0, 1), "各园区指挥部": (0, 1, 0), "Total": (1, 3, 1)}
    by_resp = _json(led("report", "--as-of", "2024-08-25", "--by", "responsible", "--format", "json"))
    assert {r["unit"]: (r["red"], r["yellow"], r["blue"]) for r in by_resp}["区财政局"] == (1, 2, 0)


def test_report_table_shows_the_lights_and_fits(small):
    led = small(ITEMS)
    result = led("report", "--as-of", "2024-08-25", env={"COLUMNS": "110"})
    assert result.exit_code == 0, result.output
    assert result.stdout == REPORT_EN
    narrow = led("report", "--as-of", "2024-08-25", env={"COLUMNS": "80"}).stdout  # no room: said where they are
    assert " R " not in narrow and narrow.endswith("Lights and requests for sign-off: in a wider terminal, "
                                                   "or --format csv\n")
    csv_rows = list(csv.reader(io.StringIO(led("report", "--as-of", "2024-08-25", "--format", "csv")
                                           .stdout_bytes.decode("utf-8-sig"))))
    assert csv_rows[0][-6:] == ["close_rate", "red", "yellow", "blue", "pending_review", "returned"]
    assert csv_rows[-1][-5:] == ["1", "3", "1", "0", "1"]


def test_bulletin_has_the_lights_and_the_months_score(small):
    led = small(ITEMS)
    result = led("bulletin", "--period", "2024-08", lang="zh")
    assert result.exit_code == 0, result.output
    tail = result.stdout[result.stdout.rindex("\n## ", 0, result.stdout.index("2024-08-31 亮灯情况")) + 1:]

    def unnumbered(text: str) -> str:  # other sections may come before these two: their numbers move
        return re.sub(r"(?m)^## (?:[^、\n]+、|\d+\. )", "## ", text)

    assert unnumbered(tail) == unnumbered(BULLETIN_TAIL_ZH)


def test_bulletin_html_marks_the_lit_rows(small):
    led = small(ITEMS)
    html = led("bulletin", "--period", "2024-08", "--format", "html").stdout
    assert '<section id="lights">' in html and '<section id="scores">' in html
    assert '<tr class="red"><td class="id">1-2</td>' in html


def test_points_come_from_settings(small):
    led = small(ITEMS)
    (led.data / "settings.yaml").write_text("points:\n  second_yellow: -3\n  red: -5\n", encoding="utf-8")
    result = led("bulletin", "--period", "2024-08")
    assert result.exit_code == 0, result.output
    assert "| 区建设环保局 | 1-2 | — | -5 | interview (约谈) |" in result.stdout
    assert "| 区财政局 | — | 1-1、1-7 | -3 | supervision letter (专函督办) |" in result.stdout


TABLE_EN = (
    "ID   Light   Deadline    Lead          Reason                   Feedback\n"
    "───  ──────  ──────────  ────────────  ───────────────────────  ────────────────\n"
    "1-2  red     2024-08-01  区建设环保局  overdue by 24 days       园区道路破损。\n"
    "1-1  yellow  2024-08-31  区财政局      6 days left              审批时限过长。\n"
    "1-3  yellow  ongoing     各园区指挥部  ongoing, no progress     企业诉求响应慢。\n"
    "                                       note for 55 days\n"
    "1-7  yellow  2024-12-31  区财政局      returned, not requested  拖欠企业款项。\n"
    "                                       again\n"
    "1-4  blue    2024-09-20  区建设环保局  26 days left             停车位不足。\n"
    "red 1, yellow 3, blue 1 · as of 2024-08-25\n"
)

TABLE_ZH = (
    "编号  亮灯  整改时限           牵头部门      理由               反馈问题\n"
    "────  ────  ─────────────────  ────────────  ─────────────────  ────────────────\n"
    "1-2   红灯  2024-08-01         区建设环保局  逾期24天           园区道路破损。\n"
    "1-1   黄牌  2024-08-31         区财政局      剩6天              审批时限过长。\n"
    "1-3   黄牌  立行立改，长期坚   各园区指挥部  长期坚持事项，55   企业诉求响应慢。\n"
    "            持                               天无进展记录\n"
    "1-7   黄牌  2024-12-31         区财政局      申请销号被退回，   拖欠企业款项。\n"
    "                                             尚未重新申请\n"
    "1-4   蓝标  2024-09-20         区建设环保局  剩26天             停车位不足。\n"
    "红灯 1，黄牌 3，蓝标 1 · 截至 2024-08-25\n"
)

REPORT_EN = (
    "Lead unit     Items  Closed  On time  Late  Open  Overdue  Due 30d  Stale   Rate  R  Y  B  Rev  Ret\n"
    "───────────────────────────────────────────────────────────────────────────────────────────────────\n"
    "区建设环保局      2       0        0     0     2        1        1      0   0.0%  1  0  1    0    0\n"
    "各园区指挥部      1       0        0     0     1        0        0      1   0.0%  0  1  0    0    0\n"
    "区财政局          4       1        1     0     3        0        1      0  25.0%  0  2  0    0    1\n"
    "───────────────────────────────────────────────────────────────────────────────────────────────────\n"
    "Total             7       1        1     0     6        1        2      1  14.3%  1  3  1    0    1\n"
    "as of 2024-08-25 · by lead unit, slowest first\n"
    "On time / Late: closed on time / after the deadline · Due 30d: due within 30 days\n"
    "Stale: ongoing, no progress note in 30 days\n"
    "R / Y / B: red, yellow and blue lights (ledger lights)\n"
    "Rev / Ret: requests for sign-off awaiting review / returned\n"
)

BULLETIN_TAIL_ZH = (
    "## 九、2024-08-31 亮灯情况\n"
    "\n"
    "| 编号 | 亮灯 | 反馈问题 | 牵头部门 | 整改时限 | 理由 |\n"
    "| --- | --- | --- | --- | --- | --- |\n"
    "| 1-2 | 红灯 | 园区道路破损。 | 区建设环保局 | 2024-08-01 | 逾期30天 |\n"
    "| 1-1 | 黄牌 | 审批时限过长。 | 区财政局 | 2024-08-31 | 今天到期 |\n"
    "| 1-3 | 黄牌 | 企业诉求响应慢。 | 各园区指挥部 | 立行立改，长期坚持 | 长期坚持事项，61天无进展记录 |\n"
    "| 1-7 | 黄牌 | 拖欠企业款项。 | 区财政局 | 2024-12-31 | 申请销号被退回，尚未重新申请 |\n"
    "| 1-4 | 蓝标 | 停车位不足。 | 区建设环保局 | 2024-09-20 | 剩20天 |\n"
    "\n"
    "## 十、本月亮灯与计分（按牵头部门）\n"
    "\n"
    "| 牵头部门 | 红灯 | 黄牌 | 计分 | 督办措施 |\n"
    "| --- | --- | --- | --- | --- |\n"
    "| 区建设环保局 | 1-2 | — | -2 | 约谈 |\n"
    "| 区财政局 | — | 1-1、1-7 | -1 | 专函督办 |\n"
    "| 各园区指挥部 | — | 1-3 | 0 |  |\n"
    "\n"
    "每个事项每月只计一次：当月任何一天亮红灯即计红灯，否则任何一天亮黄牌即计黄牌。"
    "计分：每个红灯 -2 分，第二个及以后每个黄牌 -1 分；亮红灯的单位约谈，两个黄牌的单位专函督办。\n"
)
