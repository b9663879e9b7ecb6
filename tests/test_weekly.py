"""The weekly scheduling report (``ledger bulletin --week``, 周调度): new, progressed and closed in an ISO
week, and newly red; Markdown (whole output) and HTML; bad weeks refused in one line (exit 2)."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.core.model import Item, ProgressNote
from ledger.reports.weekly import build_weekly, parse_week


def _week_of_work(shipped) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ["add", "--id", "H-1", "--source", "企业家恳谈会 2024-08-27", "--text", "园区道路照明不足。", "--lead", "区建设环保局",
         "--responsible", "区建设环保局", "--deadline", "2024-12-31", "--date", "2024-08-27"],
        ["progress", "1-2", "已约谈窗口人员", "--date", "2024-08-28", "--by", "李四"],
        ["progress", "1-2", "整改完成", "--date", "2024-08-30"],
        ["progress", "1-3", "已对接", "--date", "2024-08-20"],  # the week before: not listed
        ["close", "2-8", "--evidence", "说明", "--by", "张三", "--date", "2024-08-30"],
        ["extend", "1-14", "--to", "2024-09-30", "--reason", "线路调整", "--date", "2024-08-29"],
    ):
        result = shipped(*args)
        assert result.exit_code == 0, (args, result.stderr)


EXPECTED = """\
# Weekly scheduling: 2024-W35 (2024-08-26 – 2024-09-01)

as of 2024-09-01

34 items in the ledger. This week: 1 new, 1 progressed, 1 closed, 5 newly red.

## 1. New this week

| ID | Feedback | Lead | Entered on | Deadline |
| --- | --- | --- | --- | --- |
| H-1 | 园区道路照明不足。 | 区建设环保局 | 2024-08-27 | 2024-12-31 |

## 2. Progressed this week

| ID | Feedback | Lead | Progress |
| --- | --- | --- | --- |
| 1-2 | 希望服务态度可以更好点。 | 区行政审批局 | 2024-08-28 已约谈窗口人员 — 李四；2024-08-30 整改完成 |

## 3. Closed this week

| ID | Feedback | Lead | Closed on | Deadline | How | Signed off by |
| --- | --- | --- | --- | --- | --- | --- |
| 2-8 | 对于单位拖欠款项需要改进。 | 区财政局 | 2024-08-30 | 2024-08-31 | on time | 张三 |

## 4. Newly red this week (overdue)

| ID | Feedback | Lead | Deadline | Red since | Now |
| --- | --- | --- | --- | --- | --- |
| 1-1 | 市教育局的一些事情。 | 区社会事务保障局 | 2024-08-31 | 2024-09-01 | overdue by 1 day |
| 1-10 | 建议市教育局更加注重各学校教学质量的提升，减少老师非教学任务摊派。 | 区社会事务保障局 | 2024-08-31 | 2024-09-01 | overdue by 1 day |
| 1-11 | 希望市教育局加大力度监管各学校，在提升教学质量的同时，多关注学生心理健康。 | 区社会事务保障局 | 2024-08-31 | 2024-09-01 | overdue by 1 day |
| 2-1 | 市教育局的一些改变。 | 区社会事务保障局 | 2024-08-31 | 2024-09-01 | overdue by 1 day |
| 2-10 | 建议教育局加大力度监管学校补课事宜，让学生有一个良好的环境，保持心理健康，减少抑郁症的发生。 | 区社会事务保障局 | 2024-08-31 | 2024-09-01 | overdue by 1 day |
"""  # noqa: E501


def test_weekly_markdown_whole_output(shipped):
    _week_of_work(shipped)
    before = shipped.snapshot()
    result = shipped("bulletin", "--week", "2024-W35")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == EXPECTED
    assert shipped.snapshot() == before


def test_weekly_in_chinese(shipped):
    _week_of_work(shipped)
    text = shipped("bulletin", "--week", "2024-w35", lang="zh").stdout
    assert text.startswith("# 周调度：2024年第35周（8月26日—9月1日）\n\n截至 2024-09-01\n\n"
                           "台账共 34 项。本周：新增 1 项，有进展 1 项，销号 1 项，新亮红灯 5 项。\n\n## 一、本周新增\n")
    assert "## 四、本周新亮红灯（逾期）" in text and "逾期1天" in text


def test_a_week_not_over_yet(shipped):
    _week_of_work(shipped)
    result = shipped("bulletin", "--week", "2024-W36", today="2024-09-04")
    lines = result.stdout.splitlines()
    assert lines[:5] == ["# Weekly scheduling: 2024-W36 (2024-09-02 – 2024-09-08)", "",
                         "as of 2024-09-04 · the week is not over yet", "",
                         "34 items in the ledger. This week: 0 new, 0 progressed, 0 closed, 0 newly red."]
    assert result.stdout.count("None this week.") == 4


def test_weekly_html(shipped, tmp_path):
    _week_of_work(shipped)
    target = tmp_path / "周调度.html"
    result = shipped("bulletin", "--week", "2024-W35", "-o", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {target}\n")
    page = target.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert "<title>Weekly scheduling: 2024-W35 (2024-08-26 – 2024-09-01)</title>" in page
    for key in ("new", "progressed", "closed", "newly_red"):
        assert f'<section id="{key}">' in page
    assert '<tr class="overdue"><td class="id">1-1</td>' in page
    assert "http" not in page  # no network: nothing fetched


@pytest.mark.parametrize(("args", "message"), [
    (["--week", "2024-W54"], "Error: --week: '2024-W54' is not an ISO week (write YYYY-Www, such as 2024-W35)\n"),
    (["--week", "2024-W53"], "Error: --week: '2024-W53' is not an ISO week (write YYYY-Www, such as 2024-W35)\n"),
    (["--week", "2024-35"], "Error: --week: '2024-35' is not an ISO week (write YYYY-Www, such as 2024-W35)\n"),
    (["--week", "W35"], "Error: --week: 'W35' is not an ISO week (write YYYY-Www, such as 2024-W35)\n"),
    (["--week", "2024-W00"], "Error: --week: '2024-W00' is not an ISO week (write YYYY-Www, such as 2024-W35)\n"),
    (["--week", "2024-W38"], "Error: --week 2024-W38 has not begun yet (today is 2024-09-10)\n"),
    (["--week", "2024-W35", "--period", "2024-08"], "Error: --week and --period: give one of them\n"),
], ids=["w54", "w53-in-a-52-week-year", "no-w", "no-year", "w00", "future", "with-period"])
def test_bad_weeks_are_refused_in_one_line(shipped, args, message):
    before = shipped.snapshot()
    result = shipped("bulletin", *args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert shipped.snapshot() == before


def test_parse_week():
    assert parse_week("2024-W35") == ("2024-W35", date(2024, 8, 26), date(2024, 9, 1))
    assert parse_week("2020W53") == ("2020-W53", date(2020, 12, 28), date(2021, 1, 3))
    assert parse_week("2025-W01") == ("2025-W01", date(2024, 12, 30), date(2025, 1, 5))
    for bad in ("2024-W53", "2024-W0", "2024-35", "", "9999-W52"):  # 9999-W52 ends after the calendar
        with pytest.raises(ValueError):
            parse_week(bad)


def test_newly_red_is_the_day_it_turned_red():
    due = Item(id="1", text="甲。", lead="甲局", responsible=("甲局",), deadline=date(2024, 8, 28))
    before = Item(id="2", text="乙。", lead="甲局", responsible=("甲局",), deadline=date(2024, 8, 20))
    ongoing = Item(id="3", text="丙。", lead="甲局", responsible=("甲局",), deadline="ongoing",
                   progress=(ProgressNote(date(2024, 8, 27), "对接"),), status="in_progress")
    late_entry = Item(id="4", text="丁。", lead="甲局", responsible=("甲局",), deadline=date(2024, 8, 1),
                      added=date(2024, 8, 30))
    w = build_weekly([due, before, ongoing, late_entry], "2024-W35", date(2024, 9, 10), lambda item: item.added)
    assert [(r.id, r.since, r.days) for r in w.newly_red] == [("1", date(2024, 8, 29), 4),
                                                              ("4", date(2024, 8, 30), 31)]
    assert [n.id for n in w.new] == ["4"]
    assert [(p.id, p.notes) for p in w.progressed] == [("3", ((date(2024, 8, 27), "对接", None),))]
