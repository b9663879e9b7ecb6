"""`ledger bulletin`: a fixture ledger with a known history, built through the CLI, and the items
listed under each heading of the August 2024 bulletin (Markdown and HTML)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

ITEMS = "items:\n" + "\n".join(
    f"""  - id: "{item_id}"
    question: 1
    text: "{text}"
    lead: {lead}
    responsible: [{lead}]
    deadline: {deadline}
    status: open
""" for item_id, text, lead, deadline in [
        ("1-1", "早已销号。", "区财政局", "2024-07-31"),
        ("1-2", "按期销号。", "区财政局", "2024-08-15"),
        ("1-3", "逾期后销号。", "区建设环保局", "2024-07-31"),
        ("1-4", "<b>本月逾期</b> & \\\"引号\\\"", "区建设环保局", "2024-08-20"),
        ("1-5", "九月逾期后延期。", "区财政局", "2024-08-31"),
        ("1-6", "有进展的长期事项。", "各园区指挥部", "ongoing"),
        ("1-7", "无进展的长期事项。", "各园区指挥部", "ongoing"),
        ("1-8", "销号后回头看重新打开。", "区财政局", "ongoing"),
        ("1-9", "两次延期。", "区建设环保局", "2024-06-30"),
        ("1-10", "七月起逾期。", "区财政局", "2024-06-30"),
        ("1-11", "九月到期。", "区财政局", "2024-09-30"),
    ])

HISTORY = [
    ["close", "1-1", "--evidence", "验收单", "--by", "张三", "--date", "2024-07-20"],
    ["close", "1-2", "--evidence", "拨付凭证", "--by", "张三", "--date", "2024-08-10"],
    ["close", "1-3", "--evidence", "现场照片", "--by", "李四", "--date", "2024-08-05"],
    ["extend", "1-5", "--to", "2024-10-31", "--reason", "资金分批", "--date", "2024-09-05"],
    ["progress", "1-6", "七月走访", "--date", "2024-07-01"],
    ["progress", "1-6", "八月走访", "--date", "2024-08-12", "--by", "王五"],
    ["progress", "1-7", "七月座谈", "--date", "2024-07-15"],
    ["close", "1-8", "--evidence", "说明", "--by", "赵六", "--date", "2024-08-03"],
    ["reopen", "1-8", "--reason", "回头看：问题反弹", "--by", "区纪检监察工委", "--date", "2024-08-25"],
    ["extend", "1-9", "--to", "2024-08-10", "--reason", "第一次", "--date", "2024-06-25"],
    ["extend", "1-9", "--to", "2024-09-30", "--reason", "第二次", "--approved-by", "区营商办", "--date", "2024-08-08"],
    ["progress", "1-11", "九月进展", "--date", "2024-09-02"],
    ["progress", "1-11", "月末进展 <i>&</i>", "--date", "2024-08-31"],
]

AUGUST = {
    "closed": ["1-8", "1-3", "1-2"],
    "became_overdue": ["1-3", "1-4"],
    "extensions": ["1-9"],
    "reopenings": ["1-8"],
    "progress": ["1-6", "1-11"],
    "still_overdue": ["1-10", "1-4"],
    "silent": ["1-7", "1-8"],
    "ranking": ["区财政局", "区建设环保局", "各园区指挥部"],
    # lit on 08-31: red overdue, yellow due today or ongoing and silent 30 days, blue due within 30 days
    "lights": ["1-10", "1-4", "1-5", "1-7", "1-8", "1-9", "1-11"],
    "scores": ["区建设环保局", "区财政局", "各园区指挥部"],  # lit in the month, most points lost first
}
ORDER = list(AUGUST)


@pytest.fixture
def ledger(small):
    led = small(ITEMS)
    for args in HISTORY:
        result = led(*args)
        assert result.exit_code == 0, (args, result.stderr)
    return led


def markdown_sections(text: str) -> dict[str, list[str]]:
    """Heading number → the first cell of every table row under it."""
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = ORDER[len(found)]
            found[current] = []
        elif current and line.startswith("| ") and not line.startswith(("| ID ", "| Rank ", "| Lead unit ", "| --- ")):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            found[current].append(cells[1] if current == "ranking" else cells[0])
    return found


def test_august_markdown_lists_exactly_the_expected_items(ledger):
    result = ledger("bulletin", "--period", "2024-08")
    assert result.exit_code == 0, result.stderr
    found = markdown_sections(result.stdout)
    found["ranking"] = found["ranking"][:-1]  # the totals row
    assert found == AUGUST


def test_august_markdown_details(ledger):
    text = ledger("bulletin", "--period", "2024-08").stdout
    assert text.startswith("# Business environment bulletin: 2024-08\n\nas of 2024-08-31\n\n"
                           "11 items: closed 3 (close-out rate 27.3%), in progress 3, open 3, overdue 2. "
                           "This month: 3 closed (2 on time, 1 late), 2 became overdue, 1 extended, 1 reopened, "
                           "2 progress notes.\n")
    assert "| 1-8 | 销号后回头看重新打开。 | 区财政局 | 2024-08-03 | ongoing | on time; reopened on 2024-08-25 | 赵六 |" in text
    assert "| 1-3 | 逾期后销号。 | 区建设环保局 | 2024-08-05 | 2024-07-31 | late | 李四 |" in text
    assert "| 1-3 | 逾期后销号。 | 区建设环保局 | 2024-07-31 | closed late on 2024-08-05 |" in text
    assert '| 1-4 | &lt;b&gt;本月逾期&lt;/b&gt; &amp; "引号" | 区建设环保局 | 2024-08-20 | still overdue |' in text
    assert "| 1-9 | 两次延期。 | 区建设环保局 | 2024-08-08 | 2024-08-10 → 2024-09-30 | 第二次 | 区营商办 |" in text
    assert "| 1-8 | 销号后回头看重新打开。 | 区财政局 | 2024-08-25 | 2024-08-03 | 回头看：问题反弹 — 区纪检监察工委 |" in text
    assert "### 区财政局: 1 overdue\n\n| ID | Feedback | Deadline | Days overdue |\n| --- | --- | --- | --- |\n" \
           "| 1-10 | 七月起逾期。 | 2024-06-30 | 62 days |\n" in text
    assert "| 1-7 | 无进展的长期事项。 | 各园区指挥部 | 2024-07-15 |" in text
    assert "| 1-8 | 销号后回头看重新打开。 | 区财政局 | none |" in text
    assert "| 1-11 | 区财政局 | 2024-08-31 | 月末进展 &lt;i&gt;&amp;&lt;/i&gt; |" in text  # no HTML let through
    # due in 30 days: 1-5 (due on the as-of day) and 1-11 (due in exactly 30 days); stale: 1-8
    assert "| 1 | 区财政局 | 6 | 2 | 2 | 0 | 4 | 1 | 2 | 1 | 33.3% |" in text
    # stale adds 1-7 (last progress 47 days before); due soon adds 1-9 (extended to 09-30)
    assert "|  | Total | 11 | 3 | 2 | 1 | 8 | 2 | 3 | 2 | 27.3% |" in text


def test_a_month_not_over_yet(ledger):
    text = ledger("bulletin", "--period", "2024-09").stdout
    assert "as of 2024-09-10 · the month is not over yet" in text
    found = markdown_sections(text)
    assert found["closed"] == []
    assert found["became_overdue"] == ["1-5"]  # its deadline ran out on 09-01, extended on 09-05
    assert "| 1-5 | 九月逾期后延期。 | 区财政局 | 2024-08-31 | extended to 2024-10-31 |" in text
    assert found["extensions"] == ["1-5"]
    assert found["progress"] == ["1-11"]


def test_a_quiet_month_and_chinese(ledger):
    text = ledger("bulletin", "--period", "2024-05", lang="zh").stdout
    assert text.startswith("# 营商环境建设通报（2024年5月）\n\n截至 2024-05-31\n")
    assert "## 一、本月销号情况（按期 0 项，逾期 0 项）\n\n本月无。\n" in text
    assert "## 八、单位排名（慢者在前）" in text
    assert "## 九、2024-05-31 亮灯情况" in text and "## 十、本月亮灯与计分（按牵头部门）" in text
    assert "。本月销号" in text  # two Chinese sentences, no space between


@pytest.mark.parametrize(("period", "why"), [("2024-13", "is not a real month"),  # 2024-8 is August (issue 15)
                                             ("August", "is not a month (write YYYY-MM, YYYY-M or 2024年8月)"),
                                             ("2024-08-01", "is not a month (write YYYY-MM, YYYY-M or 2024年8月)")])
def test_bad_period(ledger, period, why):
    result = ledger("bulletin", "--period", period)
    assert result.exit_code == 2
    assert result.stderr == f"Error: --period: {period!r} {why}\n"


class _Sections(HTMLParser):
    """The first cell of every body row, by section id; and every text node."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[str]] = {}
        self.section: str | None = None
        self.in_body = self.first_cell = False
        self.cell = 0
        self.texts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "section" and attrs.get("id") in AUGUST:
            self.section = attrs["id"]
            self.found[self.section] = []
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr":
            self.cell = 0
        elif tag == "td" and self.in_body and self.section:
            self.cell += 1
            self.first_cell = self.cell == (2 if self.section == "ranking" else 1)

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag == "td":
            self.first_cell = False

    def handle_data(self, data):
        self.texts.append(data)
        if self.first_cell and self.section:
            self.found[self.section].append(data)


def test_august_html_lists_the_same_items(ledger, tmp_path):
    target = tmp_path / "通报.html"
    result = ledger("bulletin", "--period", "2024-08", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    parser = _Sections()
    parser.feed(page)
    parser.found["ranking"] = parser.found["ranking"][:-1]
    assert parser.found == AUGUST
    # self-contained: nothing fetched, nothing run
    assert not re.search(r"(src|href)=|<script|@import|url\(", page)
    # data is escaped: the item with markup in its text shows as text
    assert "<b>本月逾期</b>" not in page
    assert "&lt;b&gt;本月逾期&lt;/b&gt; &amp; &quot;引号&quot;" in page
    assert "月末进展 &lt;i&gt;&amp;&lt;/i&gt;" in page
    for chart in ("chart-units", "chart-status", "chart-curve"):
        assert f'<svg id="{chart}"' in page
    # one bar per lead unit, with its segments
    assert page.count('<g class="bar"') == 3
    assert page.count('class="seg closed"') == 2 + 1  # two units with closed bars, the ring's closed arc


def test_html_to_stdout_in_chinese(ledger):
    result = ledger("bulletin", "--period", "2024-08", "--format", "html", lang="zh")
    assert result.stdout.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert "<title>营商环境建设通报（2024年8月）</title>" in result.stdout
    assert "各牵头部门销号进度" in result.stdout


def test_output_to_a_missing_folder(ledger, tmp_path):
    result = ledger("bulletin", "--period", "2024-08", "-o", str(tmp_path / "nowhere" / "b.md"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write ")


@pytest.mark.parametrize("period", ["2024-10", "2099-01"])
def test_a_month_not_begun_is_refused_as_a_week_is(ledger, period):
    """Found in a trial: a future month gave a whole bulletin of the current day's ledger."""
    result = ledger("bulletin", "--period", period)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"Error: --period {period} has not begun yet (today is 2024-09-10)\n")


def test_headings_are_numbered_in_chinese_past_ten():
    from ledger.render.markdown import chinese_number

    assert [chinese_number(k) for k in (1, 9, 10, 11, 12, 19, 20, 21, 35, 99)] == [
        "一", "九", "十", "十一", "十二", "十九", "二十", "二十一", "三十五", "九十九"]
